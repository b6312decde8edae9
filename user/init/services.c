/*
 * init's services: the manifest (lib/manifest.h) read into a table,
 * started in its start order, each only once every service it is
 * after= is ready, and stopped in the reverse order.
 *
 * A service with ready= is ready when its pidfd polls POLLPRI (it
 * called ready()); one without is ready as soon as it is spawned.
 * Dependencies count at start only: when db fails later, the guardian
 * and db's group deal with it, not init.
 *
 * A service is spawned with its manifest name in its spec (spec.name):
 * the kernel names the process after it, at every start, so ps,
 * guardlog and the status band say "db", not "svc_clock".
 */
#include "user/init/services.h"
#include "user/init/control.h"
#include "user/init/table.h"

struct manifest manifest;
struct service table[MANIFEST_SERVICES_MAX];    /* as manifest.services[] */
static uint32_t group_ids[MANIFEST_GROUPS_MAX]; /* group_create's numbers; 0: none */

const char *const service_state_names[] = {
    [SERVICE_WAITING] = "waiting", [SERVICE_STARTING] = "starting", [SERVICE_UP] = "up",
    [SERVICE_STOPPED] = "stopped", [SERVICE_ENDED] = "ended", [SERVICE_FAILED] = "failed",
    [SERVICE_STOPPING] = "stopping",
};

/* The program a service runs: a bare name is looked up in /bin. */
static const char *program_path(const struct manifest_service *d, char *buf, size_t size)
{
    if (strchr(d->argv[0], '/'))
        return d->argv[0];
    format_buf(buf, size, "/bin/%s", d->argv[0]);
    return buf;
}

static void read_file(const char *file)
{
    static char buf[512];
    manifest_begin(&manifest, file);
    int fd = open(file, 0);
    if (fd < 0) {
        printf("%s: %s: %s; no services\n", init_name, file, error_text(fd));
        manifest_end(&manifest);
        return;
    }
    int n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        manifest_feed(&manifest, buf, (size_t)n);
    if (n < 0)
        printf("%s: %s: %s; read what came before\n", init_name, file, error_text(n));
    close(fd);
    manifest_end(&manifest);
}

static void create_groups(void)
{
    for (int i = 0; i < manifest.group_count; i++) {
        const struct manifest_group *g = &manifest.groups[i];
        struct guard_group_spec spec = { .strategy = g->strategy,
            .max_restarts = g->max_restarts, .window_ms = g->window_ms };
        strlcpy(spec.name, g->name, sizeof spec.name);
        int r = group_create(&spec);
        group_ids[i] = r > 0 ? (uint32_t)r : 0;
        if (r < 0)
            printf("%s:%d: group %s: cannot create it: %s (%s); its services run on their own\n",
                   manifest.file, g->line, g->name, error_text(r), error_name(r));
    }
}

void services_load(const char *file)
{
    read_file(file);
    for (int i = 0; i < manifest_errors_kept(&manifest); i++)
        printf("%s\n", manifest.errors[i]);
    if (manifest.error_count > MANIFEST_ERRORS_MAX)
        printf("%s: and %d more errors\n", file, manifest.error_count - MANIFEST_ERRORS_MAX);
    for (int i = 0; i < manifest.service_count; i++) {
        table[i] = (struct service){ &manifest.services[i], SERVICE_WAITING, 0, -1, 0, -1, false };
        if (manifest.services[i].dropped)
            table[i].state = SERVICE_FAILED;    /* the check said why */
    }
    for (int k = 0; k < manifest.order_count; k++) {
        struct service *s = &table[manifest.order[k]];
        char buf[MANIFEST_ARGS_LEN + 8];
        const char *path = program_path(s->decl, buf, sizeof buf);
        if (access(path, 0) < 0) {
            printf("%s:%d: service %s: no program %s; not started\n", file, s->decl->line,
                   s->decl->name, path);
            s->state = SERVICE_FAILED;
        }
    }
    create_groups();
    printf("%s: %s: %d service%s, %d group%s\n", init_name, file, manifest.order_count,
           manifest.order_count == 1 ? "" : "s", manifest.group_count,
           manifest.group_count == 1 ? "" : "s");
}

