/*
 * Memory limits, and the choice made when the machine runs out.
 *
 * A process's frames are counted in p->mem by kernel/mm/vm.c as they are
 * mapped and unmapped. Its limit comes from its guard spec or the
 * default (memlimit=) and covers what `ps` shows: pages, page tables,
 * the directory and the slot's kernel stack.
 *
 * Running out: ordinary requests stop FRAME_RESERVE frames short of
 * empty (kernel/mm/frame.c); init and a restart's program load may go on
 * into the reserve. Either way, when no frame is left for it, vm.c calls
 * oom_reclaim, which ends one process with SIGKILL (END_OOM): the one
 * that owns the most frames among those that may be chosen. The asker
 * is then served from what the victim gave back, or, if the victim was
 * the asker itself, refused (its end follows on its way to ring 3).
 *
 * Never chosen:
 *   - init (no parent) and a process whose spec says GUARD_CRITICAL;
 *   - a process with no address space: one being loaded (a spawn's or a
 *     restart's, which is how a restart never chooses its own half-
 *     loaded process), waiting out a backoff, or a zombie;
 *   - one whose end is already on its way;
 *   - an ancestor of the asker or of the current process: its end would
 *     end them too, in the middle of their allocation.
 *
 * No recursion: while a victim is being ended, allocations that run out
 * choose no second victim, and an OOM victim's restart waits for the
 * next tick at least (kernel/guard/guardian.c), so it never runs inside the
 * allocation that chose it.
 */
#include <stddef.h>
#include "kernel/mm/oom.h"
#include "kernel/proc/proc.h"
#include "kernel/guard/guardian.h"
#include "kernel/mm/frame.h"
#include "kernel/x86/mmu.h"
#include "abi/signal.h"

#define KSTACK_FRAMES (KSTACK_SIZE / PAGE_SIZE)
#define KIB_PER_FRAME (PAGE_SIZE / 1024)

static uint32_t default_limit_kb;
static int reclaiming;          /* ending a victim right now */

void mem_init(uint32_t limit_kb)
{
    if (limit_kb == 0)
        limit_kb = (uint32_t)((uint64_t)frame_total_count() * KIB_PER_FRAME *
                              MEM_DEFAULT_PERCENT / 100);
    default_limit_kb = limit_kb;
}

uint32_t mem_default_limit_kb(void)
{
    return default_limit_kb;
}

void mem_account_setup(struct proc *p, const struct guard_spec *spec)
{
    uint32_t kb = spec && spec->mem_limit_kb ? spec->mem_limit_kb : default_limit_kb;
    uint32_t frames = kb / KIB_PER_FRAME;
    /* The account counts what the address space owns; the kernel stack
     * is the slot's, but `ps` shows it, so the limit leaves room for it.
     * At least one frame: a limit of 0 would mean none. */
    p->mem.limit = frames > KSTACK_FRAMES ? frames - KSTACK_FRAMES : 1;
    p->mem.may_use_reserve = !p->parent;
}

uint32_t mem_limit_kb(const struct proc *p)
{
    return (p->mem.limit + KSTACK_FRAMES) * KIB_PER_FRAME;
}

static int may_be_chosen(const struct proc *p, const struct proc *asker)
{
    if (p->state == P_FREE || !p->pgdir || p->end_pending)
        return 0;
    if (!p->parent || guardian_is_critical(p))
        return 0;
    if ((p != asker && proc_is_descendant(asker, p)) ||
        (p != current && proc_is_descendant(current, p)))
        return 0;
    return 1;
}

static struct proc *choose_victim(const struct proc *asker)
{
    struct proc *victim = 0;
    for (int i = 0; i < proc_limit(); i++) {
        struct proc *p = proc_at(i);
        if (may_be_chosen(p, asker) && (!victim || p->mem.frames > victim->mem.frames))
            victim = p;
    }
    return victim;
}

int oom_reclaim(struct mem_account *acct)
{
    if (reclaiming)
        return 0;
    const struct proc *asker =
        (const struct proc *)((const char *)acct - offsetof(struct proc, mem));
    struct proc *victim = choose_victim(asker);
    if (!victim)
        return 0;
    uint32_t before = frame_free_count();
    struct proc_end how = {
        .how = END_OOM, .signal = SIGKILL, .status = W_SIGNALED(SIGKILL),
    };
    reclaiming = 1;
    proc_kill(victim, &how);        /* the current process: on its way out */
    reclaiming = 0;
    return frame_free_count() > before;
}
