/* Interrupt windows and preemption points: see kernel/preempt.h. */
#include "kernel/preempt.h"

void irq_window(void)
{
}

void preempt_point(void)
{
}
