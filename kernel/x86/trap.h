/*
 * The trap frame: what every interrupt, exception and system call leaves
 * on the kernel stack before C code runs. trapentry.S builds it; trap()
 * in kernel/trap.c receives a pointer to it.
 */
#ifndef X86_TRAP_H
#define X86_TRAP_H

#include <stdint.h>

/* CPU exception vectors (Intel SDM Vol. 3A, table 6-1). */
#define T_DIVIDE      0   /* #DE divide error */
#define T_DEBUG       1   /* #DB */
#define T_NMI         2
#define T_BREAKPOINT  3   /* #BP int3 */
#define T_OVERFLOW    4   /* #OF into */
#define T_BOUND       5   /* #BR bound */
#define T_INVALID_OP  6   /* #UD */
#define T_NO_FPU      7   /* #NM device not available */
#define T_DOUBLE      8   /* #DF */
#define T_INVALID_TSS 10  /* #TS */
#define T_NO_SEGMENT  11  /* #NP */
#define T_STACK       12  /* #SS */
#define T_GPF         13  /* #GP general protection */
#define T_PAGE_FAULT  14  /* #PF */
#define T_FPU_ERROR   16  /* #MF x87 error */
#define T_ALIGNMENT   17  /* #AC */
#define T_MACHINE     18  /* #MC */
#define T_SIMD        19  /* #XM SSE error */

#define T_IRQ0        0x20  /* the PICs are remapped to 0x20-0x2F */
#define T_SYSCALL     0x80

/* Page-fault error code bits (SDM Vol. 3A, 4.7). */
#define PF_PRESENT    0x1   /* 0: page not present; 1: protection */
#define PF_WRITE      0x2
#define PF_USER       0x4

struct trapframe {
    /* pushed by pushal */
    uint32_t edi, esi, ebp, esp_ignored, ebx, edx, ecx, eax;
    /* segment registers: a push writes 4 bytes, the selector in the low 2 */
    uint16_t gs, pad_gs, fs, pad_fs, es, pad_es, ds, pad_ds;
    /* pushed by the vector's stub */
    uint32_t vector;
    uint32_t error;         /* the CPU's error code, or 0 */
    /* pushed by the CPU */
    uint32_t eip;
    uint16_t cs, pad_cs;
    uint32_t eflags;
    /* pushed by the CPU only when the trap came from ring 3 */
    uint32_t user_esp;
    uint16_t user_ss, pad_ss;
};

#define EFLAGS_IF 0x200          /* interrupts enabled (SDM Vol. 1, 3.4.3) */

static inline int trap_from_user(const struct trapframe *tf)
{
    return (tf->cs & 3) == 3;
}

void idt_init(void);
const char *trap_name(uint32_t vector);

/* Defined in kernel/: the C side of every trap, and of the double fault. */
void trap(struct trapframe *tf);
void double_fault_task(void);
/* trapentry.S: pop a trap frame and iret; a new process starts here. */
void trap_return(void);

#endif
