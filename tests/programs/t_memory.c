/*
 * Memory limits and running out of memory (docs/hardening.md, "Memory
 * limits and running out"). As init:
 *   t_memory limits    (memlimit=512K) brk and stack growth stop at the
 *                      limit, a spec's limit overrides it, a service over
 *                      its limit is restarted by policy, bad specs are
 *                      refused, and 1,000 limit cycles leak nothing
 *   t_memory oom       (memlimit=1G) a hog that fills the machine ends
 *                      with END_OOM while a bystander's stack grows; init
 *                      and a critical service are never chosen; a restart
 *                      without memory is retried; 1,000 OOM cycles leak
 *                      nothing
 * The roles its children play are in main().
 */
#define TEST_NAME "t_memory"
#include "tests/programs/check.h"

#define KIB 1024
#define MIB (1024 * 1024)
#define PAGE 4096
#define CYCLES 1000

static struct guard_event events[GUARD_EVENTS_MAX];

static uint32_t free_frames(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.free_frames;
}

/* Free frames plus init's own: the page tables init made for its heap
 * stay when the heap shrinks (they go with the address space), so this
 * is what must come back after each test. */
static int my_frames(void);
static uint32_t unowned(void)
{
    return free_frames() + (uint32_t)my_frames();
}

static uint32_t reserve_frames(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.reserve_frames;
}

/* The listing's entry for pid, or NULL. Not proc_info_of: that one
 * mallocs, and these programs move brk themselves. */
static const struct proc_info *info_of(int pid)
{
    static struct proc_info list[64];
    int n = proclist(list, 64);
    for (int i = 0; i < n; i++)
        if (list[i].pid == pid)
            return &list[i];
    return 0;
}

static int my_frames(void)
{
    return (int)info_of(getpid())->frames;
}

static int my_limit_kb(void)
{
    return (int)info_of(getpid())->mem_limit_kb;
}

/* The newest event of pid with the given decision (0: any): its index in
 * events[], or -1. */
static int find_event(int pid, int decision)
{
    int n = guardlog(events, GUARD_EVENTS_MAX, 0);
    for (int i = n - 1; i >= 0; i--)
        if (events[i].pid == pid && (decision == 0 || events[i].decision == decision))
            return i;
    return -1;
}

static int count_events(int pid, int end, uint32_t reason)
{
    int n = guardlog(events, GUARD_EVENTS_MAX, 0), count = 0;
    for (int i = 0; i < n; i++)
        count += events[i].pid == pid && events[i].end == end && events[i].reason == reason;
    return count;
}

static int run(char **argv, const struct guard_spec *spec)
{
    int status = -1;
    waitpid(spawn("t_memory", argv, spec), &status, 0);
    return status;
}

/* ---- the children's roles ---- */

/* Grow the heap a page at a time until refused; then own exactly the
 * limit. Exit 0 when so, 1 when not (and say why unless quiet). */
static int brk_to_limit(int quiet)
{
    char *top = brk(0);
    long r;
    while ((r = (long)brk(top + PAGE)) > 0) {
        top += PAGE;
        top[-1] = 1;
    }
    int kb = my_frames() * 4, limit = my_limit_kb();
    if (!quiet) {
        check("brk past the limit is refused with -ENOMEM", r, -ENOMEM);
        check("and then the process owns exactly its limit", kb, limit);
    }
    return r == -ENOMEM && kb == limit ? 0 : 1;
}

/* Use the stack a page at a time, pages deep (0: until something stops
 * it); each page keeps its depth, checked on the way back. */
static int __attribute__((noinline)) dig(int depth, int pages)
{
    volatile char page[PAGE - 64];
    page[0] = (char)depth;
    page[sizeof page - 1] = (char)(depth >> 8);
    int bad = 0;
    if (pages == 0 || depth + 1 < pages)
        bad = dig(depth + 1, pages);
    return bad + (page[0] != (char)depth || page[sizeof page - 1] != (char)(depth >> 8));
}

static int wait_byte(int fd)
{
    char c;
    return read(fd, &c, 1) == 1 ? 0 : 1;
}

static void send_byte(int fd)
{
    write(fd, "x", 1);
}

/* Grow the heap until only a few frames above the reserve are free:
 * the machine is full, and nobody has been chosen yet. */
static void fill_to_reserve(uint32_t margin)
{
    char *top = brk(0);
    uint32_t floor = reserve_frames() + margin;
    while (free_frames() > floor + 300 && (long)brk(top + MIB) > 0)
        top += MIB;
    while (free_frames() > floor && (long)brk(top + PAGE) > 0)
        top += PAGE;
}

/* Grow the heap by what brk gives, until refused. Returns the pages. */
static int take_everything(char **top)
{
    int pages = 0;
    while ((long)brk(*top + 64 * KIB) > 0) {
        *top += 64 * KIB;
        pages += 16;
    }
    while ((long)brk(*top + PAGE) > 0) {
        *top += PAGE;
        pages++;
    }
    return pages;
}

