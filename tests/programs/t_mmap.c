/*
 * Anonymous memory: mmap2, munmap, mprotect, madvise and brk's Linux
 * semantics (docs/linux.md, "Part B: memory"), every bad input included.
 *   t_mmap             the test (as init, memlimit=1G)
 *   t_mmap ROLE ...    a child: see roles()
 * A touch of memory the process may not touch must end it with SIGSEGV,
 * so those are children; the rest is checked through system calls, which
 * get -EFAULT for a page the user may not read or write.
 */
#define TEST_NAME "t_mmap"
#include "tests/programs/check.h"
#include "tests/programs/memory.h"

#define RW        (PROT_READ | PROT_WRITE)
#define ANON      (MAP_PRIVATE | MAP_ANONYMOUS)
#define AREA_SIZE (MMAP_TOP - MMAP_BASE)

static char *map(uint32_t addr, uint32_t len, int prot, int flags)
{
    return mmap2((void *)addr, len, prot, flags, -1);
}

static long at(const void *p)
{
    return (long)(uint32_t)p;
}

/* An error comes back as an address in the last 4,095 values. */
static int failed(const void *p)
{
    return (uint32_t)p >= (uint32_t)-4095;
}

static int child(char *role, char *arg, const struct guard_spec *spec)
{
    char *argv[] = { "t_mmap", role, arg, 0 };
    int status = -1;
    waitpid(spawn("t_mmap", argv, spec), &status, 0);
    return status;
}

/* Can the kernel read (write) one byte at p for the user? Through a
 * pipe: the checked copies say -EFAULT for what the user may not touch. */
static int pipe_fds[2];

static int kernel_reads(const char *p)
{
    char c;
    int r = write(pipe_fds[1], p, 1);
    if (r == 1)
        read(pipe_fds[0], &c, 1);
    return r == 1;
}

static int kernel_writes(char *p)
{
    write(pipe_fds[1], "w", 1);
    int r = read(pipe_fds[0], p, 1);
    if (r != 1)
        read(pipe_fds[0], &(char){0}, 1);   /* drain it */
    return r == 1;
}

static void bad_inputs(void)
{
    int fds[2];
    pipe(fds);
    check("mmap2 of length 0: -EINVAL", at(map(0, 0, RW, ANON)), -EINVAL);
    check("MAP_SHARED: -EINVAL", at(map(0, PAGE, RW, MAP_SHARED | MAP_ANONYMOUS)), -EINVAL);
    check("MAP_SHARED_VALIDATE: -EINVAL",
          at(map(0, PAGE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS)), -EINVAL);
    check("no type (neither private nor shared): -EINVAL", at(map(0, PAGE, RW, MAP_ANONYMOUS)),
          -EINVAL);
    check("a file mapping with fd -1: -EBADF", at(map(0, PAGE, RW, MAP_PRIVATE)), -EBADF);
    check("a file mapping of a closed fd: -EBADF",
          at(mmap2(0, PAGE, RW, MAP_PRIVATE, 9)), -EBADF);
    check("a file mapping of the console: -ENODEV",
          at(mmap2(0, PAGE, RW, MAP_PRIVATE, 1)), -ENODEV);
    check("a file mapping of a pipe: -ENODEV",
          at(mmap2(0, PAGE, PROT_READ, MAP_PRIVATE, fds[0])), -ENODEV);
    check("MAP_FIXED at an unaligned address: -EINVAL",
          at(map(MMAP_BASE + 1, PAGE, RW, ANON | MAP_FIXED)), -EINVAL);
    check("a bad prot bit: -EINVAL", at(map(0, PAGE, 0x8, ANON)), -EINVAL);
    check("an unknown flag (MAP_GROWSDOWN): -EINVAL", at(map(0, PAGE, RW, ANON | 0x100)),
          -EINVAL);
    check("a length larger than the area: -ENOMEM", at(map(0, 0xFFFFF000, RW, ANON)), -ENOMEM);
    check("MAP_FIXED over the heap: -ENOMEM",
          at(map((uint32_t)brk(0) & ~(PAGE - 1), PAGE, RW, ANON | MAP_FIXED)), -ENOMEM);
    check("MAP_FIXED over the stack: -ENOMEM",
          at(map(USER_STACK_LOW, PAGE, RW, ANON | MAP_FIXED)), -ENOMEM);
    check("MAP_FIXED at 0: -ENOMEM", at(map(0, PAGE, RW, ANON | MAP_FIXED)), -ENOMEM);
    check("MAP_FIXED running past the area's top: -ENOMEM",
          at(map(MMAP_TOP - PAGE, 2 * PAGE, RW, ANON | MAP_FIXED)), -ENOMEM);
    check("munmap at an unaligned address: -EINVAL", munmap((void *)(MMAP_BASE + 8), PAGE),
          -EINVAL);
    check("munmap of length 0: -EINVAL", munmap((void *)MMAP_BASE, 0), -EINVAL);
    check("munmap of the heap (not a mapping): -EINVAL", munmap(brk(0), PAGE), -EINVAL);
    check("munmap of the kernel: -EINVAL", munmap((void *)KERNEL_BASE, PAGE), -EINVAL);
    check("munmap of a range wrapping around: -EINVAL",
          munmap((void *)MMAP_BASE, 0xFFFFF000), -EINVAL);
    check("munmap of an unmapped range of the area: 0", munmap((void *)MMAP_BASE, 16 * PAGE),
          0);
    check("mprotect at an unaligned address: -EINVAL",
          mprotect((void *)(MMAP_BASE + 1), PAGE, PROT_READ), -EINVAL);
    check("mprotect with a bad prot bit: -EINVAL",
          mprotect((void *)(MMAP_TOP - PAGE), PAGE, 0x10), -EINVAL);
    check("mprotect of an unmapped range: -ENOMEM",
          mprotect((void *)MMAP_BASE, PAGE, PROT_READ), -ENOMEM);
    check("mprotect of the kernel: -ENOMEM", mprotect((void *)KERNEL_BASE, PAGE, PROT_READ),
          -ENOMEM);
    check("mprotect of length 0: 0", mprotect((void *)MMAP_BASE, 0, PROT_READ), 0);
    check("mprotect making shared code writable: -EACCES",
          mprotect((void *)((uint32_t)&bad_inputs & ~(PAGE - 1)), PAGE, RW), -EACCES);
    check("madvise with unknown advice: -EINVAL",
          madvise((void *)(MMAP_TOP - PAGE), PAGE, 999), -EINVAL);
    check("madvise MADV_REMOVE (shared only): -EINVAL",
          madvise((void *)(MMAP_TOP - PAGE), PAGE, MADV_REMOVE), -EINVAL);
    check("madvise at an unaligned address: -EINVAL", madvise((void *)(MMAP_BASE + 1), PAGE,
          MADV_NORMAL), -EINVAL);
    check("madvise of an unmapped range: -ENOMEM", madvise((void *)MMAP_BASE, PAGE,
          MADV_DONTNEED), -ENOMEM);
    close(fds[0]);
    close(fds[1]);
}

