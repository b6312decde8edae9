/*
 * Deadlines: "call this function at tick T". One sorted queue serves
 * every timed event (a sleeper waking, a restart backoff ending, a
 * watchdog expiring), so a tick looks only at the head of the queue.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <stdint.h>

struct deadline {
    uint64_t tick;                      /* fire at this tick */
    void (*fire)(struct deadline *d);   /* called from the timer interrupt */
    struct deadline *next;
    int armed;
};

/* In a fire function: the structure that holds the deadline d as its
 * field member (a deadline is always part of something bigger). */
#define DEADLINE_OWNER(d, type, member) \
    ((type *)((char *)(d) - __builtin_offsetof(type, member)))

void timer_arm(struct deadline *d, uint64_t tick);
void timer_cancel(struct deadline *d);
/* Called on every tick: fires the deadlines that are due. */
void timer_tick(uint64_t now);
/* The first tick at or after now + ms milliseconds, measured from the
 * precise current time (not from the last tick), so a deadline is never
 * early and at most one tick late. */
uint64_t timer_tick_after_ms(uint32_t ms);
uint64_t timer_tick_after_ns(uint64_t ns);

#endif
