/*
 * svc: control init's services by name, as systemctl or s6-svc do.
 *   svc list                 one row per service: state, pid, incarnation,
 *                            restarts, ready, last failure, group
 *   svc stop|start|restart NAME
 *   svc status NAME          its state, program and group, and the report
 *                            of its last crash or hang (guardlog -v's)
 *   svc update NAME PATH     a live update to the program at PATH (on
 *                            probation; rolled back if it fails)
 *   svc shutdown             stop every service and power off
 * The shell cannot signal init's services (only an ancestor may), so
 * svc asks init through the control pipe it inherited from the shell
 * (user/init/control.h) and prints init's answer. Exit status: 0 done,
 * 1 refused (an unknown name, a service not running ...), 2 bad usage
 * or no init to talk to.
 */
#include "user/lib/runtime.h"
#include "user/init/control.h"

#define REPLY_TIMEOUT_MS 60000      /* a restart waits for the stop: up to its stop= */

static int usage(void)
{
    dprintf(2, "usage: svc list | svc stop|start|restart|status NAME | svc update NAME PATH"
               " | svc shutdown\n");
    return 2;
}

static int valid(int argc, char **argv)
{
    if (argc == 2)
        return strcmp(argv[1], "list") == 0 || strcmp(argv[1], "shutdown") == 0;
    if (argc == 3)
        return strcmp(argv[1], "stop") == 0 || strcmp(argv[1], "start") == 0 ||
               strcmp(argv[1], "restart") == 0 || strcmp(argv[1], "status") == 0;
    if (argc == 4)
        return strcmp(argv[1], "update") == 0;
    return 0;
}

/* "end PID STATUS": STATUS when PID is ours, -1 when another svc's, -2 when not an end. */
static int end_line(const char *line, int me)
{
    char copy[CONTROL_LINE_MAX];
    char *words[4];
    int32_t pid, status;
    strlcpy(copy, line, sizeof copy);
    if (split_words(copy, words, 4) != 3 || strcmp(words[0], "end") != 0 ||
        parse_number(words[1], 0, INT32_MAX, &pid) < 0 ||
        parse_number(words[2], 0, 255, &status) < 0)
        return -2;
    return pid == me ? status : -1;
}

/* Read replies until ours has ended; print its lines. */
static int read_reply(int me)
{
    static char reply[CONTROL_REPLY_MAX + CONTROL_LINE_MAX];
    size_t len = 0, line = 0;
    for (;;) {
        struct pollfd p = { CONTROL_REPLY_FD, POLLIN, 0 };
        if (poll(&p, 1, REPLY_TIMEOUT_MS) <= 0) {
            dprintf(2, "svc: no answer from init\n");
            return 2;
        }
        int n = read(CONTROL_REPLY_FD, reply + len, sizeof reply - 1 - len);
        if (n <= 0) {
            dprintf(2, "svc: the control pipe: %s\n", n < 0 ? error_text(n) : "closed");
            return 2;
        }
        len += (size_t)n;
        reply[len] = '\0';
        char *nl;
        while ((nl = strchr(reply + line, '\n'))) {
            *nl = '\0';
            int status = end_line(reply + line, me);
            if (status >= 0) {
                write(1, reply, line);          /* our lines, without the end */
                return status;
            }
            line = (size_t)(nl + 1 - reply);
            if (status == -1) {                 /* someone else's reply: drop it */
                memmove(reply, reply + line, len - line + 1);
                len -= line;
                line = 0;
            } else {
                *nl = '\n';
            }
        }
        if (len == sizeof reply - 1)            /* no end in sight: not a reply */
            len = line = 0;
    }
}

int main(int argc, char **argv)
{
    if (!valid(argc, argv))
        return usage();
    char request[CONTROL_LINE_MAX];
    int me = getpid();
    int n = format_buf(request, sizeof request, "%d %s %s %s\n", me, argv[1],
                       argc > 2 ? argv[2] : "", argc > 3 ? argv[3] : "");
    if (n >= (int)sizeof request) {
        dprintf(2, "svc: %s: too long for a request\n", argv[argc - 1]);
        return 1;
    }
    int r = write(CONTROL_REQUEST_FD, request, (size_t)n);
    if (r < 0) {
        dprintf(2, "svc: no control pipe (%s): svc talks to init from the console's shell\n",
                error_text(r));
        return 2;
    }
    return read_reply(me);
}
