/*
 * The deadline queue: a singly linked list sorted by tick. Arming walks
 * the list to its place (there are few pending deadlines, one per timed
 * process at most, and arming happens on a system call, not on a tick);
 * a tick pops only what is due.
 */
#include "kernel/proc/timer.h"
#include "kernel/preempt.h"
#include "kernel/x86/pit.h"

static struct deadline *queue;

void timer_arm(struct deadline *d, uint64_t tick)
{
    if (d->armed)
        timer_cancel(d);
    d->tick = tick;
    d->armed = 1;
    struct deadline **p = &queue;
    while (*p && (*p)->tick <= tick)
        p = &(*p)->next;
    d->next = *p;
    *p = d;
}

void timer_cancel(struct deadline *d)
{
    if (!d->armed)
        return;
    for (struct deadline **p = &queue; *p; p = &(*p)->next) {
        if (*p == d) {
            *p = d->next;
            break;
        }
    }
    d->armed = 0;
}

void timer_tick(uint64_t now)
{
    while (queue && queue->tick <= now) {
        struct deadline *d = queue;
        queue = d->next;
        d->armed = 0;
        d->fire(d);
        irq_window();       /* a restart is work: let the devices in */
    }
}

uint64_t timer_tick_after_ns(uint64_t ns)
{
    uint64_t tick_ns = pit_tick_ns();
    return (pit_ns() + ns + tick_ns - 1) / tick_ns;
}

uint64_t timer_tick_after_ms(uint32_t ms)
{
    return timer_tick_after_ns((uint64_t)ms * 1000000);
}
