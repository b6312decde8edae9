/*
 * supervise [OPTIONS] PROG [ARGS...]: run PROG under the guardian, with
 * this process as its supervisor, and report how it ended for good.
 *   --restart=never|on-failure|always    (default on-failure)
 *   --max=N/WINDOW      at most N restarts within WINDOW (default 5/10s)
 *   --backoff=MIN..MAX  delay before a restart, doubling (default none)
 *   --heartbeat=T       the program must call heartbeat() this often
 *   --stop=T            SIGKILL this long after a SIGTERM (default 1s)
 *   --ready=T           the program must call ready() within T of each start
 *   --retry=T           after giving up, start again T later (default: never)
 * Durations are like 100ms, 5s or 2m. In the shell, `spawn` is the same.
 * The exit status is the child's last one: its exit status, or 128 +
 * the signal that ended it (139 for SIGSEGV), as a shell reports it;
 * 1 if it could not start, 2 for bad usage.
 */
#include "user/lib/runtime.h"

/* "250ms", "5s", "2m", or a bare number of ms; -1 when malformed or
 * over INT32_MAX ms (the kernel judges the rest: it refuses more than a
 * day). */
static long duration_ms(const char *s, const char **end)
{
    const char *digits = s;
    while (*s >= '0' && *s <= '9')
        s++;
    int32_t n;
    if (parse_number_n(digits, (size_t)(s - digits), 0, INT32_MAX, &n) < 0)
        return -1;
    long unit = 1;
    if (s[0] == 'm' && s[1] == 's')
        s += 2;
    else if (*s == 's')
        unit = 1000, s++;
    else if (*s == 'm')
        unit = 60000, s++;
    if (n > INT32_MAX / unit)
        return -1;
    *end = s;
    return n * unit;
}

static int starts_with(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0)
        return 0;
    *rest = s + n;
    return 1;
}

/* The value of a --NAME=DURATION option into *ms; 0, or -1 if malformed. */
static int duration_option(const char *value, uint32_t *ms)
{
    const char *end;
    long a = duration_ms(value, &end);
    if (a < 0 || *end)
        return -1;
    *ms = (uint32_t)a;
    return 0;
}

/* Fill spec from one --option; 0, or -1 for a bad one. */
static int option(const char *arg, struct guard_spec *spec)
{
    const char *v, *end;
    long a, b;
    if (starts_with(arg, "--restart=", &v)) {
        if (strcmp(v, "never") == 0)
            spec->restart = RESTART_NEVER;
        else if (strcmp(v, "on-failure") == 0)
            spec->restart = RESTART_ON_FAILURE;
        else if (strcmp(v, "always") == 0)
            spec->restart = RESTART_ALWAYS;
        else
            return -1;
        return 0;
    }
    if (starts_with(arg, "--max=", &v)) {
        const char *slash = strchr(v, '/');
        int32_t max;
        if (!slash || parse_number_n(v, (size_t)(slash - v), 0, INT32_MAX, &max) < 0 ||
            (a = duration_ms(slash + 1, &end)) < 0 || *end)
            return -1;
        spec->max_restarts = (uint32_t)max;
        spec->window_ms = (uint32_t)a;
        return 0;
    }
    if (starts_with(arg, "--backoff=", &v)) {
        if ((a = duration_ms(v, &end)) < 0)
            return -1;
        b = a;
        if (end[0] == '.' && end[1] == '.' && (b = duration_ms(end + 2, &end)) < 0)
            return -1;
        if (*end)
            return -1;
        spec->backoff_ms = (uint32_t)a;
        spec->backoff_max_ms = (uint32_t)b;
        return 0;
    }
    if (starts_with(arg, "--heartbeat=", &v)) {
        if ((a = duration_ms(v, &end)) < 0 || *end)
            return -1;
        spec->heartbeat_ms = (uint32_t)a;
        return 0;
    }
    if (starts_with(arg, "--stop=", &v))
        return duration_option(v, &spec->stop_ms);
    if (starts_with(arg, "--ready=", &v))
        return duration_option(v, &spec->ready_ms);
    if (starts_with(arg, "--retry=", &v))
        return duration_option(v, &spec->retry_ms);
    return -1;
}

int main(int argc, char **argv)
{
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 5, .window_ms = 10000 };
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (option(argv[i], &spec) < 0) {
            dprintf(2, "supervise: bad option %s\n", argv[i]);
            return 2;
        }
    }
    if (i == argc) {
        dprintf(2, "usage: supervise [--restart=on-failure] [--max=5/10s] "
                   "[--backoff=100ms..5s] [--heartbeat=1s] [--stop=1s] [--ready=2s] [--retry=1m] PROG [ARGS...]\n");
        return 2;
    }
    int pid = spawn(argv[i], argv + i, &spec);
    if (pid < 0) {
        dprintf(2, "supervise: cannot start %s: %s (%s)\n", argv[i], error_text(pid),
                error_name(pid));
        return 1;
    }
    printf("supervise: %s is pid %d\n", argv[i], pid);
    int status;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
        printf("supervise: %s[%d] ended for good: %s\n", argv[i], pid, signal_name(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    printf("supervise: %s[%d] ended for good: exit %d\n", argv[i], pid, WEXITSTATUS(status));
    return WEXITSTATUS(status);
}
