/* The 8253/8254 programmable interval timer, channel 0: the tick. */
#ifndef X86_PIT_H
#define X86_PIT_H

#include <stdint.h>

#define PIT_HZ_MIN  19      /* the 16-bit divisor cannot go slower */
#define PIT_HZ_MAX  10000
#define PIT_COUNT_NS 838    /* one count of the PIT's 1.193182 MHz input */

void pit_init(uint32_t hz);
void pit_tick(void);            /* called on every IRQ 0 */
uint64_t pit_ticks(void);       /* ticks since boot */
uint32_t pit_hz(void);
uint64_t pit_ms(void);          /* monotonic milliseconds since boot */
uint64_t pit_tick_ns(void);     /* the length of a tick, in nanoseconds */
/* Nanoseconds since boot, to a fraction of a tick: the ticks counted so
 * far plus how far the PIT has counted down into the current one. */
uint64_t pit_ns(void);

#endif
