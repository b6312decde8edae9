/*
 * Groups: Erlang/OTP's restart strategies, kept by the kernel. A
 * supervisor makes a group (group_create) and spawns services into it;
 * when one member is to be restarted, the strategy says which others go
 * with it, and the group's own intensity says when the whole group has
 * failed, which ends the supervisor (END_ESCALATED). guardian.c asks the
 * questions; this file answers them and carries out the stops and
 * restarts. See docs/guardian.md, "Groups and trees".
 */
#ifndef KERNEL_GROUP_H
#define KERNEL_GROUP_H

#include <stdbool.h>
#include "abi/guard.h"

struct proc;
struct guard_group;

/* group_create(): a group owned by supervisor; its number, or -errno. */
int group_create(struct proc *supervisor, const struct guard_group_spec *spec);
/* May supervisor spawn a member into group id? 0 or -errno. */
int group_check_join(const struct proc *supervisor, uint32_t id);
/* p joins group id (checked): after the members spawned before it. */
void group_join(struct proc *p, uint32_t id);
/* p ends for good or its slot is freed: it is no longer a member. */
void group_leave(struct proc *p);
/* supervisor's incarnation ended: its groups' members are stopped, each
 * group's one at a time in reverse start order, and end for good. */
void group_stop_members(struct proc *supervisor);
/* Is p's group stopping it so (then the group, not its parent, asks)? */
bool group_stops(const struct proc *p);
/* supervisor's incarnation is over: its groups go (their members went first). */
void group_release_owned(struct proc *supervisor);

/*
 * A member's end, after its own policy decided e->decision (with
 * e->delay_ms its backoff). Fills in the group's part of the event and
 * may change the decision: DECIDE_GROUP_RESTART or DECIDE_ESCALATE when
 * the strategy takes over, DECIDE_STOPPED when the group had stopped it.
 * *keep: the group keeps p (ended, to be restarted with the others, or
 * ended for good when it gives up). Returns the group whose strategy is
 * at work, for group_act after the event's record, or NULL.
 */
struct guard_group *group_decide(struct proc *p, struct guard_event *e, bool *keep);
/* Carry the strategy on: stop the next member, or restart them all. */
void group_act(struct guard_group *grp);
/* The group's name and strategy for p's listing entry and events. */
void group_describe(const struct proc *p, struct proc_info *info);
void group_label(const struct proc *p, struct guard_event *e);

#endif
