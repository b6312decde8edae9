/* ps: the process table as a tree, each process under its parent (for a
 * supervised one, its supervisor), with what the guardian knows of it
 * and its group. Siblings come by pid. (The kernel lists its table slot
 * by slot, and a new process may take a low slot that an old one freed.)
 * A service started by init shows its manifest name (docs/guardian.md). */
#include "user/lib/runtime.h"

#define NAME_WIDTH  14          /* the NAME column, the tree's indentation included */
#define GROUP_WIDTH 8
#define INDENT_MAX  (NAME_WIDTH - 4)    /* deeper than this, the name is not pushed further */

static struct proc_info list[PROC_LIST_MAX];
static int count;

static const char *policy_name(const struct proc_info *p)
{
    static const char *const names[] = { "never", "on-failure", "always" };
    return p->supervised ? names[p->restart] : "-";
}

/* Insertion sort: the table is small, and this is short. */
static void sort_by_pid(void)
{
    for (int i = 1; i < count; i++) {
        struct proc_info p = list[i];
        int j = i;
        for (; j > 0 && list[j - 1].pid > p.pid; j--)
            list[j] = list[j - 1];
        list[j] = p;
    }
}

static int listed(int pid)
{
    for (int i = 0; i < count; i++)
        if (list[i].pid == pid)
            return 1;
    return 0;
}

static void print_row(const struct proc_info *p, int depth)
{
    char name[NAME_WIDTH + 1];
    int indent = 2 * depth < INDENT_MAX ? 2 * depth : INDENT_MAX;
    memset(name, ' ', (size_t)indent);
    strlcpy(name + indent, p->name, sizeof name - (size_t)indent);
    char group[GROUP_WIDTH + 1];
    strlcpy(group, p->group[0] ? p->group : "-", sizeof group);
    /* A live update's new program, on probation, says so instead of
     * running, sleeping or ready (docs/guardian.md, section 15). */
    const char *state = p->on_probation && p->state <= PSTATE_SLEEPING ? "updated"
                                                                        : pstate_name(p->state);
    printf("%5d %5d %-*s %-8s %-10s %3u %3u %4u %5uK %-*s %s\n", p->pid, p->ppid, NAME_WIDTH,
           name, state, policy_name(p), p->incarnation, p->restarts,
           p->cpu_ticks, p->frames * 4, GROUP_WIDTH, group, proc_last_end(p));
}

/* A process and, below it, its children: depth first, siblings by pid.
 * (Parents form no cycle; the depth check is a guard all the same.) */
static void print_tree(int index, int depth)
{
    print_row(&list[index], depth);
    if (depth >= count)
        return;
    for (int i = 0; i < count; i++)
        if (list[i].ppid == list[index].pid && i != index)
            print_tree(i, depth + 1);
}

int main(void)
{
    count = proclist(list, PROC_LIST_MAX);
    sort_by_pid();
    /* LAST comes last: "out of memory" is wider than the others. */
    printf("  PID  PPID NAME           STATE    POLICY     INC RST  CPU    MEM GROUP    LAST\n");
    for (int i = 0; i < count; i++)
        if (!listed(list[i].ppid) || list[i].ppid == list[i].pid)
            print_tree(i, 0);
    return 0;
}
