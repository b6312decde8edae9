/*
 * Real Linux programs (tests/linux/basics.c, built against glibc and
 * musl) spawned by a Warden program: as plain children, and as services
 * under a spec that counts exit 3 as a failure (restart on failure, at
 * most 2 restarts in a minute), so each service runs three times and
 * the guardian gives up (tests/scenarios/linux_basics_spawned.scn).
 */
#define TEST_NAME "t_linux_basics"
#include "tests/programs/check.h"

#define SERVICE_RESTARTS 2

static uint32_t seen;           /* the last event seq already looked at */

/* The decisions of the new events for pid, oldest first. */
static int decisions_for(int pid, uint8_t *out, int max)
{
    static struct guard_event all[GUARD_EVENTS_MAX];
    int n = guardlog(all, GUARD_EVENTS_MAX, seen), k = 0;
    for (int i = 0; i < n; i++) {
        seen = all[i].seq;
        if (all[i].pid == pid && all[i].end == END_EXIT && k < max)
            out[k++] = all[i].decision;
    }
    return k;
}

static void as_child(char *prog, char *tag)
{
    char *argv[] = { prog, tag, 0 };
    int status = -1, pid = spawn(prog, argv, 0);
    check("spawned", pid > 0, 1);
    check("waitpid", waitpid(pid, &status, 0), pid);
    check("exit status 3", status, W_EXITCODE(3));
}

static void as_service(char *prog, char *tag)
{
    char *argv[] = { prog, tag, 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = SERVICE_RESTARTS,
                               .window_ms = 60000 };
    int status = -1, pid = spawn(prog, argv, &spec);
    check("service spawned", pid > 0, 1);
    check("waitpid", waitpid(pid, &status, 0), pid);
    check("exit status 3 at the end", status, W_EXITCODE(3));
    uint8_t d[8];
    int n = decisions_for(pid, d, 8);
    check("three ends", n, SERVICE_RESTARTS + 1);
    check("restarted, restarted, gave up",
          n == 3 && d[0] == DECIDE_RESTART && d[1] == DECIDE_RESTART && d[2] == DECIDE_GAVE_UP, 1);
}

int main(void)
{
    as_child("basics-glibc", "glibc-child");
    as_child("basics-musl", "musl-child");
    as_service("basics-glibc", "glibc-service");
    as_service("basics-musl", "musl-service");
    return checks_done();
}
