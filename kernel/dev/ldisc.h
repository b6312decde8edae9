/* The console's line discipline (kernel/dev/ldisc.c): typed bytes, under
 * the terminal settings, become what read returns. */
#ifndef KERNEL_LDISC_H
#define KERNEL_LDISC_H

#include <stdint.h>
#include "abi/termios.h"

/* One typed byte, at a safe point (never in an interrupt handler). */
void ldisc_receive(char c);
/* The settings changed from old (kernel/dev/tty.c): a change between
 * canonical and raw moves the queue's bytes to the new mode. */
void ldisc_mode_changed(const struct termios *old);
/* Discard every byte typed and not read yet. */
void ldisc_flush(void);
/* Entries a read may take now: the complete lines (canonical), every
 * byte (raw); an end of file counts as one. */
uint32_t ldisc_readable(void);
/* The bytes of ldisc_readable, for FIONREAD. */
int ldisc_count(void);
/* Take up to n readable bytes into buf; in canonical mode no further
 * than the end of a line (*line_ended is then 1). An end of file is
 * taken only by a read's first take (first: -1, the read returns 0);
 * a later take stops before it (0). */
int ldisc_take(char *buf, uint32_t n, int first, int *line_ended);
/* The n bytes just taken go back (a read could not copy them out). */
void ldisc_give_back(uint32_t n);

/* In kernel/dev/input.c: what a reader waits for changed (wakes the
 * readers, and poll). */
void input_changed(void);

#endif
