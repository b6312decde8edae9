/*
 * init: the first process. It starts the demo system, each service
 * under the guardian with its own policy, and a shell on the console,
 * then reaps whatever ends for good. A new shell follows each one that
 * ends, as getty is restarted on Unix. (The kernel supervises init
 * itself: 3 restarts in 10 s.)
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
    { "svc_clock", { RESTART_ON_FAILURE, 5, 60000, 100, 5000, 2000, 0, 0, 0, 0, 0, 0, "" },
      "healthy: heartbeats every 500 ms" },
    { "svc_flaky", { RESTART_ON_FAILURE, 10, 30000, 200, 3200, 0, 0, 0, 0, 0, 0, 0, "" },
      "crashes every few seconds, a different fault each time" },
    { "svc_hang", { RESTART_ON_FAILURE, 5, 60000, 500, 4000, 1000, 0, 0, 0, 0, 0, 0, "" },
      "hangs after 2 s; the 1 s watchdog catches it" },
    { "svc_doomed", { RESTART_ON_FAILURE, 3, 10000, 100, 1000, 0, 0, 0, 0, 0, 0, 0, "" },
      "fails at once, every time, until the guardian gives up" },
};

/*
 * The console shell runs "on-failure": the guardian restarts a shell
 * that crashes or exits non-zero (up to 10 times in 10 s), but a user's
 * `exit` (status 0) is someone leaving, not a failure, so it ends the
 * shell and init starts the next one. A shell the guardian gave up on
 * gets a successor too, after a pause, with a word on what happened.
 */
static const struct guard_spec shell_spec = {
    .restart = RESTART_ON_FAILURE, .max_restarts = 10, .window_ms = 10000,
};
#define SHELL_PAUSE_MS 5000     /* after the guardian gave up on a shell */
#define SHELL_QUICK_MS 1000     /* a shell that lived less than this ... */

static int shell_pid;
static uint32_t shell_started;

static void start_shell(void)
{
    shell_pid = spawn("sh", 0, &shell_spec);
    shell_started = uptime_ms();
    if (shell_pid < 0)
        printf("init: cannot start the shell: %s (%s); the console has none until the "
               "next boot\n", error_text(shell_pid), error_name(shell_pid));
}

static void shell_ended(int status)
{
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("init: the shell (pid %d) exited; starting a new one\n", shell_pid);
        /* ... waits a little first, so that a shell that cannot read
         * its input does not fill the console with new shells */
        if (uptime_ms() - shell_started < SHELL_QUICK_MS)
            msleep(SHELL_QUICK_MS);
    } else {
        printf("init: the shell (pid %d) kept failing (last: ", shell_pid);
        if (WIFSIGNALED(status))
            printf("%s", signal_name(WTERMSIG(status)));
        else
            printf("exit %d", WEXITSTATUS(status));
        printf(") and the guardian gave up on it; a new shell in %d s\n", SHELL_PAUSE_MS / 1000);
        msleep(SHELL_PAUSE_MS);
    }
    start_shell();
}

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
        } else if (pid == shell_pid) {
            shell_ended(status);
        } else if (WIFSIGNALED(status)) {
            printf("init: pid %d ended for good: %s\n", pid, signal_name(WTERMSIG(status)));
        } else {
            printf("init: pid %d ended for good: exit %d\n", pid, WEXITSTATUS(status));
        }
    }
}

int main(int argc, char **argv)
{
    int32_t seconds = 0;
    if (argc > 1 && number_arg("init", argv[1], 0, 24 * 3600, &seconds) < 0)
        return 2;
    printf("init: starting the demo services\n");
    for (unsigned i = 0; i < sizeof services / sizeof services[0]; i++) {
        const struct service *s = &services[i];
        int pid = spawn(s->path, 0, &s->spec);
        printf("init: %s (pid %d): %s\n", s->path, pid, s->about);
    }
    if (argc < 2) {
        start_shell();
        reap(0);
        return 0;
    }
    reap(uptime_ms() + 1000 * (uint32_t)seconds);
    run("ps");
    run("guardlog");
    printf("init: demo over\n");
    return 0;
}
