/*
 * A supervised service's lifecycle, with exact counts and times from the
 * event log (guardlog) under -icount: graceful stop (SIGTERM, then
 * SIGKILL after the stop timeout), readiness (ready(), the start timeout,
 * POLLPRI on a pidfd), and the slow retry after a give-up.
 *   t_life               the tests (as init)
 *   t_life term          cleans up and exits 0 on SIGTERM
 *   t_life termcrash     has a SIGTERM handler, and crashes at once
 *   t_life deaf          ignores SIGTERM; sleeps forever
 *   t_life readyafter MS sleeps MS, calls ready(), sleeps forever
 *   t_life neverready    sleeps forever, never ready
 *   t_life readytwice    incarnation 1: ready at once, crashes 50 ms later;
 *                        then: ready after 100 ms, sleeps forever
 *   t_life unsupervised  exits with what two ready() calls returned
 */
#define TEST_NAME "t_life"
#include "tests/programs/check.h"

#include "tests/programs/events.h"

static int start(char *mode, struct guard_spec s)
{
    char *argv[] = { "t_life", mode, 0 };
    return spawn("t_life", argv, &s);
}

static struct guard_spec always(uint32_t stop_ms)
{
    return (struct guard_spec){ .restart = RESTART_ALWAYS, .max_restarts = 5,
                                .window_ms = 10000, .stop_ms = stop_ms };
}

/* ---- graceful stop ---- */

static void stop_with_handler(void)
{
    struct guard_event ev[4];
    int pid = start("term", always(500));
    msleep(50);
    uint32_t asked = uptime_ms();
    kill(pid, SIGTERM);
    int status = -1;
    waitpid(pid, &status, 0);
    check("term: its handler cleans up and it exits 0", status, 0);
    check("term: one event", events_for(pid, ev, 4), 1);
    check("term: an exit, not a signal", ev[0].end, END_EXIT);
    check("term: stopped (restart=always does not restart it)", ev[0].decision, DECIDE_STOPPED);
    check("term: stopped after SIGTERM", ev[0].reason, REASON_AFTER_TERM);
    check("term: within 20 ms of the SIGTERM", ev[0].time_ms - asked <= 20, 1);
}

/* A service that ignores SIGTERM, with stop_ms in its spec: killed
 * waited_ms after the first SIGTERM. */
static void stop_deaf(uint32_t stop_ms, uint32_t waited_ms)
{
    printf("t_life: ignoring SIGTERM, stop_ms %u\n", stop_ms);
    struct guard_event ev[4];
    int pid = start("deaf", always(stop_ms));
    msleep(50);
    uint32_t asked = uptime_ms();
    kill(pid, SIGTERM);
    msleep(waited_ms / 2);
    kill(pid, SIGTERM);             /* a second SIGTERM does not start the clock again */
    int status = -1;
    waitpid(pid, &status, 0);
    uint32_t took = 0;
    int n = events_for(pid, ev, 4);
    if (n > 0)
        took = ev[0].time_ms - asked;
    check("deaf: one event", n, 1);
    check("deaf: SIGKILL", status, SIGKILL);
    check("deaf: stopped, killed", ev[0].decision * 100 + ev[0].reason, DECIDE_STOPPED * 100 + REASON_STOP_KILL);
    check("deaf: the record names the stop timeout", ev[0].delay_ms, waited_ms);
    check("deaf: killed after the timeout, at most a tick late", took >= waited_ms && took <= waited_ms + 11, 1);
}

static void stop_without_handler(void)
{
    struct guard_event ev[4];
    int pid = spawn("t_life", (char *[]){ "t_life", "plain", 0 }, &(struct guard_spec){
                    .restart = RESTART_ALWAYS, .max_restarts = 5, .window_ms = 10000 });
    msleep(50);
    kill(pid, SIGTERM);
    int status = -1;
    waitpid(pid, &status, 0);
    check("plain: SIGTERM's default ends it at once", status, SIGTERM);
    check("plain: one event, stopped", events_for(pid, ev, 4) * 10 + ev[0].decision,
          10 + DECIDE_STOPPED);
    check("plain: no more to say than 'stopped'", ev[0].reason, REASON_NONE);
}

static void stop_in_backoff(void)
{
    struct guard_event ev[4];
    /* It had a SIGTERM handler, but no incarnation runs to call it. */
    char *argv[] = { "t_life", "termcrash", 0 };
    int pid = spawn("t_life", argv, &(struct guard_spec){ .restart = RESTART_ON_FAILURE,
                    .max_restarts = 5, .window_ms = 10000, .backoff_ms = 300,
                    .backoff_max_ms = 300, .stop_ms = 5000 });
    msleep(100);                    /* crashed at once: backing off */
    uint32_t asked = uptime_ms();
    kill(pid, SIGTERM);
    int status = -1;
    waitpid(pid, &status, 0);
    int n = events_for(pid, ev, 4);
    check("backoff: SIGTERM stops it at once (nothing runs to clean up)",
          uptime_ms() - asked <= 5, 1);
    check("backoff: status SIGTERM", status, SIGTERM);
    check("backoff: crash, then stopped", n == 2 && ev[1].decision == DECIDE_STOPPED, 1);
}

