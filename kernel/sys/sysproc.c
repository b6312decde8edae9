/*
 * The process system calls: spawn, exit, waitpid and wait4, kill, sched_yield,
 * process groups and the console's foreground, proclist. Each copies its
 * arguments in through the checked routines of kernel/mm/usercopy.c,
 * checks them, and calls into kernel/proc/proc.c or kernel/proc/exit.c.
 * The guardian's own calls are in kernel/sys/sysguard.c.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/exec.h"
#include "kernel/fs/initrd.h"
#include "kernel/dev/console.h"
#include "kernel/x86/pit.h"
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

/* Copy a user array of user strings, NULL-terminated (argv, envp), into
 * buf as strings back to back: at most max_count strings, max_len bytes.
 * Returns how many, or -EFAULT or -E2BIG. */
int copy_strings(uint32_t uarray, char *buf, uint32_t max_len, int max_count,
                        uint32_t *len)
{
    *len = 0;
    for (int count = 0; count <= max_count; count++) {
        uint32_t ustr;
        if (copy_from_user(&ustr, uarray + 4 * (uint32_t)count, 4) < 0)
            return -EFAULT;
        if (ustr == 0)
            return count;
        if (count == max_count)
            break;
        int n = copy_string_from_user(buf + *len, ustr, max_len - *len);
        if (n < 0)
            return n;
        *len += (uint32_t)n + 1;
    }
    return -E2BIG;
}

/* The path (into INITRD_PATH_MAX bytes), argv and envp of spawn and
 * execve, copied in: argv and envp only when not NULL (the callers decide
 * what NULL means). The path's length, or -EFAULT, -ENOENT (a path too
 * long to name a file), -E2BIG. */
int copy_path(char *path, uint32_t upath)
{
    int n = copy_string_from_user(path, upath, INITRD_PATH_MAX);
    return n == -E2BIG ? -ENOENT : n;
}

int copy_program_args(uint32_t upath, uint32_t uargv, uint32_t uenvp,
                      char *path, struct exec_args *a)
{
    static char args[SPAWN_MAX_ARGLEN], env[ENV_MAX_LEN];  /* too big for the stack */
    int n = copy_path(path, upath);
    if (n < 0)
        return n;
    *a = (struct exec_args){ .args = args, .env = env };
    if (uargv) {
        a->argc = copy_strings(uargv, args, SPAWN_MAX_ARGLEN, SPAWN_MAX_ARGS, &a->args_len);
        if (a->argc < 0)
            return a->argc;
    }
    if (uenvp) {
        a->envc = copy_strings(uenvp, env, ENV_MAX_LEN, ENV_MAX_VARS, &a->env_len);
        if (a->envc < 0)
            return a->envc;
    }
    return n;
}

/* spawn(path, argv, spec, envp). argv NULL means { path, NULL }; envp
 * NULL means the caller's own environment. */
