/* The kernel's name and version: the boot banner and uname(2). */
#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define KERNEL_NAME    "Warden"
#define KERNEL_VERSION "0.1"
/* uname's "version": how the kernel was built (no date: builds repeat). */
#define KERNEL_BUILD   "#1 C11 freestanding, gcc " __VERSION__

#endif
