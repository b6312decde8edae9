/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (signals-glibc, signals-musl): the C library's signal calls on Warden.
 * Each line it prints is compared exactly by tests/scenarios/
 * linux_signals_*.scn; run with the argument "exec" it is the program
 * execve'd by the exec test.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits, last_sig, last_code, last_pid, last_status;
static volatile void *last_addr;
static volatile int had_context;
static sigjmp_buf escape;
static char *fixable_page;

static void on_info(int sig, siginfo_t *si, void *uc)
{
    hits++;
    last_sig = sig;
    last_code = si->si_code;
    last_pid = si->si_pid;
    last_status = si->si_status;
    had_context = uc != 0;
}

static void on_plain(int sig)
{
    hits++;
    last_sig = sig;
}

static void on_fpu(int sig)
{
    volatile double x = 1.0;
    for (int i = 0; i < 100; i++)
        x = x * 3.0 + sig;          /* fills the x87/SSE registers */
    hits++;
}

static void on_segv_escape(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last_sig = sig;
    last_code = si->si_code;
    last_addr = si->si_addr;
    siglongjmp(escape, 1);
}

static void on_segv_fix(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    last_code = si->si_code;
    mprotect(fixable_page, 4096, PROT_READ | PROT_WRITE);
}

static char *altstack;

static void on_altstack(int sig)
{
    char here;
    last_sig = sig;
    had_context = &here >= altstack && &here < altstack + 65536;
}

static void install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, 0);
}

static void install_info(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigaction(sig, &sa, 0);
}

static void test_handlers(void)
{
    install_info(SIGUSR1, on_info, 0);
    hits = 0;
    kill(getpid(), SIGUSR1);
    printf("signals: kill self USR1: hits %d sig %d code %s pid-is-self %s context %s\n",
           hits, last_sig, last_code == SI_USER ? "SI_USER" : "other",
           last_pid == getpid() ? "yes" : "no", had_context ? "yes" : "no");
    raise(SIGUSR1);
    printf("signals: raise USR1: hits %d code %s\n", hits,
           last_code == SI_TKILL ? "SI_TKILL" : "other");
    install(SIGUSR2, on_plain, 0);
    raise(SIGUSR2);
    printf("signals: plain handler USR2: hits %d sig %d\n", hits, last_sig);

    volatile double before = 2.5;
    install(SIGUSR2, on_fpu, 0);
    for (int i = 0; i < 3; i++) {
        before = before * 2.0;
        raise(SIGUSR2);
    }
    printf("signals: FPU kept across handlers: %s\n", before == 20.0 ? "yes" : "no");
}

static void test_mask(void)
{
    sigset_t block, old, pending;
    install(SIGUSR2, on_plain, 0);
    hits = 0;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR2);
    sigpending(&pending);
    printf("signals: blocked: hits %d pending %d\n", hits, sigismember(&pending, SIGUSR2));
    sigprocmask(SIG_SETMASK, &old, 0);
    printf("signals: unblocked: hits %d\n", hits);

    install(SIGUSR2, on_plain, SA_RESETHAND);
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, 0, &now);
    printf("signals: SA_RESETHAND: hits %d then default %s\n", hits,
           now.sa_handler == SIG_DFL ? "yes" : "no");

    raise(SIGURG);
    raise(SIGCHLD);
    signal(SIGPIPE, SIG_IGN);
    int fds[2];
    pipe(fds);
    close(fds[0]);
    errno = 0;
    ssize_t n = write(fds[1], "x", 1);
    printf("signals: ignored by default, and SIGPIPE ignored: write %zd %s\n", n,
           errno == EPIPE ? "EPIPE" : strerror(errno));
    close(fds[1]);
    signal(SIGPIPE, SIG_DFL);
}

static void set_timer_ms(int ms)
{
    struct itimerval t = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &t, 0);
}

static void test_interrupts(void)
{
    int fds[2];
    char buf[8];
    pipe(fds);
    install(SIGALRM, on_plain, 0);
    set_timer_ms(50);
    errno = 0;
    ssize_t n = read(fds[0], buf, sizeof buf);
    printf("signals: read interrupted without SA_RESTART: %zd %s\n", n,
           errno == EINTR ? "EINTR" : strerror(errno));

    install(SIGALRM, on_plain, SA_RESTART);
    pid_t child = fork();
    if (child == 0) {
        usleep(300000);
        write(fds[1], "late", 4);
        _exit(0);
    }
    hits = 0;
    set_timer_ms(50);
    n = read(fds[0], buf, sizeof buf);
    printf("signals: read restarted with SA_RESTART: %zd bytes, handler ran %d\n", n, hits);
    waitpid(child, 0, 0);
    close(fds[0]);
    close(fds[1]);

    install(SIGALRM, on_plain, SA_RESTART);
    set_timer_ms(50);
    struct timespec req = { 2, 0 }, rem = { 0, 0 };
    int r = nanosleep(&req, &rem);
    printf("signals: nanosleep interrupted: %d %s, 1.5 s < rem < 2 s: %s\n", r,
           errno == EINTR ? "EINTR" : strerror(errno),
           rem.tv_sec == 1 && rem.tv_nsec > 500000000 ? "yes" : "no");

    sigset_t block, old, none;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    hits = 0;
    alarm(1);
    printf("signals: alarm left after setting it again: %u\n", alarm(1));
    sigemptyset(&none);
    r = sigsuspend(&none);
    sigset_t after;
    sigprocmask(SIG_SETMASK, 0, &after);
    printf("signals: sigsuspend: %d %s, handler ran %d, mask back %s\n", r,
           errno == EINTR ? "EINTR" : strerror(errno), hits,
           sigismember(&after, SIGALRM) ? "yes" : "no");
    sigprocmask(SIG_SETMASK, &old, 0);
}

