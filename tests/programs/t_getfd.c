/*
 * pidfd_getfd: a copy of another process's descriptor, each rule checked
 * with exact results, and no open file left behind.
 *   t_getfd                the tests (as init)
 *   t_getfd holder         makes a pipe and writes the number of its write
 *                          end to stdout, then waits for end of file on
 *                          stdin, closes that write end and reads the
 *                          pipe to its end: exit bit 0 when it did not
 *                          read exactly MESSAGE, bit 1 when its write end
 *                          was not O_NONBLOCK by then
 *   t_getfd nap MS         sleeps MS, exits 0
 *   t_getfd take PID FD    exits with -pidfd_getfd(pidfd_open(PID), FD, 0),
 *                          or 100 if the call worked
 *   t_getfd middle         spawns "t_getfd nap 5000" (its stdout is ours),
 *                          writes its pid to stdout and waits for it
 * A supervised child between two incarnations is crash's "null".
 */
#define TEST_NAME "t_getfd"
#include "tests/programs/check.h"

#define MESSAGE "written through a borrowed end"
#define CYCLES 500

/* Wait for pid: its exit code, or 1000 + the signal that ended it. */
static int exit_code(int pid)
{
    int status = -1;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + (status & 0x7F);
}

static int holder(void)
{
    int p[2];
    if (pipe(p) < 0)
        return 4;
    write(1, &p[1], sizeof p[1]);
    char c;
    while (read(0, &c, 1) > 0)
        ;                               /* the parent's go: end of file */
    int nonblock = fcntl(p[1], F_GETFL, 0) & O_NONBLOCK;
    close(p[1]);                        /* the parent's copy is closed too */
    char buf[64];
    int got = 0, r;
    while ((r = read(p[0], buf + got, sizeof buf - (size_t)got)) > 0)
        got += r;
    int exact = got == (int)strlen(MESSAGE) && memcmp(buf, MESSAGE, (size_t)got) == 0;
    return (exact ? 0 : 1) | (nonblock ? 0 : 2);
}

static int take(int pid, int fd)
{
    int pidfd = pidfd_open(pid, 0);
    if (pidfd < 0)
        return 200;
    int r = pidfd_getfd(pidfd, fd, 0);
    return r < 0 ? -r : 100;
}

static int middle(void)
{
    char *nap[] = { "t_getfd", "nap", "5000", 0 };
    int pid = spawn("t_getfd", nap, 0);
    write(1, &pid, sizeof pid);
    return exit_code(pid) == 1000 + SIGKILL ? 0 : 1;
}

static void a_childs_pipe(void)
{
    int num[2], go[2];
    pipe2(num, O_CLOEXEC);              /* 3, 4 */
    pipe2(go, O_CLOEXEC);               /* 5, 6 */
    char *argv[] = { "t_getfd", "holder", 0 };
    struct command c = { "t_getfd", argv, go[0], num[1], 0 };
    int pid = command_spawn(&c);
    close(go[0]);
    close(num[1]);
    int theirs = -1;
    check("the holder tells the number of its write end", read(num[0], &theirs, sizeof theirs), 4);
    check("which is 4 (0-2 inherited, its read end 3)", theirs, 4);
    int pidfd = pidfd_open(pid, 0);
    check("a pidfd of the holder: 4", pidfd, 4);
    int w = pidfd_getfd(pidfd, theirs, 0);
    check("pidfd_getfd gives the lowest free descriptor, 5", w, 5);
    check("close-on-exec", fcntl(w, F_GETFD, 0), FD_CLOEXEC);
    check("a pipe's write end", fcntl(w, F_GETFL, 0), O_WRONLY);
    check("O_NONBLOCK set through the copy", fcntl(w, F_SETFL, O_NONBLOCK), 0);
    int len = (int)strlen(MESSAGE);
    check("the parent writes through its copy", write(w, MESSAGE, (size_t)len), len);
    close(w);
    close(go[1]);                       /* go */
    int code = exit_code(pid);
    check("the holder read exactly those bytes", code & ~2, 0);
    check("and its own end was O_NONBLOCK: one open file, one status", code & ~1, 0);
    check("once it has ended: -ESRCH", pidfd_getfd(pidfd, theirs, 0), -ESRCH);
    close(pidfd);
    close(num[0]);
}