static void mapping(void)
{
    int before = my_frames();
    char *a = map(0, 3 * PAGE, RW, ANON);
    check("the first mapping is at the area's top", at(a), (long)(MMAP_TOP - 3 * PAGE));
    check("it costs 3 frames and a page table", my_frames() - before, 4);
    check("its pages read as zeros", a[0] + a[PAGE] + a[3 * PAGE - 1], 0);
    a[0] = 1, a[3 * PAGE - 1] = 2;
    char *b = map(0, 5000, PROT_READ, ANON);      /* rounded up to 2 pages */
    check("the next one below it, its length rounded up", at(b), at(a) - 2 * PAGE);
    check("a read-only mapping is readable", kernel_reads(b), 1);
    check("but not writable", kernel_writes(b), 0);
    char *h = map(MMAP_BASE + 16 * PAGE, PAGE, RW, ANON);
    check("a free hint in the area is honoured", at(h), (long)(MMAP_BASE + 16 * PAGE));
    check("a hint over a mapping is not", at(map(at(a), PAGE, RW, ANON)), at(b) - PAGE);
    check("a hint over the heap is not", at(map(at(brk(0)), PAGE, RW, ANON)), at(b) - 2 * PAGE);
    check("a hint over the stack is not", at(map(USER_STACK_LOW, PAGE, RW, ANON)),
          at(b) - 3 * PAGE);
    check("MAP_FIXED replaces a mapping", at(map(at(a) + PAGE, PAGE, RW, ANON | MAP_FIXED)),
          at(a) + PAGE);
    a[PAGE] = 3;
    check("with fresh zeroed pages, the others kept", a[0] * 100 + a[3 * PAGE - 1] * 10 +
          a[PAGE], 123);
    check("MAP_NORESERVE, MAP_STACK, MAP_POPULATE are accepted",
          failed(map(0, PAGE, RW, ANON | MAP_NORESERVE | MAP_STACK | MAP_POPULATE)), 0);
    check("munmap of everything in the area", munmap((void *)MMAP_BASE, AREA_SIZE), 0);
    check("gives back every page (its two page tables stay)", my_frames() - before, 2);
    check("and an unmapped page faults for the kernel too", kernel_reads(a), 0);
    check("the freed range is used again", at(map(0, PAGE, RW, ANON)), (long)MMAP_TOP - PAGE);
    munmap((void *)MMAP_BASE, AREA_SIZE);
}

