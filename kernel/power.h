/* Stopping the machine, and the exit codes QEMU reports for it. */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

/*
 * Under QEMU with "-device isa-debug-exit,iobase=0xf4,iosize=0x04",
 * writing v to port 0xf4 ends QEMU with exit status (v << 1) | 1.
 * When init exits with status s the kernel writes s (QEMU exits 2s+1);
 * these two values are the kernel's own verdicts:
 */
#define POWER_PANIC       127   /* QEMU exits 255: a kernel panic */
#define POWER_INIT_FAILED 126   /* QEMU exits 253: init failed past its restart limits */

void power_off(int value) __attribute__((noreturn));

#endif
