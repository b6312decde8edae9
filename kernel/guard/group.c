/*
 * Groups and their strategies (see group.h and docs/guardian.md).
 *
 * A strategy at work is a small state machine, driven by the members'
 * ends rather than by a loop that waits:
 *
 *   member A fails ──> group_decide: which members go with it (first..last)
 *        │             the event "restarting B, C: one_for_all after A failed"
 *        v
 *   group_act: SIGTERM the last member still running ── its end comes back
 *        │     here (group_decide: held), and the next one is stopped ...
 *        v
 *   every affected member held ──> restart them all, in start order
 *                                  (after A's backoff delay, if any)
 *
 * Past the group's intensity the same stops run over every member, and
 * then the supervisor is ended with END_ESCALATED: its own supervisor
 * sees a failure, and so groups nest into trees.
 *
 * All of it runs inside the end of some process (kernel/proc/exit.c's
 * run_ends), which queues the ends it leads to, a stopped member's or the
 * supervisor's, and carries them out one after another: a member that
 * SIGTERM ends at once still comes back here only after this call has
 * returned.
 */
#include "kernel/guard/group.h"
#include "kernel/guard/guardian.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/signal.h"
#include "kernel/proc/timer.h"
#include "kernel/trace.h"
#include "lib/names.h"
#include "lib/policy.h"
#include "lib/string.h"
#include "abi/errno.h"
#include "abi/signal.h"

#define GROUPS_PER_SUPERVISOR 8     /* so one process cannot take the whole table */

enum group_action {
    GROUP_IDLE,
    GROUP_RESTARTING,           /* stopping some members, to restart them */
    GROUP_GIVING_UP,            /* stopping all, to end the supervisor */
    GROUP_ENDING,               /* the supervisor ended: stopping all, for good */
};

struct guard_group {
    struct proc *owner;                 /* the supervisor; 0: a free slot */
    struct guard_group_spec spec;
    struct restart_window window;       /* the group's restarts */
    struct proc *members[GUARD_GROUP_MEMBERS];     /* in start order */
    int count;
    enum group_action action;
    int first;                  /* the members affected: first .. count - 1 */
    int stop_next;              /* the next to stop, going down; < first: all held */
    uint32_t delay_ms;          /* before the restart: the failed member's backoff */
    bool from_oom;              /* a member ended inside someone's allocation: act later */
    struct deadline timer;      /* that delay; or, giving up, the supervisor's end */
};

struct membership {
    struct guard_group *group;
    bool held;                  /* ended; restarted (or ended) with the group */
    bool stop_sent;             /* the group sent it SIGTERM */
};

static struct guard_group groups[GUARD_GROUPS_MAX];
static struct membership membership[PROC_SLOTS];
/* How many groups each process owns: every end asks, and most own none. */
static uint8_t owned[PROC_SLOTS];

static struct membership *member(const struct proc *p)
{
    return &membership[proc_slot(p)];
}

static int index_of(const struct guard_group *grp, const struct proc *p)
{
    for (int i = 0; i < grp->count; i++)
        if (grp->members[i] == p)
            return i;
    return -1;
}

static void timer_fired(struct deadline *d);

int group_create(struct proc *supervisor, const struct guard_group_spec *spec)
{
    if (!policy_name_ok(spec->name) || spec->strategy > STRATEGY_REST_FOR_ONE ||
        spec->max_restarts > GUARD_MAX_RESTARTS || spec->window_ms == 0 ||
        spec->window_ms > GUARD_MAX_MS)
        return -EINVAL;
    struct guard_group *free_slot = 0;
    for (int i = GUARD_GROUPS_MAX - 1; i >= 0; i--)
        if (!groups[i].owner)
            free_slot = &groups[i];
    if (!free_slot || owned[proc_slot(supervisor)] >= GROUPS_PER_SUPERVISOR)
        return -EAGAIN;
    owned[proc_slot(supervisor)]++;
    memset(free_slot, 0, sizeof *free_slot);
    free_slot->owner = supervisor;
    free_slot->spec = *spec;
    free_slot->timer.fire = timer_fired;
    return (int)(free_slot - groups) + 1;
}

int group_check_join(const struct proc *supervisor, uint32_t id)
{
    if (id == 0 || id > GUARD_GROUPS_MAX || !groups[id - 1].owner)
        return -EINVAL;
    const struct guard_group *grp = &groups[id - 1];
    if (grp->owner != supervisor)
        return -EPERM;
    if (grp->count == GUARD_GROUP_MEMBERS)
        return -EAGAIN;
    return 0;
}

