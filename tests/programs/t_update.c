/*
 * Live update with rollback (update(), 1012), with exact events under
 * -icount: an update that succeeds with and without readiness (same pid,
 * the spawn's descriptors kept, probation until ready() or its time), an
 * update whose new program crashes or never gets ready (rolled back to
 * the old program, outside the restart limit), an update asked of a
 * service between incarnations, and bad input.
 *   t_update             the tests (as init)
 *   t_update MODE        the old program: sleeps, exits 0 on SIGTERM
 *                        (MODE is for t_update_v2, which inherits argv);
 *                        "stash" first stashes a page saying "v1 stash",
 *                        which t_update_v2 finds after the update
 */
#define TEST_NAME "t_update"
#include "tests/programs/check.h"

#include "tests/programs/events.h"

#define KEPT_FD 9               /* a pipe's write end, kept from the spawn */
#define STASH_AT 0xB0000000u    /* in the mmap area: t_update_v2 may have it too */
#define PAGE 4096

static void on_term(int sig)
{
    (void)sig;
    exit(0);
}

static int pipe_read_end;

/* A service running t_update MODE, with a pipe's write end on KEPT_FD. */
static int start(const char *mode, uint32_t ready_ms)
{
    int fds[2];
    pipe(fds);
    dup2(fds[1], KEPT_FD);
    close(fds[1]);
    char *argv[] = { "t_update", (char *)mode, 0 };
    struct guard_spec s = { .restart = RESTART_ALWAYS, .max_restarts = 3, .window_ms = 10000,
                            .ready_ms = ready_ms, .stop_ms = 200, .name = "svc" };
    int pid = spawn("t_update", argv, &s);
    close(KEPT_FD);
    pipe_read_end = fds[0];
    msleep(50);
    return pid;
}

/* Stop the service and pass over its events: the next test reads only its own. */
static void end_service(int pid)
{
    kill(pid, SIGTERM);
    waitpid(pid, 0, 0);
    struct guard_event ev[8];
    events_for(0, ev, 8);
}

static void stop(int pid)
{
    end_service(pid);
    close(pipe_read_end);
}

static struct proc_info info(int pid)
{
    struct proc_info i = { 0 };
    proc_info_of(pid, &i);
    return i;
}

static void succeeds(void)
{
    int pid = start("write", 0);
    check("update: asked", update(pid, "t_update_v2", 300), 0);
    msleep(50);
    struct guard_event ev[4];
    check("update: one event", events_for(pid, ev, 4), 1);
    check("update: the old program exited after SIGTERM", ev[0].end, END_EXIT);
    check("update: decided", ev[0].decision, DECIDE_UPDATE);
    check("update: naming the new program", strcmp(ev[0].others, "t_update_v2"), 0);
    struct proc_info i = info(pid);
    check("update: same pid, second incarnation", i.incarnation, 2);
    check("update: runs the new program", strcmp(i.program, "t_update_v2"), 0);
    check("update: keeps its service name", strcmp(i.name, "svc"), 0);
    check("update: on probation", i.on_probation, 1);
    waitpid(spawn("ps", 0, 0), 0, 0);       /* the scenario looks for "updated" */
    check("update: not counted as a restart", i.restarts, 0);
    char said[2] = { 0 };
    check("update: the spawn's descriptor kept", read(pipe_read_end, said, 2), 2);
    check("update: the new program wrote it", said[0] == 'v' && said[1] == '2', 1);
    check("update: another update meanwhile", update(pid, "t_update", 0), -EBUSY);
    msleep(300);
    check("update: probation over after 300 ms", info(pid).on_probation, 0);
    stop(pid);
}

static void succeeds_when_ready(void)
{
    int pid = start("ready", 1000);
    ready();                        /* (init's own: a no-op) */
    check("ready: asked", update(pid, "t_update_v2", 0), 0);
    msleep(20);
    check("ready: confirmed by ready(), not by time", info(pid).on_probation, 0);
    check("ready: runs the new program", strcmp(info(pid).program, "t_update_v2"), 0);
    stop(pid);
}

