/*
 * The guardian decides; the process code acts. See docs/guardian.md for
 * the semantics and how they compare with systemd's Restart= and
 * Erlang/OTP supervisors.
 *
 * Per supervised process it keeps the spec, the times of the recent
 * restarts (the sliding window), the run of consecutive failures (the
 * backoff), and two deadlines: the restart delay and the watchdog.
 */
#include "kernel/guard/guardian.h"
#include "kernel/guard/guardlog.h"
#include "kernel/guard/group.h"
#include "kernel/guard/update.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/backtrace.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/timer.h"
#include "kernel/fs/file.h"
#include "kernel/trace.h"
#include "kernel/x86/pit.h"
#include "lib/policy.h"
#include "lib/string.h"
#include "abi/signal.h"
#include "abi/errno.h"

struct guard_state {
    struct guard_spec spec;
    struct proc *proc;
    struct restart_window window;
    uint32_t consecutive;       /* failures in a row, for the backoff */
    uint32_t restarts;          /* since spawn */
    uint32_t started_ms;        /* this incarnation's start */
    int last_end, last_status;  /* the last failure */
    int last_reason;
    struct deadline restart_timer;
    struct deadline watchdog;
    struct deadline stop_timer;     /* a graceful stop's SIGKILL */
    struct deadline start_timer;    /* the start timeout: ready() before it fires */
    bool ready;                 /* this incarnation called ready() */
    bool retrying;              /* gave up, waiting out spec.retry_ms */
    bool stopping;              /* its supervisor sent SIGTERM: the next end is a stop */
    bool stop_killed;           /* ... and the stop timeout ran out */
    bool counted;               /* a group holds it, this restart already counted */
};

static struct guard_state states[PROC_SLOTS];

void guardian_init(int quiet)
{
    guardlog_init(quiet);
}

int guardian_check_spec(const struct guard_spec *spec, const struct proc *supervisor)
{
    if (policy_check_spec(spec) < 0)
        return -EINVAL;
    return spec->group ? group_check_join(supervisor, spec->group) : 0;
}

uint32_t guardian_now_ms(void)
{
    return (uint32_t)(pit_ns() / 1000000);
}

static void restart_due(struct deadline *d)
{
    struct guard_state *g = DEADLINE_OWNER(d, struct guard_state, restart_timer);
    proc_restart(g->proc);
}

static void watchdog_expired(struct deadline *d)
{
    struct guard_state *g = DEADLINE_OWNER(d, struct guard_state, watchdog);
    struct proc_end how = {
        .how = END_WATCHDOG, .signal = SIGKILL, .status = W_SIGNALED(SIGKILL),
    };
    /* Where it was stuck: the registers and call chain it left ring 3
     * with. Usually another process runs now; its stack is read through
     * its own page directory. */
    backtrace_record(&how, g->proc, proc_user_frame(g->proc));
    proc_kill(g->proc, &how);
}

static void kill_for(struct proc *p, int why, int by_ancestor)
{
    struct proc_end how = { .how = why, .signal = SIGKILL, .status = W_SIGNALED(SIGKILL),
                            .by_ancestor = by_ancestor };
    proc_kill(p, &how);
}

static void start_expired(struct deadline *d)
{
    kill_for(DEADLINE_OWNER(d, struct guard_state, start_timer)->proc, END_START_TIMEOUT, 0);
}

/* The stop timeout ran out: what SIGTERM asked for, SIGKILL does. */
static void stop_expired(struct deadline *d)
{
    struct guard_state *g = DEADLINE_OWNER(d, struct guard_state, stop_timer);
    g->stop_killed = true;
    kill_for(g->proc, END_SIGNAL, 1);
}

static uint32_t stop_timeout_ms(const struct guard_spec *spec)
{
    return spec->stop_ms ? spec->stop_ms : GUARD_STOP_DEFAULT_MS;
}

void guardian_attach(struct proc *p, const struct guard_spec *spec)
{
    struct guard_state *g = &states[proc_slot(p)];
    memset(g, 0, sizeof *g);
    g->spec = *spec;
    g->proc = p;
    g->restart_timer.fire = restart_due;
    g->watchdog.fire = watchdog_expired;
    g->stop_timer.fire = stop_expired;
    g->start_timer.fire = start_expired;
    p->guard = g;
    if (spec->group)
        group_join(p, spec->group);
}

void guardian_detach(struct proc *p)
{
    if (!p->guard)
        return;
    guardian_stopped(p);
    group_leave(p);
    update_forget(p);
    p->guard = 0;
}

