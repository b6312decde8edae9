/*
 * init's end of the control pipe (user/init/control.h): requests from
 * svc, each answered through the svc's own pipe. init holds both ends
 * of the request pipe, close-on-exec so that no service inherits them:
 * with a writer of its own the pipe never reads end of file (which poll
 * would report again and again). init writes answers without blocking:
 * an answer nobody reads is lost, not a reason for init to hang.
 */
#include "user/init/control.h"
#include "user/init/services.h"

#define ANSWER_WAIT_MS 1000

static int request_read = -1, request_write = -1;
static int answer = -1;                     /* the answer being written: a pipe */
static int shell = -1;                      /* it and its descendants may ask */
static char pending[CONTROL_LINE_MAX];      /* a request not complete yet */
static size_t pending_len;

int control_open(void)
{
    int request[2];
    int r = pipe2(request, O_CLOEXEC);
    if (r < 0)
        return r;
    request_read = request[0];
    r = dup2(request[1], CONTROL_REQUEST_FD);   /* at its fixed number */
    close(request[1]);
    if (r < 0)
        return r;
    fcntl(CONTROL_REQUEST_FD, F_SETFD, FD_CLOEXEC);
    request_write = CONTROL_REQUEST_FD;
    return 0;
}

int control_poll_fd(void)
{
    return request_read;
}

/* The shell's end sits at its fixed number from the start (so that no
 * pidfd can take it), close-on-exec but for the shell's spawn. */
void control_lend(void)
{
    if (request_write >= 0)
        fcntl(CONTROL_REQUEST_FD, F_SETFD, 0);
}

void control_take_back(int shell_pid)
{
    shell = shell_pid;
    if (request_write >= 0)
        fcntl(CONTROL_REQUEST_FD, F_SETFD, FD_CLOEXEC);
}

void control_reply(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = format_buf_v(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (answer < 0 || n < 0)
        return;
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;           /* cut off, still a line */
    line[n++] = '\n';
    write(answer, line, (size_t)n);
}

int control_defer(void)
{
    int fd = answer;
    answer = -1;
    return fd;
}

void control_resume(int fd)
{
    answer = fd;
}

void control_end(int status)
{
    if (answer < 0)
        return;
    dprintf(answer, "end %d\n", status);
    close(answer);
    answer = -1;
}

/* Is pid the shell or below it? (Parents form no cycle; the bound is a
 * guard all the same.) */
static bool from_the_shell(int pid)
{
    struct proc_info p;
    for (int depth = 0; depth < PROC_LIST_MAX && pid > 1; depth++) {
        if (pid == shell)
            return true;
        if (proc_info_of(pid, &p) < 0)
            return false;
        pid = p.ppid;
    }
    return false;
}

/* The write end of svc's answer pipe, as a descriptor of init's: -errno
 * when svc is gone or named no descriptor of its own. (svc may be gone
 * by the time init writes: init ignores SIGPIPE, and the answer is
 * lost.) Only the shell's side may ask: init takes descriptors from
 * anyone below it, and must not write answers into a service's pipe
 * for whoever names it. */
static int take_answer_pipe(int pid, int fd)
{
    if (!from_the_shell(pid))
        return -EPERM;
    int pidfd = pidfd_open(pid, 0);
    if (pidfd < 0)
        return pidfd;
    int mine = pidfd_getfd(pidfd, fd, 0);
    close(pidfd);
    if (mine >= 0)
        fcntl(mine, F_SETFL, O_NONBLOCK);
    return mine;
}

/* One request's words after "PID FD": "VERB [NAME [PATH]]". The exit
 * status svc is to return, or CONTROL_LATER. */
static int handle(char **words, int n, int *shutdown)
{
    if (n < 1 || n > 3) {
        control_reply("svc: bad request");
        return 2;
    }
    const char *verb = words[0];
    if (strcmp(verb, "list") == 0 && n == 1) {
        services_list();
        return 0;
    }
    if (strcmp(verb, "shutdown") == 0 && n == 1) {
        control_reply("svc: shutting down");
        *shutdown = 1;
        return 0;
    }
    if (n != 2 + (strcmp(verb, "update") == 0)) {
        control_reply("svc: %s: bad request", verb);
        return 2;
    }
    int i = services_find(words[1]);
    if (i < 0) {
        control_reply("svc: %s: no such service", words[1]);
        return 1;
    }
    if (strcmp(verb, "update") == 0)
        return services_update(i, words[2]);
    if (strcmp(verb, "status") == 0)
        return services_status(i);
    if (strcmp(verb, "stop") == 0)
        return services_stop(i, false);
    if (strcmp(verb, "start") == 0)
        return services_start(i) < 0;
    if (strcmp(verb, "restart") == 0)
        return services_stop(i, true);  /* not running: started at once */
    control_reply("svc: %s: unknown command", verb);
    return 2;
}

/* Give the svc that asked for the shutdown a moment to print the answer
 * and end, before the machine powers off. */
static void let_it_answer(int pid)
{
    int fd = pidfd_open(pid, 0);
    if (fd < 0)
        return;
    struct pollfd p = { fd, POLLIN, 0 };
    poll(&p, 1, ANSWER_WAIT_MS);
    close(fd);
}

/* One request line: "PID FD VERB [NAME [PATH]]". */
static void serve_line(char *line, int *shutdown)
{
    char *words[6];
    int n = split_words(line, words, 6);
    int32_t pid = 0, fd = -1;
    if (n < 2 || parse_number(words[0], 1, INT32_MAX, &pid) < 0 ||
        parse_number(words[1], 0, INT32_MAX, &fd) < 0)
        return;                             /* no one to answer */
    answer = take_answer_pipe(pid, fd);
    if (answer < 0) {
        printf("%s: a request from pid %d: no answer pipe (%s)\n", init_name, pid,
               error_text(answer));
        return;
    }
    int status = handle(words + 2, n - 2, shutdown);
    if (status != CONTROL_LATER)
        control_end(status);
    if (*shutdown)
        let_it_answer(pid);
}

int control_serve(void)
{
    char buf[CONTROL_LINE_MAX];
    int shutdown = 0;
    int n = read(request_read, buf, sizeof buf);
    for (int k = 0; k < n; k++) {
        if (buf[k] != '\n') {
            if (pending_len < sizeof pending - 1)
                pending[pending_len++] = buf[k];
            continue;
        }
        pending[pending_len] = '\0';
        pending_len = 0;
        serve_line(pending, &shutdown);
    }
    return shutdown;
}
