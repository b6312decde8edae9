/* ps: the process table, with what the guardian knows of each process,
 * by pid. (The kernel lists its table slot by slot, and a new process
 * may take a low slot that an old one freed.) */
#include "user/lib/runtime.h"

static const char *policy_name(const struct proc_info *p)
{
    static const char *const names[] = { "never", "on-failure", "always" };
    return p->supervised ? names[p->restart] : "-";
}

static const char *end_name(const struct proc_info *p)
{
    const char *memory = end_reason_name(p->last_end, (int)p->last_reason);
    if (memory)
        return memory;
    switch (p->last_end) {
    case END_EXIT:     return "exit";
    case END_SIGNAL:
    case END_FAULT:    return signal_name(WTERMSIG(p->last_status));
    case END_WATCHDOG: return "watchdog";
    case END_START_TIMEOUT: return "start timeout";
    default:           return "-";
    }
}

/* Insertion sort: the table is small, and this is short. */
static void sort_by_pid(struct proc_info *list, int n)
{
    for (int i = 1; i < n; i++) {
        struct proc_info p = list[i];
        int j = i;
        for (; j > 0 && list[j - 1].pid > p.pid; j--)
            list[j] = list[j - 1];
        list[j] = p;
    }
}

int main(void)
{
    static struct proc_info list[256];
    int n = proclist(list, 256);
    sort_by_pid(list, n);
    /* LAST comes last: "out of memory" is wider than the others. */
    printf("  PID  PPID NAME         STATE   POLICY      INC RESTARTS   CPU     MEM LAST\n");
    for (int i = 0; i < n; i++) {
        const struct proc_info *p = &list[i];
        printf("%5d %5d %-12s %-7s %-10s %4u %8u %5u %6uK %s\n", p->pid, p->ppid, p->name,
               pstate_name(p->state), policy_name(p), p->incarnation, p->restarts,
               p->cpu_ticks, p->frames * 4, end_name(p));
    }
    return 0;
}
