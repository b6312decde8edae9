/*
 * Exhaustion: memory and the process table run out, the kernel says so
 * (-ENOMEM, -EAGAIN) and stays sound, and everything comes back after.
 *   t_exhaust              the test (as init)
 *   t_exhaust hog          grows brk 1 MiB at a time until refused, then a
 *                          page at a time, reports and waits to be killed
 *   t_exhaust storm        spawns two copies of itself, then waits
 *   t_exhaust heapgrow     grows its heap 12 MiB and shrinks it back, then
 *                          asks for all of user space (refused), exits
 */
#define TEST_NAME "t_exhaust"
#include "tests/programs/check.h"

#define MIB (1024 * 1024)
#define HOGS 4

static uint32_t free_frames(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.free_frames;
}

static int __attribute__((noreturn)) hog(void)
{
    char *top = brk(0), *r;
    int mib = 0;
    msleep(100);                    /* all the hogs start together */
    while ((r = brk(top + MIB)) == top + MIB) {
        top += MIB;
        top[-1] = 1;                /* the memory is really there */
        mib++;
        sched_yield();              /* and share the feast */
    }
    int kept = r == top;            /* refused: the old break came back */
    while (brk(top + 4096) == top + 4096)
        top += 4096;                /* the last crumbs */
    printf("t_exhaust: a hog got %d MiB, then brk returned the old break: %s\n", mib,
           kept ? "yes" : "no");
    for (;;)
        msleep(1000);
}

/* The hogs are marked critical, so that running out of memory refuses
 * (-ENOMEM) rather than ends one of them (t_oom tests that choice). */
static void memory(void)
{
    uint32_t before = free_frames();
    char *argv[] = { "t_exhaust", "hog", 0 };
    struct guard_spec critical = { .restart = RESTART_NEVER, .flags = GUARD_CRITICAL };
    int pids[HOGS];
    for (int i = 0; i < HOGS; i++)
        pids[i] = spawn("t_exhaust", argv, &critical);
    msleep(2000);                   /* let them take what they can */
    check("with memory gone, spawn fails with -ENOMEM", spawn("crash", 0, 0), -ENOMEM);
    check("the kernel's invariants hold while memory is exhausted", kcheck(), 0);
    for (int i = 0; i < HOGS; i++)
        if (pids[i] > 0)
            kill(pids[i], SIGKILL);
    while (waitpid(-1, 0, 0) > 0)
        ;
    check("every frame is back after the hogs are gone", free_frames(), before);
    char *ok[] = { "crash", "exit", "0", 0 };
    int pid = spawn("crash", ok, 0), status = -1;
    waitpid(pid, &status, 0);
    check("and spawning works again", status, 0);
}

/* Page tables made for the heap must go too, even above the final break:
 * after a heap shrank, or after a brk that failed part of the way. */
static void heap_tables(void)
{
    char *argv[] = { "t_exhaust", "heapgrow", 0 };
    waitpid(spawn("t_exhaust", argv, 0), 0, 0);
    uint32_t before = free_frames();
    for (int i = 0; i < 10; i++)
        waitpid(spawn("t_exhaust", argv, 0), 0, 0);
    check("heaps that shrank or failed to grow leave no page table behind",
          free_frames(), before);
}

static void storm(void)
{
    struct sysinfo si;
    sysinfo(&si);
    uint32_t before = si.nprocs;
    char *argv[] = { "t_exhaust", "storm", 0 };
    int pid = spawn("t_exhaust", argv, 0);
    msleep(500);
    sysinfo(&si);
    check("a spawn storm fills the table", si.nprocs, si.max_procs);
    check("and the next spawn is refused with -EAGAIN", spawn("crash", 0, 0), -EAGAIN);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    sysinfo(&si);
    check("killing its root ends the whole storm", si.nprocs, before);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "hog") == 0)
        return hog();
    if (argc > 1 && strcmp(argv[1], "heapgrow") == 0) {
        char *base = brk(0);
        brk(base + 12 * MIB);
        base[12 * MIB - 1] = 1;
        brk(base);
        return brk((void *)USER_HEAP_TOP) == base && brk(0) == base ? 0 : 1;
    }
    if (argc > 1 && strcmp(argv[1], "storm-leaf") == 0)
        return msleep(50);
    if (argc > 1 && strcmp(argv[1], "storm") == 0) {
        spawn("t_exhaust", argv, 0);
        spawn("t_exhaust", argv, 0);
        for (;;)
            msleep(1000);
    }
    /* Process slots keep their kernel stacks for the next process, and
     * programs' code stays in the image cache (one-time costs, not
     * leaks): use the slots and the programs the test needs once. */
    char *warm[] = { "t_exhaust", "storm-leaf", 0 };
    char *crash[] = { "crash", "exit", "0", 0 };
    spawn("crash", crash, 0);
    for (int i = 0; i < HOGS + 2; i++)
        spawn("t_exhaust", warm, 0);
    while (waitpid(-1, 0, 0) > 0)
        ;
    memory();
    heap_tables();
    storm();
    check("the kernel's invariants hold at the end", kcheck(), 0);
    return checks_done();
}
