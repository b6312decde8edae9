/*
 * Bounding how long interrupts stay off. The kernel runs with interrupts
 * off (one CPU, no locks), so each interrupt handler is split in two:
 * the device half runs at once and only moves bytes and counts ticks;
 * the rest (firing deadlines, Ctrl-C, waking readers and writers) is
 * deferred work, run at safe points where processes may change: on every
 * return to ring 3 and in the idle loop. Long kernel loops call
 * irq_window or preempt_point between units of work, so that no path
 * keeps interrupts off for more than a bounded amount of work
 * (docs/hardening.md, "Interrupt latency").
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include <stdint.h>

/* Set by a device half when it left deferred work. */
extern volatile int irq_work_pending;

/* Run the deferred work: due deadlines, console input and output. */
void irq_deferred_work(void);

/* Let pending interrupts in for a moment. Only the device halves of the
 * handlers run there; what changes processes waits for a safe point.
 * Callable from anywhere, including a deadline's fire function. */
void irq_window(void);

/* In a system call, in process context, between units of long work: an
 * irq_window, the deferred work, then a switch to the next process if
 * the slice is used up. The caller must hold nothing half-built across
 * it. Returns 0 to go on, or -EINTR when the process is ending (killed
 * meanwhile, or freed with an ancestor): the call must stop and return. */
int preempt_point(void);
/* The kernel is up: windows may open from now on. */
void irq_windows_open(void);

/* The interrupts-off watch (kernel command-line word `irqwatch`): the
 * longest stretch with interrupts off, in TSC cycles (under QEMU's
 * -icount, instructions). irqs_off marks where a stretch starts,
 * irqs_on where it ends. */
extern int irqwatch_enabled;
void irqwatch_off(void);
void irqwatch_on(void);
uint64_t irqwatch_longest(void);

static inline void irqs_off(void)
{
    if (irqwatch_enabled)
        irqwatch_off();
}

static inline void irqs_on(void)
{
    if (irqwatch_enabled)
        irqwatch_on();
}

#endif
