/*
 * bench: the figures of `make bench`, measured in guest instructions.
 * Under QEMU's -icount shift=0 the TSC advances by one per instruction
 * executed, so rdtsc before and after a loop counts them exactly. Each
 * figure is one line, "bench: NAME VALUE UNIT N", which tools/bench.sh
 * turns into a table and build/bench.json. Run as init. The supervised
 * children are GUARD_QUIET, so that the guardian's console lines count
 * only in restart_cycle_logged, the figure about them.
 *
 * The helper modes (bench yield N, bench latency, bench forks, bench
 * readysvc IN OUT, bench dependent FD, bench group N, bench updsvc FD) are the children. Big
 * buffers come from malloc, not static arrays, so that bench's own image
 * stays small: its restart is one of the figures.
 */
#include "user/lib/runtime.h"

#define SYSCALLS   100000
#define YIELDS     10000
#define SCALE_PROCS 62
#define CYCLES     200
#define RESTARTS   100
#define SIGNALS    10000

static uint64_t tsc(void)
{
    uint64_t t;
    __asm__ volatile("rdtsc" : "=A"(t));
    return t;
}

static void report(const char *name, uint64_t value, const char *unit, uint32_t n)
{
    printf("bench: %s %u %s %u\n", name, (uint32_t)value, unit, n);
}

static void null_syscall(void)
{
    uint64_t t0 = tsc();
    for (int i = 0; i < SYSCALLS; i++)
        getpid();
    report("null_syscall", (tsc() - t0) / SYSCALLS, "instructions", SYSCALLS);
}

static int yield_loop(int n)
{
    for (int i = 0; i < n; i++)
        sched_yield();
    return 0;
}

/* Each of our yields goes round all `others` and back: per switch. */
static uint64_t yield_ring(int others, int n)
{
    char count[12];
    format_buf(count, sizeof count, "%d", n + 2);
    char *argv[] = { "bench", "yield", count, 0 };
    int pids[SCALE_PROCS + 1];
    for (int i = 0; i < others; i++)
        pids[i] = spawn("bench", argv, 0);
    sched_yield();                      /* let them all start */
    uint64_t t0 = tsc();
    yield_loop(n);
    uint64_t elapsed = tsc() - t0;
    for (int i = 0; i < others; i++)
        waitpid(pids[i], 0, 0);
    return elapsed / n;
}

static void yields(void)
{
    uint64_t pair = yield_ring(1, YIELDS);
    report("yield_round_trip", pair, "instructions", YIELDS);
    uint64_t ring = yield_ring(SCALE_PROCS + 1, YIELDS / 10);
    report("yield_switch_2_procs", pair / 2, "instructions", YIELDS);
    report("yield_switch_64_procs", ring / (SCALE_PROCS + 2), "instructions", YIELDS / 10);
}

/* One 80-character line to the console (serial and screen), as the
 * writer sees it: the write call, and the transmit interrupts that drain
 * it meanwhile. Batches small enough for the output ring, with a pause
 * between them, so that no write waits for room. */
#define LINE_BATCHES 5
#define LINE_BATCH   40

