/*
 * State kept across restarts: the stash (memory) and fdstore
 * (descriptors), with exact counts (docs/guardian.md, section 14).
 *   t_stash                 the tests (as init, under -icount)
 *   t_stash count N AREA    a service counting its incarnations in a
 *                           stash page in AREA (bss, heap or mmap); each
 *                           crashes but the Nth, which exits 0 when every
 *                           count and record is exact (else 1)
 *   t_stash pipe N          a service keeping a pipe at descriptors 10
 *                           and 11 across N incarnations, the same way
 *   t_stash pages K         stashes K pages of its bss, then crashes
 *   t_stash bad             each bad input's errno (supervised)
 *   t_stash unsup           stash and fdstore unsupervised: EPERM
 *   t_stash exec            stashes a page, then execs t_stash execed,
 *                           which finds no stash (another range is
 *                           taken, not EBUSY) and a fresh page
 *   t_stash fork            a fork's child has no stash and may make none
 *   t_stash random          random ranges, and the named pages unmapped
 *                           and mapped again at random, over 4
 *                           incarnations: the parent checks every frame
 *                           comes back
 */
#define TEST_NAME "t_stash"
#include "tests/programs/check.h"

#include "tests/programs/events.h"

#define MAGIC       0x57415348u     /* "WASH": this page was set up */
#define WORK_MAX    128             /* incarnations recorded */
#define MMAP_AT     0xB0000000u     /* the mmap area service's stash */
#define KEEP_READ   10              /* the pipe service's kept descriptors */
#define KEEP_WRITE  11
#define BIG_PAGES   4
#define PAGE_DOWN(a) ((uint32_t)(a) & ~(PAGE_SIZE - 1))
#define PAGE_UP(a)   PAGE_DOWN((uint32_t)(a) + PAGE_SIZE - 1)
#define LEAK_RUNS   10              /* of 101 incarnations: 1,000 restarts */
#define LEAK_N      "101"

struct counter {
    uint32_t magic;
    uint32_t incarnations;          /* counted by each, the first included */
    uint32_t kept;                  /* how many found the stash kept */
    uint32_t work[WORK_MAX];        /* what each did before it crashed */
};

static union {
    struct counter c;
    uint8_t bytes[BIG_PAGES * PAGE_SIZE];
} area __attribute__((aligned(PAGE_SIZE)));

static int fresh;                   /* not stashed: 0 in every incarnation */

static void crash(void)
{
    *(volatile int *)0 = 1;         /* cppcheck-suppress nullPointer ; NOLINT: on purpose */
}

/* The counter page in the named area, stashed: stash's answer (0 new,
 * 1 kept) in *kept_now, or a negative errno. */
static struct counter *stashed_counter(const char *where, int *kept_now)
{
    struct counter *c = &area.c;
    if (strcmp(where, "heap") == 0) {
        uint32_t base = PAGE_UP((uint32_t)brk(0));    /* the same in every incarnation */
        brk((void *)(base + PAGE_SIZE));                    /* over the kept page, if any */
        c = (struct counter *)base;
    } else if (strcmp(where, "mmap") == 0) {
        c = (struct counter *)MMAP_AT;
        /* Stash first: a kept page is there already, and mmap would
         * replace it. Only the first incarnation maps it. */
        if (stash(c, PAGE_SIZE) == -EFAULT)
            mmap2(c, PAGE_SIZE, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1);
    }
    *kept_now = stash(c, PAGE_SIZE);
    return c;
}

static int count_service(uint32_t n, const char *where)
{
    int kept_now;
    struct counter *c = stashed_counter(where, &kept_now);
    if (kept_now < 0)
        return 2;
    int ok = fresh == 0;
    fresh = 1;
    if (kept_now == 0) {
        ok &= c->magic == 0 && c->incarnations == 0;    /* a fresh page */
        c->magic = MAGIC;
    }
    ok &= c->magic == MAGIC && c->incarnations < WORK_MAX;
    if (!ok)
        return 1;
    c->kept += (uint32_t)kept_now;
    for (uint32_t i = 0; i < c->incarnations; i++)
        ok &= c->work[i] == i * 7 + 1;                  /* as each left it */
    c->work[c->incarnations] = c->incarnations * 7 + 1;
    c->incarnations++;
    if (c->incarnations < n)
        crash();
    return ok && c->incarnations == n && c->kept == n - 1 ? 0 : 1;
}

/* Incarnation 1 makes the pipe and keeps it; each one after reads the
 * byte its predecessor left in it and leaves the next. */
