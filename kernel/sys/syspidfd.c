/*
 * The process descriptor calls: pidfd_open, pidfd_send_signal and
 * pidfd_getfd. A pidfd names one process for as long as it is open, so
 * a pid reused since pidfd_open can never be hit by mistake; reading
 * one and polling it are in kernel/sys/sysfile.c with the other reads.
 */
#include "kernel/sys/syscall.h"
#include "kernel/fs/file.h"
#include "kernel/proc/proc.h"
#include "abi/errno.h"
#include "abi/signal.h"

int32_t sys_pidfd_open(const uint32_t *arg)
{
    int pid = (int)arg[0];
    if (arg[1] != 0)
        return -EINVAL;
    struct proc *p = proc_find(pid);
    if (!p)
        return -ESRCH;
    struct openfile *f = file_alloc(OF_PIDFD);
    if (!f)
        return -ENFILE;
    f->pid = pid;
    if (p->state == P_ZOMBIE) {
        f->ended = 1;                   /* it already ended for good */
        f->status = p->end.status;
    } else {
        f->target = p;
        f->next = p->watchers;
        p->watchers = f;
    }
    int fd = fd_install(current, f, 0, 1);     /* close-on-exec, as on Linux */
    if (fd < 0)
        file_close(f);
    return fd;
}

/* pidfd_send_signal(fd, sig, NULL, 0): kill through the descriptor. */
int32_t sys_pidfd_send_signal(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    int sig = (int)arg[1];
    if (!f)
        return -EBADF;
    if (f->type != OF_PIDFD || arg[2] != 0 || arg[3] != 0)
        return -EINVAL;
    if (sig < 0 || sig > SIGRTMAX)
        return -EINVAL;
    if (f->ended || !f->target)
        return -ESRCH;
    return proc_signal(f->target, sig, current);
}

/* The process behind a pidfd for pidfd_getfd: -EBADF when fd is no
 * pidfd, -ESRCH when its process has ended for good. */
static int pidfd_target(int fd, struct proc **p)
{
    struct openfile *f = fd_get(current, fd);
    if (!f || f->type != OF_PIDFD)
        return -EBADF;
    if (f->ended || !f->target)
        return -ESRCH;
    *p = f->target;
    return 0;
}

/* pidfd_getfd(pidfd, targetfd, 0): a new close-on-exec descriptor in the
 * caller for the open file behind the process's targetfd, as dup would
 * give it to that process itself. Linux asks for the right to ptrace
 * the process; Warden asks what kill does: the caller is the process
 * or an ancestor of it. So a supervisor can take a descriptor from a
 * child (init takes the reply pipe of an svc that asked it something:
 * docs/guardian.md, section 11), never the other way round. */
int32_t sys_pidfd_getfd(const uint32_t *arg)
{
    struct proc *p;
    if (arg[2] != 0)
        return -EINVAL;
    int r = pidfd_target((int)arg[0], &p);
    if (r < 0)
        return r;
    if (!proc_is_descendant(p, current))
        return -EPERM;
    struct openfile *f = fd_get(p, (int)arg[1]);
    if (!f)
        return -EBADF;
    return fd_install_copy(current, f, 0, 1);
}
