/*
 * The process system calls: spawn, exit, waitpid, kill, sched_yield,
 * nanosleep, and the guardian's heartbeat, guardlog and proclist. Each
 * copies its arguments in through the checked routines of kernel/vm.c,
 * checks them, and calls into kernel/proc.c, kernel/exit.c or
 * kernel/guardian.c.
 */
#include "kernel/syscall.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/guardian.h"
#include "kernel/guardlog.h"
#include "kernel/initrd.h"
#include "abi/errno.h"
#include "abi/signal.h"
#include "lib/string.h"

#define NS_PER_S 1000000000u

int32_t sys_exit(const uint32_t *arg)
{
    struct proc_end how = { .how = END_EXIT, .status = W_EXITCODE(arg[0]) };
    proc_kill(current, &how);       /* carried out on the way to ring 3 */
    return 0;
}

/* Copy argv (a user array of user strings, NULL-terminated) into args as
 * strings back to back. Returns argc, or -EFAULT or -E2BIG. */
static int copy_argv(uint32_t uargv, char *args, uint32_t *len)
{
    *len = 0;
    for (int argc = 0; argc <= SPAWN_MAX_ARGS; argc++) {
        uint32_t uarg;
        if (copy_from_user(&uarg, uargv + 4 * (uint32_t)argc, 4) < 0)
            return -EFAULT;
        if (uarg == 0)
            return argc;
        int n = copy_string_from_user(args + *len, uarg, SPAWN_MAX_ARGLEN - *len);
        if (n < 0)
            return n;
        *len += (uint32_t)n + 1;
    }
    return -E2BIG;
}

int32_t sys_spawn(const uint32_t *arg)
{
    uint32_t upath = arg[0], uargv = arg[1], uspec = arg[2];
    char path[INITRD_PATH_MAX];
    int n = copy_string_from_user(path, upath, sizeof path);
    if (n < 0)
        return n == -E2BIG ? -ENOENT : n;   /* too long to name any file */

    static char args[SPAWN_MAX_ARGLEN];     /* too big for the kernel stack */
    uint32_t len;
    int argc;
    if (uargv) {
        argc = copy_argv(uargv, args, &len);
        if (argc < 0)
            return argc;
    } else {
        argc = 1;                           /* NULL means { path, NULL } */
        len = (uint32_t)n + 1;
        memcpy(args, path, len);
    }

    struct guard_spec spec;
    if (uspec && copy_from_user(&spec, uspec, sizeof spec) < 0)
        return -EFAULT;
    return proc_spawn(current, path, args, len, argc, uspec ? &spec : 0);
}

/* A child that ended for good: its status out, its slot free. */
static int reap(struct proc *child, uint32_t ustatus)
{
    int pid = child->pid;
    if (ustatus && copy_to_user(ustatus, &child->end.status, sizeof(int)) < 0)
        return -EFAULT;
    proc_unlink_child(child);
    proc_free_slot(child);
    return pid;
}

int32_t sys_waitpid(const uint32_t *arg)
{
    int pid = (int)arg[0];
    uint32_t ustatus = arg[1], options = arg[2];
    if (options & ~(uint32_t)WNOHANG)
        return -EINVAL;
    if (pid < -1 || pid == 0)
        return -EINVAL;         /* process groups: not yet */
    for (;;) {
        int found = 0;
        for (struct proc *c = current->children; c; c = c->sibling) {
            if (pid != -1 && c->pid != pid)
                continue;
            found = 1;
            if (c->state == P_ZOMBIE)
                return reap(c, ustatus);
        }
        if (!found)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        proc_sleep_on(&current->child_waiters);
    }
}

int32_t sys_kill(const uint32_t *arg)
{
    int pid = (int)arg[0], sig = (int)arg[1];
    if (sig != 0 && sig != SIGKILL && sig != SIGTERM)
        return -EINVAL;
    if (pid <= 0)
        return -ESRCH;          /* process groups: not yet */
    struct proc *target = proc_find(pid);
    if (!target)
        return -ESRCH;
    if (!proc_is_descendant(target, current))
        return -EPERM;
    if (sig == 0)
        return 0;
    struct proc_end how = {
        .how = END_SIGNAL, .signal = sig, .status = W_SIGNALED(sig),
        .by_ancestor = target != current,
    };
    proc_kill(target, &how);
    return 0;
}

int32_t sys_sched_yield(const uint32_t *arg)
{
    (void)arg;
    schedule();
    return 0;
}

static void sleep_over(struct deadline *d)
{
    proc_wake((struct proc *)((char *)d - __builtin_offsetof(struct proc, sleep_timer)));
}

int32_t sys_nanosleep(const uint32_t *arg)
{
    struct timespec ts;
    if (copy_from_user(&ts, arg[0], sizeof ts) < 0)
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int32_t)NS_PER_S)
        return -EINVAL;
    uint64_t ns = (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
    if (ns == 0)
        return 0;
    struct proc *p = current;
    p->sleep_timer.fire = sleep_over;
    timer_arm(&p->sleep_timer, timer_tick_after_ns(ns));
    p->state = P_SLEEPING;
    schedule();
    return 0;                   /* no signal handlers: never interrupted */
}

int32_t sys_heartbeat(const uint32_t *arg)
{
    (void)arg;
    return guardian_heartbeat(current);
}

int32_t sys_guardlog(const uint32_t *arg)
{
    uint32_t ubuf = arg[0], max = arg[1], since = arg[2];
    struct guard_event e;
    uint32_t n = 0;
    for (; n < max && guardlog_read(&e, 1, since) == 1; n++) {
        if (copy_to_user(ubuf + n * sizeof e, &e, sizeof e) < 0)
            return -EFAULT;
        since = e.seq;
    }
    return (int32_t)n;
}

int32_t sys_proclist(const uint32_t *arg)
{
    uint32_t ubuf = arg[0], max = arg[1];
    static struct proc_info list[PROC_SLOTS];   /* too big for the stack */
    int n = proc_list(list, max > PROC_SLOTS ? PROC_SLOTS : (int)max);
    if (copy_to_user(ubuf, list, (uint32_t)n * sizeof list[0]) < 0)
        return -EFAULT;
    return n;
}
