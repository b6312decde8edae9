/*
 * Running out of memory (docs/hardening.md, section 14). As init, with
 * memlimit=1G so that no limit stops anyone before the machine does: a
 * hog that fills the machine ends with END_OOM while a bystander's stack
 * grows; init and a critical service are never chosen; a restart without
 * memory is retried; 1,000 OOM cycles leak nothing; ps, guardlog and the
 * status band say "out of memory". The children are t_memory's roles.
 */
#define TEST_NAME "t_oom"
#include "tests/programs/check.h"
#include "tests/programs/memory.h"

/* A hog fills the machine and sleeps; a bystander then needs stack. */
static void hog_and_bystander(void)
{
    uint32_t before = unowned();
    int go[2], full[2];
    pipe(go);
    pipe(full);
    char *bystander[] = { "t_memory", "bystander", num(go[0]), 0 };
    char *hog[] = { "t_memory", "fullhog", num(full[1]), 0 };
    int b = spawn("t_memory", bystander, 0);
    int h = spawn("t_memory", hog, 0);
    wait_byte(full[0]);                         /* the machine is full */
    check("the hog left only a few frames above the reserve",
          free_frames() <= reserve_frames() + 8, 1);
    send_byte(go[1]);                           /* the bystander's stack grows */
    int bs = -1, hs = -1;
    waitpid(b, &bs, 0);
    kill(h, SIGTERM);                           /* if it is still there: a failure */
    waitpid(h, &hs, 0);
    check("the bystander grew its stack by 256 KiB and finished", bs, 0);
    check("the hog was killed with SIGKILL", hs, W_SIGNALED(SIGKILL));
    int i = find_event(h, 0);
    check("the event log says: out of memory", i >= 0 ? events[i].end : -1, END_OOM);
    check("no event for the bystander", find_event(b, 0), -1);
    close(go[0]); close(go[1]); close(full[0]); close(full[1]);
    check("every frame is back", unowned(), before);
}

/* A hog that asks for the last frame itself is the one that owns the most. */
static void hog_asks_last(void)
{
    uint32_t before = unowned();
    char *hog[] = { "t_memory", "oomhog", 0 };
    int pid = spawn("t_memory", hog, 0), status = -1;
    waitpid(pid, &status, 0);
    check("a hog that runs the machine out itself is killed with SIGKILL", status,
          W_SIGNALED(SIGKILL));
    int i = find_event(pid, 0);
    check("END_OOM", i >= 0 ? events[i].end : -1, END_OOM);
    check("every frame is back", unowned(), before);
}

/* init (no parent) and a GUARD_CRITICAL service are never chosen, even
 * when they own the most. (init is everyone's ancestor, so it could only
 * be chosen when it asks itself.) */
static void protected(void)
{
    char *top = brk(0);
    brk(top + 64 * MIB);
    top[64 * MIB - 1] = 1;
    int full[2];
    pipe(full);
    char *fullhog[] = { "t_memory", "fullhog", num(full[1]), 0 };
    int h = spawn("t_memory", fullhog, 0), status = -1;
    wait_byte(full[0]);                         /* the machine is full */
    char *r = brk(top + 65 * MIB);              /* init asks for 1 MiB more */
    check("init owns the most (64 MiB) and asks for more: it gets it", r == top + 65 * MIB, 1);
    kill(h, SIGTERM);                           /* if it is still there: a failure */
    waitpid(h, &status, 0);
    check("and the hog is the one chosen", status, W_SIGNALED(SIGKILL));
    brk(top);
    close(full[0]);
    close(full[1]);

    char *hog[] = { "t_memory", "oomhog", 0 };
    int ready[2];
    pipe(ready);
    char *hold[] = { "t_memory", "hold", num(64 * 1024), num(ready[1]), 0 };
    struct guard_spec critical = { .restart = RESTART_NEVER, .flags = GUARD_CRITICAL };
    int c = spawn("t_memory", hold, &critical);
    wait_byte(ready[0]);
    waitpid(spawn("t_memory", hog, 0), &status, 0);
    check("a critical service owns the most (64 MiB); the hog is chosen", status,
          W_SIGNALED(SIGKILL));
    const struct proc_info *info = info_of(c);
    check("and the critical service still runs", info && info->incarnation == 1 &&
          info->state == PSTATE_SLEEPING, 1);
    kill(c, SIGKILL);
    waitpid(c, 0, 0);
    close(ready[0]);
    close(ready[1]);
}

