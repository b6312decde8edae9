/*
 * The guardian's rules, each checked with exact counts from the event
 * log (guardlog) and the process listing (proclist).
 *   t_guard              the tests (as init, under -icount)
 *   t_guard sleepcrash MS  sleeps MS, then a NULL dereference
 *   t_guard hang           heartbeats never; spins
 *   t_guard beat MS N      heartbeats every MS ms, N times, then exit 0
 *   t_guard family         spawns a sleeping grandchild, then crashes
 *   t_guard wdparent       spawns a hanging child under a 200 ms watchdog,
 *                          heartbeats once, and waits for it
 */
#define TEST_NAME "t_guard"
#include "tests/programs/check.h"

#include "tests/programs/events.h"

static struct guard_spec spec(uint32_t restart, uint32_t max, uint32_t window,
                              uint32_t backoff, uint32_t backoff_max, uint32_t heartbeat)
{
    struct guard_spec s = { restart, max, window, backoff, backoff_max, heartbeat, 0, 0, 0, 0, 0, 0, "" };
    return s;
}

static int supervise(char **argv, struct guard_spec s, int *status)
{
    int pid = spawn(argv[0], argv, &s);
    if (pid > 0)
        waitpid(pid, status, 0);
    return pid;
}

static char *crash_null[] = { "crash", "null", 0 };
static char *exit0[] = { "crash", "exit", "0", 0 };
static char *exit3[] = { "crash", "exit", "3", 0 };

static void gives_up_after_max_restarts(void)
{
    struct guard_event ev[16];
    int status = -1;
    int pid = supervise(crash_null, spec(RESTART_ON_FAILURE, 3, 10000, 0, 0, 0), &status);
    int n = events_for(pid, ev, 16);
    check("on-failure: 1 start + 3 restarts, then gives up (events)", n, 4);
    int restarts = 0, same_pid = 1;
    for (int i = 0; i < n; i++) {
        restarts += ev[i].decision == DECIDE_RESTART;
        same_pid &= ev[i].pid == pid && ev[i].incarnation == (uint32_t)i + 1;
    }
    check("on-failure: exactly 3 restarts", restarts, 3);
    check("on-failure: same pid, incarnations 1..4", same_pid, 1);
    check("on-failure: the last decision is gave up", ev[n - 1].decision, DECIDE_GAVE_UP);
    check("on-failure: waitpid gets the last failure's status", status, SIGSEGV);
    check("event: the fault is recorded", ev[0].end, END_FAULT);
    check("event: vector 14, address 0", ev[0].vector * 1000 + ev[0].cr2, 14000);
    check("event: the count in the window", ev[2].restarts, 3);
    check("backoff 0: every restart at once (no tick of waiting)",
          ev[n - 1].time_ms - ev[0].time_ms <= 2, 1);
}

static void never_restarts(void)
{
    struct guard_event ev[4];
    int status = -1;
    int pid = supervise(crash_null, spec(RESTART_NEVER, 3, 10000, 0, 0, 0), &status);
    check("never: one event", events_for(pid, ev, 4), 1);
    check("never: no restart", ev[0].decision, DECIDE_EXIT);
    check("never: status SIGSEGV", status, SIGSEGV);
}

static void exit_codes(void)
{
    struct guard_event ev[8];
    int status = -1;
    int pid = supervise(exit0, spec(RESTART_ON_FAILURE, 3, 10000, 0, 0, 0), &status);
    check("on-failure: exit(0) is not restarted", events_for(pid, ev, 8), 1);
    check("on-failure: exit(0) status", status, 0);
    pid = supervise(exit3, spec(RESTART_ON_FAILURE, 2, 10000, 0, 0, 0), &status);
    check("on-failure: exit(3) is restarted twice, then gives up", events_for(pid, ev, 8), 3);
    check("on-failure: status exit 3", status, 3 << 8);
    pid = supervise(exit0, spec(RESTART_ALWAYS, 2, 10000, 0, 0, 0), &status);
    check("always: exit(0) is restarted twice, then gives up", events_for(pid, ev, 8), 3);
    check("always: status exit 0", status, 0);
}