static void console_line(void)
{
    char line[80];
    memset(line, '-', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    uint64_t total = 0;
    for (int b = 0; b < LINE_BATCHES; b++) {
        msleep(20);                     /* the ring is empty again */
        uint64_t t0 = tsc();
        for (int i = 0; i < LINE_BATCH; i++)
            write(1, line, sizeof line);
        total += tsc() - t0;
    }
    report("console_line", total / ((uint64_t)LINE_BATCHES * LINE_BATCH), "instructions",
           LINE_BATCHES * LINE_BATCH);
}

static void spawn_exit_wait(void)
{
    waitpid(spawn("true", 0, 0), 0, 0);         /* warm the slot */
    uint64_t t0 = tsc();
    for (int i = 0; i < CYCLES; i++)
        waitpid(spawn("true", 0, 0), 0, 0);
    report("spawn_exit_wait", (tsc() - t0) / CYCLES, "instructions", CYCLES);
}

static int fork_(void)
{
    return (int)syscall(SYS_fork, 0, 0, 0, 0, 0);
}

/* fork of a small process (bench in its helper mode "forks": no heap,
 * so a few pages of data and stack are copied); the child exits at once. */
static void fork_exit_wait(void)
{
    int pid = fork_();                          /* warm the slot */
    if (pid == 0)
        exit(0);
    waitpid(pid, 0, 0);
    uint64_t t0 = tsc();
    for (int i = 0; i < CYCLES; i++) {
        if ((pid = fork_()) == 0)
            exit(0);
        waitpid(pid, 0, 0);
    }
    report("fork_exit_wait", (tsc() - t0) / CYCLES, "instructions", CYCLES);
}

/* The same, the child exec'ing true (a one-page program) first. */
static void fork_exec_wait(void)
{
    static char *argv[] = { "true", 0 };
    uint64_t t0 = tsc();
    for (int i = 0; i < CYCLES; i++) {
        int pid = fork_();
        if (pid == 0) {
            syscall(SYS_execve, (long)"true", (long)argv, 0, 0, 0);
            exit(1);
        }
        waitpid(pid, 0, 0);
    }
    report("fork_exec_wait", (tsc() - t0) / CYCLES, "instructions", CYCLES);
}

static volatile int signals_seen;

static void on_signal(int sig)
{
    (void)sig;
    signals_seen++;
}

/* kill of itself, the handler, and back: no restorer here, so the
 * handler returns through the kernel's code in its frame, sigreturn. */
static void signal_round_trip(void)
{
    struct k_sigaction a = { .handler = (uint32_t)on_signal };
    int me = getpid();
    sigaction(SIGUSR1, &a, 0);
    kill(me, SIGUSR1);                          /* warm the stack page */
    uint64_t t0 = tsc();
    for (int i = 0; i < SIGNALS; i++)
        kill(me, SIGUSR1);
    uint64_t elapsed = tsc() - t0;
    if (signals_seen == SIGNALS + 1)
        report("signal_round_trip", elapsed / SIGNALS, "instructions", SIGNALS);
}

/* A supervised child that faults at once, RESTARTS times: per
 * incarnation. GUARD_QUIET leaves the guardian's console line out;
 * restart_cycle_logged is the same with the line; restart_cycle_stash
 * the same as restart_cycle, each incarnation keeping a 4 KiB stash
 * (`crash stash`: its data page) for the next. */
static void restart_cycle(const char *name, const char *kind, uint32_t flags)
{
    char *argv[] = { "crash", (char *)kind, 0 };
    struct guard_spec always = { .restart = RESTART_ALWAYS, .max_restarts = RESTARTS,
                                 .window_ms = 1000000, .flags = flags };
    uint64_t t0 = tsc();
    int pid = spawn("crash", argv, &always);
    waitpid(pid, 0, 0);
    report(name, (tsc() - t0) / (RESTARTS + 1), "instructions", RESTARTS + 1);
}

/* A one_for_all group of 4: the first member faults at once, the other
 * three sleep. Each fault stops the three (SIGTERM, which ends them at
 * once) and restarts all four; `restarts` of those, then the group gives
 * up and its supervisor ("bench group N") ends. */
static __attribute__((noreturn)) void group_supervisor(uint32_t restarts)
{
    struct guard_group_spec g = { .name = "bench", .strategy = STRATEGY_ONE_FOR_ALL,
                                  .max_restarts = restarts, .window_ms = 1000000 };
    struct guard_spec member = { .restart = RESTART_ALWAYS, .max_restarts = RESTARTS,
                                 .window_ms = 1000000, .flags = GUARD_QUIET,
                                 .group = (uint32_t)group_create(&g) };
    char *crash_argv[] = { "crash", "null", 0 };
    char *sleep_argv[] = { "sleep", "1000", 0 };
    spawn("crash", crash_argv, &member);
    for (int i = 0; i < 3; i++)
        spawn("sleep", sleep_argv, &member);
    for (;;)
        msleep(1000000);
}

static uint64_t group_run(const char *restarts)
{
    char *argv[] = { "bench", "group", (char *)restarts, 0 };
    uint64_t t0 = tsc();
    waitpid(spawn("bench", argv, 0), 0, 0);
    return tsc() - t0;
}

/* Per group restart: the difference between a run of 100 group restarts
 * (GUARD_MAX_RESTARTS, the most a group's intensity allows) and one of
 * 50, which leaves out what both runs spend once (spawning the supervisor
 * and the members, the final give-up). */
static void group_restart_4(void)
{
    uint64_t half = group_run("50"), full = group_run("100");
    report("group_restart_4", (full - half) / 50, "instructions", 50);
}

static void fault_to_runnable(void)
{
    char *argv[] = { "bench", "latency", 0 };
    struct guard_spec once = { .restart = RESTART_ON_FAILURE, .max_restarts = 1,
                               .window_ms = 1000000, .flags = GUARD_QUIET };
    int pid = spawn("bench", argv, &once), status;
    waitpid(pid, &status, 0);
}

/* The second incarnation of "bench latency": the first faulted with the
 * TSC in edx:eax, and the event log kept the registers. */
static int latency_report(uint64_t now)
{
    struct guard_event *ev = malloc(GUARD_EVENTS_MAX * sizeof *ev);
    int n = guardlog(ev, GUARD_EVENTS_MAX, 0);
    for (int i = n - 1; i >= 0; i--) {
        if (ev[i].pid == getpid() && ev[i].end == END_FAULT) {
            uint64_t at = (uint64_t)ev[i].edx << 32 | ev[i].eax;
            report("fault_to_runnable", now - at, "instructions", 1);
            return 0;
        }
    }
    return 1;
}

static int incarnation(void)
{
    struct proc_info me;
    return proc_info_of(getpid(), &me) == 0 ? (int)me.incarnation : 0;
}

/*
 * From a service's ready() to the first instruction of the process its
 * supervisor starts once poll reports the service ready (POLLPRI on its
 * pidfd). The service, once ready, waits for a request as a service
 * does: a byte on its request pipe, which comes only after the
 * dependent has run; then it answers with the TSC it saw before ready().
 * The dependent writes the TSC at its start into a pipe of its own.
 */
static void ready_to_dependent(void)
{
    int request[2], svc_pipe[2], dep_pipe[2];
    pipe(request);
    pipe(svc_pipe);
    pipe(dep_pipe);
    char in_text[12], out_text[12], dep_text[12];
    format_buf(in_text, sizeof in_text, "%d", request[0]);
    format_buf(out_text, sizeof out_text, "%d", svc_pipe[1]);
    format_buf(dep_text, sizeof dep_text, "%d", dep_pipe[1]);
    char *svc_argv[] = { "bench", "readysvc", in_text, out_text, 0 };
    char *dep_argv[] = { "bench", "dependent", dep_text, 0 };
    struct guard_spec spec = { .restart = RESTART_NEVER, .ready_ms = 10000,
                               .flags = GUARD_QUIET };
    int svc = spawn("bench", svc_argv, &spec);
    int fd = pidfd_open(svc, 0);
    struct pollfd p = { .fd = fd, .events = POLLPRI };
    poll(&p, 1, 10000);
    waitpid(spawn("bench", dep_argv, 0), 0, 0);
    uint64_t ready_at = 0, started_at = 0;
    write(request[1], "?", 1);
    read(svc_pipe[0], &ready_at, sizeof ready_at);
    read(dep_pipe[0], &started_at, sizeof started_at);
    report("ready_to_dependent", started_at - ready_at, "instructions", 1);
    kill(svc, SIGKILL);
    waitpid(svc, 0, 0);
    close(fd);
    close(request[0]);
    close(request[1]);
    close(svc_pipe[0]);
    close(svc_pipe[1]);
    close(dep_pipe[0]);
    close(dep_pipe[1]);
}

/*
 * From a supervisor's update() to the first instruction of the new
 * program: the service ("bench updsvc FD", which does not handle
 * SIGTERM) is stopped, and its new incarnation (the same file: what is
 * timed is the kernel's part) writes the TSC it starts with on FD, a
 * descriptor kept from the spawn.
 */
static void live_update(void)
{
    int fds[2];
    pipe(fds);
    char fd_text[12];
    format_buf(fd_text, sizeof fd_text, "%d", fds[1]);
    char *argv[] = { "bench", "updsvc", fd_text, 0 };
    struct guard_spec spec = { .restart = RESTART_ALWAYS, .max_restarts = 1,
                               .window_ms = 1000000, .flags = GUARD_QUIET };
    int pid = spawn("bench", argv, &spec);
    msleep(10);                         /* asleep in its first incarnation */
    uint64_t asked = tsc(), started = 0;
    update(pid, "bench", 0);
    read(fds[0], &started, sizeof started);
    report("live_update", started - asked, "instructions", 1);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    close(fds[0]);
    close(fds[1]);
}

/* The frames a minimal process owns: page directory, page tables, kernel
 * stack, its data and stack pages. Its code pages are the image cache's,
 * shared by every process running the program, so they are not counted. */
static void memory_per_process(void)
{
    char *argv[] = { "sleep", "1000", 0 };
    int pid = spawn("sleep", argv, 0);
    msleep(10);                         /* it has run: its stack is touched */
    struct proc_info info;
    if (proc_info_of(pid, &info) == 0)
        report("memory_per_process", (uint64_t)info.frames * 4, "KiB", 1);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
}

int main(int argc, char **argv)
{
    uint64_t start = tsc();
    if (argc > 1) {
        if (strcmp(argv[1], "yield") == 0)
            return yield_loop(atoi(argv[2]));
        if (strcmp(argv[1], "forks") == 0) {
            fork_exit_wait();
            fork_exec_wait();
            return 0;
        }
        if (strcmp(argv[1], "readysvc") == 0 && argc > 3) {
            char byte;
            uint64_t t = tsc();
            ready();
            read(atoi(argv[2]), &byte, 1);      /* the first request */
            write(atoi(argv[3]), &t, sizeof t);
            for (;;)
                msleep(1000);
        }
        if (strcmp(argv[1], "dependent") == 0 && argc > 2) {
            write(atoi(argv[2]), &start, sizeof start);
            return 0;
        }
        if (strcmp(argv[1], "updsvc") == 0 && argc > 2) {
            if (incarnation() > 1)
                write(atoi(argv[2]), &start, sizeof start);
            for (;;)
                msleep(1000000);
        }
        if (strcmp(argv[1], "group") == 0 && argc > 2)
            group_supervisor((uint32_t)atoi(argv[2]));
        if (strcmp(argv[1], "latency") == 0) {
            if (incarnation() > 1)
                return latency_report(start);
            __asm__ volatile("rdtsc; movl $0, 0" ::: "eax", "edx", "memory");
        }
        return 2;
    }
    struct sysinfo si;
    sysinfo(&si);
    report("boot", start - ((uint64_t)si.boot_tsc_high << 32 | si.boot_tsc_low), "instructions", 1);
    memory_per_process();
    null_syscall();
    yields();
    console_line();
    spawn_exit_wait();
    char *fargv[] = { "bench", "forks", 0 };
    waitpid(spawn("bench", fargv, 0), 0, 0);
    signal_round_trip();
    restart_cycle("restart_cycle", "null", GUARD_QUIET);
    restart_cycle("restart_cycle_logged", "null", 0);
    restart_cycle("restart_cycle_stash", "stash", GUARD_QUIET);
    group_restart_4();
    fault_to_runnable();
    ready_to_dependent();
    live_update();
    printf("bench: done\n");
    return 0;
}
