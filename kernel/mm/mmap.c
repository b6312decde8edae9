/*
 * The mmap area (include/abi/memlayout.h): anonymous private mappings.
 *
 * Pages are mapped at once, not on first touch: mmap_map charges every
 * frame of an accessible mapping to the process (kernel/mm/vm.c) before
 * it returns, so the memory limit and the out-of-memory choice apply
 * exactly as they do to brk, and a touch of a page that is not mapped is
 * always a SIGSEGV. A PROT_NONE page is not present: it owns no frame
 * until mprotect makes it accessible. A page that held data and is made
 * PROT_NONE keeps its frame (and its bytes) but loses the user bit, so a
 * touch faults all the same.
 *
 * The region list is the record of what is mapped; it is changed in two
 * steps. First the new list is worked out in a scratch copy, which may
 * fail for want of a region (nothing has changed yet); then the page
 * tables are changed, and only then is the new list copied in. The
 * scratch lists are static (a kernel stack is one page): a system call
 * runs to its end before another process runs.
 */
#include "kernel/mm/mmap.h"
#include "abi/memlayout.h"
#include "abi/errno.h"

static struct mmap_list without, with;

void mmap_reset(struct mmap_list *list)
{
    list->count = 0;
}

int mmap_vm_flags(uint32_t prot)
{
    if (prot == PROT_NONE)
        return VM_HIDDEN;
    return (prot & PROT_WRITE) ? VM_WRITE : 0;
}

static int in_area(uint32_t start, uint32_t len)
{
    return start >= MMAP_BASE && start <= MMAP_TOP && len <= MMAP_TOP - start;
}

/* out = in with [start, end) taken away: regions that straddle an edge
 * are cut, one that holds the whole range is split in two. 0, or -ENOMEM
 * when that needs more than MMAP_REGIONS. */
static int list_without(const struct mmap_list *in, struct mmap_list *out,
                        uint32_t start, uint32_t end)
{
    out->count = 0;
    for (int i = 0; i < in->count; i++) {
        struct mmap_region r = in->region[i];
        struct mmap_region piece[2] = { r, r };
        int pieces = 0;
        if (r.end <= start || r.start >= end) {
            pieces = 1;                         /* untouched */
        } else {
            if (r.start < start)
                piece[pieces++].end = start;    /* the part below */
            if (r.end > end) {
                piece[pieces].start = end;      /* the part above */
                piece[pieces++].end = r.end;
            }
        }
        for (int k = 0; k < pieces; k++) {
            if (out->count == MMAP_REGIONS)
                return -ENOMEM;
            out->region[out->count++] = piece[k];
        }
    }
    return 0;
}

/* Add [start, end) with prot to a list that has nothing there, merged
 * with a neighbour it touches that has the same prot. 0, or -ENOMEM. */
static int list_with(struct mmap_list *l, uint32_t start, uint32_t end, uint32_t prot)
{
    int i = 0;
    while (i < l->count && l->region[i].start < start)
        i++;
    struct mmap_region *below = i > 0 ? &l->region[i - 1] : 0;
    struct mmap_region *above = i < l->count ? &l->region[i] : 0;
    int join_below = below && below->end == start && below->prot == prot;
    int join_above = above && above->start == end && above->prot == prot;
    if (join_below && join_above) {
        below->end = above->end;
        for (int k = i; k + 1 < l->count; k++)
            l->region[k] = l->region[k + 1];
        l->count--;
    } else if (join_below) {
        below->end = end;
    } else if (join_above) {
        above->start = start;
    } else {
        if (l->count == MMAP_REGIONS)
            return -ENOMEM;
        for (int k = l->count; k > i; k--)
            l->region[k] = l->region[k - 1];
        l->region[i] = (struct mmap_region){ start, end, prot };
        l->count++;
    }
    return 0;
}

/* Both scratch lists for a change of [start, end) to prot. */
static int plan(const struct mmap_list *list, uint32_t start, uint32_t end, uint32_t prot)
{
    if (list_without(list, &without, start, end) < 0)
        return -ENOMEM;
    with = without;
    return list_with(&with, start, end, prot);
}

static int is_free(const struct mmap_list *l, uint32_t start, uint32_t end)
{
    for (int i = 0; i < l->count; i++)
        if (l->region[i].start < end && l->region[i].end > start)
            return 0;
    return 1;
}

/* Where a new mapping of len bytes goes: the hint when it may, else the
 * top of the highest gap that fits. 0 when none does. */
static uint32_t place(const struct mmap_list *l, uint32_t hint, uint32_t len)
{
    hint = PAGE_ROUND_UP(hint);
    if (hint && in_area(hint, len) && is_free(l, hint, hint + len))
        return hint;
    uint32_t top = MMAP_TOP;
    for (int i = l->count - 1; i >= 0; i--) {
        if (top - l->region[i].end >= len)
            return top - len;
        top = l->region[i].start;
    }
    return top - MMAP_BASE >= len ? top - len : 0;
}

int32_t mmap_map(pde_t *pgdir, struct mmap_list *list, uint32_t addr, uint32_t len,
                 uint32_t prot, int fixed)
{
    uint32_t start = fixed ? addr : place(list, addr, len);
    if (!start || !in_area(start, len))
        return -ENOMEM;
    uint32_t end = start + len;
    if (plan(list, start, end, prot) < 0)
        return -ENOMEM;
    vm_free_range(pgdir, start, end);       /* what a fixed mapping replaces */
    if (prot != PROT_NONE && vm_alloc(pgdir, start, len, mmap_vm_flags(prot)) < 0) {
        vm_free_range(pgdir, start, end);   /* nothing of it is left */
        *list = without;
        return -ENOMEM;
    }
    *list = with;
    return (int32_t)start;
}

int mmap_unmap(pde_t *pgdir, struct mmap_list *list, uint32_t start, uint32_t end)
{
    if (list_without(list, &without, start, end) < 0)
        return -ENOMEM;
    vm_free_range(pgdir, start, end);
    *list = without;
    return 0;
}

int mmap_record(struct mmap_list *list, uint32_t start, uint32_t end, uint32_t prot)
{
    return list_with(list, start, end, prot);
}

int mmap_covered(const struct mmap_list *l, uint32_t start, uint32_t end)
{
    uint32_t at = start;
    for (int i = 0; i < l->count && at < end; i++) {
        if (l->region[i].end <= at)
            continue;
        if (l->region[i].start > at)
            return 0;                           /* a hole at `at` */
        at = l->region[i].end;
    }
    return at >= end;
}

int mmap_protect(pde_t *pgdir, struct mmap_list *list, uint32_t start, uint32_t end,
                 uint32_t prot)
{
    if (!mmap_covered(list, start, end) || plan(list, start, end, prot) < 0)
        return -ENOMEM;
    /* Pages leaving PROT_NONE need frames. Taken hidden, they fit the
     * old protection too, so a failure half-way leaves a true list. */
    if (prot != PROT_NONE && vm_alloc(pgdir, start, end - start, VM_HIDDEN) < 0)
        return -ENOMEM;
    vm_set_access(pgdir, start, end, mmap_vm_flags(prot));  /* no shared pages here */
    *list = with;
    return 0;
}
