/*
 * A crash loop: a RESTART_ALWAYS service with no backoff that faults at
 * once, for 10 s. The rest of the system must stay responsive (a spinner
 * gets a fair share of the CPU) and nothing may leak: free frames and
 * process slots are back at their baseline afterwards.
 */
#include "user/lib/runtime.h"

#define SECONDS 10

int main(void)
{
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
    int ok = restarts > 1000 && share >= 30 && after.free_frames == before.free_frames &&
             after.nprocs == before.nprocs && kcheck() == 0;
    printf("t_crashloop: %s\n", ok ? "all ok" : "FAILED");
    return ok ? 0 : 1;
}
