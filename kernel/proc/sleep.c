/*
 * Blocking and waking. A process that must wait in the kernel (for a
 * pipe, a child, the console, a deadline) puts itself on a wait queue,
 * a list threaded through its own slot, and lets the scheduler run
 * another; whoever makes its wait worthwhile wakes the whole queue, and
 * each sleeper checks its condition again. A signal to act on also
 * wakes a sleeper (kernel/proc/signal.c), and then the sleep returns
 * -ERESTARTSYS for the system call to give up.
 */
#include "kernel/proc/proc.h"
#include "kernel/proc/sched.h"


/* A signal to act on cuts a sleep short, or stops it from starting: the
 * caller gives up and returns the restart code (kernel/proc/signal.h). */
static int interrupted(void)
{
    return signal_deliverable(current) ? -ERESTARTSYS : 0;
}

int proc_sleep_on(struct proc **waitq)
{
    struct proc *p = current;
    if (signal_deliverable(p))
        return -ERESTARTSYS;
    p->wait_next = *waitq;
    *waitq = p;
    p->waitq = waitq;
    p->state = P_SLEEPING;
    schedule();
    return interrupted();
}

/* A sleeper whose time is up runs at the next chance, not a slice
 * later: a timed wait is then late by less than a tick, whatever runs. */
static void sleep_over(struct deadline *d)
{
    proc_wake(DEADLINE_OWNER(d, struct proc, sleep_timer));
    sched_preempt_soon();
}

int proc_sleep_until(struct proc **waitq, uint64_t tick)
{
    struct proc *p = current;
    if (signal_deliverable(p))
        return -ERESTARTSYS;
    if (tick) {
        p->sleep_timer.fire = sleep_over;
        timer_arm(&p->sleep_timer, tick);
    }
    if (waitq)
        return proc_sleep_on(waitq);    /* a wake-up also cancels the timer */
    p->state = P_SLEEPING;
    schedule();
    return interrupted();
}

void proc_unblock(struct proc *p)
{
    if (p->waitq) {
        for (struct proc **q = p->waitq; *q; q = &(*q)->wait_next) {
            if (*q == p) {
                *q = p->wait_next;
                break;
            }
        }
        p->waitq = 0;
    }
    timer_cancel(&p->sleep_timer);
}

void proc_wake(struct proc *p)
{
    if (p->state != P_SLEEPING)
        return;
    proc_unblock(p);
    sched_enqueue(p);
}

void proc_wake_all(struct proc **waitq)
{
    while (*waitq)
        proc_wake(*waitq);
}
