/*
 * Process groups, and signals sent to many processes at once: kill(-1),
 * kill(-pgid) and Ctrl-C. Each member is signalled under kill's rule
 * (kernel/proc/signal.c): only the sender itself and its descendants.
 */
#include "kernel/proc/proc.h"
#include "abi/errno.h"

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
