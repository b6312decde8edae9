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
 * (user/init/control.h), names a pipe of its own for the answer, and
 * prints what init writes there. Exit status: 0 done,
 * 1 refused (an unknown name, a service not running ...), 2 bad usage
 * or no init to talk to.
 */
#include "user/lib/runtime.h"
#include "user/init/control.h"

#define ANSWER_TIMEOUT_MS 60000     /* between two lines: a stop waits for its stop= */
#define ANSWER_LINE_MAX   256

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

/* "end STATUS": STATUS, or -1 when the line is not an end. */
static int end_line(const char *line)
{
    char copy[CONTROL_LINE_MAX];
    char *words[3];
    int32_t status;
    strlcpy(copy, line, sizeof copy);
    if (split_words(copy, words, 3) != 2 || strcmp(words[0], "end") != 0 ||
        parse_number(words[1], 0, 255, &status) < 0)
        return -1;
    return status;
}

/* Print init's answer from our pipe, line by line, until its end. */
static int read_answer(int from)
{
    static char line[ANSWER_LINE_MAX];
    char chunk[ANSWER_LINE_MAX];
    size_t len = 0;
    for (;;) {
        struct pollfd p = { from, POLLIN, 0 };
        if (poll(&p, 1, ANSWER_TIMEOUT_MS) <= 0) {
            dprintf(2, "svc: no answer from init\n");
            return 2;
        }
        int n = read(from, chunk, sizeof chunk);
        for (int i = 0; i < n; i++) {
            if (chunk[i] != '\n') {
                if (len < sizeof line - 1)
                    line[len++] = chunk[i];     /* a longer line is cut */
                continue;
            }
            line[len] = '\0';
            int status = end_line(line);
            if (status >= 0)
                return status;
            line[len++] = '\n';
            write(1, line, len);
            len = 0;
        }
    }
}

int main(int argc, char **argv)
{
    if (!valid(argc, argv))
        return usage();
    int answer[2];
    int r = pipe2(answer, O_CLOEXEC);
    if (r < 0) {
        dprintf(2, "svc: pipe: %s\n", error_text(r));
        return 2;
    }
    char request[CONTROL_LINE_MAX];
    int n = format_buf(request, sizeof request, "%d %d %s %s %s\n", getpid(), answer[1],
                       argv[1], argc > 2 ? argv[2] : "", argc > 3 ? argv[3] : "");
    if (n >= (int)sizeof request) {
        dprintf(2, "svc: %s: too long for a request\n", argv[argc - 1]);
        return 1;
    }
    r = write(CONTROL_REQUEST_FD, request, (size_t)n);
    if (r < 0) {
        dprintf(2, "svc: no control pipe (%s): svc talks to init from the console's shell\n",
                error_text(r));
        return 2;
    }
    return read_answer(answer[0]);
}
