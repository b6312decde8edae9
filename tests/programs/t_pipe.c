/*
 * Descriptors, pipes, poll, process descriptors and process groups, each
 * rule checked with exact results.
 *   t_pipe                 the tests (as init, under -icount)
 *   t_pipe gen N           writes N bytes of a known pattern to stdout
 *   t_pipe check N         reads stdin: exit 0 if exactly the pattern, N bytes
 *   t_pipe nap MS STATUS   sleeps MS, then exits STATUS
 *   t_pipe logger          copies stdin to stdout until end of file
 *   t_pipe service         writes a line "tick" to stdout, then crashes
 *   t_pipe closer          closes its stdout, then sleeps 300 ms
 *   t_pipe joiner          tries to join, and to foreground, its parent's
 *                          group: exits 0 when both are refused
 */
#define TEST_NAME "t_pipe"
#include "tests/programs/check.h"

#define MIB (1024 * 1024)

static uint8_t pattern(uint32_t i)
{
    return (uint8_t)(i * 7 + (i >> 10));
}

static int gen(uint32_t n)
{
    static uint8_t buf[3000];           /* not a divisor of anything nearby */
    for (uint32_t done = 0; done < n;) {
        uint32_t len = n - done < sizeof buf ? n - done : sizeof buf;
        for (uint32_t i = 0; i < len; i++)
            buf[i] = pattern(done + i);
        if (write(1, buf, len) != (int)len)
            return 1;
        done += len;
    }
    return 0;
}

static int verify(uint32_t n)
{
    static uint8_t buf[4096];
    uint32_t got = 0;
    int r;
    while ((r = read(0, buf, sizeof buf)) > 0) {
        for (int i = 0; i < r; i++)
            if (buf[i] != pattern(got + (uint32_t)i))
                return 2;
        got += (uint32_t)r;
    }
    return got == n ? 0 : 3;
}

static void pipeline_byte_exact(void)
{
    char *gen_argv[] = { "t_pipe", "gen", "1048576", 0 };
    char *check_argv[] = { "t_pipe", "check", "1048576", 0 };
    struct command stages[3] = {
        { "t_pipe", gen_argv, -1, -1, 0 },
        { "cat", 0, -1, -1, 0 },
        { "t_pipe", check_argv, -1, -1, 0 },
    };
    check("1 MiB through gen | cat | check arrives byte-exact", pipeline_run(stages, 3), 0);
}

static void end_of_file_and_sigpipe(void)
{
    int p[2];
    check("pipe", pipe(p), 0);
    write(p[1], "abc", 3);
    close(p[1]);
    char buf[8];
    check("read gets what was written", read(p[0], buf, sizeof buf), 3);
    check("then end of file once the last writer closed", read(p[0], buf, sizeof buf), 0);
    close(p[0]);

    int e[2];
    pipe2(e, O_CLOEXEC);
    char *closer[] = { "t_pipe", "closer", 0 };
    struct command early = { "t_pipe", closer, -1, e[1], 0 };
    int cpid = command_spawn(&early);
    close(e[1]);
    check("an unsupervised child closing its stdout gives end of file at once",
          read(e[0], buf, sizeof buf), 0);
    check("while it is still alive", waitpid(cpid, 0, WNOHANG), 0);
    waitpid(cpid, 0, 0);
    close(e[0]);

    int q[2];
    pipe(q);
    close(q[0]);                        /* nobody will ever read */
    char *argv[] = { "t_pipe", "gen", "100", 0 };
    struct command c = { "t_pipe", argv, -1, q[1], 0 };
    int pid = command_spawn(&c), status = -1;
    close(q[1]);
    waitpid(pid, &status, 0);
    check("a writer whose reader is gone dies of SIGPIPE", status, SIGPIPE);
}

