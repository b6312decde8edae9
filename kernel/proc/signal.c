/*
 * Signals: who may signal whom, and to what effect. There are no signal
 * handlers in this kernel, so every signal ends its target (the default
 * action of signals 1 to 15 on Linux); the guardian then decides whether
 * that end was a deliberate stop (SIGTERM or SIGKILL from an ancestor)
 * or a failure. A process may signal only itself and its descendants:
 * upward and sideways signals are a supervisor's business.
 */
#include "kernel/proc/proc.h"
#include "abi/errno.h"
#include "abi/signal.h"

int proc_signal(struct proc *p, int sig, struct proc *sender)
{
    if (sender && !proc_is_descendant(p, sender))
        return -EPERM;
    if (sig) {
        struct proc_end how = {
            .how = END_SIGNAL, .signal = sig, .status = W_SIGNALED(sig),
            .by_ancestor = sender && p != sender,
        };
        proc_kill(p, &how);
    }
    return 0;
}

int proc_signal_all(int sig, struct proc *sender)
{
    int signalled = 0;
    for (int i = 0; i < proc_limit(); i++) {
        struct proc *p = proc_at(i);
        if (p->state != P_FREE && p->state != P_ZOMBIE && p != sender &&
            proc_signal(p, sig, sender) == 0)
            signalled++;
    }
    return signalled ? 0 : -ESRCH;
}

/* A group exists while any member does, a zombie included (as on Linux):
 * a pipeline's later stages can still join the group of a first stage
 * that has already ended. Signalling a zombie does nothing. */
int proc_signal_group(int pgid, int sig, struct proc *sender)
{
    int members = 0, allowed = 0;
    for (int i = 0; i < proc_limit(); i++) {
        struct proc *p = proc_at(i);
        if (p->state == P_FREE || p->pgid != pgid)
            continue;
        members++;
        if (sender && !proc_is_descendant(p, sender))
            continue;
        allowed++;
        if (p->state != P_ZOMBIE)
            proc_signal(p, sig, sender);
    }
    return allowed ? allowed : members ? -EPERM : -ESRCH;
}

/* May sender act for the whole of group pgid (join it, or make it the
 * console's foreground)? Only when every member, zombies included, is
 * sender itself or one of its descendants: a process cannot slip into,
 * or aim Ctrl-C at, a group of processes it could not signal. 0, -EPERM,
 * or -ESRCH for a group with no member at all. */
int proc_group_owned(int pgid, struct proc *sender)
{
    int members = 0;
    for (int i = 0; i < proc_limit(); i++) {
        struct proc *p = proc_at(i);
        if (p->state == P_FREE || p->pgid != pgid)
            continue;
        members++;
        if (!proc_is_descendant(p, sender))
            return -EPERM;
    }
    return members ? 0 : -ESRCH;
}

/* Is some member of group pgid (a zombie included) p itself or one of
 * its descendants? 1 or 0; -ESRCH when the group has no member. */
int proc_group_in_family(int pgid, const struct proc *p)
{
    int members = 0;
    for (int i = 0; i < proc_limit(); i++) {
        const struct proc *m = proc_at(i);
        if (m->state == P_FREE || m->pgid != pgid)
            continue;
        members++;
        if (proc_is_descendant(m, p))
            return 1;
    }
    return members ? 0 : -ESRCH;
}
