/*
 * The guardian's system calls: heartbeat, ready, guardlog, group_create,
 * update, and a service's stash and kept descriptors. Each copies its
 * arguments in through the checked routines of kernel/mm/usercopy.c,
 * checks them, and calls into kernel/guard/ or kernel/proc/stash.c and
 * fdstore.c (docs/guardian.md).
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/exec.h"
#include "kernel/proc/fdstore.h"
#include "kernel/proc/stash.h"
#include "kernel/guard/guardian.h"
#include "kernel/guard/guardlog.h"
#include "kernel/guard/group.h"
#include "kernel/guard/update.h"
#include "kernel/fs/initrd.h"
#include "abi/errno.h"

int32_t sys_heartbeat(const uint32_t *arg)
{
    (void)arg;
    return guardian_heartbeat(current);
}

int32_t sys_ready(const uint32_t *arg)
{
    (void)arg;
    return guardian_ready(current);
}

int32_t sys_stash(const uint32_t *arg)
{
    return stash_set(current, arg[0], arg[1]);
}

int32_t sys_fdstore(const uint32_t *arg)
{
    return fdstore(current, (int)arg[0], (int)arg[1]);
}

int32_t sys_group_create(const uint32_t *arg)
{
    struct guard_group_spec spec;
    if (copy_from_user(&spec, arg[0], sizeof spec) < 0)
        return -EFAULT;
    return group_create(current, &spec);
}

/* update(pid, path, probation_ms): the checks cheapest first, the
 * program's last. */
int32_t sys_update(const uint32_t *arg)
{
    struct proc *p = proc_find((int)arg[0]);
    if (!p || p->state == P_ZOMBIE)
        return -ESRCH;
    int r = update_check(current, p, arg[2]);
    if (r < 0)
        return r;
    char path[INITRD_PATH_MAX];
    const struct file *f;
    if ((r = copy_path(path, arg[1])) < 0 || (r = exec_find(&current->cwd, path, &f)) < 0)
        return r;
    update_request(current, p, f, arg[2]);
    return 0;
}

int32_t sys_guardlog(const uint32_t *arg)
{
    uint32_t ubuf = arg[0], max = arg[1], since = arg[2];
    struct guard_event e;
    uint32_t n = 0;
    for (; n < max && guardlog_read(&e, 1, since, current) == 1; n++) {
        if (copy_to_user(ubuf + n * sizeof e, &e, sizeof e) < 0)
            return -EFAULT;
        since = e.seq;
    }
    return (int32_t)n;
}
