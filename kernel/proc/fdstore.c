/*
 * Descriptors kept across restarts (docs/guardian.md, section 14).
 *
 * Every incarnation of a supervised process starts from a copy of the
 * descriptors it was spawned with, p->spawn_fds (kernel/proc/proc.c).
 * fdstore adds to that same table: a descriptor handed over now is at
 * the number the caller chose in every incarnation after this one, and
 * the end for good closes it with the spawn-time ones. No second
 * mechanism, so nothing new to free and nothing new to leak.
 *
 * p->kept_fds marks the slots fdstore filled. Only those may be replaced
 * or taken back: the spawn-time descriptors are the supervisor's choice,
 * not the service's.
 */
#include "kernel/proc/fdstore.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "abi/errno.h"

int fdstore(struct proc *p, int fd, int slot)
{
    if (!p->guard)
        return -EPERM;              /* nothing restarts it: nothing to keep for */
    if (slot < 0 || slot >= NOFILE)
        return -EINVAL;
    uint32_t bit = 1u << slot;
    struct openfile *old = p->spawn_fds[slot], *f = 0;
    if (old && !(p->kept_fds & bit))
        return -EBUSY;
    if (fd != -1 && !(f = fd_get(p, fd)))
        return -EBADF;
    p->spawn_fds[slot] = f ? file_dup(f) : 0;  /* first: old may be f itself */
    if (old)
        file_close(old);
    p->kept_fds = f ? (p->kept_fds | bit) : (p->kept_fds & ~bit);
    return 0;
}