static void nonblocking(void)
{
    int p[2];
    check("pipe2 with O_NONBLOCK", pipe2(p, O_NONBLOCK), 0);
    char buf[PIPE_SIZE];
    check("reading an empty non-blocking pipe: -EAGAIN", read(p[0], buf, 1), -EAGAIN);
    memset(buf, 'x', sizeof buf);
    check("a 4096-byte write fills it", write(p[1], buf, PIPE_SIZE), PIPE_SIZE);
    check("writing a full non-blocking pipe: -EAGAIN", write(p[1], buf, 1), -EAGAIN);
    close(p[0]);
    close(p[1]);
    check("pipe2 with unknown flags: -EINVAL", pipe2(p, 0x40), -EINVAL);
    check("pipe into the kernel: -EFAULT", pipe((int *)0xC0000000), -EFAULT);
}

static uint64_t tsc(void)
{
    uint64_t t;
    __asm__ volatile("rdtsc" : "=A"(t));
    return t;
}

static void polling(void)
{
    int p[2];
    pipe(p);
    struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { -1, POLLIN, 0 } };
    uint64_t t0 = tsc();
    check("poll with nothing to read times out: 0", poll(fds, 2, 50), 0);
    uint64_t waited = tsc() - t0;       /* guest ns under -icount */
    check("after its 50 ms, within one tick", waited >= 50000000 && waited <= 60000000 + 1000000, 1);

    char *argv[] = { "t_pipe", "gen", "10", 0 };
    struct command c = { "t_pipe", argv, -1, p[1], 0 };
    t0 = tsc();
    int pid = command_spawn(&c);
    check("poll wakes when data arrives", poll(fds, 1, 5000), 1);
    check("with POLLIN", fds[0].revents, POLLIN);
    check("at once, not at its timeout", tsc() - t0 < 20000000, 1);
    waitpid(pid, 0, 0);
    close(p[1]);
    char buf[16];
    read(p[0], buf, sizeof buf);
    poll(fds, 1, 0);
    check("no writer left: POLLHUP", fds[0].revents, POLLHUP);
    close(p[0]);
    struct pollfd bad = { 13, POLLIN, 0 };
    check("a closed descriptor: POLLNVAL", (poll(&bad, 1, 0), bad.revents), POLLNVAL);
    check("too many pollfds: -EINVAL", poll(fds, 1000, 0), -EINVAL);
}

static void waiting_with_a_timeout(void)
{
    char *argv[] = { "t_pipe", "nap", "300", "7", 0 };
    int pid = spawn("t_pipe", argv, 0), status = -1;
    check("wait_timeout on a sleeping child: -ETIMEDOUT", wait_timeout(pid, &status, 100), -ETIMEDOUT);
    check("then its pid once it exits", wait_timeout(pid, &status, 1000), pid);
    check("and its status", status, 7 << 8);
}

static void pidfd_of_a_sibling(void)
{
    /* Two children: one sleeps then exits 5; the other (its sibling)
     * watches it through a pidfd and reports what it read. */
    char *sleeper[] = { "t_pipe", "nap", "200", "5", 0 };
    int a = spawn("t_pipe", sleeper, 0);
    char pid[12];
    format_buf(pid, sizeof pid, "%d", a);
    char *watcher[] = { "pwait", pid, 0 };
    int b = spawn("pwait", watcher, 0), status = -1;
    waitpid(b, &status, 0);
    check("pwait (a sibling) learned the exact status", status, 0);
    int fd = pidfd_open(a, 0);
    struct pollfd p = { fd, POLLIN, 0 };
    check("a pidfd of an ended process polls readable", poll(&p, 1, 0), 1);
    int st = 0;
    check("and read gives 4 bytes", read(fd, &st, sizeof st), 4);
    check("of its status", st, 5 << 8);
    check("which the parent can still reap", waitpid(a, &status, 0), a);
    check("with the same status", status, 5 << 8);
    close(fd);
    check("pidfd_open of no process: -ESRCH", pidfd_open(9999, 0), -ESRCH);
    check("pidfd_open with flags: -EINVAL", pidfd_open(getpid(), 1), -EINVAL);
    check("pidfd_send_signal on a non-pidfd: -EINVAL", pidfd_send_signal(1, SIGTERM, 0, 0), -EINVAL);
    check("pidfd_send_signal on a bad fd: -EBADF", pidfd_send_signal(14, SIGTERM, 0, 0), -EBADF);

    char *nap[] = { "t_pipe", "nap", "5000", "0", 0 };
    int c = spawn("t_pipe", nap, 0);
    fd = pidfd_open(c, 0);
    check("pidfd_send_signal kills through the descriptor", pidfd_send_signal(fd, SIGKILL, 0, 0), 0);
    check("the child dies of it", (waitpid(c, &status, 0), status), SIGKILL);
    check("and the descriptor no longer reaches anyone", pidfd_send_signal(fd, SIGKILL, 0, 0), -ESRCH);
    close(fd);
}