void group_join(struct proc *p, uint32_t id)
{
    struct guard_group *grp = &groups[id - 1];
    grp->members[grp->count++] = p;
    *member(p) = (struct membership){ .group = grp };
}

void group_leave(struct proc *p)
{
    struct guard_group *grp = member(p)->group;
    if (!grp)
        return;
    int i = index_of(grp, p);
    memmove(&grp->members[i], &grp->members[i + 1],
            (size_t)(grp->count - i - 1) * sizeof(struct proc *));
    grp->count--;
    if (i < grp->first)
        grp->first--;
    if (i <= grp->stop_next)
        grp->stop_next--;
    *member(p) = (struct membership){ 0 };
}

void group_release_owned(struct proc *supervisor)
{
    if (!owned[proc_slot(supervisor)])
        return;
    owned[proc_slot(supervisor)] = 0;
    for (int i = 0; i < GUARD_GROUPS_MAX; i++) {
        struct guard_group *grp = &groups[i];
        if (grp->owner != supervisor)
            continue;
        while (grp->count)          /* none, normally: they ended first */
            group_leave(grp->members[0]);   /* (an ancestor's end frees them in any order) */
        timer_cancel(&grp->timer);
        grp->owner = 0;
    }
}

void group_label(const struct proc *p, struct guard_event *e)
{
    const struct guard_group *grp = member(p)->group;
    if (grp) {
        strlcpy(e->group, grp->spec.name, sizeof e->group);
        e->strategy = grp->spec.strategy;
    }
}

void group_describe(const struct proc *p, struct proc_info *info)
{
    const struct guard_group *grp = member(p)->group;
    if (grp) {
        info->group_id = (uint32_t)(grp - groups) + 1;
        strlcpy(info->group, grp->spec.name, sizeof info->group);
        info->strategy = (uint8_t)grp->spec.strategy;
    }
}

/* "b, c" for the event: the affected members that will start again,
 * but the failed one (a member that never restarts is only stopped). */
static void name_others(const struct guard_group *grp, const struct proc *failed,
                        struct guard_event *e)
{
    size_t len = 0;
    for (int i = grp->first; i < grp->count; i++) {
        const char *name = grp->members[i]->name;
        if (grp->members[i] == failed ||
            guardian_spec(grp->members[i])->restart == RESTART_NEVER)
            continue;
        if (len + strlen(name) + 2 + 4 >= sizeof e->others) {
            strlcpy(e->others + len, len ? ", ..." : "...", sizeof e->others - len);
            return;
        }
        if (len)
            len = strlcpy(e->others + len, ", ", sizeof e->others - len) + len;
        len = strlcpy(e->others + len, name, sizeof e->others - len) + len;
    }
}

/* Begin stopping members first .. count - 1, the last first. */
static void begin(struct guard_group *grp, enum group_action action, int first)
{
    if (grp->action != GROUP_IDLE && grp->first <= first)
        first = grp->first;         /* already at work on more than that */
    grp->action = action;
    grp->first = first;
    grp->stop_next = grp->count - 1;
}

/* One of the members the group is stopping has ended. */
static struct guard_group *stopped_by_group(struct proc *p, struct guard_event *e, bool *keep)
{
    struct guard_group *grp = member(p)->group;
    e->decision = DECIDE_STOPPED;
    e->flags |= EVENT_BY_GROUP;
    if (grp->action == GROUP_ENDING || guardian_spec(p)->restart == RESTART_NEVER)
        group_leave(p);             /* it ends for good */
    else
        *keep = member(p)->held = true;
    return grp;
}