static int pipe_service(int n)
{
    char b = 0;
    if (fcntl(KEEP_READ, F_GETFD, 0) < 0) {
        int p[2];
        if (pipe(p) < 0 || dup2(p[0], KEEP_READ) < 0 || dup2(p[1], KEEP_WRITE) < 0)
            return 2;
        close(p[0]);
        close(p[1]);
        if (fdstore(KEEP_READ, KEEP_READ) < 0 || fdstore(KEEP_WRITE, KEEP_WRITE) < 0)
            return 3;
    } else if (read(KEEP_READ, &b, 1) != 1) {
        return 4;
    }
    int open_fds = 0;
    for (int fd = 0; fd < NOFILE; fd++)
        open_fds += fcntl(fd, F_GETFD, 0) >= 0;
    if (open_fds != 5)              /* 0, 1, 2 and the two kept */
        return 5;
    b++;                            /* this incarnation's number */
    if (write(KEEP_WRITE, &b, 1) != 1)
        return 6;
    if (b < n)
        crash();
    return b == n ? 0 : 7;
}

static int pages_service(int k)
{
    if (k > 0 && stash(&area, (size_t)k * PAGE_SIZE) < 0)
        return 2;
    area.bytes[0] = 1;
    crash();
    return 0;
}

static void bad_inputs(void)
{
    uint8_t *page = area.bytes;
    int local;
    uint32_t stack_page = PAGE_DOWN((uint32_t)&local);
    check("bad: an unaligned address is EINVAL", stash(page + 1, PAGE_SIZE), -EINVAL);
    check("bad: an unaligned length is EINVAL", stash(page, 100), -EINVAL);
    check("bad: a zero length is EINVAL", stash(page, 0), -EINVAL);
    check("bad: more than STASH_MAX is E2BIG", stash(page, STASH_MAX + PAGE_SIZE), -E2BIG);
    check("bad: the stack page is EINVAL", stash((void *)stack_page, PAGE_SIZE), -EINVAL);
    check("bad: a range reaching into the stack region is EINVAL",
          stash((void *)(USER_STACK_LOW - PAGE_SIZE), 2 * PAGE_SIZE), -EINVAL);
    check("bad: unmapped memory is EFAULT", stash((void *)0x20000000, PAGE_SIZE), -EFAULT);
    check("bad: the program's text (not writable) is EFAULT",
          stash((void *)PAGE_DOWN((uint32_t)&bad_inputs), PAGE_SIZE), -EFAULT);
    check("bad: kernel memory is EFAULT", stash((void *)KERNEL_BASE, PAGE_SIZE), -EFAULT);
    check("bad: a range that wraps is EFAULT", stash((void *)0xFFFFF000u, 2 * PAGE_SIZE), -EFAULT);
    check("bad: below user space is EFAULT", stash((void *)PAGE_SIZE, PAGE_SIZE), -EFAULT);
    check("range: the first is taken (0: new)", stash(page, PAGE_SIZE), 0);
    check("range: the same again is 0 (not kept: incarnation 1)", stash(page, PAGE_SIZE), 0);
    check("range: another while it runs is EBUSY", stash(page + PAGE_SIZE, PAGE_SIZE), -EBUSY);
    check("range: a longer one is EBUSY", stash(page, 2 * PAGE_SIZE), -EBUSY);
    check("range: stash(0, 0) forgets it", stash(0, 0), 0);
    check("range: then another is taken", stash(page + PAGE_SIZE, PAGE_SIZE), 0);
    check("fdstore: slot -1 is EINVAL", fdstore(1, -1), -EINVAL);
    check("fdstore: slot NOFILE is EINVAL", fdstore(1, NOFILE), -EINVAL);
    check("fdstore: a closed fd is EBADF", fdstore(9, 9), -EBADF);
    check("fdstore: fd 99 is EBADF", fdstore(99, 9), -EBADF);
    check("fdstore: a spawn-time slot (0) is EBUSY", fdstore(1, 0), -EBUSY);
    check("fdstore: taking back an empty slot is 0", fdstore(-1, 9), 0);
    check("fdstore: keep fd 1 as 9", fdstore(1, 9), 0);
    check("fdstore: replace it", fdstore(2, 9), 0);
    check("fdstore: take it back", fdstore(-1, 9), 0);
    check("fdstore: this incarnation's fd 9 is untouched (closed)", fcntl(9, F_GETFD, 0), -EBADF);
}

static uint32_t random_state = 12345;

static uint32_t next_random(void)
{
    random_state = random_state * 1103515245u + 12345u;
    return random_state >> 8;
}

/* An address for a random stash: the bss area, the mmap pages, the
 * stack, or anything. */
