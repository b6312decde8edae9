/* The console line of a guardian event (kernel/guard/eventline.c). */
#ifndef KERNEL_EVENTLINE_H
#define KERNEL_EVENTLINE_H

#include "abi/guard.h"

/* Write e's line: in full on the serial port, briefly on the screen. */
void eventline_print(const struct guard_event *e);

#endif
