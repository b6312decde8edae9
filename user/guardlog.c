/* guardlog: the guardian's event log, oldest first. The registers of a
 * fault show only for this process's own family (docs/guardian.md).
 *
 *   guardlog      one line per event
 *   guardlog -v   and, under a fault or a watchdog kill, the report: where
 *                 it crashed or hung and the call chain, as FUNCTION+0xOFF
 *                 from the program file's symbol table (raw addresses
 *                 when it has none), then the registers
 */
#include "user/lib/runtime.h"
#include "user/lib/report.h"

static void print_cause(const struct guard_event *e)
{
    const char *memory = end_reason_name(e->end, (int)e->reason);
    if (memory)
        printf("%s, ", memory);     /* then the signal, as for any end */
    switch (e->end) {
    case END_EXIT:
        printf("exited %d", WEXITSTATUS(e->status));
        break;
    case END_WATCHDOG:
        printf("watchdog");
        break;
    case END_START_TIMEOUT:
        printf("start timeout");
        break;
    case END_ESCALATED:
        printf("group %s gave up", e->others);
        break;
    case END_FAULT:
        /* The kernel zeroes a fault's registers for a reader outside the
         * process's family. A real fault never has both zero: at eip 0
         * it is a page fault, whose error code has the user bit set. */
        if (e->eip == 0 && e->error_code == 0) {
            printf("%s (vector %u, registers withheld)", signal_name(e->signal), e->vector);
            break;
        }
        printf("%s (vector %u at eip 0x%08x", signal_name(e->signal), e->vector, e->eip);
        if (e->vector == 14)
            printf(", address 0x%08x", e->cr2);
        printf(")");
        break;
    default:
        printf("%s", signal_name(e->signal));
    }
}

static void print_decision(const struct guard_event *e)
{
    switch (e->decision) {
    case DECIDE_GROUP_RESTART:
        printf("restarting %s: %s", e->others[0] ? e->others : "it alone",
               strategy_name((int)e->strategy));
        if (e->delay_ms)
            printf(" in %u ms", e->delay_ms);
        printf(" (%u/%u)", e->restarts, e->max_restarts);
        break;
    case DECIDE_ESCALATE:
        printf("group %s gave up", e->group);
        break;
    case DECIDE_UPDATE:
        printf("updated: %s starts", e->others);
        break;
    case DECIDE_ROLLBACK:
        printf("update rolled back: %s starts again", e->others);
        break;
    case DECIDE_RESTART:
        if (e->delay_ms)
            printf("restart in %u ms (%u/%u)", e->delay_ms, e->restarts, e->max_restarts);
        else
            printf("restart now (%u/%u)", e->restarts, e->max_restarts);
        break;
    case DECIDE_GAVE_UP:
        printf("gave up");
        break;
    case DECIDE_RETRY_LATER:
        printf("gave up; start again in %u ms", e->delay_ms);
        break;
    case DECIDE_STOPPED:
        printf("stopped");
        if (e->reason == REASON_AFTER_TERM)
            printf(" after SIGTERM");
        else if (e->reason == REASON_STOP_KILL)
            printf(": killed %u ms after SIGTERM", e->delay_ms);
        if (e->flags & EVENT_BY_GROUP)
            printf(" (%s in group %s)", strategy_name((int)e->strategy), e->group);
        break;
    case DECIDE_RETRY:
        printf("cannot restart (out of memory): retry in %u ms", e->delay_ms);
        break;
    default:
        printf("ends");
    }
}

static void print_line(const char *line)
{
    printf("      %s\n", line);
}

int main(int argc, char **argv)
{
    static struct guard_event ev[GUARD_EVENTS_MAX];
    int verbose = argc == 2 && strcmp(argv[1], "-v") == 0;
    if (argc > 2 || (argc == 2 && !verbose)) {
        dprintf(2, "usage: guardlog [-v]\n");
        return 2;
    }
    int n = guardlog(ev, GUARD_EVENTS_MAX, 0);
    printf("  SEQ       TIME  PID NAME             INC  CAUSE -> DECISION\n");
    for (int i = 0; i < n; i++) {
        const struct guard_event *e = &ev[i];
        printf("%5u %6u.%03u %4d %-16s %3u  ", e->seq, e->time_ms / 1000, e->time_ms % 1000,
               e->pid, e->name, e->incarnation);
        print_cause(e);
        printf(" -> ");
        print_decision(e);
        printf("\n");
        if (verbose)
            report_lines(e, print_line);
    }
    return 0;
}
