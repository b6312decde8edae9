/*
 * fork, vfork, clone and execve (docs/linux.md, part E): the arguments
 * are checked and copied here; the work is kernel/proc/fork.c.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/exec.h"
#include "kernel/fs/initrd.h"
#include "abi/errno.h"
#include "lib/string.h"

#define SIGCHLD_NUMBER 17
#define CLONE_FORK_FLAGS (CLONE_EXIT_SIGNAL | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

/* fork() and vfork(): vfork is a fork (the parent is not suspended, and
 * the child has its own copy: a program that keeps vfork's rules cannot
 * tell). */
int32_t sys_fork(const uint32_t *arg)
{
    (void)arg;
    return proc_fork(0, 0);
}

/* clone(flags, newsp, parent_tid, tls, child_tid), i386's order: only
 * the forks glibc and musl make. The low byte is the signal the parent
 * gets when the child ends: SIGCHLD or none (no signal is sent yet). */
int32_t sys_clone(const uint32_t *arg)
{
    uint32_t flags = arg[0], newsp = arg[1], ctid = arg[4];
    uint32_t sig = flags & CLONE_EXIT_SIGNAL;
    if ((flags & ~(uint32_t)CLONE_FORK_FLAGS) || newsp || (sig && sig != SIGCHLD_NUMBER))
        return -EINVAL;
    /* A NULL ctid asks for nothing to be written or remembered. */
    uint32_t set = (flags & CLONE_CHILD_SETTID) ? ctid : 0;
    uint32_t clear = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
    if (set && !vm_user_range_ok(set, 4, 1))
        return -EFAULT;
    return proc_fork(set, clear);
}

/* execve(path, argv, envp): NULL argv or envp is an empty list. */
int32_t sys_execve(const uint32_t *arg)
{
    char path[INITRD_PATH_MAX];
    struct exec_args a;
    int n = copy_program_args(arg[0], arg[1], arg[2], path, &a);
    return n < 0 ? n : proc_exec(path, &a);
}