static void own_descriptor(void)
{
    int self = pidfd_open(getpid(), 0);
    int f = open("/etc/hostname", O_RDONLY);
    int copy = pidfd_getfd(self, f, 0);
    check("pidfd_getfd on a pidfd of oneself: the next free number", copy, f + 1);
    check("the copy is close-on-exec", fcntl(copy, F_GETFD, 0), FD_CLOEXEC);
    check("the original is left as it was", fcntl(f, F_GETFD, 0), 0);
    char buf[8] = "";
    read(f, buf, 3);
    check("one offset: 3 bytes read through the original move the copy's", lseek(copy, 0, SEEK_CUR), 3);
    check("a seek through the copy", lseek(copy, 1, SEEK_SET), 1);
    check("moves the original's: it reads \"ar\"", (read(f, buf, 2), memcmp(buf, "ar", 2)), 0);
    fcntl(copy, F_SETFL, O_NONBLOCK);
    check("one status: O_NONBLOCK set through the copy shows in the original",
          fcntl(f, F_GETFL, 0), O_RDONLY | O_NONBLOCK);
    check("the copy of a pidfd is a pidfd", pidfd_getfd(self, self, 0), copy + 1);
    check("which works as one", pidfd_getfd(copy + 1, f, 0), copy + 2);
    for (int fd = copy + 2; fd >= f; fd--)
        close(fd);
    close(self);
}

static void bad_arguments(void)
{
    int self = pidfd_open(getpid(), 0);     /* 3 */
    int p[2];
    pipe2(p, O_CLOEXEC);                    /* 4, 5 */
    check("flags 1: -EINVAL", pidfd_getfd(self, 0, 1), -EINVAL);
    check("flags 0x80000000: -EINVAL", pidfd_getfd(self, 0, 0x80000000u), -EINVAL);
    check("flags come first: -EINVAL on a closed number too", pidfd_getfd(13, 0, 1), -EINVAL);
    check("a pipe is no pidfd: -EBADF", pidfd_getfd(p[0], 0, 0), -EBADF);
    check("nor is the console: -EBADF", pidfd_getfd(0, 0, 0), -EBADF);
    check("a closed number: -EBADF", pidfd_getfd(13, 0, 0), -EBADF);
    check("a number past the table: -EBADF", pidfd_getfd(NOFILE, 0, 0), -EBADF);
    check("a negative number: -EBADF", pidfd_getfd(-1, 0, 0), -EBADF);
    check("a targetfd not open in the target: -EBADF", pidfd_getfd(self, 13, 0), -EBADF);
    check("a targetfd past the table: -EBADF", pidfd_getfd(self, NOFILE, 0), -EBADF);
    check("a negative targetfd: -EBADF", pidfd_getfd(self, -1, 0), -EBADF);

    char *nap[] = { "t_getfd", "nap", "5000", 0 };
    int pid = spawn("t_getfd", nap, 0), pidfd = pidfd_open(pid, 0);
    check("a child's closed number: -EBADF", pidfd_getfd(pidfd, 13, 0), -EBADF);
    kill(pid, SIGKILL);
    struct pollfd end = { pidfd, POLLIN, 0 };
    poll(&end, 1, 5000);
    check("a child that has ended, not yet reaped: -ESRCH", pidfd_getfd(pidfd, 0, 0), -ESRCH);
    int late = pidfd_open(pid, 0);
    check("a pidfd opened on the zombie: -ESRCH", pidfd_getfd(late, 0, 0), -ESRCH);
    check("the zombie is still there to reap", waitpid(pid, 0, WNOHANG), pid);
    check("and once reaped, still -ESRCH", pidfd_getfd(pidfd, 0, 0), -ESRCH);
    close(late);
    close(pidfd);

    int fill[NOFILE], n = 0, r;
    while ((r = dup(0)) >= 0)
        fill[n++] = r;
    check("the caller's table full: -EMFILE", pidfd_getfd(self, p[1], 0), -EMFILE);
    for (int i = 0; i < n; i++)
        close(fill[i]);
    close(p[1]);
    struct pollfd hup = { p[0], POLLIN, 0 };
    poll(&hup, 1, 0);
    check("the refused copy kept no reference: the read end sees POLLHUP", hup.revents, POLLHUP);
    close(p[0]);
    close(self);
}

