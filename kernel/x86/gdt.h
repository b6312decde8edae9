/* The global descriptor table and the task-state segments. */
#ifndef X86_GDT_H
#define X86_GDT_H

/* Segment selectors: index * 8 | requested privilege level. */
#define SEG_KCODE   0x08
#define SEG_KDATA   0x10
#define SEG_UCODE   (0x18 | 3)
#define SEG_UDATA   (0x20 | 3)
#define SEG_TSS     0x28
#define SEG_DF_TSS  0x48        /* the double-fault task, entry 9 */
#define GDT_TLS_FIRST 6         /* entries 6, 7, 8: TLS, as in Linux i386 */

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "abi/syscall.h"

/* A segment descriptor (Intel SDM Vol. 3A, 3.4.5). */
struct gdt_entry {
    uint16_t limit_low;
    uint16_t base_low;
    uint8_t  base_mid;
    uint8_t  access;            /* present, DPL, S, type */
    uint8_t  limit_high_flags;  /* limit 19:16, then AVL, L, D/B, G */
    uint8_t  base_high;
} __attribute__((packed));

/* A 32-bit task-state segment (Intel SDM Vol. 3A, 8.2.1). */
struct tss {
    uint32_t link;
    uint32_t esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
};

void gdt_init(void);
/* Copy a process's TLS_ENTRIES descriptors into entries GDT_TLS_FIRST...,
 * and load fs and gs with the null selector. */
void gdt_set_tls(const struct gdt_entry tls[TLS_ENTRIES]);
extern int gdt_tls_in_use;      /* some TLS entry of the GDT is not empty */

/* The same at a switch, skipped when neither the GDT nor tls holds a TLS
 * descriptor (Warden's own programs): then no selector can name one. */
static inline void gdt_switch_tls(const struct gdt_entry tls[TLS_ENTRIES])
{
    if (gdt_tls_in_use || (tls[0].access | tls[1].access | tls[2].access))
        gdt_set_tls(tls);
}
/* The kernel stack the CPU switches to when ring 3 is interrupted. */
void tss_set_kernel_stack(uint32_t esp0);
/* The state the CPU saved into the main TSS when the double fault hit. */
const struct tss *tss_faulting_state(void);
#endif

#endif
