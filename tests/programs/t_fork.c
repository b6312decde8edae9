/*
 * fork, clone, vfork, execve and wait4 (docs/linux.md, part E), with
 * exact results and bad inputs. Modes:
 *   t_fork             the calls (scenario linux_fork)
 *   t_fork limit       run as a service with a 4 MiB limit under
 *                      memlimit=1M: a fork past the child's limit is
 *                      -ENOMEM and leaks nothing (scenario linux_fork_limit)
 *   t_fork exe         (exec'ed) print /proc/self/exe and exit 42
 *   t_fork fds A B     (exec'ed) exit 0 when fd A is closed and B open
 *   t_fork forker      (a service) fork a child that waits forever
 */
#define TEST_NAME "t_fork"
#include "tests/programs/check.h"

#define CYCLES 1000
#define SIGCHLD_NUMBER 17

static int global = 1;

static long fork_(void) { return syscall(SYS_fork, 0, 0, 0, 0, 0); }
static long vfork_(void) { return syscall(SYS_vfork, 0, 0, 0, 0, 0); }
static long clone_(long flags, long sp, long ctid)
{
    return syscall(SYS_clone, flags, sp, 0, 0, ctid);
}
static long execve_(const char *path, char *const *argv, char *const *envp)
{
    return syscall(SYS_execve, (long)path, (long)argv, (long)envp, 0, 0);
}
static long wait4_(int pid, int *status, int options, struct rusage *ru)
{
    return syscall(SYS_wait4, pid, (long)status, options, (long)ru, 0);
}

