/* COM1, the 16550 UART: the console a test harness reads. */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

/* The transmit FIFO's depth: after THRE this many bytes fit at once. */
#define SERIAL_FIFO_SIZE 16

void serial_init(void);
/* Wait until the transmitter is free, then send c (for a panic). */
void serial_putc(char c);
/* Is the transmit FIFO empty (THRE)? Then SERIAL_FIFO_SIZE bytes fit. */
int serial_tx_empty(void);
/* Put n <= SERIAL_FIFO_SIZE bytes into an empty transmit FIFO. */
void serial_tx_fifo(const char *bytes, int n);
/* Ask for an interrupt whenever the transmit FIFO runs empty (or not). */
void serial_tx_interrupt(int on);
/* Returns the next received byte, or -1 when none is waiting. */
int serial_getc(void);

#endif