static uint32_t random_address(uint32_t r)
{
    switch (r % 5) {
    case 0:  return (uint32_t)area.bytes + (r >> 4) % 5 * PAGE_SIZE;
    case 1:  return MMAP_AT + (r >> 4) % 5 * PAGE_SIZE;
    case 2:  return USER_STACK_LOW + (r >> 4) % 3 * PAGE_SIZE - PAGE_SIZE;
    case 3:  return (r << 12) + ((r & 0x100) ? 1 : 0);
    default: return r << 4;
    }
}

static int random_service(void)
{
    struct proc_info me;
    if (proc_info_of(getpid(), &me) < 0)
        return 2;
    random_state += me.incarnation;     /* another sequence each time */
    mmap2((void *)MMAP_AT, BIG_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1);     /* over any kept page */
    for (int i = 0; i < 3000; i++) {
        uint32_t r = next_random();
        uint32_t len = (r >> 20) % 6 * PAGE_SIZE + ((r & 0x200) && (r & 0x400) ? 1 : 0);
        stash((void *)random_address(next_random()), len);
        if (r % 16 == 0)
            stash(0, 0);
        if (r % 64 == 1)
            munmap((void *)(MMAP_AT + (r >> 8) % BIG_PAGES * PAGE_SIZE), PAGE_SIZE);
        if (r % 64 == 2)
            mmap2((void *)(MMAP_AT + (r >> 8) % BIG_PAGES * PAGE_SIZE), PAGE_SIZE,
                  (r & 0x100) ? PROT_NONE : PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1);
    }
    if (me.incarnation < 4)
        crash();
    return 0;
}

static long fork_(void) { return syscall(SYS_fork, 0, 0, 0, 0, 0); }

static int run(char **argv, struct guard_spec s, int *status)
{
    int pid = spawn(argv[0], argv, &s);
    if (pid > 0)
        waitpid(pid, status, 0);
    return pid;
}

static struct guard_spec quiet(uint32_t max)
{
    return (struct guard_spec){ .restart = RESTART_ON_FAILURE, .max_restarts = max,
                                .window_ms = 1000000, .flags = GUARD_QUIET };
}

static void counter_in(char *where)
{
    struct guard_event ev[8];
    char *argv[] = { "t_stash", "count", "5", where, 0 };
    int status = -1;
    int pid = run(argv, quiet(10), &status);
    char what[64];
    format_buf(what, sizeof what, "counter (%s): 5 incarnations, the last exits 0", where);
    check(what, status, 0);
    format_buf(what, sizeof what, "counter (%s): exactly 5 ends in the log", where);
    check(what, events_for(pid, ev, 8), 5);
}

static void kept_pipe(void)
{
    struct guard_event ev[8];
    struct sysinfo before, after;
    char *argv[] = { "t_stash", "pipe", "4", 0 };
    int status = -1;
    sysinfo(&before);
    int pid = run(argv, quiet(10), &status);
    sysinfo(&after);
    check("pipe: kept at 10 and 11, each byte read by the next (exit 0)", status, 0);
    check("pipe: exactly 4 incarnations", events_for(pid, ev, 8), 4);
    check("pipe: the end for good closed it", after.pipes - before.pipes, 0);
    check("pipe: and its open files", after.open_files - before.open_files, 0);
}

static void bad_and_unsupervised(void)
{
    char *bad[] = { "t_stash", "bad", 0 };
    char *unsup[] = { "t_stash", "unsup", 0 };
    int status = -1;
    run(bad, quiet(0), &status);
    check("bad inputs: the service's checks passed", status, 0);
    int pid = spawn("t_stash", unsup, 0);
    waitpid(pid, &status, 0);
    check("unsupervised: EPERM for both (exit 0)", status, 0);
}

static void exec_and_fork(void)
{
    char *execer[] = { "t_stash", "exec", 0 };
    char *forker[] = { "t_stash", "fork", 0 };
    int status = -1;
    run(execer, quiet(0), &status);
    check("exec: the new program finds no stash, a fresh page (exit 0)", status, 0);
    run(forker, quiet(0), &status);
    check("fork: the child has no stash and may make none (exit 0)", status, 0);
}

/* Between incarnations the kept frames are the service's: ps counts
 * them (BIG_PAGES more than a service that keeps nothing); an end for
 * good during the wait gives them back. Twice, measured the second time:
 * the first takes a kernel stack for each new slot, kept for good. */
