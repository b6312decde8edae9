/*
 * Signals: who may signal whom, and what a signal does.
 *
 * A process may signal only itself and its descendants: upward and
 * sideways signals are a supervisor's business (kill's rule here, not
 * Linux's). What the signal then does is Linux's: the target's
 * disposition says ignore it, end the process (the default of most
 * signals), or run a handler.
 *
 *   - Ending is done at once, by proc_kill, as before handlers existed;
 *     the guardian then decides whether that end was a deliberate stop
 *     (SIGTERM or SIGKILL from an ancestor) or a failure.
 *   - A handled or blocked signal becomes pending; a sleeping target is
 *     woken (its system call returns -ERESTARTSYS or -EINTR, see
 *     proc_sleep_on), and signal_deliver runs the handler when the
 *     target next returns to ring 3 (kernel/proc/exit.c, proc_trap_exit).
 *
 * Nothing stops here: SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU are ignored
 * by default, and SIGCONT has nothing to continue.
 */
#include "kernel/proc/proc.h"
#include "kernel/proc/sched.h"
#include "kernel/guard/guardian.h"
#include "kernel/x86/trap.h"
#include "abi/errno.h"
#include "abi/signal.h"

/* A handler that returns into the fault that called it runs again,
 * forever on Linux; here the same fault at the same place this many
 * times in a row ends the process (docs/linux.md, part F). */
#define FAULT_REPEAT_LIMIT 1000

/* What SIG_DFL means for sig: 1 end the process, 0 ignore it. */
static int ends_by_default(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return 0;
    default:
        return 1;
    }
}

static const struct k_sigaction default_action = { .handler = SIG_DFL };

const struct k_sigaction *signal_action(const struct proc *p, int sig)
{
    return (p->sig.changed & sig_bit(sig)) ? &p->sigt.action[sig] : &default_action;
}

struct k_sigaction *signal_action_to_set(struct proc *p, int sig)
{
    if (!(p->sig.changed & sig_bit(sig))) {
        p->sigt.action[sig] = default_action;
        p->sig.changed |= sig_bit(sig);
    }
    return &p->sigt.action[sig];
}

int signal_ignored(const struct proc *p, int sig)
{
    uint32_t h = signal_action(p, sig)->handler;
    return h == SIG_IGN || (h == SIG_DFL && !ends_by_default(sig));
}

static void end_by(struct proc *p, int sig, int by_ancestor)
{
    struct proc_end how = {
        .how = END_SIGNAL, .signal = sig, .status = W_SIGNALED(sig),
        .by_ancestor = by_ancestor,
    };
    proc_kill(p, &how);
}

void signal_send(struct proc *p, int sig, const struct sig_info *info)
{
    if (p->state == P_FREE || p->state == P_ZOMBIE)
        return;
    int blocked = (p->sig.blocked & sig_bit(sig)) != 0;
    bool ends_now = sig == SIGKILL || (!blocked && signal_action(p, sig)->handler == SIG_DFL &&
                                       ends_by_default(sig));
    /* A supervisor's SIGTERM begins a graceful stop (docs/guardian.md). */
    if (sig == SIGTERM && info->by_ancestor && guardian_stop_requested(p, ends_now))
        return;                     /* it was between incarnations: stopped */
    if (ends_now) {
        end_by(p, sig, info->by_ancestor);
        return;
    }
    /* A blocked signal is kept even when ignored now: the disposition
     * may change before it is unblocked. */
    if ((!blocked && signal_ignored(p, sig)) || p->state == P_BACKOFF)
        return;
    p->sig.pending |= sig_bit(sig);
    p->sigt.info[sig] = *info;
    if (!blocked && p->state == P_SLEEPING)
        proc_wake(p);
}

int proc_signal(struct proc *p, int sig, struct proc *sender)
{
    if (sender && !proc_is_descendant(p, sender))
        return -EPERM;
    if (sig) {
        struct sig_info info = {
            .code = SI_USER, .pid = sender ? sender->pid : 0,
            .by_ancestor = sender && p != sender,
        };
        signal_send(p, sig, &info);
    }
    return 0;
}


static int is_restart_code(uint32_t eax)
{
    return eax == (uint32_t)-ERESTARTSYS || eax == (uint32_t)-ERESTARTNOHAND;
}

/* The system call this trap made, when its result asks for a restart
 * (else -1). The dispatcher keeps the call's number in the frame's
 * error code, which a system call does not otherwise use; sigreturn
 * clears it, as its result is the program's eax, not a code. */
static int interrupted_call(const struct trapframe *tf)
{
    if (tf->vector != T_SYSCALL || tf->error == SYSCALL_NO_RESTART ||
        !is_restart_code(tf->eax))
        return -1;
    return (int)tf->error;
}

/* Run the call again: back over the 2-byte `int $0x80`, number in eax. */
static void restart_call(struct trapframe *tf, int nr)
{
    tf->eax = (uint32_t)nr;
    tf->eip -= 2;
}