struct guard_group *group_decide(struct proc *p, struct guard_event *e, bool *keep)
{
    struct membership *m = member(p);
    struct guard_group *grp = m->group;
    *keep = false;
    if (!grp)
        return 0;
    group_label(p, e);
    if (m->held) {
        group_leave(p);             /* stopped again while held: for good */
        return 0;
    }
    int i = index_of(grp, p);
    if (grp->action != GROUP_IDLE && i >= grp->first)
        return stopped_by_group(p, e, keep);
    if (e->decision != DECIDE_RESTART && e->decision != DECIDE_GAVE_UP) {
        if (e->decision != DECIDE_RETRY_LATER)
            group_leave(p);         /* ends for good, or waits alone */
        return 0;
    }
    *keep = m->held = true;
    uint32_t now = guardian_now_ms();
    uint32_t done = window_count(&grp->window, now, grp->spec.window_ms);
    e->max_restarts = grp->spec.max_restarts;
    e->window_ms = grp->spec.window_ms;
    e->restarts = done;
    if (e->decision == DECIDE_GAVE_UP || done + 1 > grp->spec.max_restarts) {
        e->decision = DECIDE_ESCALATE;
        e->delay_ms = 0;
        grp->delay_ms = 0;
        grp->from_oom = e->end == END_OOM;
        begin(grp, GROUP_GIVING_UP, 0);
        return grp;
    }
    window_add(&grp->window, now);
    e->restarts = done + 1;
    if (grp->spec.strategy == STRATEGY_ONE_FOR_ONE) {
        *keep = m->held = false;    /* its own restart, counted by the group too */
        return 0;
    }
    grp->delay_ms = e->delay_ms;
    grp->from_oom = e->end == END_OOM;
    begin(grp, GROUP_RESTARTING, grp->spec.strategy == STRATEGY_ONE_FOR_ALL ? 0 : i);
    e->decision = DECIDE_GROUP_RESTART;
    name_others(grp, p, e);
    return grp;
}

/* Every affected member is held: restart them, in start order. */
static void restart_members(struct guard_group *grp)
{
    int first = grp->first;
    grp->action = GROUP_IDLE;
    for (int i = first; i < grp->count; i++) {
        struct membership *m = member(grp->members[i]);
        m->held = m->stop_sent = false;
        trace_event("group", grp->members[i], "%s restart", grp->spec.name);
        guardian_restart_member(grp->members[i]);
    }
}

/* The group gave up and its members are stopped: now its supervisor. */
static void escalate(struct guard_group *grp)
{
    struct proc_end how = {
        .how = END_ESCALATED, .signal = SIGKILL, .status = W_SIGNALED(SIGKILL),
    };
    strlcpy(how.group, grp->spec.name, sizeof how.group);
    trace_event("group", grp->owner, "%s gaveup", grp->spec.name);
    proc_kill(grp->owner, &how);
}

static void timer_fired(struct deadline *d)
{
    struct guard_group *grp = DEADLINE_OWNER(d, struct guard_group, timer);
    if (grp->action == GROUP_GIVING_UP)
        escalate(grp);
    else
        restart_members(grp);
}

/*
 * Every affected member is held: restart them, or end the supervisor
 * (an end queued by run_ends, after the member's own), now or after the
 * failed member's backoff. Not from inside an allocation, though: an
 * out-of-memory victim's group acts on the next tick, as its own restart
 * would (guardian_decide).
 */
static void all_held(struct guard_group *grp)
{
    if (grp->action == GROUP_ENDING)
        grp->action = GROUP_IDLE;   /* all stopped: the supervisor's end goes on */
    else if (grp->delay_ms || grp->from_oom)
        timer_arm(&grp->timer, timer_tick_after_ms(grp->delay_ms) + (grp->delay_ms == 0));
    else
        timer_fired(&grp->timer);
}

void group_act(struct guard_group *grp)
{
    if (grp->action == GROUP_IDLE)
        return;
    while (grp->stop_next >= grp->first) {
        struct proc *next = grp->members[grp->stop_next];
        struct membership *m = member(next);
        if (m->held) {
            grp->stop_next--;
            continue;
        }
        if (!m->stop_sent) {
            m->stop_sent = true;
            struct sig_info info = { .code = SI_KERNEL, .by_ancestor = 1 };
            signal_send(next, SIGTERM, &info);
        }
        return;                     /* its end (queued, or later) brings us back */
    }
    all_held(grp);
}

void group_stop_members(struct proc *supervisor)
{
    if (!owned[proc_slot(supervisor)])
        return;
    for (int i = 0; i < GUARD_GROUPS_MAX; i++) {
        struct guard_group *grp = &groups[i];
        if (grp->owner == supervisor && grp->count) {
            timer_cancel(&grp->timer);      /* no restart is coming now */
            begin(grp, GROUP_ENDING, 0);
            group_act(grp);
        }
    }
}

bool group_stops(const struct proc *p)
{
    const struct guard_group *grp = member(p)->group;
    return grp && grp->action == GROUP_ENDING;
}