static void backoff_doubles(void)
{
    struct guard_event ev[8];
    int status = -1;
    int pid = supervise(crash_null, spec(RESTART_ON_FAILURE, 4, 60000, 100, 300, 0), &status);
    int n = events_for(pid, ev, 8);
    check("backoff: 5 events", n, 5);
    check("backoff: delays 100, 200, 300, 300 ms",
          ev[0].delay_ms == 100 && ev[1].delay_ms == 200 && ev[2].delay_ms == 300 &&
          ev[3].delay_ms == 300, 1);
    int waited = 1;
    for (int i = 1; i < n && i < 5; i++)
        waited &= ev[i].time_ms - ev[i - 1].time_ms >= ev[i - 1].delay_ms;
    check("backoff: each restart waited at least its delay", waited, 1);
}

static void long_run_resets_backoff(void)
{
    struct guard_event ev[8];
    char *argv[] = { "t_guard", "sleepcrash", "400", 0 };
    int pid = spawn("t_guard", argv, &(struct guard_spec){ RESTART_ON_FAILURE, 2, 300, 50, 1000, 0, 0, 0, 0, 0, 0, 0, "" });
    msleep(1500);          /* 3 incarnations of 400 ms, each longer than the window */
    check("waitpid reports nothing while restarts go on", waitpid(pid, 0, WNOHANG), 0);
    kill(pid, SIGKILL);
    int status = -1;
    waitpid(pid, &status, 0);
    int n = events_for(pid, ev, 8);
    int all_50 = n >= 3;
    for (int i = 0; i < n - 1; i++)
        all_50 &= ev[i].decision == DECIDE_RESTART && ev[i].delay_ms == 50;
    check("window: restarts spread wider than the window never give up", ev[n - 1].decision, DECIDE_STOPPED);
    check("window: a run longer than the window resets the doubling", all_50, 1);
    check("stop: the supervisor's SIGKILL ends it with that status", status, SIGKILL);
}

static void watchdog(void)
{
    struct guard_event ev[8];
    char *hang[] = { "t_guard", "hang", 0 };
    int status = -1;
    int pid = supervise(hang, spec(RESTART_ON_FAILURE, 1, 10000, 0, 0, 100), &status);
    int n = events_for(pid, ev, 8);
    check("watchdog: killed twice (1 restart), then gives up", n, 2);
    check("watchdog: the reason is the watchdog", ev[0].end, END_WATCHDOG);
    check("watchdog: status SIGKILL", status, SIGKILL);
    check("watchdog: fired after its period, not before",
          ev[1].time_ms - ev[0].time_ms >= 100 && ev[1].time_ms - ev[0].time_ms <= 120, 1);

    char *beat[] = { "t_guard", "beat", "50", "10", 0 };
    pid = supervise(beat, spec(RESTART_ON_FAILURE, 1, 10000, 0, 0, 100), &status);
    check("watchdog: heartbeats keep it alive for 500 ms", events_for(pid, ev, 8), 1);
    check("watchdog: and it exits cleanly", status, 0);
}

static void supervisor_stop(void)
{
    struct guard_event ev[4];
    char *argv[] = { "t_guard", "beat", "50", "1000", 0 };
    int pid = spawn("t_guard", argv, &(struct guard_spec){ RESTART_ALWAYS, 5, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0, "" });
    msleep(50);
    kill(pid, SIGTERM);
    int status = -1;
    waitpid(pid, &status, 0);
    check("stop: SIGTERM from the supervisor is not restarted", events_for(pid, ev, 4), 1);
    check("stop: recorded as stopped", ev[0].decision, DECIDE_STOPPED);
    check("stop: status SIGTERM", status, SIGTERM);
}

static void stop_during_backoff(void)
{
    struct guard_event ev[8];
    int pid = spawn("crash", crash_null, &(struct guard_spec){ RESTART_ON_FAILURE, 5, 10000, 300, 300, 0, 0, 0, 0, 0, 0, 0, "" });
    msleep(100);                    /* it crashed at once: now backing off */
    kill(pid, SIGKILL);
    int status = -1;
    check("backoff: a SIGKILL while backing off ends it", waitpid(pid, &status, 0), pid);
    check("backoff: with the supervisor's signal as status", status, SIGKILL);
    msleep(500);                    /* past the restart it would have had */
    int n = events_for(pid, ev, 8);
    check("backoff: the stop is the last word, no restart follows", n == 2 && ev[1].decision == DECIDE_STOPPED, 1);
}