static int backoff_round(int *frames_more)
{
    struct guard_spec slow = quiet(3);
    slow.backoff_ms = slow.backoff_max_ms = 10000;
    char *none[] = { "t_stash", "pages", "0", 0 };
    char *some[] = { "t_stash", "pages", "4", 0 };
    struct proc_info a, b;
    int pa = spawn("t_stash", none, &slow), pb = spawn("t_stash", some, &slow);
    msleep(100);                    /* both crashed: waiting out the backoff */
    proc_info_of(pa, &a);
    proc_info_of(pb, &b);
    *frames_more = (int)(b.frames - a.frames);
    int ok = a.state == PSTATE_BACKOFF && b.state == PSTATE_BACKOFF && kcheck() == 0;
    kill(pa, SIGKILL);
    kill(pb, SIGKILL);
    waitpid(pa, 0, 0);
    waitpid(pb, 0, 0);
    return ok;
}

static void kept_frames_accounted(void)
{
    struct sysinfo before, after;
    int more;
    backoff_round(&more);
    sysinfo(&before);
    check("backoff: both wait (kcheck agrees)", backoff_round(&more), 1);
    sysinfo(&after);
    check("backoff: ps counts the 4 kept frames", more, BIG_PAGES);
    check("backoff: an end for good frees the kept frames",
          (int)(after.free_frames - before.free_frames), 0);
}

static void random_ranges(void)
{
    char *argv[] = { "t_stash", "random", 0 };
    struct sysinfo before, after;
    int status = -1;
    sysinfo(&before);
    run(argv, quiet(10), &status);
    sysinfo(&after);
    check("random: 4 incarnations of random ranges end well", status, 0);
    check("random: every frame comes back", (int)(after.free_frames - before.free_frames), 0);
    check("random: kcheck", kcheck(), 0);
}

static void no_leak(void)
{
    static char *where[] = { "bss", "heap", "mmap" };
    struct sysinfo before, after;
    char *warm[] = { "t_stash", "count", "2", "bss", 0 };
    int status = -1, bad = 0;
    run(warm, quiet(100), &status);     /* slot stacks, the image cache */
    sysinfo(&before);
    for (int i = 0; i < LEAK_RUNS; i++) {
        char *argv[] = { "t_stash", "count", LEAK_N, where[i % 3], 0 };
        run(argv, quiet(100), &status);
        bad += status != 0;
    }
    sysinfo(&after);
    check("leak: 10 services of 101 incarnations each counted exactly", bad, 0);
    check("leak: free frames unchanged after 1,000 restarts",
          (int)(after.free_frames - before.free_frames), 0);
    check("leak: kcheck", kcheck(), 0);
}

static int exec_service(void)
{
    if (stash(&area, PAGE_SIZE) != 0)
        return 2;
    area.c.magic = MAGIC;
    char *argv[] = { "t_stash", "execed", 0 };
    syscall(SYS_execve, (long)"t_stash", (long)argv, (long)environ, 0, 0);
    return 3;
}

static int fork_service(void)
{
    if (stash(&area, PAGE_SIZE) != 0)
        return 2;
    long pid = fork_();
    if (pid == 0)
        exit(stash(&area, PAGE_SIZE) == -EPERM && stash(0, 0) == -EPERM ? 0 : 1);
    int status = -1;
    waitpid((int)pid, &status, 0);
    return status == 0 && stash(&area, PAGE_SIZE) == 0 ? 0 : 4;
}

int main(int argc, char **argv)
{
    if (argc > 3 && strcmp(argv[1], "count") == 0)
        return count_service((uint32_t)atoi(argv[2]), argv[3]);
    if (argc > 2 && strcmp(argv[1], "pipe") == 0)
        return pipe_service(atoi(argv[2]));
    if (argc > 2 && strcmp(argv[1], "pages") == 0)
        return pages_service(atoi(argv[2]));
    if (argc > 1 && strcmp(argv[1], "bad") == 0) {
        bad_inputs();
        return failures ? 1 : 0;
    }
    if (argc > 1 && strcmp(argv[1], "unsup") == 0)
        return stash(&area, PAGE_SIZE) == -EPERM && fdstore(1, 9) == -EPERM ? 0 : 1;
    if (argc > 1 && strcmp(argv[1], "exec") == 0)
        return exec_service();
    if (argc > 1 && strcmp(argv[1], "execed") == 0)
        return stash(area.bytes + PAGE_SIZE, PAGE_SIZE) == 0 && area.c.magic == 0 ? 0 : 1;
    if (argc > 1 && strcmp(argv[1], "fork") == 0)
        return fork_service();
    if (argc > 1 && strcmp(argv[1], "random") == 0)
        return random_service();
    counter_in("bss");
    counter_in("heap");
    counter_in("mmap");
    kept_pipe();
    bad_and_unsupervised();
    exec_and_fork();
    kept_frames_accounted();
    random_ranges();
    no_leak();
    return checks_done();
}
