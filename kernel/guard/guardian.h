/*
 * The guardian: supervision policy. When a supervised process ends, one
 * call (guardian_decide) reads its spec, its failure history and the
 * clock, records the event, and says what happens next. The mechanisms
 * it relies on (ending descendants, reloading the program, deadlines)
 * live in kernel/proc/exit.c, kernel/proc/proc.c and kernel/proc/timer.c.
 */
#ifndef KERNEL_GUARDIAN_H
#define KERNEL_GUARDIAN_H

#include <stdbool.h>
#include "abi/guard.h"

struct proc;

void guardian_init(int quiet);
/* Milliseconds since boot, to a fraction of a tick: events a tick apart
 * or less still get their true times. */
uint32_t guardian_now_ms(void);
/* May supervisor spawn a process with this spec? 0 or -errno. */
int guardian_check_spec(const struct guard_spec *spec, const struct proc *supervisor);
/* Supervise p by spec (already checked). */
void guardian_attach(struct proc *p, const struct guard_spec *spec);
/* p's slot is being freed. */
void guardian_detach(struct proc *p);
/* An incarnation of p has just started: arm its watchdog. */
void guardian_started(struct proc *p);
/* An incarnation of p has ended: disarm its timers. */
void guardian_stopped(struct proc *p);
/* p's supervisor (or an ancestor) sent it SIGTERM: the next end of this
 * incarnation is a stop, and SIGKILL follows after the spec's stop
 * timeout (unless the SIGTERM ends it now). 1 when p was between
 * incarnations and so is stopped already. */
int guardian_stop_requested(struct proc *p, bool ends_now);
/* p->end says how p's incarnation ended. Records it and returns a
 * DECIDE_*; for DECIDE_RESTART the restart is done or scheduled. */
int guardian_decide(struct proc *p);
/* p's group restarts it (kernel/guard/group.c). */
void guardian_restart_member(struct proc *p);
/* p's restart could not load its program for want of memory: record it
 * and try again after the backoff (kernel/proc/exit.c's proc_restart). */
void guardian_restart_failed(struct proc *p);
/* The spec p is supervised by, or NULL. */
const struct guard_spec *guardian_spec(const struct proc *p);
/* Does p's spec protect it from the out-of-memory choice? */
int guardian_is_critical(const struct proc *p);
/* Does p's spec ask for no console lines (GUARD_QUIET)? */
int guardian_is_quiet(const struct proc *p);
/* ready(): this incarnation of p is ready; 0 (a no-op when unsupervised
 * or already ready). Wakes the pollers of its pidfds. */
int guardian_ready(struct proc *p);
/* Has the current incarnation of p called ready()? */
int guardian_is_ready(const struct proc *p);
/* heartbeat(): p is alive; 0 */
int guardian_heartbeat(struct proc *p);
/* Fill in the supervision fields of a listing entry. */
void guardian_describe(const struct proc *p, struct proc_info *info);

#endif