static char *num(int n)
{
    static char bufs[4][12];
    static int next;
    char *b = bufs[next++ % 4];
    format_buf(b, sizeof bufs[0], "%d", n);
    return b;
}

/* ---- t_memory limits ---- */

static void default_limit(void)
{
    char *brkhog[] = { "t_memory", "brkhog", 0 };
    check("a process under memlimit=512K stops at it and exits", run(brkhog, 0), 0);
    char *stackhog[] = { "t_memory", "stackhog", 0 };
    int pid = spawn("t_memory", stackhog, 0), status = -1;
    waitpid(pid, &status, 0);
    check("a stack grown past the limit ends with SIGSEGV", status, W_SIGNALED(SIGSEGV));
    int i = find_event(pid, 0);
    check("the event log says: a fault", i >= 0 ? events[i].end : -1, END_FAULT);
    check("with the reason: memory limit", i >= 0 ? (long)events[i].reason : -1,
          REASON_MEM_LIMIT);
    char *guardlog[] = { "guardlog", 0 };
    waitpid(spawn("guardlog", guardlog, 0), 0, 0);     /* says "memory limit" too */
    struct guard_spec big = { .mem_limit_kb = 2048 };
    check("a spec's limit (2 MiB) replaces the default", run(brkhog, &big), 0);
}

static void service_over_limit(void)
{
    char *stackhog[] = { "t_memory", "stackhog", 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 3,
                               .window_ms = 60000, .backoff_ms = 10, .mem_limit_kb = 256 };
    int pid = spawn("t_memory", stackhog, &spec), status = -1;
    waitpid(pid, &status, 0);
    check("a service over its own limit ends with SIGSEGV in the end", status,
          W_SIGNALED(SIGSEGV));
    check("each of its 4 incarnations ended at the memory limit",
          count_events(pid, END_FAULT, REASON_MEM_LIMIT), 4);
    int i = find_event(pid, DECIDE_RESTART);
    check("it was restarted by its policy, 3 times", i >= 0 ? (long)events[i].restarts : -1, 3);
    check("and then the guardian gave up", find_event(pid, DECIDE_GAVE_UP) >= 0, 1);
}

static void bad_specs(void)
{
    char *exit0[] = { "crash", "exit", "0", 0 };
    check("spec: an unknown flag is -EINVAL",
          spawn("crash", exit0, &(struct guard_spec){ .flags = 0x4 }), -EINVAL);
    check("spec: the top flag bit is -EINVAL",
          spawn("crash", exit0, &(struct guard_spec){ .flags = 0x80000000u }), -EINVAL);
    check("spec: a limit above GUARD_MAX_MEM_KB is -EINVAL",
          spawn("crash", exit0, &(struct guard_spec){ .mem_limit_kb = GUARD_MAX_MEM_KB + 1 }),
          -EINVAL);
    int pid = spawn("crash", exit0,
                    &(struct guard_spec){ .flags = GUARD_CRITICAL | GUARD_QUIET,
                                          .mem_limit_kb = GUARD_MAX_MEM_KB });
    int status = -1;
    waitpid(pid, &status, 0);
    check("spec: both flags and the largest limit are fine", status, 0);
    check("spec: a limit too small to load the program: -ENOMEM",
          spawn("crash", exit0, &(struct guard_spec){ .mem_limit_kb = 8 }), -ENOMEM);
}

static void limit_cycles(void)
{
    char *brkquiet[] = { "t_memory", "brkquiet", 0 };
    char *stackhog[] = { "t_memory", "stackhog", 0 };
    struct guard_spec small = { .mem_limit_kb = 128 };
    run(brkquiet, &small);                      /* the slots are warm */
    run(stackhog, &small);
    uint32_t before = free_frames();
    int refused = 0, segv = 0;
    for (int i = 0; i < CYCLES / 2; i++) {
        refused += run(brkquiet, &small) == 0;
        segv += run(stackhog, &small) == W_SIGNALED(SIGSEGV);
    }
    check("500 heaps stopped at their limit", refused, CYCLES / 2);
    check("500 stacks ended at their limit", segv, CYCLES / 2);
    check("after 1,000 limit cycles every frame is back", free_frames(), before);
    check("and the kernel's counts agree with its page tables", kcheck(), 0);
}

static int limits(void)
{
    check("init's own limit is the default, memlimit=512K", my_limit_kb(), 512);
    default_limit();
    service_over_limit();
    bad_specs();
    limit_cycles();
    return checks_done();
}

/* ---- t_memory oom ---- */

