/*
 * The 8259A PICs (Intel 8259A datasheet; OSDev "8259 PIC"). The BIOS
 * leaves IRQ 0-7 on vectors 8-15, which collide with CPU exceptions, so
 * we reprogram them to vectors 0x20-0x2F.
 */
#include "kernel/x86/pic.h"
#include "kernel/x86/trap.h"
#include "kernel/x86/io.h"

#define PIC1_CMD   0x20
#define PIC1_DATA  0x21
#define PIC2_CMD   0xA0
#define PIC2_DATA  0xA1

#define ICW1_INIT_ICW4  0x11    /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086       0x01
#define OCW2_EOI        0x20
#define OCW3_READ_ISR   0x0B
#define OCW3_READ_IRR   0x0A
#define CASCADE_IRQ     2       /* the slave hangs off the master's IRQ 2 */

static uint16_t mask = 0xFFFF & ~(1 << CASCADE_IRQ);

static void write_mask(void)
{
    outb(PIC1_DATA, mask & 0xFF);
    outb(PIC2_DATA, mask >> 8);
}

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    outb(PIC1_DATA, T_IRQ0);            /* ICW2: vector base */
    outb(PIC2_DATA, T_IRQ0 + 8);
    outb(PIC1_DATA, 1 << CASCADE_IRQ);  /* ICW3: where the slave is */
    outb(PIC2_DATA, CASCADE_IRQ);
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    write_mask();
}

void pic_unmask(int irq)
{
    mask &= ~(1 << irq);
    write_mask();
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, OCW2_EOI);
    outb(PIC1_CMD, OCW2_EOI);
}

static uint8_t in_service(uint16_t cmd_port)
{
    outb(cmd_port, OCW3_READ_ISR);
    return inb(cmd_port);
}

bool pic_pending(int irq)
{
    uint16_t port = irq < 8 ? PIC1_CMD : PIC2_CMD;
    outb(port, OCW3_READ_IRR);
    return inb(port) & (1 << (irq % 8));
}

bool pic_spurious(int irq)
{
    if (irq == IRQ_SPURIOUS_MASTER)
        return !(in_service(PIC1_CMD) & 0x80);
    if (irq == IRQ_SPURIOUS_SLAVE && !(in_service(PIC2_CMD) & 0x80)) {
        outb(PIC1_CMD, OCW2_EOI);
        return true;
    }
    return false;
}
