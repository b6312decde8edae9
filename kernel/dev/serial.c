/*
 * COM1, the 16550 UART, at 115200 baud, 8 data bits, no parity, 1 stop
 * bit (8N1). Register map and interrupt rules: National Semiconductor
 * PC16550D datasheet, tables 2 and 4; OSDev "Serial Ports".
 *
 * Output is interrupt driven: the console keeps the bytes in a ring and
 * hands the UART up to a FIFO's worth each time the transmitter reports
 * its holding register empty (THRE). serial_putc, which waits on the
 * line status register, is only for a panic.
 */
#include "kernel/dev/serial.h"
#include "kernel/x86/io.h"

#define COM1        0x3F8
#define REG_DATA    (COM1 + 0)  /* with DLAB=1: divisor low byte */
#define REG_IER     (COM1 + 1)  /* with DLAB=1: divisor high byte */
#define REG_FCR     (COM1 + 2)
#define REG_LCR     (COM1 + 3)
#define REG_MCR     (COM1 + 4)
#define REG_LSR     (COM1 + 5)

#define LCR_DLAB    0x80        /* the next two registers set the divisor */
#define LCR_8N1     0x03
#define FCR_ENABLE  0xC7        /* enable and clear FIFOs, 14-byte trigger */
#define MCR_OUT2    0x0B        /* DTR, RTS and OUT2 (gates the IRQ line) */
#define IER_RX      0x01        /* interrupt when a byte arrives */
#define IER_THRE    0x02        /* interrupt when the transmit FIFO is empty */
#define LSR_RX_READY 0x01
#define LSR_TX_EMPTY 0x20

#define UART_CLOCK_DIV_115200 1 /* 115200 / 115200 */

void serial_init(void)
{
    outb(REG_IER, 0);
    outb(REG_LCR, LCR_DLAB);
    outb(REG_DATA, UART_CLOCK_DIV_115200);
    outb(REG_IER, 0);
    outb(REG_LCR, LCR_8N1);
    outb(REG_FCR, FCR_ENABLE);
    outb(REG_MCR, MCR_OUT2);
    outb(REG_IER, IER_RX);
}

void serial_putc(char c)
{
    while (!(inb(REG_LSR) & LSR_TX_EMPTY))
        ;
    outb(REG_DATA, (uint8_t)c);
}

int serial_tx_empty(void)
{
    return (inb(REG_LSR) & LSR_TX_EMPTY) != 0;
}

void serial_tx_fifo(const char *bytes, int n)
{
    outsb(REG_DATA, bytes, (uint32_t)n);
}

void serial_tx_interrupt(int on)
{
    outb(REG_IER, IER_RX | (on ? IER_THRE : 0));
}

int serial_getc(void)
{
    if (!(inb(REG_LSR) & LSR_RX_READY))
        return -1;
    return inb(REG_DATA);
}
