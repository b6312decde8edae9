/*
 * Preemption: two children spin without ever making a system call while
 * a third sleeps. Both spinners must get CPU time (only the timer can
 * take the CPU from them) and the sleeper must wake on time.
 *   t_sched            the test (as init)
 *   t_sched spin       a spinner (says so once, then no system call)
 *   t_sched nap MS     sleeps MS milliseconds, exits with how many ms late
 *                      it woke (the wake-up deadline plus the wait for
 *                      the spinners' slices: at most a few ticks)
 */
#include "user/lib/runtime.h"

static uint32_t ticks_of(int pid)
{
    struct proc_info info;
    return proc_info_of(pid, &info) == 0 ? info.cpu_ticks : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "spin") == 0) {
        printf("t_sched: spinning\n");
        for (volatile uint32_t i = 0;; i++)
            ;
    }
    if (argc > 2 && strcmp(argv[1], "nap") == 0) {
        uint32_t want = (uint32_t)atoi(argv[2]), t0 = uptime_ms();
        msleep(want);
        uint32_t late = uptime_ms() - t0 - want;
        return late > 255 ? 255 : (int)late;
    }

    char *spin[] = { "t_sched", "spin", 0 };
    char *nap[] = { "t_sched", "nap", "200", 0 };

    /* A spinner alone on the CPU for a while uses up slice after slice;
     * each must be renewed, or it would never be preempted again and we
     * would never wake. */
    int lone = spawn("t_sched", spin, 0);
    uint32_t t0 = uptime_ms();
    msleep(100);
    uint32_t woke = uptime_ms() - t0;
    printf("t_sched: woke %u ms into a 100 ms sleep beside a lone spinner\n", woke);
    kill(lone, SIGKILL);
    waitpid(lone, 0, 0);

    int a = spawn("t_sched", spin, 0), b = spawn("t_sched", spin, 0);
    int sleeper = spawn("t_sched", nap, 0);
    int status = -1;
    int r = waitpid(sleeper, &status, 0);
    int late = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    printf("t_sched: sleeper woke %d ms late\n", late);

    msleep(300);
    uint32_t ta = ticks_of(a), tb = ticks_of(b);
    printf("t_sched: spinner ticks %u and %u\n", ta, tb);
    kill(a, SIGKILL);
    kill(b, SIGKILL);
    int sa = 0, sb = 0;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);

    int ok = woke >= 100 && woke <= 120 && r == sleeper && late >= 0 && late <= 30 &&
             ta >= 15 && tb >= 15 && sa == SIGKILL && sb == SIGKILL;
    printf("t_sched: %s\n", ok ? "all ok" : "FAILED");
    return ok ? 0 : 1;
}
