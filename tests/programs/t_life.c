/*
 * A supervised service's lifecycle, with exact counts and times from the
 * event log (guardlog) under -icount: graceful stop (SIGTERM, then
 * SIGKILL after the stop timeout).
 *   t_life               the tests (as init)
 *   t_life term          cleans up and exits 0 on SIGTERM
 *   t_life termcrash     has a SIGTERM handler, and crashes at once
 *   t_life deaf          ignores SIGTERM; sleeps forever
 */
#define TEST_NAME "t_life"
#include "tests/programs/check.h"

static uint32_t seen;           /* the last event seq already looked at */

/* The new events for pid since the last call, oldest first. */
static int events_for(int pid, struct guard_event *out, int max)
{
    static struct guard_event all[GUARD_EVENTS_MAX];
    int n = guardlog(all, GUARD_EVENTS_MAX, seen), k = 0;
    for (int i = 0; i < n; i++) {
        seen = all[i].seq;
        if (all[i].pid == pid && k < max)
            out[k++] = all[i];
    }
    return k;
}

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

static void bad_specs(void)
{
    struct guard_spec s = always(GUARD_MAX_MS + 1);
    check("spec: a stop timeout over a day is invalid", start("term", s), -EINVAL);
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
    if (argc > 1 && strcmp(argv[1], "plain") == 0)
        for (;;)
            msleep(1000);
    stop_with_handler();
    stop_deaf(200, 200);
    stop_deaf(0, GUARD_STOP_DEFAULT_MS);
    stop_without_handler();
    stop_in_backoff();
    bad_specs();
    return checks_done();
}
