/*
 * The time calls: clock_gettime (32- and 64-bit), clock_getres,
 * gettimeofday, time, and clock_nanosleep (32- and 64-bit).
 *
 * Every clock comes from the PIT (kernel/x86/pit.c). CLOCK_MONOTONIC is
 * the time since boot to a count of the PIT (838 ns), CLOCK_REALTIME the
 * date the CMOS clock gave at boot (kernel/x86/rtc.c) plus that. The
 * coarse clocks stop at the last tick and skip reading the PIT; the
 * CPU-time clocks count the ticks the caller has been running. Nothing
 * sets the clock (no settimeofday) and the machine never suspends, so
 * CLOCK_BOOTTIME and CLOCK_MONOTONIC_RAW are CLOCK_MONOTONIC.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/x86/pit.h"
#include "kernel/x86/rtc.h"
#include "abi/errno.h"

#define NS_PER_S        1000000000ull
#define NS_PER_US       1000u
#define SLEEP_MAX_S     4000000000ll    /* over 126 years: as good as forever */

/* Clock c's reading in ns: 0 with *ns set, or -EINVAL. */
static int clock_read(uint32_t c, uint64_t *ns)
{
    switch (c) {
    case CLOCK_REALTIME:
        *ns = rtc_boot_ns() + pit_ns();
        return 0;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_BOOTTIME:
        *ns = pit_ns();
        return 0;
    case CLOCK_REALTIME_COARSE:
        *ns = rtc_boot_ns() + pit_ticks() * pit_tick_ns();
        return 0;
    case CLOCK_MONOTONIC_COARSE:
        *ns = pit_ticks() * pit_tick_ns();
        return 0;
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
        *ns = current->cpu_ticks * pit_tick_ns();
        return 0;
    }
    return -EINVAL;
}

/* How finely clock c moves, in ns: 0 with *ns set, or -EINVAL. */
static int clock_resolution(uint32_t c, uint64_t *ns)
{
    uint64_t now;
    if (clock_read(c, &now) < 0)
        return -EINVAL;
    int fine = c == CLOCK_REALTIME || c == CLOCK_MONOTONIC || c == CLOCK_MONOTONIC_RAW ||
               c == CLOCK_BOOTTIME;
    *ns = fine ? PIT_COUNT_NS : pit_tick_ns();
    return 0;
}

/* A reading in the 32-bit timespec: -EOVERFLOW past 2038-01-19. */
static int put_timespec32(uint32_t uts, uint64_t ns)
{
    if (ns / NS_PER_S > INT32_MAX)
        return -EOVERFLOW;
    struct timespec ts = { (int32_t)(ns / NS_PER_S), (int32_t)(ns % NS_PER_S) };
    return copy_to_user(uts, &ts, sizeof ts);
}

static int put_timespec64(uint32_t uts, uint64_t ns)
{
    struct timespec64 ts = { (int64_t)(ns / NS_PER_S), (int64_t)(ns % NS_PER_S) };
    return copy_to_user(uts, &ts, sizeof ts);
}

int32_t sys_clock_gettime(const uint32_t *arg)
{
    uint64_t ns;
    int r = clock_read(arg[0], &ns);
    return r < 0 ? r : put_timespec32(arg[1], ns);
}

int32_t sys_clock_gettime64(const uint32_t *arg)
{
    uint64_t ns;
    int r = clock_read(arg[0], &ns);
    return r < 0 ? r : put_timespec64(arg[1], ns);
}

/* clock_getres(clock, res): res may be NULL (only the clock is checked). */
int32_t sys_clock_getres(const uint32_t *arg)
{
    uint64_t ns;
    int r = clock_resolution(arg[0], &ns);
    return r < 0 || !arg[1] ? r : put_timespec32(arg[1], ns);
}

int32_t sys_clock_getres_time64(const uint32_t *arg)
{
    uint64_t ns;
    int r = clock_resolution(arg[0], &ns);
    return r < 0 || !arg[1] ? r : put_timespec64(arg[1], ns);
}

/* gettimeofday(tv, tz): either may be NULL; the zone is always UTC. */
int32_t sys_gettimeofday(const uint32_t *arg)
{
    uint32_t utv = arg[0], utz = arg[1];
    uint64_t ns = rtc_boot_ns() + pit_ns();
    struct timeval tv = { (int32_t)(ns / NS_PER_S), (int32_t)(ns % NS_PER_S / NS_PER_US) };
    struct timezone tz = { 0, 0 };
    if (utv && copy_to_user(utv, &tv, sizeof tv) < 0)
        return -EFAULT;
    if (utz && copy_to_user(utz, &tz, sizeof tz) < 0)
        return -EFAULT;
    return 0;
}