int32_t sys_spawn(const uint32_t *arg)
{
    uint32_t upath = arg[0], uargv = arg[1], uspec = arg[2], uenvp = arg[3];
    char path[INITRD_PATH_MAX];
    struct exec_args a;
    int n = copy_program_args(upath, uargv, uenvp, path, &a);
    if (n < 0)
        return n;
    if (!uargv) {                       /* { path, NULL } */
        a.argc = 1;
        a.args = path;
        a.args_len = (uint32_t)n + 1;
    }
    if (!uenvp) {
        a.env = current->env;
        a.env_len = current->env_len;
        a.envc = current->envc;
    }
    struct guard_spec spec;
    if (uspec && copy_from_user(&spec, uspec, sizeof spec) < 0)
        return -EFAULT;
    return proc_spawn(current, path, &a, uspec ? &spec : 0);
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

/* Does child c match waitpid's pid argument: -1 any, > 0 that pid,
 * 0 the caller's group, < -1 the group -pid? */
static int wait_matches(const struct proc *c, int pid)
{
    if (pid > 0)
        return c->pid == pid;
    if (pid == 0)
        return c->pgid == current->pgid;
    return pid == -1 || c->pgid == -pid;
}

/* The child's cpu time as wait4's struct rusage: all of it user time. */
static void child_usage(const struct proc *c, struct rusage *ru)
{
    uint64_t us = (uint64_t)c->cpu_ticks * 1000000u / pit_hz();
    memset(ru, 0, sizeof *ru);
    ru->ru_utime_sec = (int32_t)(us / 1000000u);
    ru->ru_utime_usec = (int32_t)(us % 1000000u);
}

/* waitpid and wait4: urusage 0 for none. */
static int32_t wait_child(int pid, uint32_t ustatus, uint32_t options, uint32_t urusage)
{
    if (options & ~(uint32_t)(WNOHANG | WUNTRACED | WCONTINUED))
        return -EINVAL;         /* nothing stops: the other two never match */
    for (;;) {
        int found = 0;
        for (struct proc *c = current->children; c; c = c->sibling) {
            if (!wait_matches(c, pid))
                continue;
            found = 1;
            if (c->state != P_ZOMBIE)
                continue;
            if (urusage) {
                struct rusage ru;
                child_usage(c, &ru);
                if (!vm_user_range_ok(ustatus, ustatus ? 4 : 0, 1) ||
                    copy_to_user(urusage, &ru, sizeof ru) < 0)
                    return -EFAULT;
            }
            return reap(c, ustatus);
        }
        if (!found)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        int r = proc_sleep_on(&current->child_waiters);
        if (r < 0)
            return r;
    }
}

int32_t sys_waitpid(const uint32_t *arg)
{
    return wait_child((int)arg[0], arg[1], arg[2], 0);
}

/* wait4(pid, status, options, rusage) */
int32_t sys_wait4(const uint32_t *arg)
{
    return wait_child((int)arg[0], arg[1], arg[2], arg[3]);
}

int32_t sys_kill(const uint32_t *arg)
{
    int pid = (int)arg[0], sig = (int)arg[1];
    if (sig < 0 || sig > SIGRTMAX)
        return -EINVAL;
    if (pid == -1)
        return proc_signal_all(sig, current);
    if (pid <= 0) {
        int r = proc_signal_group(pid == 0 ? current->pgid : -pid, sig, current);
        return r < 0 ? r : 0;
    }
    struct proc *target = proc_find(pid);
    if (!target)
        return -ESRCH;
    return proc_signal(target, sig, current);
}

/* setpgid(pid, pgid): pid 0 is the caller, pgid 0 means pgid = pid. A
 * process may move itself or its children, into a new group (its own
 * pid) or into an existing one made only of itself and its descendants
 * (this kernel has no sessions; that rule plays their part). */
int32_t sys_setpgid(const uint32_t *arg)
{
    int pid = (int)arg[0], pgid = (int)arg[1];
    if (pgid < 0)
        return -EINVAL;
    struct proc *p = pid == 0 ? current : proc_find(pid);
    if (!p || (p != current && p->parent != current))
        return -ESRCH;
    if (pgid == 0)
        pgid = p->pid;
    if (pgid != p->pid && proc_group_owned(pgid, current) < 0)
        return -EPERM;          /* no such group, or not all the caller's */
    p->pgid = pgid;
    return 0;
}

int32_t sys_getpgrp(const uint32_t *arg)
{
    (void)arg;
    return current->pgid;
}

int32_t sys_getpgid(const uint32_t *arg)
{
    int pid = (int)arg[0];
    struct proc *p = pid == 0 ? current : proc_find(pid);
    return p ? p->pgid : -ESRCH;
}

/* getsid(pid): pid 0 is the caller; -ESRCH when there is no such process. */
int32_t sys_getsid(const uint32_t *arg)
{
    int pid = (int)arg[0];
    struct proc *p = pid == 0 ? current : proc_find(pid);
    return p ? p->sid : -ESRCH;
}

/* setsid(): the caller leads a new session and a new group, both
 * numbered by its pid; -EPERM when it already leads a group (the group
 * would be split between two sessions). The console stays what it was:
 * no session has a controlling terminal of its own. */
int32_t sys_setsid(const uint32_t *arg)
{
    (void)arg;
    if (current->pgid == current->pid)
        return -EPERM;
    current->sid = current->pgid = current->pid;
    return current->sid;
}

/* The console's owner: the process that last changed its foreground
 * group, by pid and serial (a pid may be reused). */
static int owner_pid;
static uint64_t owner_serial;

/* The owner, or NULL when it has ended for good (or there never was one). */
static struct proc *console_owner(void)
{
    struct proc *p = proc_find(owner_pid);
    return p && p->serial == owner_serial && p->state != P_ZOMBIE ? p : 0;
}

/* A job-control shell's child puts its own new group in front before it
 * runs the job's program (busybox's ash does it only there), with
 * SIGTTOU ignored: Linux lets a process outside the group in front do
 * that only when SIGTTOU cannot stop it. Warden also asks that its
 * parent be a member of the group in front: the shell itself. */
static int shell_child_taking(const struct proc *p, int fg)
{
    return p->parent && p->parent->pgid == fg &&
           (signal_action(p, SIGTTOU)->handler == SIG_IGN ||
            (p->sig.blocked & sig_bit(SIGTTOU)));
}

/*
 * Who may change the foreground group (docs/descriptors.md): while it
 * has a member, a member or an ancestor of one (the job itself, or the
 * shell that gave it the console), or the shell's child above; while
 * there is none (0, or every member is gone), the owner or an ancestor
 * of it, or anyone once the owner has ended. A background process
 * cannot take Ctrl-C from the job in front, nor release the console and
 * take it.
 */
static int may_set_foreground(struct proc *p)
{
    int fg = console_foreground();
    int r = fg > 0 ? proc_group_in_family(fg, p) : -ESRCH;
    if (r >= 0)
        return r || shell_child_taking(p, fg) ? 0 : -EPERM;
    struct proc *owner = console_owner();
    return !owner || proc_is_descendant(owner, p) ? 0 : -EPERM;
}

int32_t sys_tcsetpgrp(const uint32_t *arg)
{
    int pgid = (int)arg[0];
    if (pgid < 0)
        return -EINVAL;
    int r = may_set_foreground(current);
    if (r < 0)
        return r;
    /* Only a group the caller could signal whole: Ctrl-C acts for it. */
    if (pgid > 0 && (r = proc_group_owned(pgid, current)) < 0)
        return r;
    console_set_foreground(pgid);
    owner_pid = current->pid;
    owner_serial = current->serial;
    return 0;
}

int32_t sys_listfiles(const uint32_t *arg)
{
    uint32_t ubuf = arg[0], max = arg[1];
    uint32_t n = 0;
    for (; n < max && n < (uint32_t)initrd_count(); n++) {
        const struct file *f = initrd_file((int)n);
        struct file_info info = { .size = f->size };
        strlcpy(info.path, f->path, sizeof info.path);
        if (copy_to_user(ubuf + n * sizeof info, &info, sizeof info) < 0)
            return -EFAULT;
    }
    return (int32_t)n;
}

int32_t sys_sched_yield(const uint32_t *arg)
{
    (void)arg;
    schedule();
    return 0;
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
