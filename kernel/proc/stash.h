/*
 * Continuity across restarts, memory: a supervised process's stash, a
 * page-aligned range of its memory whose frames the next incarnation
 * finds as the last one left them (docs/guardian.md, section 14).
 * Descriptors kept across restarts are kernel/proc/fdstore.c's.
 */
#ifndef KERNEL_STASH_H
#define KERNEL_STASH_H

#include <stdint.h>
#include "abi/syscall.h"
#include "abi/memlayout.h"

#define STASH_PAGES (STASH_MAX / PAGE_SIZE)

struct stash {
    uint32_t start, end;            /* page-aligned; start == end: no stash */
    uint32_t frame[STASH_PAGES];    /* between incarnations: the kept frames
                                       (0: that page had none); else all 0 */
    int carried;                    /* this incarnation got the range kept */
};

struct proc;

/* The stash system call for p (the current process): name [addr, addr +
 * len), or forget the range with (0, 0). 0; 1 when the range is the one
 * already named and this incarnation found it kept; or -EPERM (not
 * supervised), -EINVAL (unaligned, zero length, overlapping the stack
 * region), -E2BIG (more than STASH_MAX), -EFAULT (a page not mapped
 * writable for the user), -EBUSY (another range is named). */
int stash_set(struct proc *p, uint32_t addr, uint32_t len);
/* An incarnation ends: the frames of the range leave its address space
 * (before vm_destroy) and wait in p->stash, charged to p->mem.kept. */
void stash_take(struct proc *p);
/* A start: the kept frames go into the new address space at their old
 * addresses (a page that had none gets a fresh zeroed one). 0, or
 * -ENOMEM / VM_OVER_LIMIT; the caller then gives them back with
 * stash_take before freeing the space. */
int stash_restore(struct proc *p);
/* The end for good, or execve: the kept frames are freed, the range
 * forgotten. */
void stash_drop(struct proc *p);
/* kcheck: panics when the kept frames disagree with p->mem.kept. */
void stash_check(const struct proc *p);

#endif
