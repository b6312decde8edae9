/*
 * nanosleep's accuracy, measured with the TSC, which under QEMU's
 * -icount shift=0 counts guest nanoseconds: a sleep is never early and
 * at most one tick (plus the system call's own cost) late.
 */
#include "user/lib/runtime.h"

static int failures;

static uint64_t now_ns(void)
{
    uint64_t t;
    __asm__ volatile("rdtsc" : "=A"(t));
    return t;
}

static void check(const char *what, long got, long want)
{
    if (got != want) {
        printf("t_sleep: %s: FAIL: got %ld, want %ld\n", what, got, want);
        failures++;
    }
}

int main(void)
{
    struct sysinfo si;
    sysinfo(&si);
    uint64_t tick_ns = 1000000000ull / si.hz, slack_ns = 100000;   /* 0.1 ms */
    static const uint32_t us[] = { 1000, 10000, 15000, 55500, 100000, 333333 };
    for (unsigned i = 0; i < sizeof us / sizeof us[0]; i++) {
        struct timespec ts = { 0, (int32_t)us[i] * 1000 };
        uint64_t t0 = now_ns();
        int r = nanosleep(&ts, 0);
        uint64_t slept = now_ns() - t0, want = (uint64_t)us[i] * 1000;
        int ok = r == 0 && slept >= want && slept <= want + tick_ns + slack_ns;
        printf("t_sleep: %u us slept %u us: %s\n", us[i], (uint32_t)(slept / 1000),
               ok ? "ok" : "FAIL");
        failures += !ok;
    }
    check("nanosleep of 0 returns at once", nanosleep(&(struct timespec){0, 0}, 0), 0);
    check("tv_nsec of a second is invalid", nanosleep(&(struct timespec){0, 1000000000}, 0), -EINVAL);
    check("negative tv_sec is invalid", nanosleep(&(struct timespec){-1, 0}, 0), -EINVAL);
    check("a NULL request is a fault", nanosleep(0, 0), -EFAULT);
    check("a kernel request is a fault", nanosleep((struct timespec *)0xC0000000, 0), -EFAULT);
    printf("t_sleep: %s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
