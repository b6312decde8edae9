/*
 * The console under a hostile writer (run as init, with `irqwatch`, under
 * -icount; tests/scenarios/hardening_console.scn):
 *   - one write() of 1 MiB of newlines does not freeze the machine: a
 *     sleeper's 100 ms sleep takes 100 ms of guest time (within a tick)
 *     while the write is still going on, and the write returns 1 MiB;
 *   - no tick is lost: over the whole write the kernel's clock and the
 *     TSC (instructions under -icount) agree within a tick;
 *   - a guardian line still appears while the writer keeps the ring full;
 *   - the lines of one write are never mixed with another's (the
 *     scenario counts whole lines of A and of B);
 *   - the longest stretch with interrupts off stays under IRQOFF_BOUND,
 *     after every path a user can make long: that write, a 1 MiB pipe
 *     write, a poll of POLL_MAX descriptors, a spawn with the most
 *     arguments, a 2 MiB file read in one call, growing then tearing
 *     down a 32 MiB heap, and writes of nothing but escape sequences
 *     that erase the whole screen.
 */
#define TEST_NAME "t_console"
#include "tests/programs/check.h"

#define SPEW_BYTES   (1024 * 1024)
#define LINE_BYTES   3000           /* longer than the kernel's chunk and ring */
#define LINES        20
#define NS_PER_MS    1000000ull
#define BIG_HEAP     (32u * 1024 * 1024)
#define IRQOFF_BOUND 50000          /* instructions: docs/hardening.md */

static uint64_t tsc(void)
{
    uint64_t t;
    __asm__ volatile("rdtsc" : "=A"(t));
    return t;
}

static uint64_t clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Children. The writer makes SPEW_WRITES writes of 1 MiB each, so that it
 * is still writing when the sleeper wakes however fast a write gets. */
#define SPEW_WRITES 3

static int spew(void)
{
    char *buf = malloc(SPEW_BYTES);
    memset(buf, '\n', SPEW_BYTES);
    for (int i = 0; i < SPEW_WRITES; i++) {
        uint64_t t0 = tsc();
        int n = write(1, buf, SPEW_BYTES);
        printf("t_console: a 1 MiB write took %u us\n", (uint32_t)((tsc() - t0) / 1000));
        if (n != SPEW_BYTES)
            return 1;
    }
    return 0;
}

static int lines_of(char c)
{
    char *buf = malloc(LINE_BYTES + 1);
    memset(buf, c, LINE_BYTES);
    buf[LINE_BYTES] = '\n';
    for (int i = 0; i < LINES; i++)
        if (write(1, buf, LINE_BYTES + 1) != LINE_BYTES + 1)
            return 1;
    return 0;
}

/* Read the pipe on fd 0 to its end; exit 0 if it held exactly n bytes. */
static int drain(uint32_t n)
{
    char buf[512];
    uint32_t total = 0;
    int r;
    while ((r = read(0, buf, sizeof buf)) > 0)
        total += (uint32_t)r;
    return total == n ? 0 : 1;
}

static int big_heap(void)
{
    char *base = brk(0);
    if (brk(base + BIG_HEAP) != base + BIG_HEAP)
        return 1;
    base[BIG_HEAP - 1] = 1;
    return 0;                           /* the teardown is the kernel's */
}

static int start(char *what, char *arg, const struct guard_spec *spec)
{
    char *argv[] = { "t_console", what, arg, 0 };
    return spawn("t_console", argv, spec);
}

static int exit_status(int pid)
{
    int status = -1;
    waitpid(pid, &status, 0);
    return status;
}

static void hostile_writer(void)
{
    uint32_t hz;
    struct sysinfo si;
    sysinfo(&si);
    hz = si.hz;
    uint64_t tick_ns = 1000000000ull / hz;
    uint64_t clock0 = clock_ns(), tsc0 = tsc();
    int writer = start("spew", 0, 0);
    /* A service that faults at once: its guardian line must get through. */
    struct guard_spec once = { .restart = RESTART_NEVER, .max_restarts = 1, .window_ms = 1000 };
    int crasher = start("crash", 0, &once);

    uint64_t before = clock_ns();
    msleep(100);
    uint64_t slept = clock_ns() - before;
    int writer_done = waitpid(writer, 0, WNOHANG);     /* before printing: */
    fcntl(1, F_SETFL, O_NONBLOCK);      /* the writer holds the console */
    int nonblocking = write(1, "x\n", 2);
    fcntl(1, F_SETFL, 0);
    /* A tick of granularity, plus at most the interrupts-off bound
     * before the woken sleeper runs (one instruction is 1 ns here). */
    check("a 100 ms sleep during a 1 MiB write takes 100 ms, within a tick",
          slept >= 100 * NS_PER_MS && slept <= 100 * NS_PER_MS + tick_ns + IRQOFF_BOUND, 1);
    printf("t_console: the sleep took %u us\n", (uint32_t)(slept / 1000));
    check("the writer is still writing after the sleep", writer_done, 0);
    check("a non-blocking write meanwhile gets -EAGAIN", nonblocking, -EAGAIN);

    check("each 1 MiB write returned 1 MiB", exit_status(writer), 0);
    check("the crasher ended by SIGSEGV", exit_status(crasher), W_SIGNALED(SIGSEGV));
    uint64_t clock_d = clock_ns() - clock0, tsc_d = tsc() - tsc0;
    uint64_t diff = clock_d > tsc_d ? clock_d - tsc_d : tsc_d - clock_d;
    printf("t_console: clock %u us, TSC %u us over the writes\n",
           (uint32_t)(clock_d / 1000), (uint32_t)(tsc_d / 1000));
    check("the clock agrees with the TSC within a tick", diff <= tick_ns, 1);
}

