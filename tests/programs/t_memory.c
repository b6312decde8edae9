/*
 * Memory limits (docs/hardening.md, section 14), and the roles the
 * children of both memory tests play.
 *   t_memory limits    (as init, memlimit=512K) brk and stack growth stop
 *                      at the limit, a spec's limit overrides it, a
 *                      service over its limit is restarted by policy,
 *                      bad specs are refused, and 1,000 limit cycles
 *                      leak nothing
 *   t_memory ROLE ...  a child of t_memory or t_oom: see main()
 * Running out of memory is t_oom.
 */
#define TEST_NAME "t_memory"
#include "tests/programs/check.h"
#include "tests/programs/memory.h"

/* ---- the children's roles ---- */

/* Grow the heap a page at a time until refused (brk returns the old
 * break); then own exactly the limit. Exit 0 when so, 1 when not (and
 * say why unless quiet). */
static int brk_to_limit(int quiet)
{
    char *top = brk(0), *r;
    while ((r = brk(top + PAGE)) == top + PAGE) {
        top += PAGE;
        top[-1] = 1;
    }
    int kb = my_frames() * 4, limit = my_limit_kb();
    int stayed = r == top && brk(0) == top;
    if (!quiet) {
        check("brk past the limit is refused: it returns the old break, which stays",
              stayed, 1);
        check("and then the process owns exactly its limit", kb, limit);
    }
    return stayed && kb == limit ? 0 : 1;
}

/* ---- t_memory limits ---- */

static void default_limit(void)
{
    char *brkhog[] = { "t_memory", "brkhog", 0 };
    check("a process under memlimit=512K stops at it and exits", run(brkhog, 0), 0);
    char *stackhog[] = { "t_memory", "stackhog", 0 };
    int pid = spawn("t_memory", stackhog, 0), status = -1;
    waitpid(pid, &status, 0);
    check("a stack grown past the limit ends with SIGSEGV", status, W_SIGNALED(SIGSEGV));
    int i = find_event(pid, 0);
    check("the event log says: a fault", i >= 0 ? events[i].end : -1, END_FAULT);
    check("with the reason: memory limit", i >= 0 ? (long)events[i].reason : -1,
          REASON_MEM_LIMIT);
    char *guardlog[] = { "guardlog", 0 };
    waitpid(spawn("guardlog", guardlog, 0), 0, 0);     /* says "memory limit" too */
    struct guard_spec big = { .mem_limit_kb = 2048 };
    check("a spec's limit (2 MiB) replaces the default", run(brkhog, &big), 0);
}

static void service_over_limit(void)
{
    char *stackhog[] = { "t_memory", "stackhog", 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 3,
                               .window_ms = 60000, .backoff_ms = 10, .mem_limit_kb = 256 };
    int pid = spawn("t_memory", stackhog, &spec), status = -1;
    waitpid(pid, &status, 0);
    check("a service over its own limit ends with SIGSEGV in the end", status,
          W_SIGNALED(SIGSEGV));
    check("each of its 4 incarnations ended at the memory limit",
          count_events(pid, END_FAULT, REASON_MEM_LIMIT), 4);
    int i = find_event(pid, DECIDE_RESTART);
    check("it was restarted by its policy, 3 times", i >= 0 ? (long)events[i].restarts : -1, 3);
    check("and then the guardian gave up", find_event(pid, DECIDE_GAVE_UP) >= 0, 1);
}

static void bad_specs(void)
{
    char *exit0[] = { "crash", "exit", "0", 0 };
    check("spec: an unknown flag is -EINVAL",
          spawn("crash", exit0, &(struct guard_spec){ .flags = 0x4 }), -EINVAL);
    check("spec: the top flag bit is -EINVAL",
          spawn("crash", exit0, &(struct guard_spec){ .flags = 0x80000000u }), -EINVAL);
    check("spec: a limit above GUARD_MAX_MEM_KB is -EINVAL",
          spawn("crash", exit0, &(struct guard_spec){ .mem_limit_kb = GUARD_MAX_MEM_KB + 1 }),
          -EINVAL);
    int pid = spawn("crash", exit0,
                    &(struct guard_spec){ .flags = GUARD_CRITICAL | GUARD_QUIET,
                                          .mem_limit_kb = GUARD_MAX_MEM_KB });
    int status = -1;
    waitpid(pid, &status, 0);
    check("spec: both flags and the largest limit are fine", status, 0);
    check("spec: a limit too small to load the program: -ENOMEM",
          spawn("crash", exit0, &(struct guard_spec){ .mem_limit_kb = 8 }), -ENOMEM);
}

static void limit_cycles(void)
{
    char *brkquiet[] = { "t_memory", "brkquiet", 0 };
    char *stackhog[] = { "t_memory", "stackhog", 0 };
    struct guard_spec small = { .mem_limit_kb = 128 };
    run(brkquiet, &small);                      /* the slots are warm */
    run(stackhog, &small);
    uint32_t before = free_frames();
    int refused = 0, segv = 0;
    for (int i = 0; i < CYCLES / 2; i++) {
        refused += run(brkquiet, &small) == 0;
        segv += run(stackhog, &small) == W_SIGNALED(SIGSEGV);
    }
    check("500 heaps stopped at their limit", refused, CYCLES / 2);
    check("500 stacks ended at their limit", segv, CYCLES / 2);
    check("after 1,000 limit cycles every frame is back", free_frames(), before);
    check("and the kernel's counts agree with its page tables", kcheck(), 0);
}

static int limits(void)
{
    check("init's own limit is the default, memlimit=512K", my_limit_kb(), 512);
    default_limit();
    service_over_limit();
    bad_specs();
    limit_cycles();
    return checks_done();
}

int main(int argc, char **argv)
{
    const char *role = argc > 1 ? argv[1] : "";
    if (strcmp(role, "limits") == 0)
        return limits();
    if (strcmp(role, "brkhog") == 0)
        return brk_to_limit(0);
    if (strcmp(role, "brkquiet") == 0)
        return brk_to_limit(1);
    if (strcmp(role, "stackhog") == 0)
        return dig(0, 0);                       /* until the limit ends it */
    if (strcmp(role, "bystander") == 0 && argc > 2)
        return wait_byte(atoi(argv[2])) || dig(0, 64);
    if (strcmp(role, "fullhog") == 0 && argc > 2) {
        fill_to_reserve(4);
        send_byte(atoi(argv[2]));
        for (;;)
            msleep(1000);
    }
    if (strcmp(role, "oomhog") == 0) {
        char *top = brk(0);
        take_everything(&top);
        return 3;                               /* refused: not what should happen */
    }
    if (strcmp(role, "hold") == 0 && argc > 3) {
        char *top = brk(0);
        uint32_t kb = (uint32_t)atoi(argv[2]);
        brk(top + kb * KIB);
        top[kb * KIB - 1] = 1;
        send_byte(atoi(argv[3]));
        for (;;)
            msleep(1000);
    }
    if (strcmp(role, "waitfail") == 0 && argc > 2)
        return wait_byte(atoi(argv[2])) ? 2 : 1;
    return 0;
}
