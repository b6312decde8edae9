/*
 * Who may read the registers in the guardian's event log: the process
 * itself and whoever was its ancestor when the record was made.
 *   t_guardlog             the test (as init): init sees everything, and
 *                          after the supervisor below has ended and been
 *                          reaped, a stranger (a new child of init, in
 *                          the slot the supervisor left: the last freed
 *                          is the first reused) sees the victim's fault
 *                          with its registers zeroed
 *   t_guardlog supervisor  supervises one victim; sees its registers; a
 *                          second child (the victim's sibling) does not
 *   t_guardlog victim      faults with known registers; restarted, finds
 *                          its own first fault in full
 *   t_guardlog stranger PID   finds PID's fault with the registers zeroed
 * The processes below init print their own check lines and exit with
 * the number of failed checks.
 */
#define TEST_NAME "t_guardlog"
#include "tests/programs/check.h"

static struct guard_event events[GUARD_EVENTS_MAX];

/* The newest fault record of pid, or NULL. */
static const struct guard_event *fault_of(int pid)
{
    int n = guardlog(events, GUARD_EVENTS_MAX, 0);
    for (int i = n - 1; i >= 0; i--)
        if (events[i].pid == pid && events[i].end == END_FAULT)
            return &events[i];
    return 0;
}

__attribute__((noreturn)) static void fault_with_known_registers(void)
{
    __asm__ volatile("mov $0x11111111, %%eax\n\t"
                     "mov $0x22222222, %%ebx\n\t"
                     "mov $0x33333333, %%ecx\n\t"
                     "mov $0x44444444, %%edx\n\t"
                     "mov $0x55555555, %%esi\n\t"
                     "mov $0x66666666, %%edi\n\t"
                     "movl 0x0, %%eax"      /* a read of NULL: SIGSEGV */
                     : : : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory");
    __builtin_unreachable();
}

/* The fields every reader sees, and the registers only some do. */
static void check_visible_fields(const char *who, const struct guard_event *e, int pid)
{
    char what[80];
    format_buf(what, sizeof what, "%s: the fault record names pid, name and cause", who);
    check(what, e && e->pid == pid && strcmp(e->name, "t_guardlog") == 0 &&
                e->end == END_FAULT && e->signal == SIGSEGV && e->vector == 14, 1);
}

static void check_registers(const char *who, const struct guard_event *e, int full)
{
    char what[80];
    format_buf(what, sizeof what, "%s: eax, esi, edi %s", who, full ? "as they were" : "zeroed");
    check(what, e ? (long)(e->eax ^ e->esi ^ e->edi) : -1,
          full ? 0x11111111 ^ 0x55555555 ^ 0x66666666 : 0);
    format_buf(what, sizeof what, "%s: ebx, ecx, edx, ebp, esp %s", who,
             full ? "kept" : "zeroed");
    check(what, e && (e->ebx | e->ecx | e->edx | e->ebp | e->esp) != 0, full);
    format_buf(what, sizeof what, "%s: eip and error code %s", who, full ? "kept" : "zeroed");
    check(what, e ? (long)(e->eip != 0) + (long)(e->error_code == 4) : -1, full ? 2 : 0);
    format_buf(what, sizeof what, "%s: call chain %s", who, full ? "kept" : "zeroed");
    check(what, e ? (long)(e->chain_len != 0) + (long)(e->chain[0] != 0) : -1, full ? 2 : 0);
    format_buf(what, sizeof what, "%s: the word at esp %s", who, full ? "kept" : "zeroed");
    check(what, e && e->esp_word != 0, full);
}

static int victim(void)
{
    const struct guard_event *e = fault_of(getpid());
    if (!e)
        fault_with_known_registers();           /* the first incarnation */
    check_visible_fields("the restarted process itself", e, getpid());
    check_registers("the restarted process itself", e, 1);
    return failures;
}

static int supervisor(void)
{
    char *argv[] = { "t_guardlog", "victim", 0 };
    struct guard_spec once = { .restart = RESTART_ON_FAILURE, .max_restarts = 1, .window_ms = 10000 };
    int pid = spawn("t_guardlog", argv, &once), status = -1;
    waitpid(pid, &status, 0);
    check("the victim, restarted once, found its own registers", status, 0);
    const struct guard_event *e = fault_of(pid);
    check_visible_fields("its supervisor", e, pid);
    check_registers("its supervisor", e, 1);
    char pid_text[12];
    format_buf(pid_text, sizeof pid_text, "%d", pid);
    char *sibling[] = { "t_guardlog", "stranger", pid_text, 0 };
    status = -1;
    waitpid(spawn("t_guardlog", sibling, 0), &status, 0);
    check("the victim's sibling saw its registers zeroed", status, 0);
    return failures;
}

static int stranger(int pid)
{
    const struct guard_event *e = fault_of(pid);
    check_visible_fields("a stranger", e, pid);
    check_registers("a stranger", e, 0);
    return failures;
}

/* Run a child to its end: its exit status (its failed checks). */
static int run(char **argv)
{
    int status = -1;
    waitpid(spawn("t_guardlog", argv, 0), &status, 0);
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "victim") == 0)
        return victim();
    if (argc > 1 && strcmp(argv[1], "supervisor") == 0)
        return supervisor();
    if (argc > 2 && strcmp(argv[1], "stranger") == 0)
        return stranger(atoi(argv[2]));

    char *sup[] = { "t_guardlog", "supervisor", 0 };
    check("the supervisor's checks passed", run(sup), 0);
    int victim_pid = 0;
    int n = guardlog(events, GUARD_EVENTS_MAX, 0);
    for (int i = 0; i < n; i++)
        if (events[i].end == END_FAULT)
            victim_pid = events[i].pid;
    const struct guard_event *e = fault_of(victim_pid);
    check_visible_fields("init", e, victim_pid);
    check_registers("init", e, 1);

    char pid_text[12];
    format_buf(pid_text, sizeof pid_text, "%d", victim_pid);
    char *str[] = { "t_guardlog", "stranger", pid_text, 0 };
    check("the stranger's checks passed", run(str), 0);
    return checks_done();
}
