/*
 * Who may change the console's foreground group, and where a typed
 * Ctrl-C goes. A "shell" below init claims the console, gives it to a
 * victim job and takes it back; a hijacker (a background job of the same
 * shell, so the victim's sibling) tries tcsetpgrp(0) and then
 * tcsetpgrp(its own group), both while the victim is in front and while
 * no job is: every try must get -EPERM, and the Ctrl-C the scenario
 * types must end the victim, not the hijacker.
 *   t_tty              init: runs the shell, exits with its verdict
 *   t_tty shell        the test itself
 *   t_tty victim       the foreground job: sleeps 40 s, or until interrupted
 *   t_tty hijacker     per byte on stdin, tries both calls and writes
 *                      their two results to stdout
 *   t_tty member       a job that hands the console back (tcsetpgrp(0))
 *                      itself once the shell says, by a byte on its
 *                      stdin, that it is in front: exits 0 when allowed
 */
#define TEST_NAME "t_tty"
#include "tests/programs/check.h"

static int spawn_job(char *mode)
{
    char *argv[] = { "t_tty", mode, 0 };
    int pid = spawn("t_tty", argv, 0);
    setpgid(pid, pid);
    return pid;
}

static int hijacker(void)
{
    char c;
    while (read(0, &c, 1) == 1) {
        int r[2];
        r[0] = tcsetpgrp(0);
        r[1] = tcsetpgrp(getpgrp());
        write(1, r, sizeof r);
    }
    return 0;
}

/* Start a job with a pipe to its stdin and one from its stdout. */
static int spawn_piped_job(char *mode, int *to, int *from)
{
    int in[2], out[2];
    pipe2(in, O_CLOEXEC);
    pipe2(out, O_CLOEXEC);
    int saved0 = fcntl(0, F_DUPFD_CLOEXEC, 0), saved1 = fcntl(1, F_DUPFD_CLOEXEC, 0);
    dup2(in[0], 0);
    dup2(out[1], 1);
    int pid = spawn_job(mode);
    dup2(saved0, 0);
    dup2(saved1, 1);
    close(saved0);
    close(saved1);
    close(in[0]);
    close(out[1]);
    *to = in[1];
    *from = out[0];
    return pid;
}

static void hijack(int to, int from, const char *when)
{
    int r[2] = { 0, 0 };
    write(to, "x", 1);
    read(from, r, sizeof r);
    char what[96];
    format_buf(what, sizeof what, "%s, a hijacker's tcsetpgrp(0) gets -EPERM", when);
    check(what, r[0], -EPERM);
    format_buf(what, sizeof what, "%s, its tcsetpgrp(its own group) gets -EPERM", when);
    check(what, r[1], -EPERM);
}

static int shell(void)
{
    check("the shell claims the free console", tcsetpgrp(0), 0);
    int to, from;
    int thief = spawn_piped_job("hijacker", &to, &from);
    int victim = spawn_job("victim");
    check("the shell gives the console to its job", tcsetpgrp(victim), 0);
    hijack(to, from, "with the job in front");

    printf("t_tty: type Ctrl-C now\n");
    int status = -1;
    waitpid(victim, &status, 0);
    check("the typed Ctrl-C ended the job in front with SIGINT", status, W_SIGNALED(SIGINT));
    check("the shell takes the console back", tcsetpgrp(0), 0);
    hijack(to, from, "with no job in front");
    check("the hijacker is still alive", waitpid(thief, 0, WNOHANG), 0);

    int go, unused;
    int job = spawn_piped_job("member", &go, &unused);
    check("the shell gives the console to another job", tcsetpgrp(job), 0);
    write(go, "x", 1);                  /* only now is it in front */
    waitpid(job, &status, 0);
    close(go);
    close(unused);
    check("a member of the job in front may hand the console back", status, 0);
    check("and the shell takes it again", tcsetpgrp(0), 0);

    close(to);                          /* the hijacker's end of file */
    waitpid(thief, &status, 0);
    check("the hijacker ended on its own, never interrupted", status, 0);
    return checks_done();
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "hijacker") == 0)
        return hijacker();
    if (argc > 1 && strcmp(argv[1], "victim") == 0) {
        msleep(40000);      /* long enough for the Ctrl-C on a busy host; not forever */
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "member") == 0) {
        char c;                 /* the shell's word that the job is in front */
        return read(0, &c, 1) == 1 && tcsetpgrp(0) == 0 ? 0 : 1;
    }
    if (argc > 1 && strcmp(argv[1], "shell") == 0)
        return shell();
    char *argv_shell[] = { "t_tty", "shell", 0 };
    int status = -1;
    waitpid(spawn("t_tty", argv_shell, 0), &status, 0);
    return status == 0 ? 0 : 1;
}