/* ---- readiness ---- */

static struct guard_spec readiness(uint32_t ready_ms, uint32_t max)
{
    return (struct guard_spec){ .restart = RESTART_ON_FAILURE, .max_restarts = max,
                                .window_ms = 10000, .ready_ms = ready_ms };
}

/* poll one pidfd for events within ms: its revents, or -1 */
static int poll_one(int fd, int events, int ms)
{
    struct pollfd p = { .fd = fd, .events = (int16_t)events };
    int n = poll(&p, 1, ms);
    return n < 0 ? n : n == 0 ? 0 : p.revents;
}

static int state_of(int pid)
{
    struct proc_info p;
    return proc_info_of(pid, &p) == 0 ? p.state : -1;
}

static void ready_then_dependent(void)
{
    char *argv[] = { "t_life", "readyafter", "100", 0 };
    int pid = spawn("t_life", argv, &(struct guard_spec){ .restart = RESTART_ON_FAILURE,
                    .max_restarts = 1, .window_ms = 10000, .ready_ms = 500 });
    int fd = pidfd_open(pid, 0);
    uint32_t t0 = uptime_ms();
    msleep(50);
    check("ready: STARTING before ready()", state_of(pid), PSTATE_STARTING);
    check("ready: no POLLPRI yet", poll_one(fd, POLLPRI, 0), 0);
    check("ready: POLLPRI once it called ready()", poll_one(fd, POLLPRI | POLLIN, 2000), POLLPRI);
    uint32_t waited = uptime_ms() - t0;
    check("ready: the poll returned 100 ms after the start, at most a tick late",
          waited >= 100 && waited <= 111, 1);
    check("ready: now sleeping, no longer starting", state_of(pid), PSTATE_SLEEPING);
    char *dep[] = { "t_life", "unsupervised", 0 };
    int dependent = spawn("t_life", dep, 0);
    int status = -1;
    waitpid(dependent, &status, 0);
    check("ready: the dependent ran after it", status, 0);
    check("ready: and the service was not killed by its start timeout",
          kill(pid, 0) == 0 && state_of(pid) == PSTATE_SLEEPING, 1);
    msleep(500);                    /* past the start timeout */
    check("ready: still alive past the start timeout", state_of(pid), PSTATE_SLEEPING);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    close(fd);
}

static void start_timeout(void)
{
    struct guard_event ev[8];
    int pid = start("neverready", readiness(100, 2));
    int fd = pidfd_open(pid, 0);
    int status = -1;
    waitpid(pid, &status, 0);
    int n = events_for(pid, ev, 8);
    check("start timeout: 3 incarnations, 2 restarts, then gives up", n, 3);
    check("start timeout: the reason", ev[0].end, END_START_TIMEOUT);
    check("start timeout: restart, restart, gave up",
          ev[0].decision * 100 + ev[1].decision * 10 + ev[2].decision,
          DECIDE_RESTART * 100 + DECIDE_RESTART * 10 + DECIDE_GAVE_UP);
    check("start timeout: counted as failures (2/2 in the window)", ev[1].restarts, 2);
    check("start timeout: status SIGKILL", status, SIGKILL);
    check("start timeout: each incarnation had 100 ms, at most a tick more",
          ev[1].time_ms - ev[0].time_ms >= 100 && ev[1].time_ms - ev[0].time_ms <= 111, 1);
    check("start timeout: its pidfd reports the end, never ready", poll_one(fd, POLLPRI | POLLIN, 0),
          POLLIN);
    close(fd);
}

static void restarted_must_say_again(void)
{
    int pid = start("readytwice", readiness(1000, 3));
    int fd = pidfd_open(pid, 0);
    check("again: incarnation 1 is ready", poll_one(fd, POLLPRI, 1000), POLLPRI);
    msleep(70);                     /* it crashed at 50 ms and was restarted */
    struct proc_info p;
    proc_info_of(pid, &p);
    check("again: incarnation 2", p.incarnation, 2);
    check("again: STARTING", p.state, PSTATE_STARTING);
    check("again: no POLLPRI for the new incarnation", poll_one(fd, POLLPRI, 0), 0);
    check("again: POLLPRI once it calls ready() again", poll_one(fd, POLLPRI, 1000), POLLPRI);
    check("again: no longer starting", state_of(pid), PSTATE_SLEEPING);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    close(fd);
}