static void splitting_and_protection(void)
{
    int before = my_frames();
    char *a = map(0, 4 * PAGE, RW, ANON);
    a[0] = 'a', a[3 * PAGE] = 'd';
    check("munmap of a middle page splits the mapping", munmap(a + PAGE, PAGE), 0);
    check("the hole is not mapped", mprotect(a, 4 * PAGE, PROT_READ), -ENOMEM);
    check("and faults for the kernel", kernel_reads(a + PAGE), 0);
    check("the pieces are kept", kernel_reads(a) + kernel_reads(a + 2 * PAGE), 2);
    check("mprotect makes a page read-only", mprotect(a + 2 * PAGE, 2 * PAGE, PROT_READ), 0);
    check("the kernel may not write it for the user", kernel_writes(a + 3 * PAGE), 0);
    check("its bytes are kept", a[3 * PAGE], 'd');
    check("PROT_NONE: not even readable", mprotect(a, PAGE, PROT_NONE) * 10 + kernel_reads(a), 0);
    check("PROT_NONE keeps the frame", my_frames() - before, 3);
    check("back to read-write", mprotect(a, PAGE, RW), 0);
    check("with its bytes", a[0], 'a');
    char *n = map(0, 8 * PAGE, PROT_NONE, ANON);
    check("a PROT_NONE mapping costs no frame", my_frames() - before, 3);
    check("it is mapped for mprotect and madvise", madvise(n, 8 * PAGE, MADV_WILLNEED), 0);
    check("mprotect to read-write takes the frames", mprotect(n, 8 * PAGE, RW), 0);
    check("8 of them", my_frames() - before, 3 + 8);
    check("zeroed", n[0] + n[8 * PAGE - 1], 0);
    n[5] = 5;
    check("MADV_DONTNEED", madvise(n, 8 * PAGE, MADV_DONTNEED), 0);
    check("zeroes the pages", n[5], 0);
    check("MADV_FREE is accepted", madvise(n, PAGE, MADV_FREE), 0);
    char *heap = brk(0);
    brk(heap + 2 * PAGE);
    heap[PAGE] = 9;
    check("mprotect of the heap to read-only", mprotect(heap, 2 * PAGE, PROT_READ), 0);
    check("is not writable then", kernel_writes(heap), 0);
    check("and back", mprotect(heap, 2 * PAGE, RW) * 10 + kernel_writes(heap), 1);
    check("MADV_DONTNEED on the heap", madvise(heap, 2 * PAGE, MADV_DONTNEED) * 10 + heap[PAGE],
          0);
    check("past the break is not mapped", mprotect(heap + 2 * PAGE, PAGE, PROT_READ), -ENOMEM);
    brk(heap);
    munmap((void *)MMAP_BASE, AREA_SIZE);
    check("every frame is back", my_frames() - before, 0);
}

/* MMAP_REGIONS mappings that cannot merge (their protection alternates). */
static void region_list(void)
{
    uint32_t top = MMAP_TOP - 3 * PAGE;
    check("a first region of 3 pages", at(map(top, 3 * PAGE, RW, ANON | MAP_FIXED)), (long)top);
    int ok = 1;
    for (int i = 1; i < MMAP_REGIONS; i++)
        ok &= at(map(top - (uint32_t)i * PAGE, PAGE, i % 2 ? PROT_READ : RW,
                     ANON | MAP_FIXED)) == (long)(top - (uint32_t)i * PAGE);
    check("64 regions in all", ok, 1);
    uint32_t low = top - (MMAP_REGIONS - 1) * PAGE;
    check("a 65th: -ENOMEM", at(map(0, PAGE, RW, ANON)), -ENOMEM);
    check("splitting a region would need one: -ENOMEM", munmap((void *)(top + PAGE), PAGE)
          * 10 + mprotect((void *)(top + PAGE), PAGE, PROT_READ), -ENOMEM * 11);
    check("a mapping that joins its neighbour needs none",
          at(map(low - PAGE, PAGE, (MMAP_REGIONS - 1) % 2 ? PROT_READ : RW, ANON | MAP_FIXED)),
          (long)(low - PAGE));
    check("munmap of one page of a region's end needs none", munmap((void *)(low - PAGE), PAGE),
          0);
    munmap((void *)MMAP_BASE, AREA_SIZE);
    check("after munmap of all, mapping works again", at(map(0, PAGE, RW, ANON)),
          (long)(MMAP_TOP - PAGE));
    munmap((void *)MMAP_BASE, AREA_SIZE);
}

