/*
 * How a process ends, and what happens next.
 *
 * An incarnation ends by exit(), by a signal from kill(), by a CPU
 * exception (kernel/trap.c hands those to proc_fault), or by its watchdog
 * (kernel/guard/guardian.c). Whatever the cause, the same steps follow, in
 * finish():
 *
 *   1. what the incarnation owned is released: address space, FPU, its
 *      place on the run queue or a wait queue, its timers;
 *   2. its children go first (no orphans, and a restarted process never
 *      finds its old children still around): a supervised child is
 *      stopped as its supervisor would stop it, SIGTERM and SIGKILL
 *      after its stop timeout, and the end waits for it ("stopping" in
 *      ps); anything else ends at once, with its own descendants;
 *   3. one call asks the guardian what to do: restart now, restart after
 *      a backoff delay, or end for good;
 *   4. ending for good makes it a zombie for its parent's waitpid, or
 *      powers the machine off when it was init.
 *
 * One end leads to others (the children asked to stop, a group's
 * members, a supervisor ended by its group), and those to more. They are
 * carried out one after another from a queue, by the outermost end
 * (run_ends), never by calls within calls: a kernel stack is one page,
 * and a family tree may be deep.
 *
 * The current process cannot tear itself down in the middle of a system
 * call or an interrupt handler, so its end is only recorded there
 * (end_pending) and carried out by proc_trap_exit on its way back to
 * ring 3, after everything else the trap had to do.
 */
#include "kernel/proc/proc.h"
#include "kernel/proc/backtrace.h"
#include "kernel/guard/guardian.h"
#include "kernel/guard/group.h"
#include "kernel/proc/sched.h"
#include "kernel/dev/console.h"
#include "kernel/power.h"
#include "kernel/panic.h"
#include "kernel/fs/file.h"
#include "kernel/x86/io.h"
#include "abi/signal.h"
#include "abi/errno.h"

extern pde_t kernel_pgdir[];

static void release_incarnation(struct proc *p)
{
    sched_remove(p);
    proc_unblock(p);
    signal_alarm_cancel(p);
    guardian_stopped(p);
    fd_close_all(p->fds);
    console_forget(p);              /* a write cut short frees the console */
    if (fpu_owner == p)
        fpu_owner = 0;
    if (p->pgdir) {
        /* Never free the directory the CPU is using: the current process's,
         * or the last one's, which the idle loop keeps loaded. */
        if (read_cr3() == V2P(p->pgdir))
            vm_activate(kernel_pgdir);
        stash_take(p);              /* its frames wait for the next start */
        vm_destroy(p->pgdir, p->image_lo, p->heap_top);
        p->pgdir = 0;
    }
}

/* What only an end for good releases: the spawn-time descriptors and
 * those fdstore added, and the stash, kept for restarts; and the news
 * goes to the process descriptors. */
static void ended_for_good(struct proc *p)
{
    fd_close_all(p->spawn_fds);
    stash_drop(p);
    pidfd_notify_end(p, p->end.status);
}

/* A process without children ends now, for good (a zombie's end is
 * known already), and its slot is freed. */
static void end_leaf(struct proc *leaf)
{
    if (leaf->state != P_ZOMBIE) {
        release_incarnation(leaf);
        leaf->end = (struct proc_end){ .how = END_SIGNAL, .signal = SIGKILL,
                                       .status = W_SIGNALED(SIGKILL), .by_ancestor = 1 };
        ended_for_good(leaf);
    }
    proc_unlink_child(leaf);
    proc_free_slot(leaf);
}

/* End every descendant of p for good: they die with their ancestor's
 * incarnation, and nobody is left to reap them, so their slots are
 * freed at once. Leaves first, found by walking down (not recursion:
 * a kernel stack is one page, and a family tree may be deep). */
static void end_descendants(struct proc *p)
{
    while (p->children) {
        struct proc *leaf = p->children;
        while (leaf->children)
            leaf = leaf->children;
        end_leaf(leaf);
    }
}

static struct proc *end_queue, **end_queue_tail = &end_queue;
static bool ending;                 /* run_ends is at work */

