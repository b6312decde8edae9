/*
 * Groups and their strategies, with exact counts from the event log
 * under -icount: one_for_all, rest_for_one, one_for_one with the group's
 * intensity, graceful stops in reverse start order (with and without a
 * SIGTERM handler), the failed member's backoff before the group
 * restart, escalation through two levels of supervisors, bad input.
 *   t_group              the tests (as init)
 *   t_group member       exits 0 on SIGTERM; else sleeps forever
 *   t_group deaf         ignores SIGTERM; sleeps forever
 *   t_group sup LIMIT    a supervisor: a one_for_all group "inner" of
 *                        two members, at most LIMIT restarts in 10 s
 *   t_group supdeaf      a supervisor of m1 (member) and m2 (deaf), no group
 *   t_group mid          a supervisor of one `sup 0` in a group "outer"
 *                        that allows no restart
 *   t_group root         as init: a group "root" that allows no restart,
 *                        whose one member crashes at once (the scenario
 *                        guardian_groups_root)
 *   t_group crash        faults at once
 *   t_group owner        makes a group, writes its number on fd 9, sleeps
 */
#define TEST_NAME "t_group"
#include "tests/programs/check.h"

#include "tests/programs/events.h"

#define FOREVER_MS 1000000
#define OWNER_FD   9            /* where `owner` writes its group's number */

static void on_term(int sig)
{
    (void)sig;
    exit(0);
}

static int groups_made;

static int make_group(const char *name, uint32_t strategy, uint32_t max, uint32_t window)
{
    struct guard_group_spec g = { .strategy = strategy, .max_restarts = max, .window_ms = window };
    strlcpy(g.name, name, sizeof g.name);
    int r = group_create(&g);
    groups_made += r > 0;
    return r;
}

static void catch(int sig, void (*fn)(int))
{
    struct k_sigaction a = { .handler = (uint32_t)fn };
    sigaction(sig, &a, 0);
}

static int start(const char *name, const char *mode, int group, uint32_t backoff_ms)
{
    char *argv[] = { "t_group", (char *)mode, 0 };
    struct guard_spec s = { .restart = RESTART_ALWAYS, .max_restarts = 10, .window_ms = 10000,
                            .backoff_ms = backoff_ms, .stop_ms = 100, .group = (uint32_t)group };
    strlcpy(s.name, name, sizeof s.name);
    return spawn("t_group", argv, &s);
}

static struct proc_info *info_of(int pid)
{
    static struct proc_info info;
    return proc_info_of(pid, &info) == 0 ? &info : 0;
}

static int incarnation(int pid)
{
    struct proc_info *p = info_of(pid);
    return p ? (int)p->incarnation : -1;
}

/* The first child of ppid other than `not` (a supervisor's members). */
static int child_of(int ppid, int not)
{
    static struct proc_info all[64];
    int n = proclist(all, 64);
    for (int i = 0; i < n; i++)
        if (all[i].ppid == ppid && all[i].pid != not)
            return all[i].pid;
    return -1;
}

/* ppid's child called name. */
static int child_named(int ppid, const char *name)
{
    static struct proc_info all[64];
    int n = proclist(all, 64);
    for (int i = 0; i < n; i++)
        if (all[i].ppid == ppid && strcmp(all[i].name, name) == 0)
            return all[i].pid;
    return -1;
}

/* Stop a group's members for good (its supervisor's SIGTERM). */
static void end_all(const int *pids, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        kill(pids[i], SIGTERM);
        waitpid(pids[i], 0, 0);
    }
    struct guard_event ev[8];
    events_for(0, ev, 8);           /* skip their stop events */
}

