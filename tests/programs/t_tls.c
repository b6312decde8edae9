/*
 * A Linux program's start, from the hostile side: set_thread_area and
 * get_thread_area with bad pointers, entry numbers and descriptors; TLS
 * that stays with its process across switches and is gone after a
 * restart; spawn's environment argument too big or bad; prctl, uname,
 * umask and the thread calls.
 *   t_tls                  the checks below
 *   t_tls MODE ...         a child's part of a check (see main)
 */
#define TEST_NAME "t_tls"
#include "tests/programs/check.h"

#define TLS_FIRST   6                   /* GDT entries 6, 7, 8 */
#define SEL(entry)  ((entry) << 3 | 3)  /* a ring 3 selector for a GDT entry */
#define USER_DATA   0x23                /* the flat user data segment */
#define SWITCHES    50

static uint32_t block[4];               /* what a TLS segment points at */

static long set_area(struct user_desc *u)
{
    return syscall(SYS_set_thread_area, (long)u, 0, 0, 0, 0);
}

static long get_area(struct user_desc *u)
{
    return syscall(SYS_get_thread_area, (long)u, 0, 0, 0, 0);
}

/* A descriptor the way a C library asks for one: base, 4 GiB in pages. */
static struct user_desc tls_desc(uint32_t entry, uint32_t base)
{
    return (struct user_desc){ entry, base, 0xFFFFF,
                               UD_SEG_32BIT | UD_LIMIT_IN_PAGES | UD_USEABLE };
}

static uint16_t get_gs(void)
{
    uint16_t gs;
    __asm__ volatile("mov %%gs, %0" : "=r"(gs));
    return gs;
}

static void set_gs(uint16_t sel)
{
    __asm__ volatile("mov %0, %%gs" : : "r"(sel));
}

static uint32_t read_gs0(void)
{
    uint32_t v;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(v));
    return v;
}

/* ---- children ---- */

/* Its own TLS value through gs, checked across SWITCHES switches; 0 if
 * it never saw another process's. Its base differs from the parent's
 * (block + 2, not block), so that a stale descriptor would show. */
static int keep_tls(uint32_t value)
{
    block[2] = value;
    struct user_desc u = tls_desc((uint32_t)-1, (uint32_t)&block[2]);
    if (set_area(&u) != 0)
        return 1;
    if (u.entry_number != TLS_FIRST)
        return 4;                       /* spawn must not pass TLS on */
    set_gs((uint16_t)SEL(u.entry_number));
    int wrong = 0;
    for (int i = 0; i < SWITCHES; i++) {
        sched_yield();
        wrong += read_gs0() != value;
    }
    return wrong ? 2 : 0;
}

/* Incarnation 1 sets TLS and fails; 2 must find none. */
static int restarted(void)
{
    struct proc_info me;
    proc_info_of(getpid(), &me);
    if (me.incarnation == 1) {
        struct user_desc u = tls_desc(TLS_FIRST, (uint32_t)block);
        set_area(&u);
        set_gs(SEL(TLS_FIRST));
        return 1;                       /* a failure: the guardian restarts it */
    }
    struct user_desc u = { .entry_number = TLS_FIRST };
    get_area(&u);
    int cleared = u.base_addr == 0 && u.flags == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT);
    return cleared && get_gs() == USER_DATA ? 0 : 3;
}

/* A TLS segment reaching into the kernel: the read faults (paging). */
static int read_kernel(void)
{
    struct user_desc u = tls_desc((uint32_t)-1, (uint32_t)block);
    set_area(&u);
    set_gs((uint16_t)SEL(u.entry_number));
    uint32_t v, offset = 0xC0100000u - (uint32_t)block;
    __asm__ volatile("mov %%gs:(%1), %0" : "=r"(v) : "r"(offset));
    return (int)v & 0;                  /* not reached */
}

static int env_is(const char *want_path, const char *want_only)
{
    const char *path = getenv("PATH"), *only = getenv("ONLY");
    int same_path = want_path ? path && strcmp(path, want_path) == 0 : path == 0;
    int same_only = want_only ? only && strcmp(only, want_only) == 0 : only == 0;
    return same_path && same_only ? 0 : 1;
}