/* A hog fills the machine and sleeps; a bystander then needs stack. */
static void hog_and_bystander(void)
{
    uint32_t before = unowned();
    int go[2], full[2];
    pipe(go);
    pipe(full);
    char *bystander[] = { "t_memory", "bystander", num(go[0]), 0 };
    char *hog[] = { "t_memory", "fullhog", num(full[1]), 0 };
    int b = spawn("t_memory", bystander, 0);
    int h = spawn("t_memory", hog, 0);
    wait_byte(full[0]);                         /* the machine is full */
    check("the hog left only a few frames above the reserve",
          free_frames() <= reserve_frames() + 8, 1);
    send_byte(go[1]);                           /* the bystander's stack grows */
    int bs = -1, hs = -1;
    waitpid(b, &bs, 0);
    kill(h, SIGTERM);                           /* if it is still there: a failure */
    waitpid(h, &hs, 0);
    check("the bystander grew its stack by 256 KiB and finished", bs, 0);
    check("the hog was killed with SIGKILL", hs, W_SIGNALED(SIGKILL));
    int i = find_event(h, 0);
    check("the event log says: out of memory", i >= 0 ? events[i].end : -1, END_OOM);
    check("no event for the bystander", find_event(b, 0), -1);
    close(go[0]); close(go[1]); close(full[0]); close(full[1]);
    check("every frame is back", unowned(), before);
}

/* A hog that asks for the last frame itself is the one that owns the most. */
static void hog_asks_last(void)
{
    uint32_t before = unowned();
    char *hog[] = { "t_memory", "oomhog", 0 };
    int pid = spawn("t_memory", hog, 0), status = -1;
    waitpid(pid, &status, 0);
    check("a hog that runs the machine out itself is killed with SIGKILL", status,
          W_SIGNALED(SIGKILL));
    int i = find_event(pid, 0);
    check("END_OOM", i >= 0 ? events[i].end : -1, END_OOM);
    check("every frame is back", unowned(), before);
}

/* init (no parent) and a GUARD_CRITICAL service are never chosen, even
 * when they own the most. (init is everyone's ancestor, so it could only
 * be chosen when it asks itself.) */
static void protected(void)
{
    char *top = brk(0);
    brk(top + 64 * MIB);
    top[64 * MIB - 1] = 1;
    int full[2];
    pipe(full);
    char *fullhog[] = { "t_memory", "fullhog", num(full[1]), 0 };
    int h = spawn("t_memory", fullhog, 0), status = -1;
    wait_byte(full[0]);                         /* the machine is full */
    long r = (long)brk(top + 65 * MIB);         /* init asks for 1 MiB more */
    check("init owns the most (64 MiB) and asks for more: it gets it", r > 0, 1);
    kill(h, SIGTERM);                           /* if it is still there: a failure */
    waitpid(h, &status, 0);
    check("and the hog is the one chosen", status, W_SIGNALED(SIGKILL));
    brk(top);
    close(full[0]);
    close(full[1]);

    char *hog[] = { "t_memory", "oomhog", 0 };
    int ready[2];
    pipe(ready);
    char *hold[] = { "t_memory", "hold", num(64 * 1024), num(ready[1]), 0 };
    struct guard_spec critical = { .restart = RESTART_NEVER, .flags = GUARD_CRITICAL };
    int c = spawn("t_memory", hold, &critical);
    wait_byte(ready[0]);
    waitpid(spawn("t_memory", hog, 0), &status, 0);
    check("a critical service owns the most (64 MiB); the hog is chosen", status,
          W_SIGNALED(SIGKILL));
    const struct proc_info *info = info_of(c);
    check("and the critical service still runs", info && info->incarnation == 1 &&
          info->state == PSTATE_SLEEPING, 1);
    kill(c, SIGKILL);
    waitpid(c, 0, 0);
    close(ready[0]);
    close(ready[1]);
}

/* A restart that finds no memory is tried again after the backoff. */
static void restart_retry(void)
{
    uint32_t before = unowned();
    int go[2];
    pipe(go);
    char *svc[] = { "t_memory", "waitfail", num(go[0]), 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 3,
                               .window_ms = 60000, .backoff_ms = 300,
                               .flags = GUARD_CRITICAL };
    int pid = spawn("t_memory", svc, &spec);
    msleep(50);
    char *base = brk(0), *top = base;
    take_everything(&top);                      /* the reserve too: init may */
    send_byte(go[1]);                           /* the service fails */
    while (info_of(pid) && info_of(pid)->state != PSTATE_BACKOFF)
        sched_yield();
    check("init took what the service gave back", take_everything(&top) > 0, 1);
    check("no frame is left", free_frames(), 0);
    msleep(400);                                /* the restart is due at 300 ms */
    int i = find_event(pid, DECIDE_RETRY);
    check("the restart found no memory: the log says so", i >= 0 ? (long)events[i].reason : -1,
          REASON_NO_MEMORY);
    check("and it is tried again after the backoff",
          i >= 0 ? (long)events[i].delay_ms : -1, 300);
    check("meanwhile the service waits in backoff", info_of(pid)->state, PSTATE_BACKOFF);
    brk(base);                                  /* memory comes back */
    msleep(400);
    check("the retry started incarnation 2", info_of(pid)->incarnation, 2);
    check("which runs", info_of(pid)->state, PSTATE_SLEEPING);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    close(go[0]);
    close(go[1]);
    check("every frame is back", unowned(), before);
}