static void limits_and_cycles(void)
{
    struct guard_spec small = { .mem_limit_kb = 256 };
    check("a child at its 256 KiB limit: mmap2 -ENOMEM, mprotect -ENOMEM",
          child("overlimit", "0", &small), W_EXITCODE(0));
    uint32_t before = free_frames();
    check("a child with 4 MiB mapped exits", child("mapexit", "0", 0), W_EXITCODE(0));
    check("and its mappings are freed", free_frames(), before);
    check("a hog filling the machine with mmap2 is ended: SIGKILL", child("hog", "0", 0),
          W_SIGNALED(SIGKILL));
    check("and every frame is back", free_frames(), before);
    munmap(map(0, 16 * PAGE, RW, ANON), 16 * PAGE);         /* the tables are made */
    uint32_t free_before = free_frames();
    int mine = my_frames(), ok = 1;
    for (int i = 0; i < CYCLES; i++) {
        char *p = map(0, 16 * PAGE, RW, ANON);
        p[0] = p[16 * PAGE - 1] = 1;
        ok &= mprotect(p + PAGE, PAGE, PROT_NONE) == 0;
        ok &= munmap(p + 8 * PAGE, PAGE) == 0;
        ok &= munmap(p, 16 * PAGE) == 0;
    }
    check("1,000 map, protect, split and unmap cycles all worked", ok, 1);
    check("and left every frame in place", (long)(free_frames() - free_before) +
          (my_frames() - mine), 0);
    check("the kernel's counts agree with its page tables", kcheck(), 0);
}

static void brk_semantics(void)
{
    char *base = brk(0);
    check("brk below the heap's start returns the break", at(brk((void *)0x1000)), at(base));
    check("brk into the mmap area returns the old break", at(brk((void *)(MMAP_BASE + PAGE))),
          at(base));
    check("brk(0) still says the same break", at(brk(0)), at(base));
}

/* ---- the children ---- */

static int roles(char *role)
{
    if (strcmp(role, "overlimit") == 0) {
        char *p = map(0, MIB, RW, ANON);
        check("child: 1 MiB past a 256 KiB limit: -ENOMEM", at(p), -ENOMEM);
        char *n = map(0, MIB, PROT_NONE, ANON);
        check("child: 1 MiB of PROT_NONE is fine", failed(n), 0);
        check("child: but making it accessible: -ENOMEM", mprotect(n, MIB, RW), -ENOMEM);
        while (!failed(map(0, PAGE, RW, ANON)))
            ;
        check("child: mapped a page at a time, it owns exactly its limit",
              my_frames() * 4, my_limit_kb());
        return failures;
    }
    if (strcmp(role, "mapexit") == 0) {
        char *p = map(0, 4 * MIB, RW, ANON);
        p[4 * MIB - 1] = 1;
        map(0, MIB, PROT_NONE, ANON);
        return 0;
    }
    if (strcmp(role, "hog") == 0) {
        for (;;)
            map(0, MIB, RW, ANON);                  /* until the kernel ends it */
    }
    char *p = map(0, 3 * PAGE, RW, ANON);
    if (strcmp(role, "touchnone") == 0) {
        mprotect(p + PAGE, PAGE, PROT_NONE);
        p[0] = 1;
        return *(volatile char *)(p + PAGE);        /* SIGSEGV */
    }
    if (strcmp(role, "touchfresh") == 0)
        return *(volatile char *)map(0, PAGE, PROT_NONE, ANON);
    if (strcmp(role, "writero") == 0) {
        mprotect(p, 3 * PAGE, PROT_READ);
        return p[0] + (*(volatile char *)p = 1);
    }
    if (strcmp(role, "touchhole") == 0) {
        munmap(p + PAGE, PAGE);
        p[0] = p[2 * PAGE] = 1;
        return *(volatile char *)(p + PAGE);
    }
    return 99;
}

static void touches(void)
{
    check("reading a page made PROT_NONE: SIGSEGV", child("touchnone", "0", 0),
          W_SIGNALED(SIGSEGV));
    check("reading a fresh PROT_NONE mapping: SIGSEGV", child("touchfresh", "0", 0),
          W_SIGNALED(SIGSEGV));
    check("writing a read-only mapping: SIGSEGV", child("writero", "0", 0),
          W_SIGNALED(SIGSEGV));
    check("touching a hole munmap made: SIGSEGV", child("touchhole", "0", 0),
          W_SIGNALED(SIGSEGV));
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return roles(argv[1]);
    pipe(pipe_fds);
    touches();                      /* first: its children warm up a slot */
    uint32_t before = unowned();
    bad_inputs();
    mapping();
    splitting_and_protection();
    region_list();
    brk_semantics();
    limits_and_cycles();
    check("every frame is back at the end", unowned(), before);
    return checks_done();
}
