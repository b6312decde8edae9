/*
 * The memory calls: brk, mmap2, munmap, mprotect, madvise, with Linux
 * i386 numbers and meaning (docs/linux.md, "Part B: memory"). Each
 * checks its arguments here; the mmap area's work is in kernel/mm/mmap.c
 * and the page tables' in kernel/mm/vm.c. Every frame they map is charged
 * to the process, within its memory limit (kernel/mm/oom.c).
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "abi/mman.h"
#include "abi/errno.h"

#define PROT_KNOWN (PROT_READ | PROT_WRITE | PROT_EXEC)
#define MAP_KNOWN  (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | \
                    MAP_NORESERVE | MAP_POPULATE | MAP_STACK)
#define MADV_DONTFORK 10        /* 10 to 21: Linux's advice about forks, merging, */
#define MADV_LAST     21        /* huge pages, dumps, paging out: all only hints */

/*
 * brk(addr): move the end of the heap to addr. As Linux's system call
 * does (not its C library's wrapper), it returns the break: the new one
 * on success, the old one on any failure (below the heap's start, past
 * USER_HEAP_TOP, the memory limit, no memory after the out-of-memory
 * choice), so brk(0) asks where it is. Never an error number.
 */
int32_t sys_brk(const uint32_t *arg)
{
    uint32_t addr = arg[0];
    struct proc *p = current;
    if (addr < p->brk_base || addr > USER_HEAP_TOP)
        return (int32_t)p->brk;
    uint32_t old_end = PAGE_ROUND_UP(p->brk), new_end = PAGE_ROUND_UP(addr);
    if (new_end > p->heap_top)
        p->heap_top = new_end;      /* page tables may be made up to here */
    if (new_end > old_end && vm_alloc(p->pgdir, old_end, new_end - old_end, VM_WRITE) < 0) {
        vm_free_range(p->pgdir, old_end, new_end);
        return (int32_t)p->brk;
    }
    if (new_end < old_end)
        vm_free_range(p->pgdir, new_end, old_end);
    p->brk = addr;
    return (int32_t)addr;
}

/*
 * mmap2(addr, len, prot, flags, fd, pgoff): anonymous private memory
 * only. The checks come in Linux's order: a file's descriptor, the
 * length, a fixed address, the type, then what Warden cannot map (a
 * file: -ENODEV; shared memory: -EINVAL) and unknown bits. The sixth
 * argument (ebp) is not read: Linux too ignores the offset of an
 * anonymous mapping. An address comes back as a large number, never in
 * the last 4,095 values that mean an error.
 */
int32_t sys_mmap2(const uint32_t *arg)
{
    uint32_t addr = arg[0], len = arg[1], prot = arg[2], flags = arg[3];
    int fd = (int)arg[4];
    uint32_t type = flags & MAP_TYPE;
    if (!(flags & MAP_ANONYMOUS) && !fd_get(current, fd))
        return -EBADF;
    if (len == 0)
        return -EINVAL;
    if (len > MMAP_TOP - MMAP_BASE)
        return -ENOMEM;             /* more than the area holds */
    if ((flags & MAP_FIXED) && addr % PAGE_SIZE)
        return -EINVAL;
    if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (!(flags & MAP_ANONYMOUS))
        return -ENODEV;             /* no open file here can be mapped */
    if (type != MAP_PRIVATE || (flags & ~MAP_KNOWN) || (prot & ~PROT_KNOWN))
        return -EINVAL;
    return mmap_map(current->pgdir, &current->maps, addr, PAGE_ROUND_UP(len), prot,
                    flags & MAP_FIXED);
}

/* The end of a page-aligned range of len bytes at addr, in user space:
 * 0 when there is none (len 0, or past USER_TOP). */
static uint32_t range_end(uint32_t addr, uint32_t len)
{
    if (len == 0 || len > USER_TOP || addr >= USER_TOP)
        return 0;
    uint32_t end = addr + PAGE_ROUND_UP(len);
    return end > addr && end <= USER_TOP ? end : 0;
}

static int in_mmap_area(uint32_t start, uint32_t end)
{
    return start >= MMAP_BASE && end <= MMAP_TOP;
}

/* The program and its heap, [image_lo, brk): not mappings, but memory
 * mprotect and madvise may act on. */
static int in_program(const struct proc *p, uint32_t start, uint32_t end)
{
    return start >= p->image_lo && end <= PAGE_ROUND_UP(p->brk);
}

/* munmap(addr, len): only the mmap area holds mappings that can go; a
 * range there that is not mapped is fine. */
int32_t sys_munmap(const uint32_t *arg)
{
    uint32_t addr = arg[0], len = arg[1];
    uint32_t end = range_end(addr, len);
    if (addr % PAGE_SIZE || !end || !in_mmap_area(addr, end))
        return -EINVAL;
    return mmap_unmap(current->pgdir, &current->maps, addr, end);
}

/* mprotect(addr, len, prot): the page tables really change. In the mmap
 * area every page must be mapped; in the program and its heap the
 * present pages change (a shared code page cannot become writable:
 * -EACCES); anywhere else is not mapped (-ENOMEM). */
int32_t sys_mprotect(const uint32_t *arg)
{
    uint32_t addr = arg[0], len = arg[1], prot = arg[2];
    struct proc *p = current;
    if (addr % PAGE_SIZE)
        return -EINVAL;
    if (len == 0)
        return 0;
    uint32_t end = range_end(addr, len);
    if (!end)
        return -ENOMEM;
    if (prot & ~PROT_KNOWN)
        return -EINVAL;
    if (in_mmap_area(addr, end))
        return mmap_protect(p->pgdir, &p->maps, addr, end, prot);
    if (in_program(p, addr, end))
        return vm_set_access(p->pgdir, addr, end, mmap_vm_flags(prot));
    return -ENOMEM;
}

static int advice_known(uint32_t advice)
{
    return advice <= MADV_DONTNEED || advice == MADV_FREE ||
           (advice >= MADV_DONTFORK && advice <= MADV_LAST);
}

/* madvise(addr, len, advice): every advice is a hint Warden may ignore,
 * but MADV_DONTNEED: afterwards the pages read as zeros, as Linux's
 * anonymous private pages do (in the mmap area and the heap; the
 * program's own pages are left as they are). */
int32_t sys_madvise(const uint32_t *arg)
{
    uint32_t addr = arg[0], len = arg[1], advice = arg[2];
    struct proc *p = current;
    if (!advice_known(advice) || addr % PAGE_SIZE)
        return -EINVAL;
    if (len == 0)
        return 0;
    uint32_t end = range_end(addr, len);
    if (!end)
        return -ENOMEM;
    if (in_mmap_area(addr, end)) {
        if (!mmap_covered(&p->maps, addr, end))
            return -ENOMEM;
    } else if (in_program(p, addr, end)) {
        if (addr < p->brk_base)
            addr = end < p->brk_base ? end : p->brk_base;   /* the heap's part only */
    } else {
        return -ENOMEM;
    }
    if (advice == MADV_DONTNEED)
        vm_zero_range(p->pgdir, addr, end);
    return 0;
}
