/*
 * Live update with rollback: a supervisor replaces the program of a
 * running service (update(), 1012). The service is stopped gracefully,
 * the new program starts in its place (same pid, supervision, kept
 * descriptors), and stays on probation until it calls ready() (when its
 * spec asks for readiness) or has run its probation time; if it ends
 * before that, the previous program starts again: "update rolled back".
 * See docs/guardian.md, "Live update".
 */
#ifndef KERNEL_UPDATE_H
#define KERNEL_UPDATE_H

#include <stdbool.h>
#include <stdint.h>
#include "abi/guard.h"

struct proc;
struct file;

/* May supervisor update p? 0, or -EPERM (not its supervisor), -EINVAL
 * (not supervised, or a probation over GUARD_MAX_MS), -EBUSY (an update
 * under way, or p is ending). */
int update_check(const struct proc *supervisor, const struct proc *p, uint32_t probation_ms);
/* update(), checked: p is to run f from now on. */
void update_request(struct proc *supervisor, struct proc *p, const struct file *f,
                    uint32_t probation_ms);
/* p's incarnation ended. An update's stop: DECIDE_UPDATE, p->file is the
 * new program; the new program's end on probation: DECIDE_ROLLBACK, the
 * old one again (e->others names the program). Else 0. The caller
 * restarts p for either. */
int update_decide(struct proc *p, struct guard_event *e, bool stopped_by_supervisor);
/* p's incarnation started, or called ready(): probation's start and end. */
void update_started(struct proc *p);
void update_ready(struct proc *p);
/* p's slot is freed, or it ended for good: any update is over. */
void update_forget(struct proc *p);
/* Is p's program a live update on probation? */
bool update_on_probation(const struct proc *p);

#endif
