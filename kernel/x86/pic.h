/* The two 8259A programmable interrupt controllers. */
#ifndef X86_PIC_H
#define X86_PIC_H

#include <stdbool.h>

#define IRQ_TIMER   0
#define IRQ_KBD     1
#define IRQ_COM1    4
#define IRQ_SPURIOUS_MASTER 7
#define IRQ_SPURIOUS_SLAVE  15

void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);
/* Has the PIC seen this IRQ without the CPU having taken it yet? */
bool pic_pending(int irq);
/* IRQ 7 and 15 may be spurious: the PIC raised them and then found no
 * request. Such an IRQ must not be acknowledged (a spurious IRQ 15 still
 * needs an EOI at the master, which did see a cascade request). Returns
 * true, after any EOI that is due, when the IRQ was spurious. */
bool pic_spurious(int irq);

#endif