/* one_for_all: b fails; c then a are stopped, all three start again. */
static void one_for_all(void)
{
    int g = make_group("trio", STRATEGY_ONE_FOR_ALL, 3, 10000);
    check("one_for_all: a group number", g > 0, 1);
    int pid[3] = { start("a", "member", g, 0), start("b", "member", g, 0),
                   start("c", "deaf", g, 0) };
    struct proc_info *pi = info_of(pid[1]);
    check("one_for_all: ps knows the group", pi && strcmp(pi->group, "trio") == 0, 1);
    check("one_for_all: ps knows the strategy", pi ? pi->strategy : -1, STRATEGY_ONE_FOR_ALL);
    check("one_for_all: ps names the service", pi && strcmp(pi->name, "b") == 0, 1);
    msleep(50);
    kill(pid[1], SIGSEGV);
    msleep(300);
    struct guard_event ev[8];
    check("one_for_all: b's event", events_for(pid[1], ev, 8), 1);
    check("one_for_all: b restarts the group", ev[0].decision, DECIDE_GROUP_RESTART);
    check("one_for_all: with the others, in start order", strcmp(ev[0].others, "a, c"), 0);
    check("one_for_all: the group's count", ev[0].restarts, 1);
    check("one_for_all: the group's limit", ev[0].max_restarts, 3);
    uint32_t b_seq = ev[0].seq;
    seen = b_seq - 1;
    check("one_for_all: c's event", events_for(pid[2], ev, 8), 1);
    check("one_for_all: c stopped by the group", ev[0].decision == DECIDE_STOPPED &&
          (ev[0].flags & EVENT_BY_GROUP), 1);
    check("one_for_all: c (deaf) killed after its stop timeout", ev[0].reason, REASON_STOP_KILL);
    uint32_t c_seq = ev[0].seq;
    seen = b_seq - 1;
    check("one_for_all: a's event", events_for(pid[0], ev, 8), 1);
    check("one_for_all: a exited after SIGTERM", ev[0].reason, REASON_AFTER_TERM);
    check("one_for_all: c stopped before a (reverse order)", c_seq < ev[0].seq, 1);
    for (int i = 0; i < 3; i++)
        check("one_for_all: each member in its second incarnation", incarnation(pid[i]), 2);
    check("one_for_all: a's restarts", info_of(pid[0])->restarts, 1);
    check("one_for_all: b's restarts", info_of(pid[1])->restarts, 1);
    end_all(pid, 3);
}

/* A member that never restarts, stopped by its group's strategy, ends
 * for good (as an OTP "temporary" child): its supervisor reaps it. */
static void never_member(void)
{
    int g = make_group("pair", STRATEGY_ONE_FOR_ALL, 3, 10000);
    int a = start("a", "member", g, 0);
    char *argv[] = { "t_group", "member", 0 };
    struct guard_spec once = { .restart = RESTART_NEVER, .group = (uint32_t)g, .name = "n" };
    int n = spawn("t_group", argv, &once);
    msleep(50);
    kill(a, SIGSEGV);
    int status = -1;
    check("never: the group stops it for good", waitpid(n, &status, 0), n);
    check("never: after its SIGTERM handler", status, 0);
    msleep(50);
    check("never: a restarted", incarnation(a), 2);
    struct guard_event ev[8];
    check("never: a's event", events_for(a, ev, 8), 1);
    check("never: a restarts its group", ev[0].decision, DECIDE_GROUP_RESTART);
    check("never: not naming n, which does not come back", strcmp(ev[0].others, ""), 0);
    seen = ev[0].seq;
    check("never: n's event", events_for(n, ev, 8), 1);
    check("never: stopped by the group", ev[0].decision == DECIDE_STOPPED &&
          (ev[0].flags & EVENT_BY_GROUP), 1);
    check("never: a alone in the group now", strcmp(info_of(a)->group, "pair"), 0);
    end_all(&a, 1);
}

/* rest_for_one: b fails; d then c stop, b c d restart, a runs on. */
static void rest_for_one(void)
{
    int g = make_group("chain", STRATEGY_REST_FOR_ONE, 3, 10000);
    int pid[4] = { start("a", "member", g, 0), start("b", "member", g, 200),
                   start("c", "member", g, 0), start("d", "member", g, 0) };
    msleep(50);
    uint32_t failed = uptime_ms();
    kill(pid[1], SIGSEGV);
    msleep(100);
    check("rest_for_one: c still held in the backoff", incarnation(pid[2]), 1);
    msleep(300);
    struct guard_event ev[8];
    check("rest_for_one: b's event", events_for(pid[1], ev, 8), 1);
    check("rest_for_one: b restarts the rest", ev[0].decision, DECIDE_GROUP_RESTART);
    check("rest_for_one: those after it", strcmp(ev[0].others, "c, d"), 0);
    check("rest_for_one: after b's backoff", ev[0].delay_ms, 200);
    check("rest_for_one: a untouched", incarnation(pid[0]), 1);
    check("rest_for_one: b restarted", incarnation(pid[1]), 2);
    check("rest_for_one: c restarted", incarnation(pid[2]), 2);
    check("rest_for_one: d restarted", incarnation(pid[3]), 2);
    check("rest_for_one: not before the backoff", uptime_ms() - failed >= 200, 1);
    end_all(pid, 4);
}