static void fill_spec(const struct manifest_service *d, struct guard_spec *spec)
{
    *spec = (struct guard_spec){
        .restart = d->restart, .max_restarts = d->max_restarts, .window_ms = d->window_ms,
        .backoff_ms = d->backoff_ms, .backoff_max_ms = d->backoff_max_ms,
        .heartbeat_ms = d->watchdog_ms, .mem_limit_kb = d->mem_kb, .stop_ms = d->stop_ms,
        .ready_ms = d->ready_ms, .retry_ms = d->retry_ms,
        .group = d->group >= 0 ? group_ids[d->group] : 0,
    };
    strlcpy(spec->name, d->name, sizeof spec->name);
}

static void spawn_service(struct service *s)
{
    const struct manifest_service *d = s->decl;
    char *argv[MANIFEST_ARGS_MAX + 1];
    char buf[MANIFEST_ARGS_LEN + 8];
    const char *path = program_path(d, buf, sizeof buf);
    struct guard_spec spec;
    for (int i = 0; i < d->argc; i++)
        argv[i] = d->argv[i];
    argv[d->argc] = 0;
    fill_spec(d, &spec);
    int pid = spawn(path, argv, &spec);
    if (pid < 0) {
        printf("%s:%d: service %s: cannot start %s: %s (%s)\n", manifest.file, d->line,
               d->name, path, error_text(pid), error_name(pid));
        s->state = SERVICE_FAILED;
        return;
    }
    s->pid = pid;
    s->ready_incarnation = 0;
    s->state = SERVICE_UP;
    s->pidfd = -1;
    if (d->ready_ms) {
        s->pidfd = pidfd_open(pid, 0);
        if (s->pidfd >= 0)
            s->state = SERVICE_STARTING;
        else                        /* out of descriptors: do not wait for it */
            printf("%s: %s: cannot watch for its ready(): %s; taken as ready\n", init_name,
                   d->name, error_text(s->pidfd));
    }
    printf("%s: started %s (pid %d)%s\n", init_name, d->name, pid,
           s->state == SERVICE_STARTING ? ", waiting for its ready()" : "");
}

/* The first dependency of s that is not ready, or NULL; *dead is set
 * when it never will be (it did not start, or ended). */
static const struct service *waits_for(const struct service *s, bool *dead)
{
    *dead = false;
    for (int k = 0; k < s->decl->after_count; k++) {
        const struct service *dep = &table[s->decl->after_index[k]];
        if (dep->state == SERVICE_UP)
            continue;
        *dead = !is_running(dep) && dep->state != SERVICE_WAITING;
        return dep;
    }
    return 0;
}

void services_start_ready(void)
{
    bool again = true;
    while (again) {                 /* a service without ready= frees its dependents at once */
        again = false;
        for (int k = 0; k < manifest.order_count; k++) {
            struct service *s = &table[manifest.order[k]];
            bool dead;
            if (s->state != SERVICE_WAITING)
                continue;
            const struct service *dep = waits_for(s, &dead);
            if (dep && dead) {
                printf("%s:%d: service %s: not started: %s is %s\n", manifest.file,
                       s->decl->line, s->decl->name, dep->decl->name, service_state_names[dep->state]);
                s->state = SERVICE_FAILED;
                again = true;
            } else if (!dep) {
                spawn_service(s);
                again = true;
            }
        }
    }
}

int services_poll_fds(struct pollfd *fds, int max)
{
    int n = 0;
    for (int i = 0; i < manifest.service_count && n < max; i++)
        if (table[i].state == SERVICE_STARTING)
            fds[n++] = (struct pollfd){ table[i].pidfd, POLLPRI, 0 };
    return n;
}

static void now_ready(struct service *s)
{
    struct proc_info info;
    close(s->pidfd);
    s->pidfd = -1;
    s->state = SERVICE_UP;
    if (proc_info_of(s->pid, &info) == 0)
        s->ready_incarnation = info.incarnation;
    printf("%s: %s is ready\n", init_name, s->decl->name);
}

void services_check_ready(const struct pollfd *fds, int n)
{
    for (int k = 0; k < n; k++) {
        if (!(fds[k].revents & POLLPRI))
            continue;
        for (int i = 0; i < manifest.service_count; i++)
            if (table[i].state == SERVICE_STARTING && table[i].pidfd == fds[k].fd)
                now_ready(&table[i]);
    }
}

static struct service *by_pid(int pid)
{
    for (int i = 0; i < manifest.service_count; i++)
        if (is_running(&table[i]) && table[i].pid == pid)
            return &table[i];
    return 0;
}

