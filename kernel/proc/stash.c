/*
 * The stash: memory kept across restarts (docs/guardian.md, section 14).
 *
 * While an incarnation runs, the stash is only a range: its frames are
 * ordinary pages of the address space, counted in p->mem.frames like any
 * other. When the incarnation ends, stash_take unhooks them from the
 * page tables before the space is freed, so vm_destroy never sees them;
 * they wait in p->stash, counted in p->mem.kept (ps shows them). The
 * next start loads the program as always, then stash_restore puts the
 * kept frames back at their addresses, in place of the fresh pages the
 * load made there (bss, data), or where the load made none (heap, mmap
 * area). The end for good frees them (stash_drop). Every frame is thus
 * in exactly one place at a time: a page table, p->stash, or the free
 * list.
 *
 * The memory limit: the kept frames were pages under the limit when the
 * last incarnation ended, and the load's limit test counts only mapped
 * frames, so that a stash in the bss (whose fresh pages the load makes
 * before the kept ones replace them) never stops a restart near the
 * limit. A kept page that adds to what the load made is tested against
 * the limit as it goes back (put_back).
 *
 * The range must be the process's own writable memory, outside the stack
 * region: the stack is rebuilt for argv at every start, and its pages
 * are not the program's to keep.
 */
#include <stdbool.h>
#include "kernel/proc/stash.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/mmap.h"
#include "kernel/panic.h"
#include "kernel/x86/mmu.h"
#include "kernel/x86/io.h"
#include "abi/errno.h"

static int in_mmap_area(const struct stash *s)
{
    return s->start >= MMAP_BASE && s->end <= MMAP_TOP;
}

int stash_set(struct proc *p, uint32_t addr, uint32_t len)
{
    struct stash *s = &p->stash;
    if (!p->guard)
        return -EPERM;              /* nothing restarts it: nothing to keep for */
    if (addr == 0 && len == 0) {
        s->start = s->end = 0;      /* forget it: the next start is fresh */
        s->carried = 0;
        return 0;
    }
    if (addr % PAGE_SIZE || len % PAGE_SIZE || len == 0)
        return -EINVAL;
    if (len > STASH_MAX)
        return -E2BIG;
    if (addr >= USER_TOP || len > USER_TOP - addr)
        return -EFAULT;             /* not user space at all */
    if (addr + len > USER_STACK_LOW)
        return -EINVAL;             /* the stack region */
    if (!vm_user_range_ok(addr, len, 1))
        return -EFAULT;             /* not mapped, or not writable: text, a hole */
    if (s->start != s->end)
        return (s->start == addr && s->end == addr + len) ? s->carried : -EBUSY;
    s->start = addr;
    s->end = addr + len;
    return 0;
}

void stash_take(struct proc *p)
{
    struct stash *s = &p->stash;
    if (!p->pgdir)
        return;
    for (uint32_t va = s->start, i = 0; va < s->end; va += PAGE_SIZE, i++) {
        int err;
        uint32_t *pte = vm_page_entry(p->pgdir, va, 0, &err);
        if (s->frame[i] || !pte || !(*pte & PTE_P) || (*pte & PTE_SHARED))
            continue;               /* kept already (a failed restore), or no frame of its own */
        s->frame[i] = PAGE_ROUND_DOWN(*pte);
        *pte = 0;
        invlpg(va);
        p->mem.frames--;
        p->mem.kept++;
    }
}

/* Put frame pa at va in p's space, in place of what the load put there. */
static int put_back(struct proc *p, uint32_t va, uint32_t pa)
{
    int err;
    uint32_t *pte = vm_page_entry(p->pgdir, va, 1, &err);
    if (!pte)
        return err;
    if ((*pte & PTE_P) && !(*pte & PTE_SHARED)) {
        p->mem.frames--;            /* the fresh page it replaces */
        frame_free(PAGE_ROUND_DOWN(*pte));
    } else if (p->mem.limit && p->mem.frames >= p->mem.limit) {
        return VM_OVER_LIMIT;       /* a page more than the load made */
    }
    *pte = pa | PTE_P | PTE_W | PTE_U;
    p->mem.kept--;
    p->mem.frames++;
    return 0;
}

/* Does the freshly loaded program have read-only pages in the range (its
 * code: possible after a live update to another program, whose layout
 * differs)? The kept frames must never take their place. */
static bool fits(struct proc *p, const struct stash *s)
{
    for (uint32_t va = s->start; va < s->end; va += PAGE_SIZE) {
        int err;
        uint32_t *pte = vm_page_entry(p->pgdir, va, 0, &err);
        if (pte && (*pte & PTE_P) && !(*pte & PTE_W))
            return false;
    }
    return true;
}

int stash_restore(struct proc *p)
{
    struct stash *s = &p->stash;
    if (s->start == s->end)
        return 0;
    if (!fits(p, s)) {
        stash_drop(p);              /* the new program starts without it */
        return 0;
    }
    if (!in_mmap_area(s) && s->end > p->heap_top)
        p->heap_top = s->end;       /* past the image: vm_destroy frees up to here,
                                       tables included, even after a failure below */
    for (uint32_t va = s->start, i = 0; va < s->end; va += PAGE_SIZE, i++) {
        int r = s->frame[i] ? put_back(p, va, s->frame[i])
                            : vm_alloc(p->pgdir, va, PAGE_SIZE, VM_WRITE);
        if (r < 0)
            return r;
        s->frame[i] = 0;
    }
    if (in_mmap_area(s) && mmap_record(&p->maps, s->start, s->end, PROT_READ | PROT_WRITE) < 0)
        return -ENOMEM;
    s->carried = 1;
    return 0;
}

void stash_drop(struct proc *p)
{
    struct stash *s = &p->stash;
    for (uint32_t i = 0; i < STASH_PAGES; i++) {
        if (s->frame[i]) {
            frame_free(s->frame[i]);
            s->frame[i] = 0;
            p->mem.kept--;
        }
    }
    s->start = s->end = 0;
    s->carried = 0;
}

void stash_check(const struct proc *p)
{
    uint32_t held = 0;
    for (uint32_t i = 0; i < STASH_PAGES; i++)
        held += p->stash.frame[i] != 0;
    if (held != p->mem.kept || (p->pgdir && held))
        panic("stash_check: %s[%d] holds %u kept frames, counts %u, %s",
              p->name, p->pid, held, p->mem.kept, p->pgdir ? "running" : "between starts");
}