static void oom_cycles(void)
{
    char *hog[] = { "t_memory", "oomhog", 0 };
    char *base = brk(0);
    uint32_t before = unowned();
    fill_to_reserve(256);                       /* cycles stay short */
    int killed = 0;
    for (int i = 0; i < CYCLES; i++) {
        int status = -1;
        waitpid(spawn("t_memory", hog, 0), &status, 0);
        killed += status == W_SIGNALED(SIGKILL);
    }
    brk(base);
    check("1,000 hogs were each killed when memory ran out", killed, CYCLES);
    check("after 1,000 OOM cycles every frame is back", unowned(), before);
    check("and the kernel's counts agree with its page tables", kcheck(), 0);
}

/* A supervised hog chosen when init asks: restarted by its policy, and
 * its last end shown as "out of memory" by ps and the status band (the
 * scenario reads the screen while init waits for a line on the console). */
static void shown_everywhere(void)
{
    int full[2];
    pipe(full);
    char *fullhog[] = { "t_memory", "fullhog", num(full[1]), 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 3,
                               .window_ms = 60000 };
    int h = spawn("t_memory", fullhog, &spec);
    wait_byte(full[0]);
    char *top = brk(0);
    check("init asks for 1 MiB of a full machine and gets it", (long)brk(top + MIB) > 0, 1);
    wait_byte(full[0]);                         /* the new incarnation is full again */
    brk(top);
    const struct proc_info *info = info_of(h);
    check("the supervised hog was restarted: incarnation 2", info ? (long)info->incarnation : -1, 2);
    check("its last end is END_OOM", info ? info->last_end : -1, END_OOM);
    char *ps[] = { "ps", 0 }, *guardlog[] = { "guardlog", 0 };
    waitpid(spawn("ps", ps, 0), 0, 0);
    waitpid(spawn("guardlog", guardlog, 0), 0, 0);
    printf("t_memory: look at the screen, then type a line\n");
    char line[8];
    read(0, line, sizeof line);
    kill(h, SIGKILL);
    waitpid(h, 0, 0);
    close(full[0]);
    close(full[1]);
}

static int oom(void)
{
    char *warm[] = { "t_memory", "nothing", 0 };
    char *crash[] = { "crash", "exit", "0", 0 };
    spawn("crash", crash, 0);                   /* slots and code are warm */
    for (int i = 0; i < 3; i++)
        spawn("t_memory", warm, 0);
    while (waitpid(-1, 0, 0) > 0)
        ;
    dig(0, 70);                                 /* init's own stack is ready */
    hog_and_bystander();
    hog_asks_last();
    protected();
    restart_retry();
    oom_cycles();
    shown_everywhere();
    check("the kernel's invariants hold at the end", kcheck(), 0);
    return checks_done();
}

int main(int argc, char **argv)
{
    const char *role = argc > 1 ? argv[1] : "";
    if (strcmp(role, "limits") == 0)
        return limits();
    if (strcmp(role, "oom") == 0)
        return oom();
    if (strcmp(role, "brkhog") == 0)
        return brk_to_limit(0);
    if (strcmp(role, "brkquiet") == 0)
        return brk_to_limit(1);
    if (strcmp(role, "stackhog") == 0)
        return dig(0, 0);                       /* until the limit ends it */
    if (strcmp(role, "bystander") == 0 && argc > 2)
        return wait_byte(atoi(argv[2])) || dig(0, 64);
    if (strcmp(role, "fullhog") == 0 && argc > 2) {
        fill_to_reserve(4);
        send_byte(atoi(argv[2]));
        for (;;)
            msleep(1000);
    }
    if (strcmp(role, "oomhog") == 0) {
        char *top = brk(0);
        take_everything(&top);
        return 3;                               /* refused: not what should happen */
    }
    if (strcmp(role, "hold") == 0 && argc > 3) {
        char *top = brk(0);
        uint32_t kb = (uint32_t)atoi(argv[2]);
        brk(top + kb * KIB);
        top[kb * KIB - 1] = 1;
        send_byte(atoi(argv[3]));
        for (;;)
            msleep(1000);
    }
    if (strcmp(role, "waitfail") == 0 && argc > 2)
        return wait_byte(atoi(argv[2])) ? 2 : 1;
    return 0;
}
