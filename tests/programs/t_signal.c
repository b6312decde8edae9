/*
 * The signal calls from the hostile side (docs/linux.md, "Signals";
 * docs/hardening.md, section 6), with exact results: bad signal
 * numbers, sizes, flags and pointers, each leaving the state as it was;
 * the mask (SIGKILL cannot be blocked, a blocked signal comes once);
 * the alternate stack; sleepers cut short by a handler (EINTR, or run
 * again with SA_RESTART) or ended by a default action; SIGKILL through
 * a full mask. A Warden program has no restorer, so every handler here
 * returns through the code the kernel writes into the frame.
 * Bad stacks and forged frames are tests/programs/t_sigframe.c.
 */
#define TEST_NAME "t_signal"
#include "tests/programs/check.h"

#define BAD_POINTER 0x10L
#define SLEEP_WAIT  10000       /* yields to wait for a child to fall asleep */
#define END_WAIT_MS 1000        /* for a child that must end at once */
#define BIT(sig)    (1ull << ((sig) - 1))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))

static volatile int hits, info_signo, info_code, info_pid, had_context;
static volatile int alt_result, alt_old_flags, alt_on_it;
static char alt_stack[8192] __attribute__((aligned(16)));

static void count_hit(int sig)
{
    (void)sig;
    hits++;
}

static void with_info(int sig, struct k_siginfo *si, void *uc)
{
    hits++;
    info_signo = sig == si->si_signo ? sig : -1;
    info_code = si->si_code;
    info_pid = si->u.child.pid;
    had_context = uc != 0;
}

/* Runs on the alternate stack: changing it now is refused. */
static void on_alt_stack(int sig)
{
    (void)sig;
    char here;
    k_stack_t other = { .ss_sp = (uint32_t)alt_stack, .ss_size = sizeof alt_stack }, old;
    alt_result = sigaltstack(&other, &old);
    alt_old_flags = old.ss_flags;
    alt_on_it = (uint32_t)&here - (uint32_t)alt_stack < sizeof alt_stack;
    hits++;
}

static int handle(int sig, void (*fn)(int), uint32_t flags)
{
    struct k_sigaction a = { .handler = (uint32_t)fn, .flags = flags };
    return sigaction(sig, &a, 0);
}

static long rt_sigaction(long sig, long act, long old, long size)
{
    return syscall(SYS_rt_sigaction, sig, act, old, size, 0);
}

static long rt_sigprocmask(long how, long set, long old, long size)
{
    return syscall(SYS_rt_sigprocmask, how, set, old, size, 0);
}

static long tgkill(long tgid, long tid, long sig)
{
    return syscall(SYS_tgkill, tgid, tid, sig, 0, 0);
}

static long tkill(long tid, long sig) { return syscall(SYS_tkill, tid, sig, 0, 0, 0); }
static int fork_(void) { return (int)syscall(SYS_fork, 0, 0, 0, 0, 0); }

static uint32_t handler_of(int sig)
{
    struct k_sigaction now;
    sigaction(sig, 0, &now);
    return now.handler;
}

static sigset64_t blocked_now(void)
{
    sigset64_t now;
    sigprocmask(SIG_BLOCK, 0, &now);
    return now;
}

