/* The console as a terminal: its settings and size, for ioctl. */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include "abi/termios.h"

/* The settings last set (at first, what the console does). */
void tty_get_settings(struct termios *t);
/* Remembered and reported back; the console does not act on them yet. */
void tty_set_settings(const struct termios *t);
void tty_window_size(struct winsize *w);

#endif