/* time(tloc): the seconds since 1970, also stored at tloc unless NULL. */
int32_t sys_time(const uint32_t *arg)
{
    int32_t now = (int32_t)((rtc_boot_ns() + pit_ns()) / NS_PER_S);
    if (arg[0] && copy_to_user(arg[0], &now, sizeof now) < 0)
        return -EFAULT;
    return now;
}

/*
 * Sleep on a clock for (flags 0) or until (TIMER_ABSTIME) sec.nsec.
 * Only the clocks that move at the PIT's pace can be slept on. A signal
 * handler to run cuts the sleep short: -EINTR, and the time still to
 * sleep written to urem (unless 0, or an absolute sleep), as on Linux,
 * where such a sleep is never restarted by SA_RESTART. rem64: urem is
 * a struct timespec64.
 */
static int sleep_on_clock(uint32_t c, uint32_t flags, int64_t sec, int64_t nsec,
                          uint32_t urem, int rem64)
{
    if (sec < 0 || nsec < 0 || nsec >= (int64_t)NS_PER_S)
        return -EINVAL;
    if (sec > SLEEP_MAX_S)
        sec = SLEEP_MAX_S;
    uint64_t ns = (uint64_t)sec * NS_PER_S + (uint64_t)nsec, now;
    clock_read(c, &now);
    if (flags & TIMER_ABSTIME) {
        if (ns <= now)
            return 0;               /* the moment has passed */
        ns -= now;
        urem = 0;
    }
    uint64_t until = timer_tick_after_ns(ns);
    if (ns == 0 || proc_sleep_until(0, until) == 0)
        return 0;
    uint64_t ticks = until > pit_ticks() ? until - pit_ticks() : 0;
    uint64_t left = ticks * NS_PER_S / pit_hz();
    struct timespec rem = { (int32_t)(left / NS_PER_S), (int32_t)(left % NS_PER_S) };
    struct timespec64 rem_64 = { (int64_t)(left / NS_PER_S), (int64_t)(left % NS_PER_S) };
    if (urem && copy_to_user(urem, rem64 ? (void *)&rem_64 : (void *)&rem,
                             rem64 ? sizeof rem_64 : sizeof rem) < 0)
        return -EFAULT;
    return -EINTR;
}

static int sleep_args_ok(uint32_t c, uint32_t flags)
{
    if (c != CLOCK_REALTIME && c != CLOCK_MONOTONIC && c != CLOCK_BOOTTIME)
        return -EINVAL;
    return flags & ~(uint32_t)TIMER_ABSTIME ? -EINVAL : 0;
}

/* clock_nanosleep(clock, flags, req, rem): the error is the result. */
int32_t sys_clock_nanosleep(const uint32_t *arg)
{
    struct timespec ts;
    int r = sleep_args_ok(arg[0], arg[1]);
    if (r < 0)
        return r;
    if (copy_from_user(&ts, arg[2], sizeof ts) < 0)
        return -EFAULT;
    return sleep_on_clock(arg[0], arg[1], ts.tv_sec, ts.tv_nsec, arg[3], 0);
}

/* nanosleep(req, rem): on CLOCK_MONOTONIC, as on Linux. */
int32_t sys_nanosleep(const uint32_t *arg)
{
    struct timespec ts;
    if (copy_from_user(&ts, arg[0], sizeof ts) < 0)
        return -EFAULT;
    return sleep_on_clock(CLOCK_MONOTONIC, 0, ts.tv_sec, ts.tv_nsec, arg[1], 0);
}

/* The same with a 64-bit timespec; as in Linux i386, the upper half of
 * tv_nsec is padding and ignored. */
int32_t sys_clock_nanosleep_time64(const uint32_t *arg)
{
    struct timespec64 ts;
    int r = sleep_args_ok(arg[0], arg[1]);
    if (r < 0)
        return r;
    if (copy_from_user(&ts, arg[2], sizeof ts) < 0)
        return -EFAULT;
    return sleep_on_clock(arg[0], arg[1], ts.tv_sec, (int32_t)(uint32_t)ts.tv_nsec,
                          arg[3], 1);
}