static void who_may_take(void)
{
    char pid[12];
    format_buf(pid, sizeof pid, "%d", getpid());
    char *upward[] = { "t_getfd", "take", pid, "0", 0 };
    check("a child taking its parent's descriptor: -EPERM",
          exit_code(spawn("t_getfd", upward, 0)), EPERM);

    char *nap[] = { "t_getfd", "nap", "5000", 0 };
    int sibling = spawn("t_getfd", nap, 0);
    format_buf(pid, sizeof pid, "%d", sibling);
    char *across[] = { "t_getfd", "take", pid, "0", 0 };
    check("a child taking its sibling's: -EPERM", exit_code(spawn("t_getfd", across, 0)), EPERM);
    kill(sibling, SIGKILL);
    waitpid(sibling, 0, 0);

    /* The grandchild's stdout is the pipe we read: write through our copy
     * of it and read the byte back. */
    int out[2];
    pipe2(out, O_CLOEXEC);
    char *mid[] = { "t_getfd", "middle", 0 };
    struct command c = { "t_getfd", mid, -1, out[1], 0 };
    int m = command_spawn(&c), grandchild = -1;
    close(out[1]);
    read(out[0], &grandchild, sizeof grandchild);
    int pidfd = pidfd_open(grandchild, 0);
    int w = pidfd_getfd(pidfd, 1, 0);
    check("a grandparent may take its grandchild's descriptor: 5", w, 5);
    char got = 0;
    check("and write through it", write(w, "g", 1), 1);
    check("into the same pipe", (read(out[0], &got, 1), got), 'g');
    close(w);
    kill(grandchild, SIGKILL);
    check("the middle saw its child killed", exit_code(m), 0);
    close(pidfd);
    close(out[0]);
}

static void between_incarnations(void)
{
    /* It crashes at once and waits a second for its restart: not ended
     * for good, but its descriptors went with its incarnation. */
    char *argv[] = { "crash", "null", 0 };
    int pid = spawn("crash", argv, &(struct guard_spec){ RESTART_ON_FAILURE, 1, 10000, 1000, 1000,
                                                         0, 0, 0, 0, 0, 0, 0, "" });
    int pidfd = pidfd_open(pid, 0);
    msleep(200);
    struct pollfd p = { pidfd, POLLIN, 0 };
    check("a supervised child waiting for its restart has not ended", poll(&p, 1, 0), 0);
    check("but has no descriptor open: -EBADF", pidfd_getfd(pidfd, 1, 0), -EBADF);
    int status = -1;
    waitpid(pid, &status, 0);
    check("its second crash is its end", status, SIGSEGV);
    close(pidfd);
}

static void no_leaks(void)
{
    struct sysinfo before, after;
    sysinfo(&before);
    int self = pidfd_open(getpid(), 0), refused = 0, exact = 0;
    for (int i = 0; i < CYCLES; i++) {
        int p[2];
        pipe2(p, O_CLOEXEC);
        int copy = pidfd_getfd(self, p[1], 0);
        close(p[1]);
        write(copy, "x", 1);
        close(copy);
        char buf[2];
        exact += read(p[0], buf, 2) == 1 && read(p[0], buf, 2) == 0;
        int fill[NOFILE], n = 0, r;
        while ((r = dup(0)) >= 0)
            fill[n++] = r;
        refused += pidfd_getfd(self, p[0], 0) == -EMFILE;
        while (n > 0)
            close(fill[--n]);
        close(p[0]);
    }
    close(self);
    sysinfo(&after);
    check("500 copies each carried one byte and then end of file", exact, CYCLES);
    check("500 copies refused with -EMFILE", refused, CYCLES);
    check("and the open files are as before", after.open_files, before.open_files);
    check("and the pipes", after.pipes, before.pipes);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "holder") == 0)
        return holder();
    if (argc > 2 && strcmp(argv[1], "nap") == 0)
        return msleep((uint32_t)atoi(argv[2]));
    if (argc > 3 && strcmp(argv[1], "take") == 0)
        return take(atoi(argv[2]), atoi(argv[3]));
    if (argc > 1 && strcmp(argv[1], "middle") == 0)
        return middle();
    a_childs_pipe();
    own_descriptor();
    bad_arguments();
    who_may_take();
    between_incarnations();
    no_leaks();
    check("the kernel's invariants hold", kcheck(), 0);
    return checks_done();
}
