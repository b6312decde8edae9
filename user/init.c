/*
 * init: the first process. It starts the demo system, each service
 * under the guardian with its own policy, and a shell on the console
 * (restarted whenever it exits, as getty would be), then reaps whatever
 * ends for good. (The kernel supervises init itself: 3 restarts in 10 s.)
 *
 * `init SECONDS` (kernel command line "-- SECONDS") runs the demo for
 * that long, shows `ps` and `guardlog`, and exits, which powers off:
 * how the tests and `make timeline` run it.
 */
#include "user/lib/runtime.h"

struct service {
    const char *path;
    struct guard_spec spec;
    const char *about;
};

static const struct service services[] = {
    { "svc_clock", { RESTART_ON_FAILURE, 5, 60000, 100, 5000, 2000, 0, 0 },
      "healthy: heartbeats every 500 ms" },
    { "svc_flaky", { RESTART_ON_FAILURE, 10, 30000, 200, 3200, 0, 0, 0 },
      "crashes every few seconds, a different fault each time" },
    { "svc_hang", { RESTART_ON_FAILURE, 5, 60000, 500, 4000, 1000, 0, 0 },
      "hangs after 2 s; the 1 s watchdog catches it" },
    { "svc_doomed", { RESTART_ON_FAILURE, 3, 10000, 100, 1000, 0, 0, 0 },
      "fails at once, every time, until the guardian gives up" },
};

static void run(const char *path)
{
    int pid = spawn(path, 0, 0);
    if (pid > 0)
        waitpid(pid, 0, 0);
}

/* Reap what ends for good; with a deadline (ms since boot), stop then. */
static void reap(uint32_t until)
{
    for (;;) {
        int status;
        int pid = waitpid(-1, &status, until ? WNOHANG : 0);
        if (pid <= 0) {
            if (until && uptime_ms() >= until)
                return;
            msleep(100);
        } else if (WIFSIGNALED(status)) {
            printf("init: pid %d ended for good: %s\n", pid, signal_name(WTERMSIG(status)));
        } else {
            printf("init: pid %d ended for good: exit %d\n", pid, WEXITSTATUS(status));
        }
    }
}

int main(int argc, char **argv)
{
    printf("init: starting the demo services\n");
    for (unsigned i = 0; i < sizeof services / sizeof services[0]; i++) {
        const struct service *s = &services[i];
        int pid = spawn(s->path, 0, &s->spec);
        printf("init: %s (pid %d): %s\n", s->path, pid, s->about);
    }
    if (argc < 2) {
        struct guard_spec respawn = { .restart = RESTART_ALWAYS, .max_restarts = 10, .window_ms = 10000 };
        spawn("sh", 0, &respawn);
        reap(0);
        return 0;
    }
    reap(uptime_ms() + 1000 * (uint32_t)atoi(argv[1]));
    run("ps");
    run("guardlog");
    printf("init: demo over\n");
    return 0;
}
