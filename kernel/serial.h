/* COM1, the 16550 UART: the console a test harness reads. */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#include <stdbool.h>

void serial_init(void);
void serial_putc(char c);
/* Returns the next received byte, or -1 when none is waiting. */
int serial_getc(void);

#endif