/* "exit 0", "SIGTERM" ... for a wait status. */
static void describe(char *buf, size_t size, int status)
{
    if (WIFSIGNALED(status))
        format_buf(buf, size, "%s", signal_name(WTERMSIG(status)));
    else
        format_buf(buf, size, "exit %d", WEXITSTATUS(status));
}

static void stop_finished(struct service *s, int status);

bool services_reaped(int pid, int status)
{
    struct service *s = by_pid(pid);
    if (!s)
        return false;
    if (s->state == SERVICE_STOPPING) {
        stop_finished(s, status);
        return true;
    }
    char how[24];
    describe(how, sizeof how, status);
    if (s->pidfd >= 0)
        close(s->pidfd);
    s->pidfd = -1;
    s->state = SERVICE_ENDED;
    printf("%s: %s (pid %d) ended for good: %s\n", init_name, s->decl->name, pid, how);
    return true;
}

/* A stopped service has ended (status from waitpid): say how, to the
 * console and to the svc that asked; a restart starts it again. */
static void stop_finished(struct service *s, int status)
{
    char how[40];
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        format_buf(how, sizeof how, "SIGKILL, stop= ran out");
    else
        describe(how, sizeof how, status);
    if (s->pidfd >= 0)
        close(s->pidfd);
    s->pidfd = -1;
    s->state = SERVICE_STOPPED;
    printf("%s: stopped %s (pid %d): %s\n", init_name, s->decl->name, s->pid, how);
    control_resume(s->answer);
    s->answer = -1;
    control_reply("svc: stopped %s (pid %d): %s", s->decl->name, s->pid, how);
    int result = 0;
    if (s->start_again)
        result = services_start((int)(s - table)) < 0;
    control_end(result);
}

/* SIGTERM now (the guardian SIGKILLs it after stop=); init goes on with
 * its work, and stop_finished answers once the service has ended. */
int services_stop(int index, bool start_again)
{
    struct service *s = &table[index];
    if (s->state == SERVICE_STOPPING) {
        control_reply("svc: %s is stopping already (pid %d)", s->decl->name, s->pid);
        return 1;
    }
    if (!is_running(s)) {
        if (start_again)                /* svc restart of a stopped service */
            return services_start(index) < 0;
        control_reply("svc: %s is not running (%s)", s->decl->name, service_state_names[s->state]);
        return 1;
    }
    kill(s->pid, SIGTERM);
    s->state = SERVICE_STOPPING;
    s->start_again = start_again;
    s->answer = control_defer();
    return CONTROL_LATER;
}

int services_start(int index)
{
    struct service *s = &table[index];
    bool dead;
    if (is_running(s)) {
        control_reply("svc: %s is already running (pid %d)", s->decl->name, s->pid);
        return -1;
    }
    if (s->decl->dropped) {
        control_reply("svc: %s was refused by the manifest's check", s->decl->name);
        return -1;
    }
    const struct service *dep = waits_for(s, &dead);
    if (dep) {
        control_reply("svc: %s is after %s, which is %s: start it first", s->decl->name,
                      dep->decl->name, service_state_names[dep->state]);
        return -1;
    }
    spawn_service(s);
    if (!is_running(s)) {
        control_reply("svc: %s: cannot start it", s->decl->name);
        return -1;
    }
    control_reply("svc: started %s (pid %d)", s->decl->name, s->pid);
    return 0;
}

/* At shutdown nothing else is left to do: each stop is waited for. */
void services_stop_all(void)
{
    for (int k = manifest.order_count - 1; k >= 0; k--) {
        struct service *s = &table[manifest.order[k]];
        if (s->state == SERVICE_STARTING || s->state == SERVICE_UP) {
            kill(s->pid, SIGTERM);
            s->state = SERVICE_STOPPING;
        }
        if (s->state != SERVICE_STOPPING)
            continue;
        s->start_again = false;         /* a restart under way ends here */
        int status = 0, r;
        while ((r = waitpid(s->pid, &status, 0)) == -EINTR)
            ;
        if (r == s->pid)
            stop_finished(s, status);
    }
}

int services_find(const char *name)
{
    for (int i = 0; i < manifest.service_count; i++)
        if (strcmp(manifest.services[i].name, name) == 0)
            return i;
    return -1;
}