static void pidfd_and_restarts(void)
{
    char *crash_null[] = { "crash", "null", 0 };
    int pid = spawn("crash", crash_null, &(struct guard_spec){ RESTART_ON_FAILURE, 2, 10000, 100, 100, 0, 0, 0, 0, 0, 0, 0, "" });
    int fd = pidfd_open(pid, 0);
    struct pollfd p = { fd, POLLIN, 0 };
    msleep(150);                        /* it has crashed and been restarted */
    check("a restart in place is not an end: the pidfd stays unreadable", poll(&p, 1, 0), 0);
    int st = 0;
    check("the give-up is: read gives the last failure", read(fd, &st, sizeof st), 4);
    check("SIGSEGV", st, SIGSEGV);
    close(fd);
    waitpid(pid, 0, 0);
}

static void process_groups(void)
{
    char *nap[] = { "t_pipe", "nap", "5000", "0", 0 };
    int a = spawn("t_pipe", nap, 0), b = spawn("t_pipe", nap, 0), c = spawn("t_pipe", nap, 0);
    check("a child starts in its parent's group", getpgid(a), getpgrp());
    check("setpgid(a, a) makes a new group", setpgid(a, a), 0);
    check("setpgid(b, a) moves b into it", setpgid(b, a), 0);
    check("getpgid(b)", getpgid(b), a);
    check("setpgid into a group that does not exist: -EPERM", setpgid(c, 4242), -EPERM);
    check("setpgid of no such process: -ESRCH", setpgid(9999, 0), -ESRCH);
    check("setpgid with a negative group: -EINVAL", setpgid(0, -5), -EINVAL);
    check("kill(-pgid) ends every member", kill(-a, SIGTERM), 0);
    int status, reaped = 0;
    while (waitpid(-a, &status, 0) > 0)
        reaped += status == SIGTERM;
    check("and waitpid(-pgid) reaps both", reaped, 2);
    check("the third, in our group, is untouched", kill(c, 0), 0);
    check("kill of an empty group: -ESRCH", kill(-a, SIGTERM), -ESRCH);
    kill(c, SIGKILL);
    check("waitpid(0) waits in our own group", waitpid(0, &status, 0), c);
    char *joiner[] = { "t_pipe", "joiner", 0 };
    int j = spawn("t_pipe", joiner, 0);
    setpgid(j, j);
    waitpid(j, &status, 0);
    check("a child can neither join nor foreground a group it cannot signal", status, 0);
}

static void service_keeps_its_pipe(void)
{
    int p[2];
    pipe2(p, O_CLOEXEC);
    /* The service writes into the pipe through its stdout; the pipe's
     * write end is in the service's spawn-time descriptors, which every
     * restart starts from again. */
    int saved = fcntl(1, F_DUPFD_CLOEXEC, 0);
    dup2(p[1], 1);
    char *argv[] = { "t_pipe", "service", 0 };
    int pid = spawn("t_pipe", argv, &(struct guard_spec){ RESTART_ON_FAILURE, 3, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0, "" });
    dup2(saved, 1);
    close(saved);
    close(p[1]);
    char buf[64];
    int got = 0, r;
    while ((r = read(p[0], buf, sizeof buf)) > 0)
        got += r;
    int status;
    waitpid(pid, &status, 0);
    check("a service restarted 3 times wrote 4 ticks into the same pipe", got, 4 * 5);
    check("end of file came only once it ended for good", status, SIGSEGV);
    close(p[0]);
}

