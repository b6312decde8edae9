/* Continuity across restarts, descriptors (docs/guardian.md, section 14). */
#ifndef KERNEL_FDSTORE_H
#define KERNEL_FDSTORE_H

struct proc;

/* The fdstore system call for p (the current process): every later
 * incarnation gets a reference to p's descriptor fd as its descriptor
 * number slot; fd -1 takes back what was kept at slot. 0, or -EPERM
 * (not supervised), -EINVAL (slot not a descriptor number), -EBADF (fd
 * not open), -EBUSY (slot holds a spawn-time descriptor). */
int fdstore(struct proc *p, int fd, int slot);

#endif
