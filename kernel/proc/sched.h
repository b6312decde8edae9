/* The round-robin scheduler and the idle loop. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>

struct proc;

void sched_init(uint32_t slice_ticks);
/* Put p at the tail of the run queue. */
void sched_enqueue(struct proc *p);
void sched_remove(struct proc *p);
/* Give the CPU to the next runnable process. A current process still
 * P_RUNNING goes to the tail of the queue; one that is sleeping, backing
 * off or ended just leaves. Returns when this process runs again. */
void schedule(void);
/* Called on every tick: accounts the current slice. */
void sched_tick(void);
/* Has the current process used up its slice? */
int sched_need_resched(void);
/* Switch at the next chance, slice or not (a sleeper's time is up). */
void sched_preempt_soon(void);
/* The boot thread becomes the idle loop: run whatever is runnable, halt
 * the CPU when nothing is. Never returns. */
void sched_idle_loop(void) __attribute__((noreturn));
int sched_queue_length(void);

#endif
