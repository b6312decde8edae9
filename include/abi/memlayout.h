/*
 * The address-space layout, shared by the kernel and user programs.
 *
 *   0x00000000 - 0x003FFFFF  never mapped: NULL and small offsets fault
 *   0x00400000 - 0xBFFFFFFF  user space:
 *     0x08048000 -             the program, then its heap (brk), which may
 *                - 0x9FFFEFFF  grow up to USER_HEAP_TOP
 *     0x9FFFF000 - 0x9FFFFFFF  a guard page, never mapped
 *     0xA0000000 - 0xBFBFFFFF  the mmap area: mmap2 places mappings here,
 *                              the first ones at its top, growing down
 *     0xBFC00000 - 0xBFEFFFFF  never mapped: the area ends on a page
 *                              table's boundary, so an address space
 *                              with no mapping has no table in the area
 *     0xBFF00000 - 0xBFFFFFFF  the stack, ending at 0xC0000000; it grows
 *                              down on demand to 1 MiB
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
#define MMAP_BASE        0xA0000000u   /* the mmap area: [MMAP_BASE, MMAP_TOP) */
#define MMAP_TOP         0xBFC00000u   /* 3 MiB below the stack: no shared table */
#define USER_HEAP_TOP    (MMAP_BASE - 0x1000u)       /* brk stops a guard page below */
#define KERNEL_BASE      0xC0000000u
#define DIRECT_MAP_SIZE  0x30000000u   /* 768 MiB of physical memory */
#define KSTACK_AREA      0xFF000000u
#define BOOT_STACK_TOP   0xFF400000u   /* the end of the kernel-stack area */

#define PAGE_SIZE        4096u

#endif
