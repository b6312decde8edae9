/*
 * The address-space layout, shared by the kernel and user programs.
 *
 *   0x00000000 - 0x003FFFFF  never mapped: NULL and small offsets fault
 *   0x00400000 - 0xBFFFFFFF  user space: programs load at 0x08048000, the
 *                            heap (brk) follows them, the stack ends at
 *                            0xC0000000 and may grow down to 1 MiB
 *   0xC0000000 - 0xEFFFFFFF  kernel: a direct map of the first 768 MiB
 *                            of physical memory (kernel image included)
 *   0xFF000000 - 0xFF3FFFFF  kernel stacks, each above an unmapped guard page;
 *                            the last one (below 0xFF400000) is the boot stack
 */
#ifndef ABI_MEMLAYOUT_H
#define ABI_MEMLAYOUT_H

#define USER_BASE        0x00400000u
#define USER_TOP         0xC0000000u   /* first address past user space */
#define USER_STACK_MAX   0x00100000u   /* the stack grows on demand to 1 MiB */
#define USER_STACK_LOW   (USER_TOP - USER_STACK_MAX)
#define USER_HEAP_TOP    (USER_STACK_LOW - 0x1000u)  /* brk stops a guard page below */
#define KERNEL_BASE      0xC0000000u
#define DIRECT_MAP_SIZE  0x30000000u   /* 768 MiB of physical memory */
#define KSTACK_AREA      0xFF000000u
#define BOOT_STACK_TOP   0xFF400000u   /* the end of the kernel-stack area */

#define PAGE_SIZE        4096u

#endif
