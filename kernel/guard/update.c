/*
 * Live update (see update.h). An update goes through two phases:
 *
 *   update() ── SIGTERM, as from the supervisor ──> STOPPING
 *   its end (update_decide) ── DECIDE_UPDATE, the new program starts ──> PROBATION
 *   ready(), or the probation time run out ──> done: the new program stays
 *   its end before that ── DECIDE_ROLLBACK, the old program starts ──> done
 *
 * Neither restart counts against the service's restart limit: the first
 * is the supervisor's doing, the second undoes it. A stop asked by the
 * supervisor while on probation ends the service as any stop does, and
 * leaves the new program in place.
 */
#include "kernel/guard/update.h"
#include "kernel/guard/guardian.h"
#include "kernel/fs/initrd.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/signal.h"
#include "kernel/proc/timer.h"
#include "kernel/trace.h"
#include "lib/string.h"
#include "abi/errno.h"
#include "abi/signal.h"

enum update_phase { UPDATE_NONE, UPDATE_STOPPING, UPDATE_PROBATION };

struct update {
    struct proc *proc;
    enum update_phase phase;
    const struct file *old, *new;
    uint32_t probation_ms;
    struct deadline probation;
};

static struct update updates[PROC_SLOTS];

static struct update *update_of(const struct proc *p)
{
    return &updates[proc_slot(p)];
}

/* "svc_v2" for "/bin/svc_v2". */
static const char *program_name(const struct file *f)
{
    const char *slash = strrchr(f->path, '/');
    return slash ? slash + 1 : f->path;
}

static void probation_over(struct deadline *d)
{
    struct update *u = DEADLINE_OWNER(d, struct update, probation);
    u->phase = UPDATE_NONE;
}

int update_check(const struct proc *supervisor, const struct proc *p, uint32_t probation_ms)
{
    if (p->parent != supervisor)
        return -EPERM;
    if (!p->guard || probation_ms > GUARD_MAX_MS)
        return -EINVAL;
    if (update_of(p)->phase != UPDATE_NONE || p->awaiting_children)
        return -EBUSY;
    return 0;
}

void update_request(struct proc *supervisor, struct proc *p, const struct file *f,
                    uint32_t probation_ms)
{
    struct update *u = update_of(p);
    *u = (struct update){
        .proc = p, .phase = UPDATE_STOPPING, .old = p->file, .new = f,
        .probation_ms = probation_ms ? probation_ms : UPDATE_PROBATION_DEFAULT_MS,
        .probation.fire = probation_over,
    };
    if (p->state == P_BACKOFF) {
        /* Between incarnations: the coming restart starts the new program. */
        p->file = f;
        u->phase = UPDATE_PROBATION;
        return;
    }
    struct sig_info info = { .code = SI_USER, .pid = supervisor->pid, .by_ancestor = 1 };
    signal_send(p, SIGTERM, &info);
}

int update_decide(struct proc *p, struct guard_event *e, bool stopped_by_supervisor)
{
    struct update *u = update_of(p);
    if (u->phase == UPDATE_STOPPING) {
        p->file = u->new;
        u->phase = UPDATE_PROBATION;
        e->decision = DECIDE_UPDATE;
    } else if (u->phase == UPDATE_PROBATION && !stopped_by_supervisor) {
        timer_cancel(&u->probation);
        p->file = u->old;
        u->phase = UPDATE_NONE;
        e->decision = DECIDE_ROLLBACK;
    } else {
        update_forget(p);
        return 0;
    }
    strlcpy(e->others, program_name(p->file), sizeof e->others);
    return e->decision;
}

void update_started(struct proc *p)
{
    struct update *u = update_of(p);
    if (u->phase == UPDATE_PROBATION && !guardian_spec(p)->ready_ms)
        timer_arm(&u->probation, timer_tick_after_ms(u->probation_ms));
}

void update_ready(struct proc *p)
{
    struct update *u = update_of(p);
    if (u->phase == UPDATE_PROBATION)
        probation_over(&u->probation);
}

void update_forget(struct proc *p)
{
    struct update *u = update_of(p);
    timer_cancel(&u->probation);
    u->phase = UPDATE_NONE;
}

bool update_on_probation(const struct proc *p)
{
    return update_of(p)->phase == UPDATE_PROBATION;
}
