/*
 * A process's user state for a crash or hang report: its registers and
 * the call chain of its stack (docs/guardian.md, post-mortem).
 */
#ifndef KERNEL_BACKTRACE_H
#define KERNEL_BACKTRACE_H

#include "kernel/proc/proc.h"

/* Fill end's registers and call chain from tf, p's user trap frame (at a
 * fault, the fault's; for a watchdog kill, proc_user_frame(p), where p
 * last left ring 3). The stack is read through p's own page directory,
 * so p need not be the current process. */
void backtrace_record(struct proc_end *end, const struct proc *p, const struct trapframe *tf);

#endif
