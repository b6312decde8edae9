/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (timefd-glibc, timefd-musl): the C library's time and descriptor calls
 * on Warden (tests/scenarios/linux_timefd_*.scn compare its output). The
 * scenarios set the CMOS clock to 2030-01-02 03:04:05 UTC.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000L

static const char *yes(int ok)
{
    return ok ? "yes" : "no";
}

static long ns_between(const struct timespec *a, const struct timespec *b)
{
    return (b->tv_sec - a->tv_sec) * 1000000000L + (b->tv_nsec - a->tv_nsec);
}

static void dates(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    printf("timefd: time() is %04d-%02d-%02d %02d:%02d\n", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min);
    struct timespec real;
    struct timeval tv;
    clock_gettime(CLOCK_REALTIME, &real);
    gettimeofday(&tv, NULL);
    printf("timefd: clock_gettime, gettimeofday and time agree: %s\n",
           yes(real.tv_sec - t <= 1 && tv.tv_sec - real.tv_sec <= 1 && tv.tv_sec >= t));
}

static void sleeps(void)
{
    struct timespec a, b, rel = { 0, 20 * MS };
    clock_gettime(CLOCK_MONOTONIC, &a);
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &rel, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("timefd: clock_nanosleep 20 ms: %d, took at least 20 ms: %s\n", r,
           yes(ns_between(&a, &b) >= 20 * MS));

    struct timespec until = b;
    until.tv_nsec += 30 * MS;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("timefd: clock_nanosleep until MONOTONIC + 30 ms: %d, woke after it: %s\n", r,
           yes(ns_between(&until, &b) >= 0));

    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL);
    clock_gettime(CLOCK_REALTIME, &b);
    printf("timefd: clock_nanosleep until REALTIME + 1 s: %d, woke after it: %s\n", r,
           yes(ns_between(&until, &b) >= 0));
}

static void descriptors(void)
{
    int fds[2];
    if (pipe(fds) < 0)
        printf("timefd: pipe failed\n");
    printf("timefd: isatty(1) %d, isatty(pipe) %d\n", isatty(1), isatty(fds[0]));
    struct stat st;
    fstat(1, &st);
    printf("timefd: fstat(1): character device %s, %u:%u, mode %o\n", yes(S_ISCHR(st.st_mode)),
           major(st.st_rdev), minor(st.st_rdev), (unsigned)(st.st_mode & 07777));
    fstat(fds[0], &st);
    printf("timefd: fstat(pipe): FIFO %s\n", yes(S_ISFIFO(st.st_mode)));
    close(fds[0]);
    close(fds[1]);

    fflush(stdout);
    struct iovec v[3] = { { "timefd: writev ", 15 }, { "in three ", 9 }, { "pieces\n", 7 } };
    ssize_t n = writev(1, v, 3);
    printf("timefd: writev wrote %zd\n", n);

    char exe[64];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len < 0 ? 0 : len] = 0;
    printf("timefd: /proc/self/exe is %s\n", exe);

    unsigned char r1[16], r2[16];
    ssize_t g1 = getrandom(r1, sizeof r1, 0), g2 = getrandom(r2, sizeof r2, GRND_NONBLOCK);
    printf("timefd: getrandom %zd and %zd bytes, different: %s\n", g1, g2,
           yes(memcmp(r1, r2, sizeof r1) != 0));
}

int main(void)
{
    dates();
    sleeps();
    descriptors();
    return 0;
}
