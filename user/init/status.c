/*
 * svc list, svc status and svc update (user/init/control.c hands them
 * here): what `systemctl list-units`, `systemctl status` and a live
 * update are to a Warden service. init is
 * the services' supervisor, so the kernel gives it their full crash
 * reports (a shell is not their ancestor, and gets none: the event log's
 * rule, docs/guardian.md section 6), and only it may update them.
 */
#include "user/init/table.h"
#include "user/init/control.h"
#include "user/lib/report.h"

static void reply_line(const char *line)
{
    control_reply("    %s", line);
}

/* The newest event of pid's that has a report: 1 and *out, or 0. */
static int last_report(int pid, struct guard_event *out)
{
    static struct guard_event ev[GUARD_EVENTS_MAX];
    int n = guardlog(ev, GUARD_EVENTS_MAX, 0);
    for (int i = n - 1; i >= 0; i--) {
        if (ev[i].pid == pid && (ev[i].end == END_FAULT || ev[i].end == END_WATCHDOG)) {
            *out = ev[i];
            return 1;
        }
    }
    return 0;
}

int services_status(int index)
{
    const struct service *s = &table[index];
    const char *name = s->decl->name;
    int pid = is_running(s) ? s->pid : -1;
    struct proc_info p;
    if (pid > 0 && proc_info_of(pid, &p) == 0) {
        control_reply("%s: %s, pid %d, incarnation %u, %u restarts, program %s%s", name,
                      pstate_name(p.state), pid, p.incarnation, p.restarts, p.program,
                      p.on_probation ? " (a live update on probation)" : "");
        if (p.group[0])
            control_reply("  group %s (%s)", p.group, strategy_name(p.strategy));
    } else {
        pid = s->pid;                   /* 0: never started */
        control_reply("%s: %s, last pid %d", name, service_state_names[s->state], pid);
    }
    struct guard_event e;
    if (pid <= 0 || !last_report(pid, &e)) {
        control_reply("  no crash or hang recorded");
        return 0;
    }
    control_reply("  last %s: incarnation %u at %u.%03u s", e.end == END_WATCHDOG ? "hang" : "crash",
                  e.incarnation, e.time_ms / 1000, e.time_ms % 1000);
    report_lines(&e, reply_line);
    return 0;
}

int services_update(int index, const char *path)
{
    const struct service *s = &table[index];
    const char *name = s->decl->name;
    int pid = s->pid;
    if (s->state == SERVICE_STOPPING) {
        control_reply("svc: %s is stopping (pid %d)", name, pid);
        return 1;
    }
    if (!is_running(s)) {
        control_reply("svc: %s is not running", name);
        return 1;
    }
    int r = update(pid, path, 0);
    if (r < 0) {
        control_reply("svc: %s: cannot update to %s: %s", name, path, error_text(r));
        return 1;
    }
    printf("%s: updating %s (pid %d) to %s\n", init_name, name, pid, path);
    control_reply("svc: updating %s (pid %d) to %s: on probation until ready() or 1 s", name,
                  pid, path);
    return 0;
}

/* The state word: init's, refined by the kernel's for a running service. */
static const char *state_word(const struct service *s, const struct proc_info *p)
{
    if (!p || s->state != SERVICE_UP)
        return service_state_names[s->state];
    if (p->state == PSTATE_BACKOFF || p->state == PSTATE_RETRYING ||
        p->state == PSTATE_STARTING || p->state == PSTATE_STOPPING)
        return pstate_name(p->state);
    return "up";
}

static void list_one(const struct service *s)
{
    struct proc_info info;
    const struct proc_info *p = is_running(s) && proc_info_of(s->pid, &info) == 0 ? &info : 0;
    char pid[12] = "-", inc[12] = "-", restarts[12] = "-";
    const char *ready = "-";
    if (p) {
        format_buf(pid, sizeof pid, "%d", p->pid);
        format_buf(inc, sizeof inc, "%u", p->incarnation);
        format_buf(restarts, sizeof restarts, "%u", p->restarts);
        if (s->decl->ready_ms)
            ready = p->ready || s->ready_incarnation == p->incarnation ? "yes" : "no";
    }
    const char *group = s->decl->group >= 0 ? manifest.groups[s->decl->group].name : "-";
    control_reply("%-15s %-8s %5s %4s %8s %-5s %-13s %s", s->decl->name, state_word(s, p),
                  pid, inc, restarts, ready, p ? proc_last_end(p) : "-", group);
}

void services_list(void)
{
    control_reply("NAME            STATE      PID  INC RESTARTS READY LAST          GROUP");
    for (int k = 0; k < manifest.order_count; k++)
        list_one(&table[manifest.order[k]]);
    for (int i = 0; i < manifest.service_count; i++)   /* refused ones, at the end */
        if (manifest.services[i].dropped)
            list_one(&table[i]);
}