static void pipe_write(void)
{
    int fds[2];
    pipe2(fds, O_CLOEXEC);              /* the reader gets only fd 0 */
    int saved = fcntl(0, F_DUPFD_CLOEXEC, 3);
    dup2(fds[0], 0);
    int reader = start("drain", 0, 0);
    dup2(saved, 0);
    close(saved);
    close(fds[0]);
    char *buf = malloc(SPEW_BYTES);
    memset(buf, 'p', SPEW_BYTES);
    check("a 1 MiB pipe write returns 1 MiB", write(fds[1], buf, SPEW_BYTES), SPEW_BYTES);
    close(fds[1]);
    check("the reader read 1 MiB", exit_status(reader), 0);
    free(buf);
}

static void poll_many(void)
{
    int fds[2];
    pipe(fds);
    struct pollfd many[POLL_MAX];
    for (int i = 0; i < POLL_MAX; i++)
        many[i] = (struct pollfd){ .fd = fds[i % 2], .events = POLLIN | POLLOUT };
    check("a poll of POLL_MAX descriptors sees the write end ready",
          poll(many, POLL_MAX, 0), POLL_MAX / 2);
    close(fds[0]);
    close(fds[1]);
}

static void spawn_most_args(void)
{
    static char words[SPAWN_MAX_ARGS][SPAWN_MAX_ARGLEN / SPAWN_MAX_ARGS];
    char *argv[SPAWN_MAX_ARGS + 1];
    argv[0] = "true";
    for (int i = 1; i < SPAWN_MAX_ARGS; i++) {
        memset(words[i], 'a' + i % 26, sizeof words[i] - 1);
        argv[i] = words[i];
    }
    argv[SPAWN_MAX_ARGS] = 0;
    check("a spawn with the most arguments runs", exit_status(spawn("true", argv, 0)), 0);
}

/* A whole program file read in one call: 2 MiB copied out. */
static void big_file_read(void)
{
    int fd = open("/bin/busybox", O_RDONLY);
    struct stat64 st;
    fstat64(fd, &st);
    char *buf = malloc((uint32_t)st.st_size);
    check("a 2 MiB file is read in one call",
          read(fd, buf, (uint32_t)st.st_size) == (int)st.st_size && st.st_size > 1024 * 1024, 1);
    close(fd);
    free(buf);
}

/* Escape sequences that erase the screen, as densely as they come: ED
 * from the top row ("ESC[J", 3 bytes, after one "ESC[H") and ED 2
 * ("ESC[2J", 4 bytes). Each must cost little more than its bytes. */
#define ERASE_BYTES (4 * 1024)

static int erase_flood(const char *first, const char *each)
{
    static char buf[ERASE_BYTES];
    size_t len = strlen(first), step = strlen(each);
    memcpy(buf, first, len);
    while (len + step <= ERASE_BYTES) {
        memcpy(buf + len, each, step);
        len += step;
    }
    int n = write(1, buf, len);
    write(1, "\n", 1);
    return n == (int)len;
}

static void erase_floods(void)
{
    check("a write of ED 0 from the top row returns all of it",
          erase_flood("\033[H", "\033[J"), 1);
    check("a write of ED 2 returns all of it", erase_flood("", "\033[2J"), 1);
}

static void two_writers(void)
{
    int a = start("lines", "A", 0), b = start("lines", "B", 0);
    check("writer A wrote its lines", exit_status(a), 0);
    check("writer B wrote its lines", exit_status(b), 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "spew") == 0)
        return spew();
    if (argc > 2 && strcmp(argv[1], "lines") == 0)
        return lines_of(argv[2][0]);
    if (argc > 1 && strcmp(argv[1], "drain") == 0)
        return drain(SPEW_BYTES);
    if (argc > 1 && strcmp(argv[1], "heap") == 0)
        return big_heap();
    if (argc > 1 && strcmp(argv[1], "crash") == 0) {
        msleep(20);                 /* when the ring is full */
        *(volatile int *)0 = 1;     /* cppcheck-suppress nullPointer ; on purpose */
    }
    hostile_writer();
    two_writers();
    pipe_write();
    poll_many();
    spawn_most_args();
    big_file_read();
    erase_floods();
    check("a 32 MiB heap is grown and torn down", exit_status(start("heap", 0, 0)), 0);
    struct sysinfo si = { 0 };          /* a kernel without the watch leaves 0 */
    sysinfo(&si);
    printf("t_console: longest stretch with interrupts off: %u instructions\n",
           si.irqoff_longest);
    check("interrupts are never off for longer than the bound",
          si.irqoff_longest > 0 && si.irqoff_longest <= IRQOFF_BOUND, 1);
    return checks_done();
}