/* ---- the checks ---- */

static int run(char *mode, const char *arg)
{
    char *argv[] = { "t_tls", mode, (char *)arg, 0 };
    int status = -1;
    waitpid(spawn("t_tls", argv, 0), &status, 0);
    return status;
}

static void bad_input(void)
{
    struct user_desc u = tls_desc((uint32_t)-1, (uint32_t)block);
    check("set_thread_area(NULL)", set_area(0), -EFAULT);
    check("set_thread_area(kernel)", set_area((struct user_desc *)0xC0100000), -EFAULT);
    static const struct user_desc readonly = { (uint32_t)-1, 0, 0xFFFFF, UD_SEG_32BIT };
    check("set_thread_area, entry -1 in read-only memory",
          set_area((struct user_desc *)&readonly), -EFAULT);
    u.entry_number = TLS_FIRST - 1;
    check("set_thread_area entry 5 (the TSS)", set_area(&u), -EINVAL);
    u.entry_number = TLS_FIRST + 3;
    check("set_thread_area entry 9", set_area(&u), -EINVAL);
    u.entry_number = 1000;
    check("set_thread_area entry 1000", set_area(&u), -EINVAL);
    u = tls_desc(TLS_FIRST, 0xC0000000);
    check("a base in the kernel", set_area(&u), -EINVAL);
    u = tls_desc(TLS_FIRST, (uint32_t)block);
    u.flags |= 2 << 1;                  /* contents 2: code */
    check("a code segment", set_area(&u), -EINVAL);
    u = tls_desc(TLS_FIRST, (uint32_t)block);
    u.limit = 0x100000;
    check("a limit over 20 bits", set_area(&u), -EINVAL);
    check("get_thread_area(NULL)", get_area(0), -EFAULT);
    u.entry_number = 9;
    check("get_thread_area entry 9", get_area(&u), -EINVAL);
    u.entry_number = 0;
    check("get_thread_area entry 0", get_area(&u), -EINVAL);
    u.entry_number = TLS_FIRST;
    check("nothing was set", get_area(&u) == 0 && (u.flags & UD_SEG_NOT_PRESENT), 1);
}

static void tls_works(void)
{
    block[0] = 0x1234;
    struct user_desc u = tls_desc((uint32_t)-1, (uint32_t)block);
    check("set_thread_area entry -1", set_area(&u), 0);
    check("entry number written back", u.entry_number, TLS_FIRST);
    set_gs(SEL(TLS_FIRST));
    check("gs:0 reads the block", read_gs0(), 0x1234);
    uint32_t access, limit;
    __asm__ volatile("lar %2, %0\n\t lsl %2, %1"
                     : "=&r"(access), "=&r"(limit) : "r"(SEL(TLS_FIRST)));
    check("DPL 3, present, writable data", (access >> 8) & 0xFF, 0xF3);
    check("limit 4 GiB", limit, 0xFFFFFFFF);
    struct user_desc got = { .entry_number = TLS_FIRST };
    check("get_thread_area", get_area(&got), 0);
    check("  base", got.base_addr, (long)block);
    check("  limit", got.limit, 0xFFFFF);
    check("  flags", got.flags, UD_SEG_32BIT | UD_LIMIT_IN_PAGES | UD_USEABLE);

    struct user_desc second = tls_desc((uint32_t)-1, (uint32_t)block);
    struct user_desc third = tls_desc((uint32_t)-1, (uint32_t)block);
    struct user_desc fourth = tls_desc((uint32_t)-1, (uint32_t)block);
    check("second free entry", set_area(&second) == 0 ? (long)second.entry_number : -1, 7);
    check("third free entry", set_area(&third) == 0 ? (long)third.entry_number : -1, 8);
    check("no fourth: -ESRCH", set_area(&fourth), -ESRCH);
    check("its number unchanged", fourth.entry_number, -1);
}