/* A rollback: the event, and the old program running again. */
static void rolled_back(const char *what, int pid, int end)
{
    struct guard_event ev[4];
    printf("t_update: %s\n", what);
    check("rollback: two events", events_for(pid, ev, 4), 2);
    check("rollback: first the update", ev[0].decision, DECIDE_UPDATE);
    check("rollback: the new program's end", ev[1].end, end);
    check("rollback: rolled back", ev[1].decision, DECIDE_ROLLBACK);
    check("rollback: to the old program", strcmp(ev[1].others, "t_update"), 0);
    struct proc_info i = info(pid);
    check("rollback: third incarnation", i.incarnation, 3);
    check("rollback: the old program runs", strcmp(i.program, "t_update"), 0);
    check("rollback: off probation", i.on_probation, 0);
    check("rollback: not counted as restarts", i.restarts, 0);
}

static void crash_rolls_back(void)
{
    int pid = start("crashnext", 0);
    update(pid, "t_update_v2", 0);
    msleep(50);
    rolled_back("a new program that crashes", pid, END_FAULT);
    stop(pid);
}

static void not_ready_rolls_back(void)
{
    int pid = start("neverready", 100);
    ready();
    update(pid, "t_update_v2", 0);
    msleep(200);
    rolled_back("a new program never ready", pid, END_START_TIMEOUT);
    stop(pid);
}

/* The stash goes with the service into the new program. */
static void keeps_stash(void)
{
    int pid = start("stash", 0);
    check("stash: asked", update(pid, "t_update_v2", 0), 0);
    char said[9] = { 0 };
    check("stash: the new program found the page", read(pipe_read_end, said, 8), 8);
    check("stash: as the old one left it", strcmp(said, "v1 stash"), 0);
    stop(pid);
}

/* Between incarnations (waiting out a backoff), the update takes the
 * place of the coming restart. */
static void between_incarnations(void)
{
    char *argv[] = { "t_update", "neverready", 0 };
    struct guard_spec s = { .restart = RESTART_ALWAYS, .max_restarts = 3, .window_ms = 10000,
                            .backoff_ms = 100, .name = "svc" };
    int pid = spawn("t_update", argv, &s);
    msleep(20);
    kill(pid, SIGSEGV);
    check("between: in its backoff", info(pid).state, PSTATE_BACKOFF);
    check("between: asked", update(pid, "t_update_v2", 100), 0);
    msleep(150);
    check("between: restarted into the new program", strcmp(info(pid).program, "t_update_v2"), 0);
    check("between: on probation", info(pid).on_probation, 1);
    end_service(pid);
}

static void bad_input(void)
{
    int pid = start("write", 0);
    check("bad: no such process", update(9999, "t_update_v2", 0), -ESRCH);
    check("bad: not its supervisor (itself)", update(getpid(), "t_update_v2", 0), -EPERM);
    check("bad: no such program", update(pid, "no_such_program", 0), -ENOENT);
    check("bad: not a program", update(pid, "/etc/services", 0), -ENOEXEC);
    check("bad: a bad pointer", update(pid, (const char *)16, 0), -EFAULT);
    check("bad: a probation over a day", update(pid, "t_update_v2", GUARD_MAX_MS + 1), -EINVAL);
    int plain = spawn("sleep", (char *[]){ "sleep", "1000", 0 }, 0);
    check("bad: an unsupervised child", update(plain, "t_update_v2", 0), -EINVAL);
    kill(plain, SIGKILL);
    waitpid(plain, 0, 0);
    check("bad: the service untouched", info(pid).incarnation, 1);
    stop(pid);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        struct k_sigaction a = { .handler = (uint32_t)on_term };
        sigaction(SIGTERM, &a, 0);
        if (strcmp(argv[1], "stash") == 0) {
            char *page = mmap2((void *)STASH_AT, PAGE, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1);
            memcpy(page, "v1 stash", 8);
            stash(page, PAGE);
        }
        for (;;)
            msleep(1000000);
    }
    succeeds();
    succeeds_when_ready();
    keeps_stash();
    crash_rolls_back();
    not_ready_rolls_back();
    between_incarnations();
    bad_input();
    return checks_done();
}