/* A restart that finds no memory is tried again after the backoff. */
static void restart_retry(void)
{
    uint32_t before = unowned();
    int go[2];
    pipe(go);
    char *svc[] = { "t_memory", "waitfail", num(go[0]), 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 3,
                               .window_ms = 60000, .backoff_ms = 300,
                               .flags = GUARD_CRITICAL };
    int pid = spawn("t_memory", svc, &spec);
    msleep(50);
    char *base = brk(0), *top = base;
    take_everything(&top);                      /* the reserve too: init may */
    send_byte(go[1]);                           /* the service fails */
    while (info_of(pid) && info_of(pid)->state != PSTATE_BACKOFF)
        sched_yield();
    check("init took what the service gave back", take_everything(&top) > 0, 1);
    check("no frame is left", free_frames(), 0);
    msleep(400);                                /* the restart is due at 300 ms */
    int i = find_event(pid, DECIDE_RETRY);
    check("the restart found no memory: the log says so", i >= 0 ? (long)events[i].reason : -1,
          REASON_NO_MEMORY);
    check("and it is tried again after the backoff",
          i >= 0 ? (long)events[i].delay_ms : -1, 300);
    check("meanwhile the service waits in backoff", info_of(pid)->state, PSTATE_BACKOFF);
    brk(base);                                  /* memory comes back */
    msleep(400);
    check("the retry started incarnation 2", info_of(pid)->incarnation, 2);
    check("which runs", info_of(pid)->state, PSTATE_SLEEPING);
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    close(go[0]);
    close(go[1]);
    check("every frame is back", unowned(), before);
}

static void oom_cycles(void)
{
    char *hog[] = { "t_memory", "oomhog", 0 };
    char *base = brk(0);
    uint32_t before = unowned();
    fill_to_reserve(256);                       /* cycles stay short */
    int killed = 0;
    for (int i = 0; i < CYCLES; i++) {
        int status = -1;
        waitpid(spawn("t_memory", hog, 0), &status, 0);
        killed += status == W_SIGNALED(SIGKILL);
    }
    brk(base);
    check("1,000 hogs were each killed when memory ran out", killed, CYCLES);
    check("after 1,000 OOM cycles every frame is back", unowned(), before);
    check("and the kernel's counts agree with its page tables", kcheck(), 0);
}

/* A supervised hog chosen when init asks: restarted by its policy, and
 * its last end shown as "out of memory" by ps and the status band (the
 * scenario reads the screen while init waits for a line on the console). */
static void shown_everywhere(void)
{
    int full[2];
    pipe(full);
    char *fullhog[] = { "t_memory", "fullhog", num(full[1]), 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 3,
                               .window_ms = 60000 };
    int h = spawn("t_memory", fullhog, &spec);
    wait_byte(full[0]);
    char *top = brk(0);
    check("init asks for 1 MiB of a full machine and gets it", brk(top + MIB) == top + MIB, 1);
    wait_byte(full[0]);                         /* the new incarnation is full again */
    brk(top);
    const struct proc_info *info = info_of(h);
    check("the supervised hog was restarted: incarnation 2", info ? (long)info->incarnation : -1, 2);
    check("its last end is END_OOM", info ? info->last_end : -1, END_OOM);
    char *ps[] = { "ps", 0 }, *guardlog[] = { "guardlog", 0 };
    waitpid(spawn("ps", ps, 0), 0, 0);
    waitpid(spawn("guardlog", guardlog, 0), 0, 0);
    printf("%s: look at the screen, then type a line\n", TEST_NAME);
    char line[8];
    read(0, line, sizeof line);
    kill(h, SIGKILL);
    waitpid(h, 0, 0);
    close(full[0]);
    close(full[1]);
}

static int oom(void)
{
    char *warm[] = { "t_memory", "nothing", 0 };
    char *crash[] = { "crash", "exit", "0", 0 };
    spawn("crash", crash, 0);                   /* slots and code are warm */
    for (int i = 0; i < 3; i++)
        spawn("t_memory", warm, 0);
    while (waitpid(-1, 0, 0) > 0)
        ;
    dig(0, 70);                                 /* init's own stack is ready */
    hog_and_bystander();
    hog_asks_last();
    protected();
    restart_retry();
    oom_cycles();
    shown_everywhere();
    check("the kernel's invariants hold at the end", kcheck(), 0);
    return checks_done();
}

int main(void)
{
    return oom();
}