/* An entry cleared (or made read-only) while a segment register holds
 * it: the kernel must still get back to ring 3. */
static void cleared_under_use(void)
{
    struct user_desc clear = { TLS_FIRST, 0, 0, UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT };
    check("clear entry 6 while gs holds it", set_area(&clear), 0);
    check("gs is now null", get_gs(), 0);
    struct user_desc again = { (uint32_t)-1, 0, 0, 0 };
    check("entry 6 is free again", set_area(&again) == 0 ? (long)again.entry_number : -1, 6);

    struct user_desc flat = tls_desc(TLS_FIRST + 1, 0);
    struct user_desc readonly = flat, gone = flat;
    readonly.flags |= UD_READ_EXEC_ONLY;
    gone.flags = UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT;
    struct user_desc *asks[] = { &readonly, &gone };
    for (int i = 0; i < 2; i++) {
        set_area(&flat);
        uint32_t ss, r;
        __asm__ volatile("mov %%ss, %%si\n\t mov %w3, %%ss\n\t int $0x80\n\t"
                         "mov %%ss, %%dx\n\t mov %%si, %%ss\n\t movzwl %%dx, %1"
                         : "=a"(r), "=r"(ss)
                         : "0"(SYS_set_thread_area), "r"(SEL(TLS_FIRST + 1)), "b"(asks[i])
                         : "esi", "edx", "memory");
        check(i ? "ss on a cleared entry: the flat segment" :
                  "ss on a read-only entry: the flat segment", ss, USER_DATA);
        check("  the call", r, 0);
    }
}

static void processes(void)
{
    block[0] = 0x1111;
    struct user_desc u = tls_desc(TLS_FIRST, (uint32_t)block);
    set_area(&u);
    set_gs(SEL(TLS_FIRST));
    char *argv[] = { "t_tls", "keep", 0 };
    int pid = spawn("t_tls", argv, 0), wrong = 0, status = -1;
    for (int i = 0; i < SWITCHES; i++) {
        sched_yield();
        wrong += read_gs0() != 0x1111;
    }
    waitpid(pid, &status, 0);
    check("our TLS survives switches", wrong, 0);
    check("the child's too (and spawn gave it none)", status, W_EXITCODE(0));

    struct guard_spec once = { .restart = RESTART_ON_FAILURE, .max_restarts = 1, .window_ms = 10000 };
    char *rargv[] = { "t_tls", "restart", 0 };
    waitpid(spawn("t_tls", rargv, &once), &status, 0);
    check("a restart starts with no TLS and gs flat", status, W_EXITCODE(0));
    check("a segment over the kernel faults", run("kernel", 0), W_SIGNALED(SIGSEGV));
}

static void environment(void)
{
    char *argv[] = { "t_tls", "env", "/bin", 0 };
    int status = -1;
    waitpid(spawn("t_tls", argv, 0), &status, 0);
    check("spawn passes our environment on", status, W_EXITCODE(0));
    char *only[] = { "ONLY=yes", 0 };
    char *argv2[] = { "t_tls", "env", "-", 0 };
    waitpid(spawne("t_tls", argv2, 0, only), &status, 0);
    check("spawne passes the one given", status, W_EXITCODE(0));

    static char *many[ENV_MAX_VARS + 2];
    for (int i = 0; i <= ENV_MAX_VARS; i++)
        many[i] = "X=1";
    check("33 variables", spawne("t_tls", argv, 0, many), -E2BIG);
    many[ENV_MAX_VARS] = 0;
    waitpid(spawne("t_tls", argv2, 0, many), &status, 0);
    check("32 variables are fine", status, W_EXITCODE(1));   /* no ONLY=yes */
    static char big[ENV_MAX_LEN + 8];
    memset(big, 'x', sizeof big - 1);
    big[0] = 'B', big[1] = '=';
    char *too_long[] = { big, 0 };
    check("1 KiB of environment", spawne("t_tls", argv, 0, too_long), -E2BIG);
    check("envp in the kernel", spawne("t_tls", argv, 0, (char **)0xC0100000), -EFAULT);
    char *bad_string[] = { "A=1", (char *)0xC0100000, 0 };
    check("a bad string in envp", spawne("t_tls", argv, 0, bad_string), -EFAULT);

    /* Real Linux programs as spawned children, with an environment of
     * their own: they print it (tests/linux/start.c). */
    char *greeting[] = { "GREETING=spawned", 0 };
    char *glibc[] = { "start-glibc", "child", 0 }, *musl[] = { "start-musl", "child", 0 };
    waitpid(spawne("start-glibc", glibc, 0, greeting), &status, 0);
    check("start-glibc spawned with its own environment", status, W_EXITCODE(0));
    waitpid(spawne("start-musl", musl, 0, greeting), &status, 0);
    check("start-musl spawned with its own environment", status, W_EXITCODE(0));
}