/* one_for_one: only b restarts, and the group counts it. */
static void one_for_one(void)
{
    int g = make_group("solo", STRATEGY_ONE_FOR_ONE, 5, 10000);
    int pid[2] = { start("a", "member", g, 0), start("b", "member", g, 0) };
    msleep(50);
    kill(pid[1], SIGSEGV);
    msleep(50);
    struct guard_event ev[8];
    check("one_for_one: b's event", events_for(pid[1], ev, 8), 1);
    check("one_for_one: b restarts alone", ev[0].decision, DECIDE_RESTART);
    check("one_for_one: counted by the group", ev[0].restarts, 1);
    check("one_for_one: the group's limit", ev[0].max_restarts, 5);
    check("one_for_one: a untouched", incarnation(pid[0]), 1);
    check("one_for_one: b restarted", incarnation(pid[1]), 2);
    end_all(pid, 2);
}

/* The group of sup (LIMIT restarts) gives up: its members stop, sup
 * ends with END_ESCALATED, and its own supervisor restarts it. */
static void escalation(void)
{
    char *argv[] = { "t_group", "sup", "1", 0 };
    struct guard_spec s = { .restart = RESTART_ON_FAILURE, .max_restarts = 1,
                            .window_ms = 10000, .name = "sup" };
    int sup = spawn("t_group", argv, &s);
    msleep(50);
    int m = child_of(sup, 0);
    kill(m, SIGSEGV);               /* the group's one restart */
    msleep(50);
    m = child_of(sup, 0);
    kill(m, SIGSEGV);               /* one too many */
    msleep(100);
    struct guard_event ev[8];
    check("escalation: the member's events", events_for(m, ev, 8), 2);
    check("escalation: first its group restarts", ev[0].decision, DECIDE_GROUP_RESTART);
    check("escalation: then its group gives up", ev[1].decision, DECIDE_ESCALATE);
    check("escalation: named", strcmp(ev[1].group, "inner"), 0);
    seen = ev[1].seq;
    check("escalation: sup's event", events_for(sup, ev, 8), 1);
    check("escalation: sup ends escalated", ev[0].end, END_ESCALATED);
    check("escalation: by group inner", strcmp(ev[0].others, "inner"), 0);
    check("escalation: and is restarted by its supervisor", ev[0].decision, DECIDE_RESTART);
    check("escalation: sup's second incarnation", incarnation(sup), 2);
    int m2 = child_of(sup, 0);
    check("escalation: with new members", m2 > 0 && m2 != m, 1);
    check("escalation: which run", incarnation(m2), 1);
    /* sup's end stops its group's members, the last started first */
    int first = child_named(sup, "m1"), last = child_named(sup, "m2");
    events_for(0, ev, 8);
    uint32_t mark = seen;
    kill(sup, SIGTERM);
    waitpid(sup, 0, 0);
    check("supervisor's end: m2's stop", events_for(last, ev, 8), 1);
    check("supervisor's end: by its group", (ev[0].flags & EVENT_BY_GROUP) != 0, 1);
    uint32_t last_seq = ev[0].seq;
    seen = mark;
    check("supervisor's end: m1's stop", events_for(first, ev, 8), 1);
    check("supervisor's end: m2 stopped before m1", last_seq < ev[0].seq, 1);
    events_for(0, ev, 8);
}

/* Two levels: a member of sup 0 fails; sup's group gives up, so sup
 * (a member of mid's group "outer", no restart allowed) fails, so that
 * group gives up too and mid ends escalated; mid's spec restarts never. */