/* A watchdog ends the running child while, in the same tick, its
 * parent's watchdog ends the parent and so the child for good: the
 * child's pending end must not outlive its slot. */
static void nested_watchdogs(void)
{
    char *argv[] = { "t_guard", "wdparent", 0 };
    int status = -1;
    int pid = supervise(argv, spec(RESTART_NEVER, 0, 0, 0, 0, 200), &status);
    check("nested watchdogs: the parent dies of its own", status, SIGKILL);
    check("and the system carries on", pid > 0 && kcheck() == 0, 1);
}

static int child_of(int ppid)
{
    static struct proc_info list[64];
    int n = proclist(list, 64);
    for (int i = 0; i < n; i++)
        if (list[i].ppid == ppid)
            return list[i].pid;
    return 0;
}

static void descendants_end_first(void)
{
    char *argv[] = { "t_guard", "family", 0 };
    int pid = spawn("t_guard", argv, &(struct guard_spec){ RESTART_ON_FAILURE, 1, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0, "" });
    msleep(10);
    int first = child_of(pid);
    int status = -1;
    waitpid(pid, &status, 0);
    check("restart: the grandchild of the first incarnation existed", first > 0, 1);
    check("restart: and was ended before the restart", kill(first, 0), -ESRCH);
    check("restart: nothing is left of the family after the give-up", child_of(pid), 0);
}

static void invalid_specs(void)
{
    check("spec: restart 3 is invalid", spawn("crash", exit0, &(struct guard_spec){ 3, 1, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, "" }), -EINVAL);
    check("spec: restarts without a window are invalid",
          spawn("crash", exit0, &(struct guard_spec){ RESTART_ALWAYS, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "" }), -EINVAL);
    check("spec: 1000 restarts is absurd",
          spawn("crash", exit0, &(struct guard_spec){ RESTART_ALWAYS, 1000, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, "" }), -EINVAL);
    check("spec: a backoff of 30 days is absurd",
          spawn("crash", exit0, &(struct guard_spec){ RESTART_ALWAYS, 1, 1000, 2592000000u, 0, 0, 0, 0, 0, 0, 0, 0, "" }), -EINVAL);
}

static void listing(void)
{
    char *argv[] = { "t_guard", "beat", "50", "1000", 0 };
    int pid = spawn("t_guard", argv, &(struct guard_spec){ RESTART_ON_FAILURE, 5, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0, "" });
    struct proc_info p;
    int found = proc_info_of(pid, &p) == 0 && p.supervised && p.restart == RESTART_ON_FAILURE &&
                p.incarnation == 1 && p.ppid == getpid();
    check("proclist: the child, supervised, on-failure, incarnation 1", found, 1);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "sleepcrash") == 0) {
        msleep((uint32_t)atoi(argv[2]));
        return *(volatile int *)0;  /* cppcheck-suppress nullPointer ; on purpose */
    }
    if (argc > 1 && strcmp(argv[1], "hang") == 0)
        for (;;)
            ;
    if (argc > 3 && strcmp(argv[1], "beat") == 0) {
        for (int i = 0; i < atoi(argv[3]); i++) {
            heartbeat();
            msleep((uint32_t)atoi(argv[2]));
        }
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "wdparent") == 0) {
        char *hang[] = { "t_guard", "hang", 0 };
        spawn("t_guard", hang, &(struct guard_spec){ RESTART_NEVER, 0, 0, 0, 0, 200, 0, 0, 0, 0, 0, 0, "" });
        heartbeat();            /* now both watchdogs expire on the same tick */
        waitpid(-1, 0, 0);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "family") == 0) {
        char *sleeper[] = { "t_guard", "beat", "1000", "100", 0 };
        spawn("t_guard", sleeper, 0);
        msleep(20);
        return *(volatile int *)0;  /* cppcheck-suppress nullPointer ; on purpose */
    }
    gives_up_after_max_restarts();
    never_restarts();
    exit_codes();
    backoff_doubles();
    long_run_resets_backoff();
    watchdog();
    supervisor_stop();
    stop_during_backoff();
    nested_watchdogs();
    descendants_end_first();
    invalid_specs();
    listing();
    return checks_done();
}