void guardian_started(struct proc *p)
{
    struct guard_state *g = p->guard;
    if (!g)
        return;
    g->started_ms = guardian_now_ms();
    g->retrying = false;
    if (g->spec.ready_ms)
        timer_arm(&g->start_timer, timer_tick_after_ms(g->spec.ready_ms));
    if (g->spec.heartbeat_ms)
        timer_arm(&g->watchdog, timer_tick_after_ms(g->spec.heartbeat_ms));
    update_started(p);
}

void guardian_stopped(struct proc *p)
{
    if (p->guard) {
        timer_cancel(&p->guard->watchdog);
        timer_cancel(&p->guard->restart_timer);     /* killed while backing off */
        timer_cancel(&p->guard->stop_timer);
        timer_cancel(&p->guard->start_timer);
        p->guard->ready = false;    /* the next incarnation must say so again */
    }
}

int guardian_ready(struct proc *p)
{
    struct guard_state *g = p->guard;
    if (!g || g->ready)
        return 0;
    g->ready = true;
    timer_cancel(&g->start_timer);
    update_ready(p);
    file_changed();                 /* its pidfds now poll POLLPRI */
    return 0;
}

int guardian_is_ready(const struct proc *p)
{
    return p->guard && p->guard->ready;
}

int guardian_stop_requested(struct proc *p, bool ends_now)
{
    struct guard_state *g = p->guard;
    if (!g || g->stopping)
        return 0;                   /* not supervised, or already counting down */
    g->stopping = true;
    g->stop_killed = false;
    if (p->state == P_BACKOFF) {
        /* Between incarnations: nothing runs that could clean up. */
        struct proc_end how = {
            .how = END_SIGNAL, .signal = SIGTERM, .status = W_SIGNALED(SIGTERM),
            .by_ancestor = 1,
        };
        proc_kill(p, &how);
        return 1;
    }
    if (!ends_now)
        timer_arm(&g->stop_timer, timer_tick_after_ms(stop_timeout_ms(&g->spec)));
    return 0;
}

int guardian_heartbeat(struct proc *p)
{
    struct guard_state *g = p->guard;
    if (g && g->spec.heartbeat_ms)
        timer_arm(&g->watchdog, timer_tick_after_ms(g->spec.heartbeat_ms));
    return 0;
}

/* Schedule the restart; returns the delay in ms. */
static uint32_t plan_restart(struct guard_state *g, uint32_t now)
{
    /* An incarnation that ran a whole window without failing has earned
     * a fresh start: the backoff doubling begins again. */
    if (now - g->started_ms > g->spec.window_ms)
        g->consecutive = 0;
    g->consecutive++;
    g->restarts++;
    window_add(&g->window, now);
    return policy_backoff_ms(&g->spec, g->consecutive);
}

/* Given up, but only for spec.retry_ms: then a fresh start, as after
 * spawn, with an empty window and the backoff from the beginning. */
static uint32_t plan_retry(struct guard_state *g)
{
    memset(&g->window, 0, sizeof g->window);
    g->consecutive = 0;
    g->restarts++;
    g->retrying = true;
    return g->spec.retry_ms;
}

/*
 * A restart at once ends the process's time slice: the new incarnation
 * waits at the back of the run queue (proc_trap_exit then switches away,
 * as the process is no longer P_RUNNING). So a crash loop costs the
 * others one restart per round of the queue, not a whole slice of
 * restarts; with nobody else runnable the scheduler picks it straight
 * back, and restarting costs what it did. See docs/guardian.md.
 */
static void restart_now(struct proc *p)
{
    proc_restart(p);
    if (p == current && p->state == P_RUNNING)
        sched_enqueue(p);
}

/* A stop asked with SIGTERM is over (its end, or an update's): the
 * record says when the stop timeout's SIGKILL ended it; true then. */
static bool stop_over(struct guard_state *g, struct guard_event *e)
{
    bool killed = g->stop_killed;
    if (killed) {
        e->reason = REASON_STOP_KILL;
        e->delay_ms = stop_timeout_ms(&g->spec);
    }
    g->stopping = g->stop_killed = false;
    return killed;
}

/* A live update's stop or rollback (kernel/guard/update.c): the program
 * it names starts now, outside the restart limit. */
static void updated(struct proc *p, struct guard_event *e)
{
    stop_over(p->guard, e);
    guardlog_record_of(e, p);
    guardlog_trace(p, e);
    restart_now(p);
}

