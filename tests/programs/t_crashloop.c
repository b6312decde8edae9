/*
 * A crash loop: a RESTART_ALWAYS service with no backoff and a 1 ms
 * window, which faults at once.
 *   t_crashloop          for 10 s beside a spinner: the system stays
 *                        responsive, restarts are capped at one per tick,
 *                        and nothing leaks (frames and slots back at their
 *                        baseline afterwards)
 *   t_crashloop share    (under -icount) a fixed amount of work takes
 *                        hardly longer beside the crash loop than alone:
 *                        the bystander keeps at least SHARE_MIN% of the CPU
 *   t_crashloop work N   counts to N, then exits
 */
#include "user/lib/runtime.h"

#define SECONDS    10
#define WORK       40000000     /* about 0.2 s of guest time alone */
#define SHARE_MIN  95

static void work(uint32_t n)
{
    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

/* How long (ms) a child doing WORK takes, as its parent sees it. */
static uint32_t time_work(void)
{
    char *argv[] = { "t_crashloop", "work", "40000000", 0 };
    uint32_t t0 = uptime_ms();
    waitpid(spawn("t_crashloop", argv, 0), 0, 0);
    return uptime_ms() - t0;
}

static int share(void)
{
    char *null[] = { "crash", "null", 0 };
    struct sysinfo si;
    sysinfo(&si);
    uint32_t alone = time_work();
    struct guard_spec always = { .restart = RESTART_ALWAYS, .max_restarts = 100, .window_ms = 1 };
    int looper = spawn("crash", null, &always);
    uint32_t beside = time_work();
    struct proc_info l = { 0 };
    proc_info_of(looper, &l);
    kill(looper, SIGKILL);
    waitpid(looper, 0, 0);
    uint32_t pct = alone * 100 / beside;
    uint32_t ticks = beside * si.hz / 1000;
    printf("t_crashloop: the work took %u ms alone, %u ms beside the crash loop (%u%%); "
           "%u restarts in %u ticks\n", alone, beside, pct, l.restarts, ticks);
    /* one restart per slice of the worker, and a few while it starts and ends */
    int ok = pct >= SHARE_MIN && l.restarts <= ticks + 5 && l.restarts >= ticks / 2;
    printf("t_crashloop: %s\n", ok ? "all ok" : "FAILED");
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "work") == 0) {
        work((uint32_t)atoi(argv[2]));
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "share") == 0)
        return share();
    char *null[] = { "crash", "null", 0 };
    char *spin[] = { "t_sched", "spin", 0 };
    /* Warm up the two process slots and the two programs the test will
     * use: a slot keeps its kernel stack for the next process, and a
     * program's code stays in the image cache (one-time costs, not leaks). */
    char *nap[] = { "t_sched", "nap", "0", 0 };
    int a = spawn("crash", null, 0), b = spawn("t_sched", nap, 0);
    waitpid(a, 0, 0);
    waitpid(b, 0, 0);
    struct sysinfo before, after;
    struct proc_info l = { 0 }, s = { 0 };
    proc_info_of(getpid(), &l);         /* its heap buffer, once, before counting */
    sysinfo(&before);

    struct guard_spec always = { .restart = RESTART_ALWAYS, .max_restarts = 100, .window_ms = 1 };
    int looper = spawn("crash", null, &always);
    int spinner = spawn("t_sched", spin, 0);
    msleep(SECONDS * 1000);

    proc_info_of(looper, &l);
    proc_info_of(spinner, &s);
    uint32_t restarts = l.restarts, spun = s.cpu_ticks;
    uint32_t share = spun * 100 / (SECONDS * before.hz);
    printf("t_crashloop: %u restarts in %d s; the spinner had %u%% of the CPU\n",
           restarts, SECONDS, share);

    kill(looper, SIGKILL);
    kill(spinner, SIGKILL);
    waitpid(looper, 0, 0);
    waitpid(spinner, 0, 0);
    sysinfo(&after);
    printf("t_crashloop: free frames %u before, %u after; processes %u before, %u after\n",
           before.free_frames, after.free_frames, before.nprocs, after.nprocs);
    /* A restart at once ends the looper's slice: it is restarted once
     * per slice of the spinner (one tick), forever, never given up on. */
    uint32_t slices = SECONDS * before.hz;
    int ok = restarts >= slices / 2 && restarts <= slices + 20 && share >= SHARE_MIN - 5 &&
             after.free_frames == before.free_frames && after.nprocs == before.nprocs &&
             kcheck() == 0;
    printf("t_crashloop: %s\n", ok ? "all ok" : "FAILED");
    return ok ? 0 : 1;
}
