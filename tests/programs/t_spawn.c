/*
 * Spawning and reaping in bulk, the table limit, spawn's errors, and
 * kill's permission rules.
 *   t_spawn              the test (as init)
 *   t_spawn wait         sleeps until killed
 *   t_spawn killparent   tries to kill its parent and its sibling
 */
#define TEST_NAME "t_spawn"
#include "tests/programs/check.h"

static char *wait_argv[] = { "t_spawn", "wait", 0 };

static int spawn_waiter(void)
{
    return spawn("t_spawn", wait_argv, 0);
}

static void two_hundred(void)
{
    char *argv[] = { "crash", "exit", "0", 0 };
    int bad = 0;
    for (int i = 0; i < 200; i++) {
        int pid = spawn("crash", argv, 0), status = -1;
        if (pid <= 0 || waitpid(pid, &status, 0) != pid || status != 0)
            bad++;
    }
    check("200 processes spawned and reaped one by one", bad, 0);
}

static void fill_the_table(void)
{
    struct sysinfo si;
    sysinfo(&si);
    int pids[256], n = 0, r;
    while (n < 256 && (r = spawn_waiter()) > 0)
        pids[n++] = r;
    check("spawn fails with -EAGAIN when the table is full", r, -EAGAIN);
    check("the table held max_procs processes", n + 1, (long)si.max_procs);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGKILL);
    int reaped = 0;
    while (waitpid(-1, 0, 0) > 0)
        reaped++;
    check("all of them reaped with waitpid(-1)", reaped, n);
    int pid = spawn_waiter();
    check("spawn works again after reaping", pid > 0, 1);
    kill(pid, SIGTERM);
    int status = 0;
    check("waitpid returns the killed child", waitpid(pid, &status, 0), pid);
    check("its status says SIGTERM", status, SIGTERM);
}

static void spawn_errors(void)
{
    check("spawn of a missing file", spawn("nosuchprogram", 0, 0), -ENOENT);
    check("spawn with a NULL path", spawn(0, 0, 0), -EFAULT);
    check("spawn with a kernel path", spawn((char *)0xC0100000, 0, 0), -EFAULT);
    check("spawn with argv in the kernel", spawn("crash", (char **)0xC0100000, 0), -EFAULT);
    char *bad_arg[] = { "crash", (char *)16, 0 };
    check("spawn with a bad argv string", spawn("crash", bad_arg, 0), -EFAULT);
    check("spawn with a bad spec pointer",
          spawn("crash", 0, (struct guard_spec *)0xC0000000), -EFAULT);
    static char big[2048];
    memset(big, 'a', sizeof big - 1);
    char *long_arg[] = { "crash", big, 0 };
    check("spawn with argv too large", spawn("crash", long_arg, 0), -E2BIG);
    char *many[40];
    for (int i = 0; i < 39; i++)
        many[i] = "x";
    many[39] = 0;
    check("spawn with too many arguments", spawn("crash", many, 0), -E2BIG);
    check("waitpid for no children", waitpid(-1, 0, WNOHANG), -ECHILD);
    check("waitpid for a pid that is not a child", waitpid(1, 0, 0), -ECHILD);
    check("waitpid with bad options", waitpid(-1, 0, 0x100), -EINVAL);
}

static void kill_rules(void)
{
    check("kill with signal 0 tests existence", kill(getpid(), 0), 0);
    check("kill of no such pid", kill(9999, SIGTERM), -ESRCH);
    check("kill with an unsupported signal (65)", kill(getpid(), 65), -EINVAL);
    check("kill with a negative signal", kill(getpid(), -1), -EINVAL);
    int a = spawn_waiter(), b = spawn_waiter();
    char *argv[] = { "t_spawn", "killparent", 0 };
    int c = spawn("t_spawn", argv, 0), status = -1;
    waitpid(c, &status, 0);
    check("a child may not signal its parent or its sibling", status, 0);
    check("a parent may signal its child", kill(a, SIGKILL), 0);
    check("the killed child has the signal status", (waitpid(a, &status, 0), status), SIGKILL);
    check("WNOHANG returns 0 for a live child", waitpid(b, &status, WNOHANG), 0);
    kill(b, SIGKILL);
    waitpid(b, 0, 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "wait") == 0) {
        for (;;)
            msleep(1000);
    }
    if (argc > 1 && strcmp(argv[1], "killparent") == 0) {
        int ok = kill(getppid(), SIGKILL) == -EPERM && kill(getpid() - 1, SIGKILL) == -EPERM &&
                 kill(getppid(), 0) == -EPERM;
        return ok ? 0 : 1;
    }
    two_hundred();
    fill_the_table();
    spawn_errors();
    kill_rules();
    return checks_done();
}