int guardian_decide(struct proc *p)
{
    struct guard_state *g = p->guard;
    const struct proc_end *end = &p->end;
    bool failure = policy_is_failure(end->how, end->status, end->signal, end->by_ancestor);
    struct guard_event e;
    guardlog_event_of(&e, p);

    if (!g) {
        e.decision = DECIDE_EXIT;
        if (failure)        /* an unsupervised failure is still worth a line */
            guardlog_record_of(&e, p);
        guardlog_trace(p, &e);
        return DECIDE_EXIT;
    }
    if (failure) {
        g->last_end = end->how;
        g->last_status = end->status;
        g->last_reason = end->reason;
    }
    uint32_t now = guardian_now_ms();
    e.max_restarts = g->spec.max_restarts;
    e.window_ms = g->spec.window_ms;
    e.restarts = window_count(&g->window, now, g->spec.window_ms);

    if (update_decide(p, &e, g->stopping ||
                      policy_is_stop(end->how, end->signal, end->by_ancestor))) {
        updated(p, &e);
        return DECIDE_RESTART;
    }
    if (g->stopping) {
        /* Whatever ended it, it was asked to stop: never restarted. */
        e.decision = DECIDE_STOPPED;
        if (!stop_over(g, &e) && !(end->how == END_SIGNAL && end->signal == SIGTERM))
            e.reason = REASON_AFTER_TERM;
    } else if (policy_is_stop(end->how, end->signal, end->by_ancestor))
        e.decision = DECIDE_STOPPED;
    else if (!policy_wants_restart(g->spec.restart, failure))
        e.decision = DECIDE_EXIT;
    else if (e.restarts + 1 > g->spec.max_restarts)
        e.decision = g->spec.retry_ms ? DECIDE_RETRY_LATER : DECIDE_GAVE_UP;
    else
        e.decision = DECIDE_RESTART;

    if (e.decision == DECIDE_RESTART) {
        e.delay_ms = plan_restart(g, now);
        e.restarts++;
    }
    if (e.decision == DECIDE_RETRY_LATER)
        e.delay_ms = plan_retry(g);
    bool kept;
    struct guard_group *group = group_decide(p, &e, &kept);
    g->counted = e.decision == DECIDE_GROUP_RESTART;
    guardlog_record_of(&e, p);
    guardlog_trace(p, &e);
    if (group)
        group_act(group);           /* the strategy goes on */
    if (kept)
        return DECIDE_GROUP_RESTART;    /* its group restarts it, or ends it */
    if (e.decision == DECIDE_RETRY_LATER)
        timer_arm(&g->restart_timer, timer_tick_after_ms(e.delay_ms));
    if (e.decision == DECIDE_RESTART) {
        /* An OOM victim is ended from inside someone's allocation: its
         * restart waits for the next tick at least, so that it never
         * allocates in there (kernel/mm/oom.c). */
        if (e.delay_ms == 0 && end->how != END_OOM)
            restart_now(p);
        else
            timer_arm(&g->restart_timer,
                      timer_tick_after_ms(e.delay_ms) + (e.delay_ms == 0));
    }
    return e.decision;
}

void guardian_restart_failed(struct proc *p)
{
    struct guard_state *g = p->guard;
    struct guard_event e;
    guardlog_event_of(&e, p);              /* the end that asked for the restart */
    e.decision = DECIDE_RETRY;
    e.reason = REASON_NO_MEMORY;
    e.max_restarts = g->spec.max_restarts;
    e.window_ms = g->spec.window_ms;
    e.restarts = window_count(&g->window, guardian_now_ms(), g->spec.window_ms);
    e.delay_ms = policy_retry_ms(&g->spec, g->consecutive);
    guardlog_record(&e);
    guardlog_trace(p, &e);
    timer_arm(&g->restart_timer, timer_tick_after_ms(e.delay_ms));
}

void guardian_restart_member(struct proc *p)
{
    struct guard_state *g = p->guard;
    if (!g->counted)
        g->restarts++;
    g->counted = false;
    restart_now(p);
}

const struct guard_spec *guardian_spec(const struct proc *p)
{
    return p->guard ? &p->guard->spec : 0;
}

int guardian_is_critical(const struct proc *p)
{
    return p->guard && (p->guard->spec.flags & GUARD_CRITICAL);
}

int guardian_is_quiet(const struct proc *p)
{
    return p->guard && (p->guard->spec.flags & GUARD_QUIET);
}

void guardian_describe(const struct proc *p, struct proc_info *info)
{
    const struct guard_state *g = p->guard;
    if (!g)
        return;
    info->supervised = 1;
    info->restart = (uint8_t)g->spec.restart;
    info->restarts = g->restarts;
    info->last_end = (uint8_t)g->last_end;
    info->last_status = g->last_status;
    info->last_reason = (uint32_t)g->last_reason;
    info->ready = g->ready;
    info->on_probation = update_on_probation(p);
    group_describe(p, info);
    if (g->retrying && info->state == PSTATE_BACKOFF)
        info->state = PSTATE_RETRYING;
    if (g->spec.ready_ms && !g->ready && (info->state == PSTATE_RUNNABLE ||
        info->state == PSTATE_RUNNING || info->state == PSTATE_SLEEPING))
        info->state = PSTATE_STARTING;
}