static void two_levels(void)
{
    char *argv[] = { "t_group", "mid", 0 };
    struct guard_spec s = { .restart = RESTART_NEVER, .name = "mid" };
    int mid = spawn("t_group", argv, &s);
    msleep(100);
    int sup = child_of(mid, 0);
    int m = child_of(sup, 0);
    struct guard_event all[GUARD_EVENTS_MAX];
    uint32_t since = seen;
    kill(m, SIGSEGV);
    int status = 0;
    check("two levels: mid ends", waitpid(mid, &status, 0), mid);
    check("two levels: killed", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGKILL);
    int n = guardlog(all, GUARD_EVENTS_MAX, since);
    int chain = 0;
    for (int i = 0; i < n; i++) {
        if (all[i].pid == m && all[i].decision == DECIDE_ESCALATE)
            chain |= 1;
        if (all[i].pid == sup && all[i].end == END_ESCALATED &&
            all[i].decision == DECIDE_ESCALATE && strcmp(all[i].group, "outer") == 0)
            chain |= 2;
        if (all[i].pid == mid && all[i].end == END_ESCALATED &&
            strcmp(all[i].others, "outer") == 0)
            chain |= 4;
    }
    check("two levels: member, sup, mid each escalated", chain, 7);
    seen = all[n - 1].seq;
}

/* A supervisor that ends stops its supervised children first, as it
 * would: SIGTERM, SIGKILL after their stop timeout (100 ms for m2, which
 * ignores SIGTERM); meanwhile it is "stopping". A second SIGKILL hurries
 * the children. */
static int start_supdeaf(void)
{
    char *argv[] = { "t_group", "supdeaf", 0 };
    struct guard_spec s = { .restart = RESTART_NEVER, .name = "supdeaf" };
    int sup = spawn("t_group", argv, &s);
    msleep(50);
    return sup;
}

static void supervisor_ends(void)
{
    int sup = start_supdeaf();
    int m1 = child_named(sup, "m1"), m2 = child_named(sup, "m2");
    uint32_t asked = uptime_ms();
    kill(sup, SIGKILL);
    msleep(50);
    check("ends: the supervisor is stopping", info_of(sup)->state, PSTATE_STOPPING);
    check("ends: m1 is gone already", info_of(m1) == 0, 1);
    check("ends: m2 still waits out its stop timeout", info_of(m2) != 0, 1);
    int status = 0;
    check("ends: then the supervisor ends", waitpid(sup, &status, 0), sup);
    check("ends: not before m2's stop timeout", uptime_ms() - asked >= 100, 1);
    check("ends: killed", WTERMSIG(status), SIGKILL);
    struct guard_event ev[4];
    check("ends: m1 stopped", events_for(m1, ev, 4) == 1 && ev[0].reason == REASON_AFTER_TERM, 1);
    seen = 0;
    check("ends: m2 killed after 100 ms", events_for(m2, ev, 4) == 1 &&
          ev[0].reason == REASON_STOP_KILL && ev[0].delay_ms == 100, 1);
    seen = 0;
    uint32_t m2_seq = ev[0].seq;
    check("ends: the supervisor's event", events_for(sup, ev, 4), 1);
    check("ends: after its children's", ev[0].seq > m2_seq, 1);

    sup = start_supdeaf();
    m2 = child_named(sup, "m2");
    asked = uptime_ms();
    kill(sup, SIGTERM);
    msleep(20);
    kill(sup, SIGKILL);
    check("hurry: a second SIGKILL ends it now", waitpid(sup, 0, 0), sup);
    check("hurry: well before m2's stop timeout", uptime_ms() - asked < 100, 1);
    check("hurry: m2 gone", info_of(m2) == 0, 1);
    events_for(0, ev, 4);
}

