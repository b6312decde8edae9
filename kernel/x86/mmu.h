/*
 * x86 paging and control-register bits (Intel SDM Vol. 3A, 2.5 and 4.3),
 * usable from C and from assembly.
 */
#ifndef X86_MMU_H
#define X86_MMU_H

#define PTE_P    0x001      /* present */
#define PTE_W    0x002      /* writable */
#define PTE_U    0x004      /* user may access */
#define PTE_PS   0x080      /* in a directory entry: a 4 MiB page */
#define PTE_G    0x100      /* global: survives a CR3 reload */
#define PTE_SHARED 0x200    /* an "available" bit: the frame is not this
                               address space's to free (a cached image page) */

#define CR0_PE   0x00000001 /* protected mode */
#define CR0_MP   0x00000002 /* monitor coprocessor (FWAIT honours TS) */
#define CR0_EM   0x00000004 /* emulate FPU: must be clear to use it */
#define CR0_TS   0x00000008 /* task switched: next FPU use raises #NM */
#define CR0_NE   0x00000020 /* FPU errors raise #MF, not IRQ 13 */
#define CR0_WP   0x00010000 /* the kernel honours read-only pages too */
#define CR0_AM   0x00040000 /* ring 3 may ask for alignment checks (EFLAGS.AC) */
#define CR0_PG   0x80000000 /* paging */

#define CR4_PSE  0x00000010 /* 4 MiB pages */
#define CR4_PGE  0x00000080 /* global pages */
#define CR4_OSFXSR     0x00000200  /* FXSAVE/FXRSTOR and SSE */
#define CR4_OSXMMEXCPT 0x00000400  /* SSE errors raise #XM */

#define LARGE_PAGE_SIZE 0x400000
#define KSTACK_SIZE     4096        /* each kernel stack: one page (see docs/processes.md) */

#define PDX(va)  (((va) >> 22) & 0x3FF)   /* page directory index */
#define PTX(va)  (((va) >> 12) & 0x3FF)   /* page table index */

#endif