/* The exit status of child pid (-1 when waitpid fails). */
static int status_of(int pid)
{
    int status = -1;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

static void test_fork_basics(void)
{
    int fds[2], parent = getpid();
    pipe(fds);
    int pid = (int)fork_();
    if (pid == 0) {
        int me = getpid();
        write(fds[1], &me, sizeof me);
        global = 2;                     /* the parent must not see this */
        exit(global + 10 * (getppid() == parent));
    }
    check("fork gives the parent a pid > 1", pid > 1, 1);
    int seen = 0;
    check("the child's getpid, through the inherited pipe", read(fds[0], &seen, sizeof seen), 4);
    check("the child's getpid is the pid the parent got", seen, pid);
    check("the child exits with its copy of the variable (2), its parent's pid from getppid", status_of(pid), 12);
    check("the parent's variable is unchanged", global, 1);
    close(fds[0]);
    close(fds[1]);

    char *heap = malloc(64);
    heap[0] = 'p';
    pid = (int)vfork_();
    if (pid == 0) {
        heap[0] = 'c';
        exit(heap[0] == 'c' ? 3 : 4);
    }
    check("vfork: a child with its own heap", status_of(pid), 3);
    check("the parent's heap is unchanged", heap[0], 'p');
    free(heap);
}

static void test_clone(void)
{
    int tid = 0;
    long flags = CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD_NUMBER;
    int pid = (int)clone_(flags, 0, (long)&tid);
    if (pid == 0)
        exit(tid == getpid() ? 5 : 6);
    check("clone as glibc's fork: the child's tid word is its pid", status_of(pid), 5);
    check("and the parent's tid word is untouched", tid, 0);
    check("clone with CLONE_VM: -EINVAL", clone_(0x100 | SIGCHLD_NUMBER, 0, 0), -EINVAL);
    check("clone with a new stack: -EINVAL", clone_(SIGCHLD_NUMBER, 0x1000, 0), -EINVAL);
    check("clone with exit signal SIGUSR1: -EINVAL", clone_(10, 0, 0), -EINVAL);
    check("clone SETTID on a bad pointer: -EFAULT",
          clone_(CLONE_CHILD_SETTID | SIGCHLD_NUMBER, 0, 0x10), -EFAULT);
    check("clone SETTID on read-only code: -EFAULT",
          clone_(CLONE_CHILD_SETTID | SIGCHLD_NUMBER, 0, (long)test_clone), -EFAULT);
}

static void test_wait4(void)
{
    int pid = (int)fork_();
    if (pid == 0)
        exit(7);
    struct rusage ru;
    memset(&ru, 0x55, sizeof ru);
    int status = 0;
    check("wait4: a bad rusage pointer: -EFAULT", wait4_(pid, &status, 0, (struct rusage *)0x10), -EFAULT);
    check("wait4: options other than WNOHANG, WUNTRACED, WCONTINUED: -EINVAL",
          wait4_(pid, &status, 4, &ru), -EINVAL);
    check("wait4 with WUNTRACED|WCONTINUED and rusage: the pid",
          wait4_(pid, &status, WUNTRACED | WCONTINUED, &ru), pid);
    check("wait4: the status", WEXITSTATUS(status), 7);
    long rest = 0;
    for (int i = 0; i < 14; i++)
        rest |= ru.ru_other[i];
    check("wait4: the 14 longs are 0", rest, 0);
    check("wait4: no system time", ru.ru_stime_sec | ru.ru_stime_usec, 0);
    check("wait4: user time under a second", ru.ru_utime_sec, 0);
    check("wait4: no child left: -ECHILD", wait4_(-1, &status, 0, 0), -ECHILD);
    pid = (int)fork_();
    if (pid == 0)
        exit(8);
    check("wait4 without rusage: the pid", wait4_(pid, &status, 0, 0), pid);
    check("wait4: that status", WEXITSTATUS(status), 8);
    check("waitpid with WUNTRACED: accepted, nothing to wait for: -ECHILD",
          waitpid(-1, &status, WUNTRACED), -ECHILD);
}

static void test_exec_errors(void)
{
    char *argv[] = { "true", 0 };
    check("execve of a missing file: -ENOENT", execve_("/bin/nosuch", argv, 0), -ENOENT);
    check("execve of a non-ELF file: -ENOEXEC", execve_("/bin/Makefile", argv, 0), -ENOEXEC);
    check("execve with a bad path pointer: -EFAULT", execve_((char *)0x10, argv, 0), -EFAULT);
    check("execve with a bad argv: -EFAULT", execve_("true", (char **)0x10, 0), -EFAULT);
    char *bad_string[] = { "true", (char *)0x10, 0 };
    check("execve with a bad argv string: -EFAULT", execve_("true", bad_string, 0), -EFAULT);
    check("execve with a bad envp: -EFAULT", execve_("true", argv, (char **)0x10), -EFAULT);
    static char *many[SPAWN_MAX_ARGS + 2];
    for (int i = 0; i <= SPAWN_MAX_ARGS; i++)
        many[i] = "x";
    check("execve with 33 arguments: -E2BIG", execve_("true", many, 0), -E2BIG);
    static char *env[ENV_MAX_VARS + 2];
    for (int i = 0; i <= ENV_MAX_VARS; i++)
        env[i] = "A=1";
    check("execve with 33 variables: -E2BIG", execve_("true", argv, env), -E2BIG);
    check("the caller is intact after them all", global, 1);
}

static void test_exec(void)
{
    char *argv[] = { "t_fork", "exe", 0 };
    int pid = (int)fork_();
    if (pid == 0) {
        execve_("/bin/t_fork", argv, 0);
        exit(99);
    }
    check("a forked child execs t_fork exe: its status 42", status_of(pid), 42);

    int keep[2], shut[2];
    pipe(keep);
    pipe2(shut, O_CLOEXEC);
    pid = (int)fork_();
    if (pid == 0) {
        char a[12], b[12];
        format_buf(a, sizeof a, "%d", shut[0]);
        format_buf(b, sizeof b, "%d", keep[0]);
        char *fargv[] = { "t_fork", "fds", a, b, 0 };
        execve_("t_fork", fargv, 0);
        exit(99);
    }
    check("exec closes close-on-exec descriptors and keeps the others", status_of(pid), 0);
    close(keep[0]); close(keep[1]); close(shut[0]); close(shut[1]);
}

static void test_cycles(void)
{
    struct sysinfo before, after;
    status_of((int)fork_() ?: (exit(0), 0));   /* warm up a slot's kernel stack */
    sysinfo(&before);
    int bad = 0;
    for (int i = 0; i < CYCLES; i++) {
        int pid = (int)fork_();
        if (pid == 0)
            exit(i & 0x7F);
        bad += status_of(pid) != (i & 0x7F);
    }
    sysinfo(&after);
    check("1,000 fork, exit, wait cycles: each status right", bad, 0);
    check("and every frame is back", after.free_frames, before.free_frames);
    check("kcheck agrees", kcheck(), 0);
}

/* A service forks a child, then faults; when the service is restarted,
 * the child is gone. */
static void test_supervised(void)
{
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 1,
                               .window_ms = 60000 };
    char *argv[] = { "t_fork", "forker", 0 };
    int svc = spawn("t_fork", argv, &spec), child = 0;
    struct proc_info list[16];
    for (int tries = 0; tries < 200 && !child; tries++) {
        msleep(10);
        int n = proclist(list, 16);
        for (int i = 0; i < n; i++)
            if (list[i].ppid == svc)
                child = list[i].pid;
    }
    check("the service's forked child exists", child > 0, 1);
    struct proc_info info;
    check("it is unsupervised", proc_info_of(child, &info) == 0 && !info.supervised, 1);
    for (int tries = 0; tries < 200; tries++) {
        if (proc_info_of(svc, &info) == 0 && info.incarnation == 2)
            break;
        msleep(10);
    }
    check("the service was restarted", info.incarnation, 2);
    check("its forked child was ended before", proc_info_of(child, &info), -ESRCH);
    kill(svc, SIGKILL);             /* the parent's kill: it ends */
    int status = 0;
    check("the service ends for good", waitpid(svc, &status, 0), svc);
}