/* Start the handler of sig: a frame on the user stack, the handler's
 * mask added. 0, or -EFAULT when the stack cannot take the frame. */
static int run_handler(struct trapframe *tf, int sig, const struct sig_info *info)
{
    struct proc *p = current;
    struct k_sigaction *a = signal_action_to_set(p, sig);  /* a handler: set */
    sigset64_t saved = p->sig.suspended ? p->sig.suspend_saved : p->sig.blocked;
    p->sig.suspended = 0;
    if (sigframe_push(tf, sig, info, saved) < 0)
        return -EFAULT;
    p->sig.blocked |= a->mask;
    if (!(a->flags & SA_NODEFER))
        p->sig.blocked |= sig_bit(sig);
    p->sig.blocked &= ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
    if (a->flags & SA_RESETHAND)
        p->sig.changed &= ~sig_bit(sig);        /* back to SIG_DFL */
    return 0;
}

void signal_deliver(struct trapframe *tf)
{
    struct proc *p = current;
    int nr = interrupted_call(tf);
    while (p->state == P_RUNNING && !p->end_pending) {
        int sig = sig_lowest(p->sig.pending & ~p->sig.blocked);
        if (!sig)
            break;
        p->sig.pending &= ~sig_bit(sig);
        struct sig_info info = p->sigt.info[sig];
        const struct k_sigaction *a = signal_action(p, sig);
        if (a->handler == SIG_IGN || (a->handler == SIG_DFL && !ends_by_default(sig)))
            continue;
        if (a->handler == SIG_DFL) {
            end_by(p, sig, info.by_ancestor);
            break;
        }
        if (nr >= 0) {
            if (tf->eax == (uint32_t)-ERESTARTSYS && (a->flags & SA_RESTART))
                restart_call(tf, nr);
            else
                tf->eax = (uint32_t)-EINTR;
            nr = -1;
        }
        if (run_handler(tf, sig, &info) < 0) {
            end_by(p, SIGSEGV, 0);      /* no stack for the frame */
            break;
        }
    }
    if (nr >= 0)
        restart_call(tf, nr);           /* no handler ran: just again */
    if (p->sig.suspended) {
        p->sig.blocked = p->sig.suspend_saved;
        p->sig.suspended = 0;
    }
}

int signal_fault(struct trapframe *tf, int sig, const struct sig_info *info)
{
    struct proc *p = current;
    const struct k_sigaction *a = signal_action(p, sig);
    if (a->handler == SIG_DFL || a->handler == SIG_IGN || (p->sig.blocked & sig_bit(sig)))
        return 0;                       /* as on Linux: the fault ends it */
    if (tf->eip == p->sig.fault_eip && info->addr == p->sig.fault_cr2) {
        if (++p->sig.fault_repeats >= FAULT_REPEAT_LIMIT)
            return 0;
    } else {
        p->sig.fault_eip = tf->eip;
        p->sig.fault_cr2 = info->addr;
        p->sig.fault_repeats = 0;
    }
    return run_handler(tf, sig, info) == 0 ? 1 : -1;
}

void signal_reset(struct proc *p)
{
    signal_alarm_cancel(p);
    struct deadline alarm = p->sig.alarm;
    p->sig = (struct proc_signals){ .alarm = alarm };
}

void signal_exec(struct proc *p)
{
    for (sigset64_t left = p->sig.changed; left; left &= left - 1) {
        int sig = sig_lowest(left);
        if (p->sigt.action[sig].handler != SIG_IGN)
            p->sig.changed &= ~sig_bit(sig);        /* back to SIG_DFL */
    }
    p->sig.altstack = (k_stack_t){ .ss_flags = SS_DISABLE };
    p->sig.fault_repeats = 0;
}

void signal_fork(struct proc *child, const struct proc *parent)
{
    for (sigset64_t left = parent->sig.changed; left; left &= left - 1) {
        int sig = sig_lowest(left);
        child->sigt.action[sig] = parent->sigt.action[sig];
    }
    child->sig.changed = parent->sig.changed;
    child->sig.blocked = parent->sig.blocked;
    child->sig.altstack = parent->sig.altstack;
}

int signal_child_ended(struct proc *parent, const struct proc *child)
{
    const struct k_sigaction *a = signal_action(parent, SIGCHLD);
    int status = child->end.status;
    struct sig_info info = {
        .code = WIFEXITED(status) ? CLD_EXITED : CLD_KILLED, .pid = child->pid,
        .status = WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
    };
    signal_send(parent, SIGCHLD, &info);
    return a->handler == SIG_IGN || (a->flags & SA_NOCLDWAIT);
}

void signal_alarm_cancel(struct proc *p)
{
    timer_cancel(&p->sig.alarm);
    p->sig.alarm_interval_ns = 0;
}
