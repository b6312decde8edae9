/*
 * init's end of the control pipe (user/init/control.h): requests from
 * svc, answered one at a time. init holds all four ends of the two
 * pipes, close-on-exec so that no service inherits them: with a writer
 * of its own the request pipe never reads end of file (which poll would
 * report again and again), and with a reader of its own the reply pipe
 * never makes init's write fail. init writes replies without blocking:
 * a reply nobody reads is lost, not a reason for init to hang.
 */
#include "user/init/control.h"
#include "user/init/services.h"

#define ANSWER_WAIT_MS 1000

enum { REQUEST_READ, REQUEST_WRITE, REPLY_READ, REPLY_WRITE };

static int ends[4] = { -1, -1, -1, -1 };
static char reply[CONTROL_REPLY_MAX];
static size_t reply_len;
static char pending[CONTROL_LINE_MAX];      /* a request not complete yet */
static size_t pending_len;

/* Move fd to the fixed number at, close-on-exec there too. */
static int settle(int fd, int at)
{
    int r = dup2(fd, at);
    close(fd);
    if (r < 0)
        return r;
    fcntl(at, F_SETFD, FD_CLOEXEC);
    return at;
}

int control_open(void)
{
    int request[2], answer[2];
    int r = pipe2(request, O_CLOEXEC);
    if (r < 0)
        return r;
    r = pipe2(answer, O_CLOEXEC);
    if (r < 0) {
        close(request[0]);
        close(request[1]);
        return r;
    }
    ends[REQUEST_READ] = request[0];
    ends[REPLY_WRITE] = answer[1];
    ends[REQUEST_WRITE] = settle(request[1], CONTROL_REQUEST_FD);
    ends[REPLY_READ] = settle(answer[0], CONTROL_REPLY_FD);
    fcntl(answer[1], F_SETFL, O_NONBLOCK);
    return ends[REQUEST_WRITE] < 0 || ends[REPLY_READ] < 0 ? -EBADF : 0;
}

int control_poll_fd(void)
{
    return ends[REQUEST_READ];
}

/* The shell's ends sit at their fixed numbers from the start (so that no
 * pidfd can take those), close-on-exec but for the shell's spawn. */
void control_lend(void)
{
    if (ends[REQUEST_WRITE] < 0)
        return;
    fcntl(CONTROL_REQUEST_FD, F_SETFD, 0);
    fcntl(CONTROL_REPLY_FD, F_SETFD, 0);
}

void control_take_back(void)
{
    if (ends[REQUEST_WRITE] < 0)
        return;
    fcntl(CONTROL_REQUEST_FD, F_SETFD, FD_CLOEXEC);
    fcntl(CONTROL_REPLY_FD, F_SETFD, FD_CLOEXEC);
}

void control_reply(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_buf_v(reply + reply_len, sizeof reply - reply_len, fmt, ap);
    va_end(ap);
    if (n < 0 || reply_len + (size_t)n + 1 >= sizeof reply - CONTROL_LINE_MAX)
        return;                     /* keep room for the end line */
    reply_len += (size_t)n;
    reply[reply_len++] = '\n';
}

static void send_reply(int pid, int status)
{
    int n = format_buf(reply + reply_len, sizeof reply - reply_len, "end %d %d\n", pid, status);
    write(ends[REPLY_WRITE], reply, reply_len + (size_t)n);
    reply_len = 0;
}

/* One request: "PID VERB [NAME [PATH]]". The exit status svc is to return. */
static int handle(char *line, int *shutdown)
{
    char *words[5];
    int n = split_words(line, words, 5);
    if (n < 2 || n > 4) {
        control_reply("svc: bad request");
        return 2;
    }
    const char *verb = words[1];
    if (strcmp(verb, "list") == 0 && n == 2) {
        services_list();
        return 0;
    }
    if (strcmp(verb, "shutdown") == 0 && n == 2) {
        control_reply("svc: shutting down");
        *shutdown = 1;
        return 0;
    }
    if (n != 3 + (strcmp(verb, "update") == 0)) {
        control_reply("svc: %s: bad request", verb);
        return 2;
    }
    int i = services_find(words[2]);
    if (i < 0) {
        control_reply("svc: %s: no such service", words[2]);
        return 1;
    }
    if (strcmp(verb, "update") == 0)
        return services_update(i, words[3]);
    if (strcmp(verb, "status") == 0)
        return services_status(i);
    if (strcmp(verb, "stop") == 0)
        return services_stop(i) < 0;
    if (strcmp(verb, "start") == 0)
        return services_start(i) < 0;
    if (strcmp(verb, "restart") == 0) {
        services_stop(i);           /* not running: start it anyway */
        return services_start(i) < 0;
    }
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

int control_serve(void)
{
    char buf[CONTROL_LINE_MAX];
    int shutdown = 0;
    int n = read(ends[REQUEST_READ], buf, sizeof buf);
    for (int k = 0; k < n; k++) {
        if (buf[k] != '\n') {
            if (pending_len < sizeof pending - 1)
                pending[pending_len++] = buf[k];
            continue;
        }
        pending[pending_len] = '\0';
        pending_len = 0;
        int32_t pid = 0;
        int status = handle(pending, &shutdown);
        parse_number(pending, 1, INT32_MAX, &pid);  /* the first word, cut by handle */
        send_reply(pid, status);
        if (shutdown)
            let_it_answer(pid);
    }
    return shutdown;
}
