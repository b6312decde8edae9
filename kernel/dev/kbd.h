/* The PS/2 keyboard: key presses become console input. */
#ifndef KERNEL_KBD_H
#define KERNEL_KBD_H

/* IRQ 1: read the scan code and turn it into a character, if any. */
void kbd_intr(void);

#endif