/* Under memlimit=1M as a service with 4 MiB: 2 MiB more of heap, then a
 * fork whose copy cannot fit the child's 1 MiB. */
static int limit_mode(void)
{
    int pid = (int)fork_();             /* warm up a slot's kernel stack */
    if (pid == 0)
        exit(0);
    status_of(pid);
    char *base = brk(0);
    char *top = brk(base + 2 * 1024 * 1024);
    check("2 MiB of heap", top == base + 2 * 1024 * 1024, 1);
    for (char *p = base; p < top; p += 4096)
        *p = 1;
    struct sysinfo before, after;
    sysinfo(&before);
    check("a fork past the child's limit: -ENOMEM", fork_(), -ENOMEM);
    check("twice", fork_(), -ENOMEM);
    sysinfo(&after);
    check("no frame leaked", after.free_frames, before.free_frames);
    check("no process left", after.nprocs, before.nprocs);
    check("kcheck agrees", kcheck(), 0);
    brk(base);
    pid = (int)fork_();
    if (pid == 0)
        exit(9);
    check("with the heap given back, fork works", status_of(pid), 9);
    return checks_done();
}

static int fds_mode(char **argv)
{
    int closed = fcntl(atoi(argv[2]), F_GETFD, 0) == -EBADF;
    int open = fcntl(atoi(argv[3]), F_GETFD, 0) == 0;
    return closed && open ? 0 : 1;
}

static int exe_mode(void)
{
    char buf[64] = { 0 };
    long n = syscall(SYS_readlink, (long)"/proc/self/exe", (long)buf, sizeof buf - 1, 0, 0);
    printf("t_fork: exec'ed: /proc/self/exe is %s (%ld bytes)\n", buf, n);
    return 42;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "exe") == 0)
        return exe_mode();
    if (argc > 3 && strcmp(argv[1], "fds") == 0)
        return fds_mode(argv);
    if (argc > 1 && strcmp(argv[1], "forker") == 0) {
        struct proc_info me;
        proc_info_of(getpid(), &me);
        if (me.incarnation == 1) {      /* the first: a child, then a fault */
            if (fork_() == 0)
                for (;;)
                    msleep(1000);
            msleep(200);
            *(volatile int *)0 = 1;     /* cppcheck-suppress nullPointer ; on purpose */
        }
        for (;;)
            msleep(1000);
    }
    if (argc > 1 && strcmp(argv[1], "cycles") == 0) {
        test_cycles();
        return checks_done();
    }
    if (argc > 1 && strcmp(argv[1], "limit") == 0)
        return limit_mode();
    if (argc > 1 && strcmp(argv[1], "limit-parent") == 0) {
        struct guard_spec spec = { .restart = RESTART_NEVER, .mem_limit_kb = 4096 };
        char *largv[] = { "t_fork", "limit", 0 };
        int pid = spawn("t_fork", largv, &spec);
        return status_of(pid);
    }
    test_fork_basics();
    test_clone();
    test_wait4();
    test_exec_errors();
    test_exec();
    test_cycles();
    test_supervised();
    return checks_done();
}