static void queue_end(struct proc *p)
{
    if (p->end_queued)
        return;
    p->end_queued = 1;
    p->end_next = 0;
    *end_queue_tail = p;
    end_queue_tail = &p->end_next;
}

/* Its parent is ending too and will reap nobody: p's slot goes now, and
 * the parent's end goes on when p was the last child it waited for. */
static void release_to_ending_parent(struct proc *p)
{
    struct proc *parent = p->parent;
    proc_unlink_child(p);
    proc_free_slot(p);
    if (!parent->children)
        queue_end(parent);
}

static void become_zombie(struct proc *p)
{
    if (!p->parent) {
        kprintf("init (pid %d) ended with status 0x%x: powering off\n",
                p->pid, p->end.status);
        power_off(WIFEXITED(p->end.status) ? WEXITSTATUS(p->end.status)
                                           : 128 + WTERMSIG(p->end.status));
    }
    struct proc *parent = p->parent;
    p->state = P_ZOMBIE;
    ended_for_good(p);
    if (parent->awaiting_children) {
        release_to_ending_parent(p);
        return;
    }
    if (signal_child_ended(parent, p)) {
        proc_unlink_child(p);       /* the parent wants no zombies */
        proc_free_slot(p);
    }
    proc_wake_all(&parent->child_waiters);
}

/* c and its descendants end at once (c is not supervised, or hurried). */
static void end_at_once(struct proc *c)
{
    end_descendants(c);
    end_leaf(c);
}

/* Step 2 of the top: true when no child is left to wait for. Members
 * of p's groups are stopped by their group, in reverse start order. */
static bool stop_children(struct proc *p)
{
    group_stop_members(p);
    struct proc *next;
    for (struct proc *c = p->children; c; c = next) {
        next = c->sibling;
        bool between = c->state == P_BACKOFF && !c->awaiting_children;
        if (!c->guard || between || c->state == P_ZOMBIE) {
            end_at_once(c);         /* (between incarnations: nothing to stop) */
        } else if (!group_stops(c)) {
            struct sig_info info = { .code = SI_KERNEL, .by_ancestor = 1 };
            signal_send(c, SIGTERM, &info);     /* its end, if now, is queued */
        }
    }
    return !p->children;
}

static void finish(struct proc *p)
{
    if (!p->awaiting_children) {
        release_incarnation(p);
        p->state = P_BACKOFF;       /* ended; the guardian says what next */
        if (!stop_children(p)) {
            p->awaiting_children = 1;
            return;                 /* the last child's end queues it again */
        }
    } else if (p->children) {
        return;
    }
    p->awaiting_children = 0;
    group_release_owned(p);         /* its groups were this incarnation's */
    switch (guardian_decide(p)) {
    case DECIDE_RESTART:
    case DECIDE_RETRY_LATER:
    case DECIDE_GROUP_RESTART:      /* its group restarts it, or ends it */
        break;                      /* now or after a deadline: guardian's job */
    case DECIDE_GAVE_UP:
        if (!p->parent) {
            kprintf("init failed past its restart limits: powering off\n");
            power_off(POWER_INIT_FAILED);
        }
        become_zombie(p);
        break;
    default:
        become_zombie(p);
    }
}

/* A restart's program load may use the frame reserve (kernel/mm/frame.h);
 * when even that is not enough, the guardian tries again later. */
void proc_restart(struct proc *p)
{
    int may = p->mem.may_use_reserve;
    p->mem.may_use_reserve = 1;
    int r = proc_start(p);
    p->mem.may_use_reserve = may;
    if (r < 0)
        guardian_restart_failed(p);
}

/* p's end, and every end it leads to. */
static void run_ends(struct proc *p)
{
    if (ending) {
        /* An out-of-memory victim's memory is wanted now, by whoever ran
         * out (perhaps a restart in this very run); the rest can wait. */
        if (p->end.how == END_OOM)
            release_incarnation(p);
        queue_end(p);
        return;
    }
    ending = true;
    finish(p);
    while (end_queue) {
        struct proc *q = end_queue;
        end_queue = q->end_next;
        if (!end_queue)
            end_queue_tail = &end_queue;
        q->end_queued = 0;
        if (q->state != P_FREE && q->state != P_ZOMBIE)
            finish(q);
    }
    ending = false;
}

