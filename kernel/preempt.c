/*
 * Interrupt windows, deferred work and the interrupts-off watch: see
 * kernel/preempt.h.
 */
#include "kernel/preempt.h"
#include "kernel/dev/console.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/proc.h"
#include "abi/errno.h"
#include "kernel/proc/timer.h"
#include "kernel/x86/pit.h"
#include "kernel/x86/io.h"

volatile int irq_work_pending;
int irqwatch_enabled;
static int windows_open;        /* once the kernel is up (see irq_window) */
static uint64_t off_since, longest;


void irq_deferred_work(void)
{
    while (irq_work_pending) {
        irq_work_pending = 0;
        timer_tick(pit_ticks());
        console_catch_up();
    }
}

void irq_window(void)
{
    /* Before the first process runs, the interrupt controllers and the
     * handlers may not be ready: boot is short and keeps them off. */
    if (!windows_open)
        return;
    irqs_on();
    sti();
    __asm__ volatile("nop");    /* sti takes effect after the next instruction */
    cli();
    irqs_off();
}

int preempt_point(void)
{
    irq_window();
    if (irq_work_pending)
        irq_deferred_work();
    if (current->end_pending || current->state != P_RUNNING)
        return -EINTR;
    if (sched_need_resched())
        schedule();
    return current->end_pending ? -EINTR : 0;
}

void irq_windows_open(void)
{
    windows_open = 1;
    off_since = rdtsc();        /* the watch starts here, not at boot */
}

void irqwatch_off(void)
{
    off_since = rdtsc();
}

void irqwatch_on(void)
{
    uint64_t stretch = rdtsc() - off_since;
    if (stretch > longest)
        longest = stretch;
}

uint64_t irqwatch_longest(void)
{
    return longest;
}