static void test_sigaction(void)
{
    struct k_sigaction act = { .handler = (uint32_t)count_hit }, old;
    check("rt_sigaction: signal 0: -EINVAL", rt_sigaction(0, (long)&act, 0, 8), -EINVAL);
    check("rt_sigaction: signal 65: -EINVAL", rt_sigaction(65, (long)&act, 0, 8), -EINVAL);
    check("rt_sigaction: a handler for SIGKILL: -EINVAL", sigaction(SIGKILL, &act, 0), -EINVAL);
    check("rt_sigaction: a handler for SIGSTOP: -EINVAL", sigaction(SIGSTOP, &act, 0), -EINVAL);
    check("rt_sigaction: SIGKILL's action may be read: 0", sigaction(SIGKILL, 0, &old), 0);
    check("rt_sigaction: sigsetsize 4: -EINVAL", rt_sigaction(SIGUSR1, (long)&act, 0, 4), -EINVAL);
    check("rt_sigaction: a handler for SIGUSR1: 0", sigaction(SIGUSR1, &act, 0), 0);
    check("rt_sigaction: act a bad pointer: -EFAULT",
          rt_sigaction(SIGUSR1, BAD_POINTER, 0, 8), -EFAULT);
    check("rt_sigaction: oact a bad pointer: -EFAULT",
          rt_sigaction(SIGUSR1, (long)&(struct k_sigaction){ .handler = SIG_IGN }, BAD_POINTER, 8),
          -EFAULT);
    check("rt_sigaction: oact in read-only code: -EFAULT",
          rt_sigaction(SIGUSR1, 0, (long)count_hit, 8), -EFAULT);
    check("and the handler is the one set before", handler_of(SIGUSR1), (long)count_hit);
    struct k_sigaction masked = { .handler = (uint32_t)count_hit, .mask = ~0ull };
    sigaction(SIGUSR2, &masked, 0);
    sigaction(SIGUSR2, 0, &old);
    check("a handler's mask never holds SIGKILL or SIGSTOP", old.mask == ~UNBLOCKABLE, 1);
}

static void test_mask(void)
{
    sigset64_t set = BIT(SIGUSR1), old = 0;
    check("rt_sigprocmask: how 3: -EINVAL", rt_sigprocmask(3, (long)&set, 0, 8), -EINVAL);
    check("rt_sigprocmask: how 3 without a set is a query: 0",
          rt_sigprocmask(3, 0, (long)&old, 8), 0);
    check("rt_sigprocmask: sigsetsize 16: -EINVAL",
          rt_sigprocmask(SIG_BLOCK, (long)&set, 0, 16), -EINVAL);
    check("rt_sigprocmask: set a bad pointer: -EFAULT",
          rt_sigprocmask(SIG_BLOCK, BAD_POINTER, 0, 8), -EFAULT);
    check("rt_sigprocmask: oldset a bad pointer: -EFAULT",
          rt_sigprocmask(SIG_BLOCK, (long)&set, BAD_POINTER, 8), -EFAULT);
    check("and nothing was blocked", blocked_now() == 0, 1);
    check("sigprocmask (126): how 7: -EINVAL",
          syscall(SYS_sigprocmask, 7, (long)&set, 0, 0, 0), -EINVAL);
    sigset64_t all = ~0ull;
    sigprocmask(SIG_SETMASK, &all, 0);
    check("a full mask leaves SIGKILL and SIGSTOP out", blocked_now() == ~UNBLOCKABLE, 1);
    sigset64_t kill_only = BIT(SIGKILL);
    sigprocmask(SIG_SETMASK, &kill_only, 0);
    check("SIG_SETMASK with SIGKILL alone: nothing blocked", blocked_now() == 0, 1);

    sigset64_t pending;
    check("rt_sigpending: sigsetsize 4: -EINVAL",
          syscall(SYS_rt_sigpending, (long)&pending, 4, 0, 0, 0), -EINVAL);
    check("rt_sigpending: a bad pointer: -EFAULT",
          syscall(SYS_rt_sigpending, BAD_POINTER, 8, 0, 0, 0), -EFAULT);
    check("rt_sigsuspend: sigsetsize 4: -EINVAL",
          syscall(SYS_rt_sigsuspend, (long)&set, 4, 0, 0, 0), -EINVAL);
    check("rt_sigsuspend: a bad pointer: -EFAULT",
          syscall(SYS_rt_sigsuspend, BAD_POINTER, 8, 0, 0, 0), -EFAULT);
    check("and the mask is unchanged", blocked_now() == 0, 1);
}

