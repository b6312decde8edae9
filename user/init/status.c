/*
 * svc status and svc update (user/init/control.c hands them here): what
 * `systemctl status` and a live update are to a Warden service. init is
 * the services' supervisor, so the kernel gives it their full crash
 * reports (a shell is not their ancestor, and gets none: the event log's
 * rule, docs/guardian.md section 6), and only it may update them.
 */
#include "user/init/services.h"
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
    const char *name = services_name(index);
    int pid = services_pid(index);
    struct proc_info p;
    if (pid > 0 && proc_info_of(pid, &p) == 0) {
        control_reply("%s: %s, pid %d, incarnation %u, %u restarts, program %s%s", name,
                      pstate_name(p.state), pid, p.incarnation, p.restarts, p.program,
                      p.on_probation ? " (a live update on probation)" : "");
        if (p.group[0])
            control_reply("  group %s (%s)", p.group, strategy_name(p.strategy));
    } else {
        pid = services_last_pid(index);
        control_reply("%s: %s, last pid %d", name, services_state_name(index), pid);
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
    const char *name = services_name(index);
    int pid = services_pid(index);
    if (pid < 0) {
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
