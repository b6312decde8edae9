/*
 * The Linux calls of time, limits and descriptors (docs/linux.md), with
 * exact results and every bad input (tests/scenarios/linux_calls.scn).
 *   t_linux_calls BOOT     the tests, as init; BOOT is the date the CMOS
 *                          clock was set to, in seconds since 1970
 *   t_linux_calls writer C 40 lines of 600 bytes by writev, each of 4
 *                          pieces, each line made of the letter C
 */
#define TEST_NAME "t_linux_calls"
#include "tests/programs/check.h"
#include "abi/stat.h"
#include "abi/termios.h"

#define KERNEL_ADDR 0xC0100000
#define MS          1000000
#define NS_PER_S    1000000000
#define TICK_NS     10000000    /* at 100 Hz */

static long sc(long n, long a, long b, long c, long d, long e)
{
    return syscall(n, a, b, c, d, e);
}

static int64_t ns_of(int clock)
{
    struct timespec64 ts;
    sc(SYS_clock_gettime64, clock, (long)&ts, 0, 0, 0);
    return ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static void clocks(long boot)
{
    struct timespec ts;
    struct timespec64 t64 = { -1, -1 };
    check("clock_gettime REALTIME", sc(SYS_clock_gettime, CLOCK_REALTIME, (long)&ts, 0, 0, 0), 0);
    check("clock_gettime64 REALTIME", sc(SYS_clock_gettime64, CLOCK_REALTIME, (long)&t64, 0, 0, 0), 0);
    check("the two agree to the second", t64.tv_sec - ts.tv_sec <= 1 && t64.tv_sec >= ts.tv_sec, 1);
    check("clock_gettime64 nanoseconds below 10^9", t64.tv_nsec >= 0 && t64.tv_nsec < NS_PER_S, 1);
    int64_t real = ns_of(CLOCK_REALTIME), mono = ns_of(CLOCK_MONOTONIC);
    long boot_seen = (long)((real - mono) / NS_PER_S);
    /* the CMOS clock counts whole seconds: boot came up to a second before */
    check("REALTIME - MONOTONIC is the date at boot", boot_seen >= boot - 1 && boot_seen <= boot, 1);
    int64_t coarse = ns_of(CLOCK_MONOTONIC_COARSE), fine = ns_of(CLOCK_MONOTONIC);
    check("MONOTONIC_COARSE within a tick before MONOTONIC", fine >= coarse && fine - coarse <= TICK_NS, 1);
    coarse = ns_of(CLOCK_REALTIME_COARSE);
    fine = ns_of(CLOCK_REALTIME);
    check("REALTIME_COARSE within a tick before REALTIME", fine >= coarse && fine - coarse <= TICK_NS, 1);
    int64_t m1 = ns_of(CLOCK_MONOTONIC), bt = ns_of(CLOCK_BOOTTIME), m2 = ns_of(CLOCK_MONOTONIC);
    check("BOOTTIME is MONOTONIC", m1 <= bt && bt <= m2, 1);
    check("PROCESS_CPUTIME in whole ticks", ns_of(CLOCK_PROCESS_CPUTIME_ID) % TICK_NS, 0);
    check("THREAD_CPUTIME accepted", sc(SYS_clock_gettime, CLOCK_THREAD_CPUTIME_ID, (long)&ts, 0, 0, 0), 0);
    check("clock_gettime clock 8", sc(SYS_clock_gettime, 8, (long)&ts, 0, 0, 0), -EINVAL);
    check("clock_gettime clock -1", sc(SYS_clock_gettime, -1, (long)&ts, 0, 0, 0), -EINVAL);
    check("clock_gettime64 clock 99", sc(SYS_clock_gettime64, 99, (long)&t64, 0, 0, 0), -EINVAL);
    check("clock_gettime64 to NULL", sc(SYS_clock_gettime64, CLOCK_REALTIME, 0, 0, 0, 0), -EFAULT);
    check("clock_gettime64 to the kernel", sc(SYS_clock_gettime64, 1, KERNEL_ADDR, 0, 0, 0), -EFAULT);

    check("clock_getres MONOTONIC", sc(SYS_clock_getres, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0), 0);
    check("... one PIT count, 838 ns", ts.tv_sec * NS_PER_S + ts.tv_nsec, 838);
    check("clock_getres_time64 REALTIME_COARSE",
          sc(SYS_clock_getres_time64, CLOCK_REALTIME_COARSE, (long)&t64, 0, 0, 0), 0);
    check("... one tick", (long)(t64.tv_sec * NS_PER_S + t64.tv_nsec), TICK_NS);
    check("clock_getres into NULL", sc(SYS_clock_getres, CLOCK_REALTIME, 0, 0, 0, 0), 0);
    check("clock_getres clock 8", sc(SYS_clock_getres, 8, (long)&ts, 0, 0, 0), -EINVAL);
    check("clock_getres to the kernel", sc(SYS_clock_getres, 0, KERNEL_ADDR, 0, 0, 0), -EFAULT);
    check("clock_getres_time64 to the kernel", sc(SYS_clock_getres_time64, 0, KERNEL_ADDR, 0, 0, 0), -EFAULT);

    struct timeval tv;
    struct timezone tz = { 55, 55 };
    check("gettimeofday", sc(SYS_gettimeofday, (long)&tv, (long)&tz, 0, 0, 0), 0);
    long now = (long)(ns_of(CLOCK_REALTIME) / NS_PER_S);
    check("... the seconds of REALTIME", tv.tv_sec == now || tv.tv_sec == now - 1, 1);
    check("... microseconds below 10^6", tv.tv_usec >= 0 && tv.tv_usec < 1000000, 1);
    check("... the zone is UTC", tz.tz_minuteswest == 0 && tz.tz_dsttime == 0, 1);
    check("gettimeofday NULL, NULL", sc(SYS_gettimeofday, 0, 0, 0, 0, 0), 0);
    check("gettimeofday tv to the kernel", sc(SYS_gettimeofday, KERNEL_ADDR, 0, 0, 0, 0), -EFAULT);
    check("gettimeofday tz to the kernel", sc(SYS_gettimeofday, (long)&tv, KERNEL_ADDR, 0, 0, 0), -EFAULT);

    int32_t stored = 0;
    long t = sc(SYS_time, (long)&stored, 0, 0, 0, 0);
    check("time is the date", t >= boot && t <= boot + 5, 1);
    check("time stores it too", stored, t);
    check("time(NULL)", sc(SYS_time, 0, 0, 0, 0, 0) >= t, 1);
    check("time to the kernel", sc(SYS_time, KERNEL_ADDR, 0, 0, 0, 0), -EFAULT);
}

/* How long a clock_nanosleep took, in ms of CLOCK_MONOTONIC. */
static long slept_ms(long n, long clock, long flags, void *req, long *result)
{
    int64_t t0 = ns_of(CLOCK_MONOTONIC);
    *result = sc(n, clock, flags, (long)req, 0, 0);
    return (long)((ns_of(CLOCK_MONOTONIC) - t0) / MS);
}

static void sleeps(void)
{
    long r, ms;
    struct timespec rel = { 0, 20 * MS };
    ms = slept_ms(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &rel, &r);
    check("clock_nanosleep 20 ms", r, 0);
    check("... took 20 to 30 ms", ms >= 20 && ms <= 30, 1);

    int64_t until = ns_of(CLOCK_MONOTONIC) + 30 * MS;
    struct timespec abs = { (int32_t)(until / NS_PER_S), (int32_t)(until % NS_PER_S) };
    r = sc(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&abs, 0, 0);
    int64_t late = ns_of(CLOCK_MONOTONIC) - until;
    check("clock_nanosleep until MONOTONIC + 30 ms", r, 0);
    check("... woke at it, within a tick", late >= 0 && late <= TICK_NS, 1);

    until = ns_of(CLOCK_REALTIME) + 30 * MS;
    struct timespec64 abs64 = { until / NS_PER_S, until % NS_PER_S };
    r = sc(SYS_clock_nanosleep_time64, CLOCK_REALTIME, TIMER_ABSTIME, (long)&abs64, 0, 0);
    late = ns_of(CLOCK_REALTIME) - until;
    check("clock_nanosleep_time64 until REALTIME + 30 ms", r, 0);
    check("... woke at it, within a tick", late >= 0 && late <= TICK_NS, 1);

    struct timespec past = { 1, 0 };
    ms = slept_ms(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &past, &r);
    check("clock_nanosleep until 1970: at once", r == 0 && ms == 0, 1);
    struct timespec64 padded = { 0, (int64_t)0x7FFFFFFF00000000ll | 10 * MS };
    ms = slept_ms(SYS_clock_nanosleep_time64, CLOCK_BOOTTIME, 0, &padded, &r);
    check("time64: the upper half of tv_nsec is ignored", r == 0 && ms >= 10 && ms <= 20, 1);

    struct timespec bad_ns = { 0, NS_PER_S }, neg = { -1, 0 };
    struct timespec64 bad64 = { 0, NS_PER_S };
    check("clock_nanosleep nsec 10^9", sc(SYS_clock_nanosleep, 1, 0, (long)&bad_ns, 0, 0), -EINVAL);
    check("clock_nanosleep sec -1", sc(SYS_clock_nanosleep, 1, 0, (long)&neg, 0, 0), -EINVAL);
    check("clock_nanosleep_time64 nsec 10^9",
          sc(SYS_clock_nanosleep_time64, 1, 0, (long)&bad64, 0, 0), -EINVAL);
    check("clock_nanosleep flags 2", sc(SYS_clock_nanosleep, 1, 2, (long)&rel, 0, 0), -EINVAL);
    check("clock_nanosleep MONOTONIC_COARSE",
          sc(SYS_clock_nanosleep, CLOCK_MONOTONIC_COARSE, 0, (long)&rel, 0, 0), -EINVAL);
    check("clock_nanosleep CPUTIME",
          sc(SYS_clock_nanosleep, CLOCK_PROCESS_CPUTIME_ID, 0, (long)&rel, 0, 0), -EINVAL);
    check("clock_nanosleep req NULL", sc(SYS_clock_nanosleep, 1, 0, 0, 0, 0), -EFAULT);
    check("clock_nanosleep_time64 req in the kernel",
          sc(SYS_clock_nanosleep_time64, 0, 0, KERNEL_ADDR, 0, 0), -EFAULT);
}

static void randoms_and_limits(void)
{
    uint8_t a[16], b[16];
    check("getrandom 16 bytes", sc(SYS_getrandom, (long)a, 16, 0, 0, 0), 16);
    check("getrandom GRND_NONBLOCK|GRND_RANDOM",
          sc(SYS_getrandom, (long)b, 16, GRND_NONBLOCK | GRND_RANDOM, 0, 0), 16);
    check("... two calls differ", memcmp(a, b, 16) != 0, 1);
    check("getrandom 0 bytes", sc(SYS_getrandom, (long)a, 0, 0, 0, 0), 0);
    check("getrandom flags 4", sc(SYS_getrandom, (long)a, 16, 4, 0, 0), -EINVAL);
    check("getrandom into NULL", sc(SYS_getrandom, 0, 16, 0, 0, 0), -EFAULT);
    check("getrandom into the kernel", sc(SYS_getrandom, KERNEL_ADDR, 16, 0, 0, 0), -EFAULT);

    struct rlimit rl;
    check("ugetrlimit STACK", sc(SYS_ugetrlimit, RLIMIT_STACK, (long)&rl, 0, 0, 0), 0);
    check("... 1 MiB", rl.rlim_cur == 0x100000 && rl.rlim_max == 0x100000, 1);
    sc(SYS_ugetrlimit, RLIMIT_NOFILE, (long)&rl, 0, 0, 0);
    check("ugetrlimit NOFILE 16", rl.rlim_cur == 16 && rl.rlim_max == 16, 1);
    struct proc_info me;
    proc_info_of(getpid(), &me);
    uint32_t limit = me.mem_limit_kb * 1024;
    sc(SYS_ugetrlimit, RLIMIT_AS, (long)&rl, 0, 0, 0);
    check("ugetrlimit AS is the memory limit", rl.rlim_cur == limit && rl.rlim_max == limit, 1);
    check("ugetrlimit resource 16", sc(SYS_ugetrlimit, 16, (long)&rl, 0, 0, 0), -EINVAL);
    check("ugetrlimit to the kernel", sc(SYS_ugetrlimit, 0, KERNEL_ADDR, 0, 0, 0), -EFAULT);

    struct rlimit64 old, same = { 16, 16 }, lower = { 8, 16 }, crossed = { 17, 16 };
    check("prlimit64 pid 0 NOFILE", sc(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, (long)&old, 0), 0);
    check("... 16", old.rlim_cur == 16 && old.rlim_max == 16, 1);
    check("prlimit64 own pid DATA", sc(SYS_prlimit64, getpid(), RLIMIT_DATA, 0, (long)&old, 0), 0);
    check("... the memory limit", old.rlim_cur == limit && old.rlim_max == limit, 1);
    check("prlimit64 set to the same", sc(SYS_prlimit64, 0, RLIMIT_NOFILE, (long)&same, 0, 0), 0);
    check("prlimit64 lower", sc(SYS_prlimit64, 0, RLIMIT_NOFILE, (long)&lower, 0, 0), -EPERM);
    check("prlimit64 cur > max", sc(SYS_prlimit64, 0, RLIMIT_NOFILE, (long)&crossed, 0, 0), -EINVAL);
    check("prlimit64 resource 99", sc(SYS_prlimit64, 0, 99, 0, (long)&old, 0), -EINVAL);
    check("prlimit64 no such pid", sc(SYS_prlimit64, 9999, 0, 0, (long)&old, 0), -ESRCH);
    int child = spawn("true", 0, 0);
    check("prlimit64 another process", sc(SYS_prlimit64, child, 0, 0, (long)&old, 0), -EPERM);
    waitpid(child, 0, 0);
    check("prlimit64 new in the kernel", sc(SYS_prlimit64, 0, 7, KERNEL_ADDR, 0, 0), -EFAULT);
    check("prlimit64 old in the kernel", sc(SYS_prlimit64, 0, 7, 0, KERNEL_ADDR, 0), -EFAULT);
}

static void vectors(void)
{
    struct iovec v[3] = { { "t_linux_calls: writev ", 22 }, { "in one ", 7 }, { "line\n", 5 } };
    check("writev three pieces to the console", sc(SYS_writev, 1, (long)v, 3, 0, 0), 34);
    check("writev no pieces", sc(SYS_writev, 1, (long)v, 0, 0, 0), 0);
    check("writev 1025 pieces", sc(SYS_writev, 1, (long)v, 1025, 0, 0), -EINVAL);
    check("writev -1 pieces", sc(SYS_writev, 1, (long)v, -1, 0, 0), -EINVAL);
    check("writev iov NULL", sc(SYS_writev, 1, 0, 1, 0, 0), -EFAULT);
    struct iovec bad[2] = { { "NOT-WRITTEN\n", 12 }, { (void *)KERNEL_ADDR, 4 } };
    check("writev a piece in the kernel: nothing written", sc(SYS_writev, 1, (long)bad, 2, 0, 0), -EFAULT);
    bad[1] = (struct iovec){ "x", 0x80000000u };
    check("writev a length over 2^31 - 1", sc(SYS_writev, 1, (long)bad, 2, 0, 0), -EINVAL);
    check("writev bad fd", sc(SYS_writev, 99, (long)v, 3, 0, 0), -EBADF);

    int fds[2];
    pipe2(fds, O_NONBLOCK);
    struct iovec w[2] = { { "abc", 3 }, { "defg", 4 } };
    check("writev into a pipe", sc(SYS_writev, fds[1], (long)w, 2, 0, 0), 7);
    char x[3], y[10] = { 0 };
    struct iovec r[2] = { { x, 3 }, { y, 10 } };
    check("readv from it, two pieces", sc(SYS_readv, fds[0], (long)r, 2, 0, 0), 7);
    check("... in order", memcmp(x, "abc", 3) == 0 && strcmp(y, "defg") == 0, 1);
    check("readv an empty pipe, non-blocking", sc(SYS_readv, fds[0], (long)r, 2, 0, 0), -EAGAIN);
    struct iovec into_kernel = { (void *)KERNEL_ADDR, 4 };
    check("readv into the kernel", sc(SYS_readv, fds[0], (long)&into_kernel, 1, 0, 0), -EFAULT);
    check("readv from a write end", sc(SYS_readv, fds[1], (long)r, 2, 0, 0), -EBADF);
    static struct iovec many[IOV_MAX];
    for (int i = 0; i < IOV_MAX; i++)
        many[i] = (struct iovec){ "z", 1 };
    check("writev 1024 pieces", sc(SYS_writev, fds[1], (long)many, IOV_MAX, 0, 0), IOV_MAX);
    close(fds[0]);
    close(fds[1]);
}

static void terminal(void)
{
    struct termios t, t2;
    check("TCGETS on the console", sc(SYS_ioctl, 1, TCGETS, (long)&t, 0, 0), 0);
    check("... cooked, as Linux's", t.c_lflag,
          ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
    check("... ICRNL, OPOST|ONLCR", t.c_iflag == ICRNL && t.c_oflag == (OPOST | ONLCR), 1);
    check("... VMIN 1, VTIME 0, VINTR ^C", t.c_cc[VMIN] == 1 && t.c_cc[VTIME] == 0 && t.c_cc[VINTR] == 3, 1);
    t2 = t;
    t2.c_lflag &= ~(uint32_t)(ICANON | ECHO);
    check("TCSETS", sc(SYS_ioctl, 0, TCSETS, (long)&t2, 0, 0), 0);
    sc(SYS_ioctl, 2, TCGETS, (long)&t, 0, 0);
    check("... remembered", t.c_lflag, ISIG | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
    t2 = t;
    check("TCSETSW", sc(SYS_ioctl, 0, TCSETSW, (long)&t2, 0, 0), 0);
    check("TCSETSF", sc(SYS_ioctl, 0, TCSETSF, (long)&t2, 0, 0), 0);
    t2.c_lflag |= ICANON | ECHO;        /* cooked again, for what follows */
    sc(SYS_ioctl, 0, TCSETS, (long)&t2, 0, 0);
    check("TCGETS to the kernel", sc(SYS_ioctl, 1, TCGETS, KERNEL_ADDR, 0, 0), -EFAULT);
    check("TCSETS from NULL", sc(SYS_ioctl, 1, TCSETS, 0, 0, 0), -EFAULT);

    struct winsize ws;
    check("TIOCGWINSZ", sc(SYS_ioctl, 1, TIOCGWINSZ, (long)&ws, 0, 0), 0);
    printf("t_linux_calls: window %u columns, %u rows\n", ws.ws_col, ws.ws_row);
    check("TIOCGWINSZ to NULL", sc(SYS_ioctl, 1, TIOCGWINSZ, 0, 0, 0), -EFAULT);

    int32_t pg = -7, me = getpgrp();
    check("TIOCSPGRP own group", sc(SYS_ioctl, 0, TIOCSPGRP, (long)&me, 0, 0), 0);
    check("TIOCGPGRP", sc(SYS_ioctl, 0, TIOCGPGRP, (long)&pg, 0, 0), 0);
    check("... own group", pg, me);
    int32_t zero = 0, neg = -2, none = 9999;
    check("TIOCSPGRP 0", sc(SYS_ioctl, 0, TIOCSPGRP, (long)&zero, 0, 0), -ESRCH);
    check("TIOCSPGRP -2", sc(SYS_ioctl, 0, TIOCSPGRP, (long)&neg, 0, 0), -EINVAL);
    check("TIOCSPGRP no such group", sc(SYS_ioctl, 0, TIOCSPGRP, (long)&none, 0, 0), -ESRCH);
    check("TIOCSPGRP from the kernel", sc(SYS_ioctl, 0, TIOCSPGRP, KERNEL_ADDR, 0, 0), -EFAULT);
    tcsetpgrp(0);
    int32_t n = -1;
    check("FIONREAD", sc(SYS_ioctl, 0, FIONREAD, (long)&n, 0, 0), 0);
    check("... nothing typed", n, 0);
    check("another request", sc(SYS_ioctl, 1, 0x5414, (long)&ws, 0, 0), -ENOTTY);

    int fds[2];
    pipe(fds);
    int pidfd = pidfd_open(getpid(), 0);
    check("TCGETS on a pipe", sc(SYS_ioctl, fds[0], TCGETS, (long)&t, 0, 0), -ENOTTY);
    check("TIOCGWINSZ on a pipe", sc(SYS_ioctl, fds[1], TIOCGWINSZ, (long)&ws, 0, 0), -ENOTTY);
    check("FIONREAD on a pidfd", sc(SYS_ioctl, pidfd, FIONREAD, (long)&n, 0, 0), -ENOTTY);
    check("ioctl bad fd", sc(SYS_ioctl, 99, TCGETS, (long)&t, 0, 0), -EBADF);
    check("ioctl fd -1", sc(SYS_ioctl, -1, TCGETS, (long)&t, 0, 0), -EBADF);

    struct stat64 st;
    check("fstat64 the console", sc(SYS_fstat64, 1, (long)&st, 0, 0, 0), 0);
    check("... S_IFCHR | 0620", st.st_mode, S_IFCHR | 0620);
    check("... device 5:1", (long)st.st_rdev, 0x501);
    check("... blocks of 4096, one link, size 0",
          st.st_blksize == 4096 && st.st_nlink == 1 && st.st_size == 0, 1);
    check("... times: the date at boot", (long)st.st_mtime, (long)((ns_of(0) - ns_of(1)) / NS_PER_S));
    struct stat64 a, b;
    sc(SYS_fstat64, fds[0], (long)&a, 0, 0, 0);
    sc(SYS_fstat64, fds[1], (long)&b, 0, 0, 0);
    check("fstat64 a pipe: S_IFIFO | 0600", a.st_mode, S_IFIFO | 0600);
    check("... both ends one inode", a.st_ino == b.st_ino && a.st_ino32 == (uint32_t)a.st_ino, 1);
    sc(SYS_fstat64, pidfd, (long)&a, 0, 0, 0);
    check("fstat64 a pidfd: S_IFREG | 0600", a.st_mode, S_IFREG | 0600);
    check("fstat64 bad fd", sc(SYS_fstat64, 99, (long)&st, 0, 0, 0), -EBADF);
    check("fstat64 to the kernel", sc(SYS_fstat64, 1, KERNEL_ADDR, 0, 0, 0), -EFAULT);

    check("fstatat64 AT_EMPTY_PATH", sc(SYS_fstatat64, fds[1], (long)"", (long)&a, AT_EMPTY_PATH, 0), 0);
    check("... the pipe", a.st_mode, S_IFIFO | 0600);
    check("fstatat64 empty path, no flag", sc(SYS_fstatat64, 1, (long)"", (long)&a, 0, 0), -ENOENT);
    check("fstatat64 a missing path", sc(SYS_fstatat64, AT_FDCWD, (long)"/bin/nosuch", (long)&a, 0, 0), -ENOENT);
    check("fstatat64 flags 1", sc(SYS_fstatat64, 1, (long)"", (long)&a, AT_EMPTY_PATH | 1, 0), -EINVAL);
    check("fstatat64 path NULL", sc(SYS_fstatat64, 1, 0, (long)&a, AT_EMPTY_PATH, 0), -EFAULT);
    check("fstatat64 bad fd", sc(SYS_fstatat64, 99, (long)"", (long)&a, AT_EMPTY_PATH, 0), -EBADF);

    static struct statx sx;
    memset(&sx, 0xAA, sizeof sx);
    check("statx AT_EMPTY_PATH", sc(SYS_statx, 0, (long)"", AT_EMPTY_PATH, STATX_BASIC_STATS, (long)&sx), 0);
    check("... mask: the basic stats", sx.stx_mask, STATX_BASIC_STATS);
    check("... the console 5:1", sx.stx_mode == (S_IFCHR | 0620) && sx.stx_rdev_major == 5 &&
          sx.stx_rdev_minor == 1 && sx.stx_blksize == 4096, 1);
    check("... the rest zero", sx.spare[13] == 0 && sx.stx_btime.tv_sec == 0, 1);
    check("statx reserved mask", sc(SYS_statx, 0, (long)"", AT_EMPTY_PATH, STATX_RESERVED, (long)&sx), -EINVAL);
    check("statx both sync flags",
          sc(SYS_statx, 0, (long)"", AT_EMPTY_PATH | 0x6000, 0x7FF, (long)&sx), -EINVAL);
    check("statx a missing path", sc(SYS_statx, AT_FDCWD, (long)"/bin/nosuch", 0, 0x7FF, (long)&sx), -ENOENT);
    check("statx to the kernel", sc(SYS_statx, 0, (long)"", AT_EMPTY_PATH, 0x7FF, KERNEL_ADDR), -EFAULT);
    close(fds[0]);
    close(fds[1]);
    close(pidfd);
}

static void links(void)
{
    char buf[64];
    memset(buf, 'X', sizeof buf);
    check("readlink /proc/self/exe", sc(SYS_readlink, (long)"/proc/self/exe", (long)buf, 64, 0, 0), 18);
    check("... /bin/t_linux_calls, no NUL", memcmp(buf, "/bin/t_linux_calls", 18) == 0 && buf[18] == 'X', 1);
    memset(buf, 'X', sizeof buf);
    check("readlink into 4 bytes", sc(SYS_readlink, (long)"/proc/self/exe", (long)buf, 4, 0, 0), 4);
    check("... truncated", memcmp(buf, "/binX", 5), 0);
    check("readlinkat AT_FDCWD", sc(SYS_readlinkat, AT_FDCWD, (long)"/proc/self/exe", (long)buf, 64, 0), 18);
    check("readlink bufsiz 0", sc(SYS_readlink, (long)"/proc/self/exe", (long)buf, 0, 0, 0), -EINVAL);
    check("readlink another path", sc(SYS_readlink, (long)"/proc/self/cwd", (long)buf, 64, 0, 0), -ENOENT);
    check("readlink path NULL", sc(SYS_readlink, 0, (long)buf, 64, 0, 0), -EFAULT);
    check("readlink to the kernel", sc(SYS_readlink, (long)"/proc/self/exe", KERNEL_ADDR, 64, 0, 0), -EFAULT);
}

/* Two writers at once: each writev is one line of 600 bytes in 4 pieces
 * (each longer than the console's 128-byte chunk, so a writer may be
 * switched out in the middle of one); no line may mix with the other's. */
static int writer(char c)
{
    static char piece[150];
    struct iovec v[5];
    memset(piece, c, sizeof piece);
    for (int i = 0; i < 4; i++)
        v[i] = (struct iovec){ piece, sizeof piece };
    v[4] = (struct iovec){ "\n", 1 };
    for (int line = 0; line < 40; line++)
        if (sc(SYS_writev, 1, (long)v, 5, 0, 0) != 601)
            return 1;
    return 0;
}

static void two_writers(void)
{
    char *a[] = { "t_linux_calls", "writer", "A", 0 }, *b[] = { "t_linux_calls", "writer", "B", 0 };
    int pa = spawn("t_linux_calls", a, 0), pb = spawn("t_linux_calls", b, 0), sa = -1, sb = -1;
    waitpid(pa, &sa, 0);
    waitpid(pb, &sb, 0);
    check("two writers, each 40 whole lines", sa == 0 && sb == 0, 1);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "writer") == 0)
        return writer(argv[2][0]);
    long boot = argc > 1 ? atoi(argv[1]) : 0;
    clocks(boot);
    sleeps();
    randoms_and_limits();
    vectors();
    terminal();
    links();
    two_writers();
    return checks_done();
}