/* Sent three times while blocked, it comes once, when unblocked. */
static void test_blocked_once(void)
{
    sigset64_t set = BIT(SIGUSR1), pending = 0;
    handle(SIGUSR1, count_hit, 0);
    hits = 0;
    sigprocmask(SIG_BLOCK, &set, 0);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    tkill(getpid(), SIGUSR1);
    check("a blocked signal, sent 3 times: no handler yet", hits, 0);
    syscall(SYS_rt_sigpending, (long)&pending, 8, 0, 0, 0);
    check("rt_sigpending: SIGUSR1 alone", pending == set, 1);
    sigprocmask(SIG_UNBLOCK, &set, 0);
    check("unblocked: the handler ran exactly once", hits, 1);
    syscall(SYS_rt_sigpending, (long)&pending, 8, 0, 0, 0);
    check("and nothing is pending", pending == 0, 1);

    struct k_sigaction a = { .handler = (uint32_t)with_info, .flags = SA_SIGINFO };
    sigaction(SIGUSR2, &a, 0);
    hits = 0;
    kill(getpid(), SIGUSR2);
    check("SA_SIGINFO through the kernel's return code: ran once", hits, 1);
    check("si_signo", info_signo, SIGUSR2);
    check("si_code SI_USER", info_code, SI_USER);
    check("si_pid the sender", info_pid, getpid());
    check("a ucontext", had_context, 1);
}

static void test_altstack(void)
{
    k_stack_t ss = { .ss_sp = (uint32_t)alt_stack, .ss_size = 1024 }, old;
    check("sigaltstack: none yet: 0", sigaltstack(0, &old), 0);
    check("its flags SS_DISABLE", old.ss_flags, SS_DISABLE);
    check("sigaltstack: 1024 bytes: -ENOMEM", sigaltstack(&ss, 0), -ENOMEM);
    ss = (k_stack_t){ .ss_sp = (uint32_t)alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 4 };
    check("sigaltstack: flags 4: -EINVAL", sigaltstack(&ss, 0), -EINVAL);
    ss = (k_stack_t){ .ss_sp = 0xFFFFF000u, .ss_size = 0x2000 };
    check("sigaltstack: a stack that wraps around: -EINVAL", sigaltstack(&ss, 0), -EINVAL);
    check("sigaltstack: ss a bad pointer: -EFAULT", sigaltstack((k_stack_t *)BAD_POINTER, 0), -EFAULT);
    check("sigaltstack: old_ss a bad pointer: -EFAULT", sigaltstack(0, (k_stack_t *)BAD_POINTER), -EFAULT);
    ss = (k_stack_t){ .ss_sp = (uint32_t)alt_stack, .ss_size = sizeof alt_stack };
    check("sigaltstack: 8 KiB: 0", sigaltstack(&ss, 0), 0);
    sigaltstack(0, &old);
    check("read back: the same stack, flags 0",
          old.ss_sp == ss.ss_sp && old.ss_size == ss.ss_size && old.ss_flags == 0, 1);
    handle(SIGUSR1, on_alt_stack, SA_ONSTACK);
    hits = 0;
    kill(getpid(), SIGUSR1);
    check("an SA_ONSTACK handler ran on it", hits == 1 && alt_on_it, 1);
    check("sigaltstack while on it: -EPERM", alt_result, -EPERM);
    check("and old_ss said SS_ONSTACK", alt_old_flags, SS_ONSTACK);
    sigaltstack(0, &old);
    check("off it again: flags 0", old.ss_flags, 0);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, 0);
    sigaltstack(0, &old);
    check("disabled: SS_DISABLE", old.ss_flags, SS_DISABLE);
    handle(SIGUSR1, count_hit, 0);
}