void proc_kill(struct proc *p, const struct proc_end *how)
{
    if (p->state == P_ZOMBIE || p->state == P_FREE)
        return;
    if (p->awaiting_children) {
        /* Ended already, its children stopping: SIGKILL hurries them. */
        if (how->signal == SIGKILL) {
            for (struct proc *c = p->children; c; c = p->children)
                end_at_once(c);
            run_ends(p);
        }
        return;
    }
    p->end = *how;
    if (p == current && p->state == P_RUNNING)
        p->end_pending = 1;         /* at its return to ring 3 */
    else
        run_ends(p);
}

static void finish_if_ending(struct proc *p)
{
    if (p->end_pending && p->state != P_FREE) {
        p->end_pending = 0;
        run_ends(p);
    }
}


void proc_trap_exit_work(void)
{
    struct proc *p = current;
    finish_if_ending(p);
    /* Still P_RUNNING: carry on, or restarted in place. Anything else:
     * ended, sleeping out a backoff, or freed by an ancestor's end. */
    if (p->state != P_RUNNING || sched_need_resched())
        schedule();
    /* Back here, the process runs on: its signals come first. (A system
     * call returns a restart code only when a signal is deliverable, so
     * this also catches those; pending is tested alone first because
     * every return to ring 3 passes here.) */
    if (p->sig.pending && signal_deliverable(p)) {
        signal_deliver((struct trapframe *)(p->kstack_top - sizeof(struct trapframe)));
        finish_if_ending(p);
        if (p->state != P_RUNNING)
            schedule();
    }
}

static int signal_for_vector(uint32_t vector)
{
    switch (vector) {
    case T_DIVIDE: case T_FPU_ERROR: case T_SIMD:
        return SIGFPE;
    case T_INVALID_OP:
        return SIGILL;
    case T_DEBUG: case T_BREAKPOINT:
        return SIGTRAP;
    case T_ALIGNMENT:
        return SIGBUS;
    default:
        return SIGSEGV;
    }
}

_Static_assert(BUS_ADRALN == TRAP_BRKPT, "fault_info gives both one code");

/* What a handler learns of the fault: si_code, and si_addr. */
static struct sig_info fault_info(const struct trapframe *tf, int sig)
{
    struct sig_info info = { .code = SI_KERNEL, .addr = tf->eip };
    switch (sig) {
    case SIGSEGV:
        if (tf->vector == T_PAGE_FAULT)
            info = (struct sig_info){ .addr = read_cr2(),
                .code = (tf->error & PF_PRESENT) ? SEGV_ACCERR : SEGV_MAPERR };
        else
            info.addr = 0;          /* #GP and the like: no address, as on Linux */
        break;
    case SIGFPE:
        info.code = tf->vector == T_DIVIDE ? FPE_INTDIV : SI_KERNEL;
        break;
    case SIGILL:
        info.code = ILL_ILLOPN;
        break;
    case SIGBUS:
    case SIGTRAP:
        info.code = BUS_ADRALN;     /* #AC; or TRAP_BRKPT for int3 */
        break;
    }
    return info;
}

void proc_fault(struct trapframe *tf, int reason)
{
    struct proc *p = current;
    if (p->end_pending)
        return;                 /* already ending: e.g. chosen when memory ran out */
    int sig = signal_for_vector(tf->vector);
    struct sig_info info = fault_info(tf, sig);
    int handled = reason == REASON_NONE ? signal_fault(tf, sig, &info) : 0;
    if (handled > 0)
        return;                 /* its handler runs */
    if (handled < 0)
        sig = SIGSEGV;          /* its handler's frame did not fit */
    struct proc_end how = {
        .how = END_FAULT, .reason = reason, .signal = sig,
        .vector = tf->vector, .error = tf->error,
        .cr2 = tf->vector == T_PAGE_FAULT ? read_cr2() : 0,
    };
    how.status = W_SIGNALED(how.signal);
    backtrace_record(&how, p, tf);  /* registers and call chain, for the report */
    proc_kill(p, &how);         /* the guardian's record names the fault */
}
