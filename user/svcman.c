/* svcman check FILE: read a service manifest (docs/guardian.md, "The
 * manifest") and print what it declares: its errors with their lines,
 * the groups, the services in start order with their settings, and the
 * stop order. It starts nothing (init does, at boot: docs/guardian.md).
 * Exit status 0 when the manifest has no error, else 1 (2: bad usage). */
#include "user/lib/runtime.h"
#include "lib/manifest.h"

static struct manifest m;

static int read_manifest(const char *path)
{
    static char buf[512];
    int fd = open_arg("svcman", path);
    if (fd < 0)
        return -1;
    manifest_begin(&m, path);
    int n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        manifest_feed(&m, buf, (size_t)n);
    close(fd);
    if (n < 0) {
        dprintf(2, "svcman: %s: %s\n", path, error_text(n));
        return -1;
    }
    manifest_end(&m);
    return 0;
}

static void print_time(const char *key, uint32_t ms)
{
    char t[16];
    manifest_format_time(t, sizeof t, ms);
    printf(" %s=%s", key, t);
}

static void print_settings(const struct manifest_service *s)
{
    printf(" restart=%s limit=%u/", manifest_restart_name(s->restart), s->max_restarts);
    char t[16];
    manifest_format_time(t, sizeof t, s->window_ms);
    printf("%s", t);
    if (s->backoff_ms) {
        print_time("backoff", s->backoff_ms);
        manifest_format_time(t, sizeof t, s->backoff_max_ms);
        if (s->backoff_max_ms != s->backoff_ms)
            printf("..%s", t);
    }
    const uint32_t times[] = { s->watchdog_ms, s->ready_ms, s->stop_ms, s->retry_ms };
    const char *const keys[] = { "watchdog", "ready", "stop", "retry" };
    for (int i = 0; i < 4; i++)
        if (times[i])
            print_time(keys[i], times[i]);
    for (int k = 0; k < s->after_count; k++)
        printf("%s%s", k ? "," : " after=", s->after[k]);
    if (s->group >= 0)
        printf(" group=%s", m.groups[s->group].name);
    if (s->mem_kb)
        printf(s->mem_kb % 1024 ? " mem=%uK" : " mem=%uM", s->mem_kb % 1024 ? s->mem_kb : s->mem_kb / 1024);
    printf(" --");
    for (int i = 0; i < s->argc; i++)
        printf(" %s", s->argv[i]);
    printf("\n");
}

/* The program a service would run: a bare name is looked up in /bin. */
static int check_program(const struct manifest_service *s)
{
    char path[MANIFEST_ARGS_LEN + 8];
    const char *program = s->argv[0];
    if (!strchr(program, '/')) {
        strlcpy(path, "/bin/", sizeof path);
        strlcpy(path + 5, program, sizeof path - 5);
        program = path;
    }
    if (access(program, 0) == 0)
        return 0;
    printf("%s:%d: service %s: no program %s\n", m.file, s->line, s->name, program);
    return 1;
}

static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

static int check(const char *path)
{
    if (read_manifest(path) < 0)
        return 1;
    int errors = m.error_count;
    for (int i = 0; i < manifest_errors_kept(&m); i++)
        printf("%s\n", m.errors[i]);
    if (m.error_count > MANIFEST_ERRORS_MAX)
        printf("%s: and %d more errors\n", path, m.error_count - MANIFEST_ERRORS_MAX);
    for (int i = 0; i < m.order_count; i++)
        errors += check_program(&m.services[m.order[i]]);
    for (int i = 0; i < m.group_count; i++) {
        const struct manifest_group *g = &m.groups[i];
        char t[16];
        manifest_format_time(t, sizeof t, g->window_ms);
        printf("group %s strategy=%s limit=%u/%s\n", g->name,
               manifest_strategy_name(g->strategy), g->max_restarts, t);
    }
    printf("start order:\n");
    for (int i = 0; i < m.order_count; i++) {
        printf("%3d %-15s", i + 1, m.services[m.order[i]].name);
        print_settings(&m.services[m.order[i]]);
    }
    printf("stop order:");
    for (int i = m.order_count - 1; i >= 0; i--)
        printf(" %s", m.services[m.order[i]].name);
    printf("\n%s: %d service%s, %d group%s, %d error%s\n", path, m.order_count, plural(m.order_count),
           m.group_count, plural(m.group_count), errors, plural(errors));
    return errors > 0;
}

int main(int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "check") != 0) {
        dprintf(2, "usage: svcman check FILE\n");
        return 2;
    }
    return check(argv[2]);
}