static void test_kill_errors(void)
{
    int me = getpid();
    check("kill: signal 65: -EINVAL", kill(me, 65), -EINVAL);
    check("kill: signal -1: -EINVAL", kill(me, -1), -EINVAL);
    check("tkill: signal 65: -EINVAL", tkill(me, 65), -EINVAL);
    check("tkill: tid 0: -EINVAL", tkill(0, SIGUSR1), -EINVAL);
    check("tkill: no such thread: -ESRCH", tkill(30000, SIGUSR1), -ESRCH);
    check("tgkill: signal 65: -EINVAL", tgkill(me, me, 65), -EINVAL);
    check("tgkill: tgid 0: -EINVAL", tgkill(0, me, SIGUSR1), -EINVAL);
    check("tgkill: a wrong tgid: -ESRCH", tgkill(me + 1, me, SIGUSR1), -ESRCH);
    check("tgkill: signal 0 to itself: 0", tgkill(me, me, 0), 0);
    int pid = fork_();
    if (pid == 0) {
        int parent = getppid();
        failures = 0;                   /* the child's own count */
        check("child: kill of its parent: -EPERM", kill(parent, SIGUSR1), -EPERM);
        check("child: tgkill of its parent: -EPERM", tgkill(parent, parent, SIGUSR1), -EPERM);
        check("child: tkill of its parent: -EPERM", tkill(parent, SIGTERM), -EPERM);
        exit(failures);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    check("the child's checks passed, the parent lives on", status, 0);
}

static void test_itimer(void)
{
    struct itimerval tv = { .it_value = { 1, 0 } }, now;
    check("setitimer: ITIMER_VIRTUAL: -EINVAL", syscall(SYS_setitimer, 1, (long)&tv, 0, 0, 0), -EINVAL);
    tv.it_value.tv_usec = 1000000;
    check("setitimer: tv_usec 1000000: -EINVAL", syscall(SYS_setitimer, 0, (long)&tv, 0, 0, 0), -EINVAL);
    tv.it_value = (struct timeval){ -1, 0 };
    check("setitimer: tv_sec -1: -EINVAL", syscall(SYS_setitimer, 0, (long)&tv, 0, 0, 0), -EINVAL);
    tv = (struct itimerval){ .it_interval = { 0, -1 }, .it_value = { 1, 0 } };
    check("setitimer: interval tv_usec -1: -EINVAL", syscall(SYS_setitimer, 0, (long)&tv, 0, 0, 0), -EINVAL);
    check("setitimer: new a bad pointer: -EFAULT", syscall(SYS_setitimer, 0, BAD_POINTER, 0, 0, 0), -EFAULT);
    tv.it_interval.tv_usec = 0;
    check("setitimer: old a bad pointer: -EFAULT",
          syscall(SYS_setitimer, 0, (long)&tv, BAD_POINTER, 0, 0), -EFAULT);
    check("getitimer: ITIMER_PROF: -EINVAL", syscall(SYS_getitimer, 2, (long)&now, 0, 0, 0), -EINVAL);
    check("getitimer: a bad pointer: -EFAULT", syscall(SYS_getitimer, 0, BAD_POINTER, 0, 0, 0), -EFAULT);
    syscall(SYS_getitimer, 0, (long)&now, 0, 0, 0);
    check("no timer was armed by them", now.it_value.tv_sec | now.it_value.tv_usec, 0);
}

/* ---- sleepers ---- */

static int wait_sleeping(int pid)
{
    struct proc_info info;
    for (int i = 0; i < SLEEP_WAIT; i++) {
        if (proc_info_of(pid, &info) == 0 && info.state == PSTATE_SLEEPING)
            return 1;
        sched_yield();
    }
    return 0;
}

enum sleep_kind { IN_READ, IN_WAITPID, IN_POLL };

/* The child's part: sleep in the call, then exit with what it returned,
 * -errno as errno, else 100 + (1 for the expected success). */
static void sleep_in(enum sleep_kind kind, int fds[2])
{
    char buf[4];
    int r = 0, gc = 0;
    if (kind == IN_READ) {
        r = read(fds[0], buf, 4);
        r = r < 0 ? r : r == 4;
    } else if (kind == IN_WAITPID) {
        if ((gc = fork_()) == 0)
            exit(read(fds[0], buf, 4) == 4 ? 0 : 1);
        r = waitpid(gc, 0, 0);
        if (r < 0) {
            kill(gc, SIGKILL);
            waitpid(gc, 0, 0);
        }
        r = r < 0 ? r : r == gc;
    } else {
        struct pollfd p = { .fd = fds[0], .events = POLLIN };
        r = poll(&p, 1, -1);
    }
    exit(hits != 1 ? 99 : r < 0 ? -r : 100 + r);
}

/* A child sleeping in kind gets SIGUSR1 from its parent; with
 * SA_RESTART it goes back to sleep, and the pipe then wakes it. */
static int interrupt_sleeper(enum sleep_kind kind, uint32_t flags)
{
    int fds[2], status = -1;
    pipe(fds);
    int pid = fork_();
    if (pid == 0) {
        hits = 0;
        handle(SIGUSR1, count_hit, flags);
        sleep_in(kind, fds);
    }
    int asleep = wait_sleeping(pid);
    kill(pid, SIGUSR1);
    if ((flags & SA_RESTART) && kind != IN_POLL) {
        asleep &= wait_sleeping(pid);
        write(fds[1], "abcd", 4);
    }
    waitpid(pid, &status, 0);
    close(fds[0]);
    close(fds[1]);
    return asleep && WIFEXITED(status) ? WEXITSTATUS(status) : -status;
}

/* A child asleep in read gets sig with its default action; the mask
 * it sleeps with is given. Its wait status, -1 when it did not end. */
static int end_sleeper(int sig, sigset64_t mask, int *still_asleep)
{
    int fds[2], status = -1;
    char c;
    pipe(fds);
    int pid = fork_();
    if (pid == 0) {
        sigaction(sig, &(struct k_sigaction){ .handler = SIG_DFL }, 0);
        sigprocmask(SIG_SETMASK, &mask, 0);
        read(fds[0], &c, 1);
        exit(0);
    }
    wait_sleeping(pid);
    kill(pid, sig);
    sched_yield();
    if (still_asleep) {
        *still_asleep = wait_sleeping(pid);
        kill(pid, SIGKILL);
    }
    if (wait_timeout(pid, &status, END_WAIT_MS) != pid) {
        kill(pid, SIGKILL);             /* it lives on: fail, but go on */
        waitpid(pid, &status, 0);
        status = -1;
    }
    close(fds[0]);
    close(fds[1]);
    return status;
}

static void test_sleepers(void)
{
    check("read of a pipe, handler without SA_RESTART: -EINTR", interrupt_sleeper(IN_READ, 0), EINTR);
    check("read of a pipe, SA_RESTART: run again, 4 bytes",
          interrupt_sleeper(IN_READ, SA_RESTART), 101);
    check("waitpid, handler without SA_RESTART: -EINTR", interrupt_sleeper(IN_WAITPID, 0), EINTR);
    check("waitpid, SA_RESTART: run again, the child reaped",
          interrupt_sleeper(IN_WAITPID, SA_RESTART), 101);
    check("poll, handler without SA_RESTART: -EINTR", interrupt_sleeper(IN_POLL, 0), EINTR);
    check("poll, SA_RESTART: still -EINTR (never restarted)",
          interrupt_sleeper(IN_POLL, SA_RESTART), EINTR);
    check("SIGTERM's default to a sleeper: ended by SIGTERM", end_sleeper(SIGTERM, 0, 0), SIGTERM);
    check("SIGUSR2's default to a sleeper: ended by SIGUSR2", end_sleeper(SIGUSR2, 0, 0), SIGUSR2);
    int asleep = 0;
    check("every signal blocked: SIGKILL still ends it",
          end_sleeper(SIGTERM, ~0ull, &asleep), SIGKILL);
    check("and the SIGTERM before it stayed pending, the child asleep", asleep, 1);
}

int main(void)
{
    test_sigaction();
    test_mask();
    test_blocked_once();
    test_altstack();
    test_kill_errors();
    test_itimer();
    test_sleepers();
    return checks_done();
}
