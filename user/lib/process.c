/*
 * The process library (user/lib/process.h). spawn gives a child a copy
 * of our descriptors, so to redirect a child's stdin or stdout we point
 * our own 0 or 1 at the pipe for the moment of the spawn, then put ours
 * back. The saved copies are close-on-exec, so no child inherits them.
 */
#include "user/lib/runtime.h"

/* Redirect our descriptor fd to target for a while: returns the saved
 * copy (or -1 when nothing was redirected). */
static int redirect(int fd, int target)
{
    if (target < 0 || target == fd)
        return -1;
    int saved = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    dup2(target, fd);
    return saved;
}

static void restore(int fd, int saved)
{
    if (saved < 0)
        return;
    dup2(saved, fd);
    close(saved);
}

int command_spawn(const struct command *c)
{
    int in = redirect(0, c->stdin_fd), out = redirect(1, c->stdout_fd);
    int pid = spawn(c->path, c->argv, 0);
    restore(0, in);
    restore(1, out);
    if (pid > 0 && c->pgid)
        setpgid(pid, c->pgid < 0 ? pid : c->pgid);
    return pid;
}

int wait_timeout(int pid, int *status, uint32_t ms)
{
    int fd = pidfd_open(pid, 0);
    if (fd < 0)
        return fd;
    struct pollfd p = { fd, POLLIN, 0 };
    int ready = poll(&p, 1, (int)ms);
    close(fd);
    if (ready == 0)
        return -ETIMEDOUT;
    return waitpid(pid, status, WNOHANG) == pid ? pid : -ECHILD;
}

void child_drop(struct child *c)
{
    if (c->pid <= 0)
        return;
    kill(c->pid, SIGKILL);
    waitpid(c->pid, 0, 0);
    c->pid = 0;
}

int pipeline_start(struct pipeline *pl, struct command *stages, int n)
{
    if (n < 1 || n > PIPELINE_MAX)
        return -EINVAL;
    pl->n = 0;
    pl->pgid = 0;
    int in = -1;                        /* the read end for the next stage */
    int err = 0;
    for (int i = 0; i < n; i++) {
        int p[2] = { -1, -1 };
        if (i + 1 < n && (err = pipe2(p, O_CLOEXEC)) < 0) {
            if (in >= 0)
                close(in);
            break;
        }
        struct command c = stages[i];
        c.stdin_fd = i > 0 ? in : c.stdin_fd;
        c.stdout_fd = i + 1 < n ? p[1] : c.stdout_fd;
        c.pgid = pl->pgid ? pl->pgid : -1;  /* the first stage leads */
        int pid = command_spawn(&c);
        if (in >= 0)
            close(in);
        if (p[1] >= 0)
            close(p[1]);
        in = p[0];
        if (pid < 0) {
            if (in >= 0)
                close(in);
            err = pid;
            break;
        }
        pl->pids[pl->n++] = pid;
        if (!pl->pgid)
            pl->pgid = pid;
    }
    if (pl->n == n)
        return 0;
    for (int i = 0; i < pl->n; i++) {       /* a stage failed: undo */
        kill(pl->pids[i], SIGKILL);
        waitpid(pl->pids[i], 0, 0);
    }
    return err;                             /* pl->n: the stage that failed */
}

int pipeline_wait(struct pipeline *pl)
{
    int last = 0;
    for (int i = 0; i < pl->n; i++) {
        int status = 0;
        waitpid(pl->pids[i], &status, 0);
        if (i == pl->n - 1)
            last = status;
    }
    return last;
}

int pipeline_run(struct command *stages, int n)
{
    struct pipeline pl;
    int r = pipeline_start(&pl, stages, n);
    return r < 0 ? r : pipeline_wait(&pl);
}

const char *proc_last_end(const struct proc_info *p)
{
    const char *memory = end_reason_name(p->last_end, (int)p->last_reason);
    if (memory)
        return memory;
    switch (p->last_end) {
    case END_EXIT:     return "exit";
    case END_SIGNAL:
    case END_FAULT:    return signal_name(WTERMSIG(p->last_status));
    case END_WATCHDOG: return "watchdog";
    case END_START_TIMEOUT: return "start timeout";
    case END_ESCALATED: return "escalated";
    default:           return "-";
    }
}
