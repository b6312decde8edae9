/* The console as a terminal: its settings and size, for ioctl. */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include "abi/termios.h"

/* The settings in force (at first, Linux's cooked defaults). */
const struct termios *tty_settings(void);
/* New settings, in force for the next typed byte and the next read;
 * the bytes typed and not read yet move to the new mode. */
void tty_set_settings(const struct termios *t);
/* Does a NL written by a process go out as CR NL (OPOST and ONLCR)? */
int tty_output_crlf(void);
void tty_window_size(struct winsize *w);

#endif