static void bad_input(void)
{
    struct guard_group_spec g = { .name = "x", .strategy = 3, .max_restarts = 1, .window_ms = 1000 };
    check("bad: strategy 3", group_create(&g), -EINVAL);
    g.strategy = STRATEGY_ONE_FOR_ALL;
    g.window_ms = 0;
    check("bad: no window", group_create(&g), -EINVAL);
    g.window_ms = 1000;
    g.name[0] = 0;
    check("bad: no name", group_create(&g), -EINVAL);
    memset(g.name, 'x', sizeof g.name);
    check("bad: a name without its NUL", group_create(&g), -EINVAL);
    strlcpy(g.name, "a b", sizeof g.name);
    check("bad: a space in the name", group_create(&g), -EINVAL);
    g.max_restarts = GUARD_MAX_RESTARTS + 1;
    strlcpy(g.name, "x", sizeof g.name);
    check("bad: intensity too high", group_create(&g), -EINVAL);
    check("bad: a bad pointer", group_create((void *)16), -EFAULT);
    check("bad: unknown group", start("x", "member", 31, 0), -EINVAL);
    check("bad: group 0x7fffffff", start("x", "member", 0x7fffffff, 0), -EINVAL);

    int fds[2];
    pipe(fds);
    dup2(fds[1], OWNER_FD);
    char *argv[] = { "t_group", "owner", 0 };
    int owner = spawn("t_group", argv, 0);
    close(OWNER_FD);
    close(fds[1]);
    int theirs = 0;
    check("bad: the other's group number arrives", read(fds[0], &theirs, 4), 4);
    check("bad: a group of another process", start("x", "member", theirs, 0), -EPERM);
    kill(owner, SIGKILL);
    waitpid(owner, 0, 0);
    close(fds[0]);

    int last;
    while ((last = make_group("many", STRATEGY_ONE_FOR_ONE, 1, 1000)) > 0)
        continue;
    check("bad: eight groups a process", groups_made, 8);
    check("bad: the ninth", last, -EAGAIN);
}

/* A group holds GUARD_GROUP_MEMBERS; the next spawn into it fails. */
static void full_group(void)
{
    int g = make_group("full", STRATEGY_ONE_FOR_ALL, 1, 1000);
    int pid[GUARD_GROUP_MEMBERS], n = 0;
    while (n < GUARD_GROUP_MEMBERS && (pid[n] = start("m", "member", g, 0)) > 0)
        n++;
    check("full: sixteen members", n, GUARD_GROUP_MEMBERS);
    check("full: the seventeenth", start("m", "member", g, 0), -EAGAIN);
    end_all(pid, n);
}

static void sleep_forever(void)
{
    for (;;)
        msleep(FOREVER_MS);
}

static int run_sup(uint32_t limit)
{
    int g = make_group("inner", STRATEGY_ONE_FOR_ALL, limit, 10000);
    start("m1", "member", g, 0);
    start("m2", "member", g, 0);
    sleep_forever();
    return 0;
}

static int run_supdeaf(void)
{
    start("m1", "member", 0, 0);
    start("m2", "deaf", 0, 0);
    sleep_forever();
    return 0;
}

static int run_mid(void)
{
    int g = make_group("outer", STRATEGY_ONE_FOR_ALL, 0, 10000);
    char *argv[] = { "t_group", "sup", "0", 0 };
    struct guard_spec s = { .restart = RESTART_ON_FAILURE, .max_restarts = 5,
                            .window_ms = 10000, .group = (uint32_t)g, .name = "sup" };
    spawn("t_group", argv, &s);
    sleep_forever();
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "member") == 0) {
        catch(SIGTERM, on_term);
        sleep_forever();
    }
    if (argc > 1 && strcmp(argv[1], "deaf") == 0) {
        catch(SIGTERM, (void (*)(int))SIG_IGN);
        sleep_forever();
    }
    if (argc > 2 && strcmp(argv[1], "sup") == 0)
        return run_sup((uint32_t)atoi(argv[2]));
    if (argc > 1 && strcmp(argv[1], "mid") == 0)
        return run_mid();
    if (argc > 1 && strcmp(argv[1], "supdeaf") == 0)
        return run_supdeaf();
    if (argc > 1 && strcmp(argv[1], "crash") == 0)
        *(volatile int *)0 = 0;     /* cppcheck-suppress nullPointer ; on purpose */
    if (argc > 1 && strcmp(argv[1], "root") == 0) {
        start("crasher", "crash", make_group("root", STRATEGY_ONE_FOR_ALL, 0, 10000), 0);
        sleep_forever();
    }
    if (argc > 1 && strcmp(argv[1], "owner") == 0) {
        int g = make_group("theirs", STRATEGY_ONE_FOR_ONE, 1, 1000);
        write(OWNER_FD, &g, 4);
        sleep_forever();
    }
    one_for_all();
    never_member();
    rest_for_one();
    one_for_one();
    escalation();
    two_levels();
    supervisor_ends();
    full_group();
    bad_input();
    return checks_done();
}