static void unsupervised_ready(void)
{
    struct guard_event ev[2];
    char *argv[] = { "t_life", "unsupervised", 0 };
    int status = -1;
    int pid = spawn("t_life", argv, 0);
    waitpid(pid, &status, 0);
    check("unsupervised: ready() is a no-op that returns 0", status, 0);
    check("unsupervised: nothing in the log", events_for(pid, ev, 2), 0);
}

/* ---- slow retry ---- */

static void slow_retry(void)
{
    struct guard_event ev[16];
    char *argv[] = { "crash", "null", 0 };
    int pid = spawn("crash", argv, &(struct guard_spec){ .restart = RESTART_ON_FAILURE,
                    .max_restarts = 1, .window_ms = 10000, .retry_ms = 300 });
    msleep(1000);       /* rounds of 2 crashes start at 0, 300, 600 and 900 ms */
    check("retry: waitpid reports nothing while it retries", waitpid(pid, 0, WNOHANG), 0);
    struct proc_info p;
    proc_info_of(pid, &p);
    check("retry: retrying after 4 rounds of 2 incarnations",
          p.state * 100 + p.incarnation, PSTATE_RETRYING * 100 + 8);
    kill(pid, SIGTERM);
    int status = -1;
    waitpid(pid, &status, 0);
    check("retry: its supervisor's SIGTERM stops it", status, SIGTERM);
    int n = events_for(pid, ev, 16), restarts = 0, later = 0, fresh = 1;
    for (int i = 0; i < n; i++) {
        restarts += ev[i].decision == DECIDE_RESTART;
        later += ev[i].decision == DECIDE_RETRY_LATER;
        if (ev[i].decision == DECIDE_RESTART)
            fresh &= ev[i].restarts == 1;   /* each round had a new window */
    }
    check("retry: 9 events", n, 9);
    check("retry: 4 restarts, 4 give-ups that retry later", restarts * 10 + later, 44);
    check("retry: every round with a fresh window (1/1)", fresh, 1);
    check("retry: the delay is retry_ms", ev[1].delay_ms, 300);
    check("retry: the next round started 300 ms later, at most a tick more",
          ev[2].time_ms - ev[1].time_ms >= 300 && ev[2].time_ms - ev[1].time_ms <= 311, 1);
    check("retry: the last word is the stop", ev[n - 1].decision, DECIDE_STOPPED);
}

static void bad_specs(void)
{
    struct guard_spec s = always(GUARD_MAX_MS + 1);
    check("spec: a stop timeout over a day is invalid", start("term", s), -EINVAL);
    s = readiness(GUARD_MAX_MS + 1, 1);
    check("spec: a start timeout over a day is invalid", start("term", s), -EINVAL);
    s = readiness(0, 1);
    s.retry_ms = GUARD_MAX_MS + 1;
    check("spec: a retry delay over a day is invalid", start("term", s), -EINVAL);
}

static volatile int asked_to_stop;

static void on_term(int sig)
{
    (void)sig;
    asked_to_stop = 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "term") == 0) {
        struct k_sigaction a = { .handler = (uint32_t)on_term };
        sigaction(SIGTERM, &a, 0);
        while (!asked_to_stop)
            msleep(1000);
        printf("t_life: cleaned up\n");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "termcrash") == 0) {
        struct k_sigaction a = { .handler = (uint32_t)on_term };
        sigaction(SIGTERM, &a, 0);
        return *(volatile int *)0;  /* cppcheck-suppress nullPointer ; on purpose */
    }
    if (argc > 1 && strcmp(argv[1], "deaf") == 0) {
        struct k_sigaction a = { .handler = SIG_IGN };
        sigaction(SIGTERM, &a, 0);
        for (;;)
            msleep(1000);
    }
    if (argc > 2 && strcmp(argv[1], "readyafter") == 0) {
        msleep((uint32_t)atoi(argv[2]));
        ready();
        for (;;)
            msleep(1000);
    }
    if (argc > 1 && strcmp(argv[1], "readytwice") == 0) {
        struct proc_info me;
        proc_info_of(getpid(), &me);
        if (me.incarnation == 1) {
            ready();
            msleep(50);
            return *(volatile int *)0;  /* cppcheck-suppress nullPointer ; on purpose */
        }
        msleep(100);
        ready();
        for (;;)
            msleep(1000);
    }
    if (argc > 1 && strcmp(argv[1], "unsupervised") == 0)
        return ready() + ready();
    if (argc > 1 && (strcmp(argv[1], "plain") == 0 || strcmp(argv[1], "neverready") == 0))
        for (;;)
            msleep(1000);
    stop_with_handler();
    stop_deaf(200, 200);
    stop_deaf(0, GUARD_STOP_DEFAULT_MS);
    stop_without_handler();
    stop_in_backoff();
    ready_then_dependent();
    start_timeout();
    restarted_must_say_again();
    unsupervised_ready();
    slow_retry();
    bad_specs();
    return checks_done();
}