static void scope_guard(void)
{
    int pid;
    {
        char *nap[] = { "t_pipe", "nap", "5000", "0", 0 };
        scoped_child worker = { spawn("t_pipe", nap, 0) };
        pid = worker.pid;
        check("the guarded child runs", kill(pid, 0), 0);
    }
    check("the scope guard left no child behind", kill(pid, 0), -ESRCH);
}

static void descriptor_limits(void)
{
    int fds[NOFILE], n = 0, r;
    while ((r = dup(0)) >= 0)
        fds[n++] = r;
    check("dup past the table: -EMFILE", r, -EMFILE);
    check("the table holds NOFILE descriptors", n + 3, NOFILE);
    for (int i = 0; i < n; i++)
        close(fds[i]);
    check("close of a bad descriptor: -EBADF", close(99), -EBADF);
    check("dup of a closed descriptor: -EBADF", dup(12), -EBADF);
    check("dup2 onto a bad number: -EBADF", dup2(0, 99), -EBADF);
    check("read of a closed descriptor: -EBADF", read(12, 0, 1), -EBADF);
    int p[2];
    pipe(p);
    check("reading a write end: -EBADF", read(p[1], fds, 1), -EBADF);
    check("writing a read end: -EBADF", write(p[0], "x", 1), -EBADF);
    check("dup2 keeps the descriptor open", dup2(p[1], 10), 10);
    check("and not close-on-exec", fcntl(10, F_GETFD, 0), 0);
    close(p[0]);
    close(p[1]);
    close(10);
}

static void no_leaks(void)
{
    struct sysinfo before, after;
    char *nap[] = { "t_pipe", "nap", "0", "0", 0 };
    waitpid(spawn("t_pipe", nap, 0), 0, 0);
    sysinfo(&before);
    for (int i = 0; i < 2000; i++) {
        int p[2];
        pipe(p);
        int pid = spawn("t_pipe", nap, 0);
        int fd = pidfd_open(pid, 0);
        write(p[1], "x", 1);
        close(p[1]);
        close(p[0]);
        int st;
        read(fd, &st, sizeof st);
        close(fd);
        waitpid(pid, 0, 0);
    }
    sysinfo(&after);
    check("after 2000 pipe and pidfd cycles, free frames are back", after.free_frames, before.free_frames);
    check("and open files", after.open_files, before.open_files);
    check("and pipes", after.pipes, 0);
    check("and processes", after.nprocs, before.nprocs);
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "gen") == 0)
        return gen((uint32_t)atoi(argv[2]));
    if (argc > 2 && strcmp(argv[1], "check") == 0)
        return verify((uint32_t)atoi(argv[2]));
    if (argc > 3 && strcmp(argv[1], "nap") == 0) {
        msleep((uint32_t)atoi(argv[2]));
        return atoi(argv[3]);
    }
    if (argc > 1 && strcmp(argv[1], "joiner") == 0) {
        int parent_group = getpgid(getppid());
        int join = setpgid(0, parent_group);
        int aim = tcsetpgrp(parent_group);
        return join == -EPERM && aim == -EPERM ? 0 : 1;
    }
    if (argc > 1 && strcmp(argv[1], "closer") == 0) {
        close(1);
        return msleep(300);
    }
    if (argc > 1 && strcmp(argv[1], "service") == 0) {
        write(1, "tick\n", 5);
        return *(volatile int *)0;      /* cppcheck-suppress nullPointer ; NOLINT */
    }
    pipeline_byte_exact();
    end_of_file_and_sigpipe();
    nonblocking();
    polling();
    waiting_with_a_timeout();
    pidfd_of_a_sibling();
    pidfd_and_restarts();
    process_groups();
    service_keeps_its_pipe();
    scope_guard();
    descriptor_limits();
    no_leaks();
    check("the kernel's invariants hold", kcheck(), 0);
    return checks_done();
}