static void small_calls(void)
{
    check("gettid", syscall(SYS_gettid, 0, 0, 0, 0, 0), getpid());
    check("set_tid_address", syscall(SYS_set_tid_address, (long)block, 0, 0, 0, 0), getpid());
    check("set_robust_list", syscall(SYS_set_robust_list, (long)block, 12, 0, 0, 0), 0);
    check("set_robust_list, wrong size",
          syscall(SYS_set_robust_list, (long)block, 4, 0, 0, 0), -EINVAL);
    check("getuid32", syscall(SYS_getuid32, 0, 0, 0, 0, 0), 0);
    check("getegid", syscall(SYS_getegid, 0, 0, 0, 0, 0), 0);
    check("uname(NULL)", syscall(SYS_uname, 0, 0, 0, 0, 0), -EFAULT);
    struct new_utsname uts;
    check("uname", syscall(SYS_uname, (long)&uts, 0, 0, 0, 0), 0);
    check("  sysname Warden", strcmp(uts.sysname, "Warden"), 0);
    check("umask", syscall(SYS_umask, 0707, 0, 0, 0, 0), 022);
    check("umask keeps 9 bits", syscall(SYS_umask, 077, 0, 0, 0, 0), 0707);
    check("a child inherits it", run("umask", 0), W_EXITCODE(077));
    check("prctl, bad name", syscall(SYS_prctl, PR_SET_NAME, 0xC0100000, 0, 0, 0), -EFAULT);
    check("prctl, another option", syscall(SYS_prctl, 99, 0, 0, 0, 0), -EINVAL);
    check("prctl PR_SET_NAME", syscall(SYS_prctl, PR_SET_NAME, (long)"tls-renamed", 0, 0, 0), 0);
    char name[16];
    check("prctl PR_GET_NAME", syscall(SYS_prctl, PR_GET_NAME, (long)name, 0, 0, 0), 0);
    check("  the name", strcmp(name, "tls-renamed"), 0);
    check("prctl PR_GET_NAME to NULL", syscall(SYS_prctl, PR_GET_NAME, 0, 0, 0, 0), -EFAULT);
    struct proc_info me;
    proc_info_of(getpid(), &me);
    check("ps shows the new name", strcmp(me.name, "tls-renamed"), 0);
    check("exit_group", run("exit_group", 0), W_EXITCODE(5));
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "keep") == 0)
        return keep_tls(0x2222);
    if (strcmp(mode, "restart") == 0)
        return restarted();
    if (strcmp(mode, "kernel") == 0)
        return read_kernel();
    if (strcmp(mode, "env") == 0 && argc > 2)
        return env_is(strcmp(argv[2], "-") ? argv[2] : 0, strcmp(argv[2], "-") ? 0 : "yes");
    if (strcmp(mode, "umask") == 0)
        return (int)syscall(SYS_umask, 0, 0, 0, 0, 0);
    if (strcmp(mode, "exit_group") == 0)
        syscall(SYS_exit_group, 5, 0, 0, 0, 0);

    bad_input();
    tls_works();
    cleared_under_use();
    processes();
    environment();
    small_calls();
    check("the kernel's bookkeeping", kcheck(), 0);
    return checks_done();
}