static void test_children(void)
{
    install_info(SIGCHLD, on_info, 0);
    hits = 0;
    pid_t child = fork();
    if (child == 0)
        _exit(5);
    while (!hits)
        pause();
    int status;
    pid_t got = waitpid(child, &status, 0);
    printf("signals: SIGCHLD: code %s pid %s status %d, then reaped %s\n",
           last_code == CLD_EXITED ? "CLD_EXITED" : "other", last_pid == child ? "ok" : "wrong",
           last_status, got == child ? "yes" : "no");

    signal(SIGCHLD, SIG_IGN);
    child = fork();
    if (child == 0)
        _exit(6);
    errno = 0;
    got = waitpid(child, &status, 0);
    printf("signals: SIGCHLD ignored, no zombie: waitpid %d %s\n", (int)got,
           errno == ECHILD ? "ECHILD" : strerror(errno));
    signal(SIGCHLD, SIG_DFL);

    child = fork();
    if (child == 0) {
        install(SIGTERM, on_plain, 0);
        while (!hits)
            pause();
        _exit(3);
    }
    usleep(50000);
    kill(child, SIGTERM);
    waitpid(child, &status, 0);
    printf("signals: child handles TERM and exits: status %d\n",
           WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status));

    child = fork();
    if (child == 0)
        abort();
    waitpid(child, &status, 0);
    printf("signals: abort: killed by %s\n",
           WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT ? "SIGABRT" : "other");

    child = fork();
    if (child == 0) {
        install(SIGALRM, on_plain, 0);    /* exec makes it the default */
        signal(SIGUSR2, SIG_IGN);          /* ... and keeps this */
        sigset_t block;
        sigemptyset(&block);
        sigaddset(&block, SIGUSR1);
        sigprocmask(SIG_BLOCK, &block, 0);
        char exe[64];
        ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[len > 0 ? len : 0] = 0;
        execl(exe, "signals", "exec", (char *)0);
        _exit(99);
    }
    waitpid(child, &status, 0);
}

static int after_exec(void)
{
    struct sigaction alrm, usr2;
    sigset_t mask;
    sigaction(SIGALRM, 0, &alrm);
    sigaction(SIGUSR2, 0, &usr2);
    sigprocmask(SIG_SETMASK, 0, &mask);
    printf("signals: after execve: handler reset %s, ignored kept %s, mask kept %s\n",
           alrm.sa_handler == SIG_DFL ? "yes" : "no", usr2.sa_handler == SIG_IGN ? "yes" : "no",
           sigismember(&mask, SIGUSR1) ? "yes" : "no");
    return 0;
}

static void test_faults(void)
{
    install_info(SIGSEGV, on_segv_escape, 0);
    if (sigsetjmp(escape, 1) == 0)
        *(volatile int *)0 = 1;
    printf("signals: SIGSEGV caught: sig %d code %s addr %p\n", last_sig,
           last_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other", (void *)last_addr);

    fixable_page = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    install_info(SIGSEGV, on_segv_fix, 0);
    *(volatile char *)&fixable_page[10] = 42;   /* not moved after the check */
    printf("signals: handler made the page writable: code %s value %d\n",
           last_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other", fixable_page[10]);
    signal(SIGSEGV, SIG_DFL);

    altstack = malloc(65536);
    stack_t ss = { .ss_sp = altstack, .ss_size = 65536, .ss_flags = 0 };
    sigaltstack(&ss, 0);
    install(SIGUSR1, on_altstack, SA_ONSTACK);
    had_context = 0;
    raise(SIGUSR1);
    printf("signals: handler ran on the alternate stack: %s\n", had_context ? "yes" : "no");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, 0, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "exec") == 0)
        return after_exec();
    test_handlers();
    test_mask();
    test_interrupts();
    test_children();
    test_faults();
    printf("signals: done\n");
    return 0;
}
