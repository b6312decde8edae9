/*
 * Signal frames from the hostile side (docs/linux.md, "Signals"): a
 * handler whose frame has nowhere to go, sigreturn and rt_sigreturn on
 * forged frames, a SIGSEGV handler that returns into its fault forever,
 * and the same under the guardian. Each case runs in a child, whose
 * wait status is checked exactly; the kernel must live through them all.
 *   t_sigframe             the checks
 *   t_sigframe segvloop    (a supervised service) the fault loop, then,
 *                          restarted, exit 0
 */
#define TEST_NAME "t_sigframe"
#include "tests/programs/check.h"

#define FAULT_REPEAT_LIMIT 1000     /* kernel/proc/signal.c */
#define KILLED_BY(sig)  (sig)       /* a wait status */
#define EXITED(code)    ((code) << 8)
#define LANDED          40          /* the exit code of a frame that restored */
#define UC_OFFSET       144         /* of the ucontext in an rt frame (abi/signal.h) */
#define SC_OFFSET       8           /* of the sigcontext in a plain frame */
#define EFLAGS_IF       0x200u
#define EFLAGS_IOPL     0x3000u
#define EFLAGS_NT       0x4000u
#define EFLAGS_VM       0x20000u
#define KERNEL_CS       0x08
#define KERNEL_DS       0x10
#define TLS_SELECTOR(e) ((e) << 3 | 3)
#define KERNEL_ADDRESS  0xC0100000u

static int fork_(void) { return (int)syscall(SYS_fork, 0, 0, 0, 0, 0); }

static int status_of(int pid)
{
    int status = -1;
    return waitpid(pid, &status, 0) == pid ? status : -1;
}

static void handle(int sig, void (*fn)(int), uint32_t flags)
{
    struct k_sigaction a = { .handler = (uint32_t)fn, .flags = flags };
    sigaction(sig, &a, 0);
}

static void nothing(int sig)
{
    (void)sig;
}

static int report_fd = -1;

/* Returns into the fault that called it: one byte a run to the parent. */
static void segv_returns(int sig)
{
    (void)sig;
    if (report_fd >= 0)
        write(report_fd, "x", 1);
}

static void read_null(void)
{
    __asm__ volatile("movl 0, %%eax" ::: "eax", "memory");
}

/* ---- a handler with nowhere to put its frame ---- */

static void bad_altstack(void)
{
    void *page = mmap2(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    munmap(page, 8192);
    k_stack_t ss = { .ss_sp = (uint32_t)page, .ss_size = 8192 };
    sigaltstack(&ss, 0);
    handle(SIGUSR1, nothing, SA_ONSTACK);
    kill(getpid(), SIGUSR1);
}

static void fault_with_esp(uint32_t esp, int sig, void (*fn)(int))
{
    handle(sig, fn, 0);
    if (sig == SIGSEGV)
        __asm__ volatile("movl %0, %%esp; movl 0, %%eax" :: "r"(esp) : "eax", "memory");
    __asm__ volatile("movl %0, %%esp; ud2" :: "r"(esp) : "memory");
}

static void bad_stack_segv(void) { fault_with_esp(0x100, SIGSEGV, nothing); }
static void kernel_stack_segv(void) { fault_with_esp(KERNEL_ADDRESS, SIGSEGV, nothing); }
static void bad_stack_ill(void) { fault_with_esp(0x100, SIGILL, nothing); }

static void garbage_handler(void)
{
    struct k_sigaction a = { .handler = 0x10 };
    sigaction(SIGUSR1, &a, 0);
    kill(getpid(), SIGUSR1);
}

static int run(void (*fn)(void))
{
    int pid = fork_();
    if (pid == 0) {
        fn();
        exit(0);
    }
    return status_of(pid);
}

static void test_bad_stacks(void)
{
    check("SA_ONSTACK on an unmapped alternate stack: killed by SIGSEGV",
          run(bad_altstack), KILLED_BY(SIGSEGV));
    check("a handled SIGSEGV with esp 0x100: killed by SIGSEGV",
          run(bad_stack_segv), KILLED_BY(SIGSEGV));
    check("a handled SIGSEGV with esp in the kernel: killed by SIGSEGV",
          run(kernel_stack_segv), KILLED_BY(SIGSEGV));
    check("a handled SIGILL with esp 0x100: killed by SIGSEGV",
          run(bad_stack_ill), KILLED_BY(SIGSEGV));
    check("a handler at address 0x10: killed by SIGSEGV",
          run(garbage_handler), KILLED_BY(SIGSEGV));
}

/* ---- forged frames ---- */

static uint8_t forge_area[2048] __attribute__((aligned(16)));
static uint8_t fp_area[1024] __attribute__((aligned(16)));
static uint32_t landing_stack[512] __attribute__((aligned(16)));
static uint32_t mxcsr_before;

static uint32_t read_mxcsr(void)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

/* Where a frame that restores sends the child: it checks what it got
 * and exits LANDED (+1 flags a user may not have, +2 a changed MXCSR). */
static void __attribute__((noreturn)) landed(void)
{
    uint32_t flags;
    __asm__ volatile("pushfl; popl %0" : "=r"(flags));
    int code = LANDED;
    if ((flags & (EFLAGS_IF | EFLAGS_IOPL | EFLAGS_NT)) != EFLAGS_IF)
        code += 1;
    if (read_mxcsr() != mxcsr_before)
        code += 2;
    exit(code);
}

/* The registers a good frame holds: the caller's segments, landed(). */
static struct k_sigcontext good_context(void)
{
    uint16_t ds, fs, gs;
    __asm__ volatile("mov %%ds, %0; mov %%fs, %1; mov %%gs, %2" : "=r"(ds), "=r"(fs), "=r"(gs));
    return (struct k_sigcontext){
        .gs = gs, .fs = fs, .es = ds, .ds = ds, .cs = 0x1B, .ss = ds,
        .eip = (uint32_t)landed, .eflags = EFLAGS_IF,
        .esp = (uint32_t)&landing_stack[508],
    };
}

/* sigreturn (rt: rt_sigreturn) with esp where a handler's return would
 * have left it, on a frame holding sc. Does not return. */
static void __attribute__((noreturn)) forged_return(int rt, const struct k_sigcontext *sc)
{
    uint8_t *frame = forge_area + 256;
    uint32_t esp, nr;
    if (rt) {
        struct k_ucontext uc = { .uc_mcontext = *sc };
        memcpy(frame + UC_OFFSET, &uc, sizeof uc);
        esp = (uint32_t)frame + 4;      /* the handler's ret took pretcode */
        nr = SYS_rt_sigreturn;
    } else {
        memcpy(frame + SC_OFFSET, sc, sizeof *sc);
        esp = (uint32_t)frame + 8;      /* ... and the restorer the number */
        nr = SYS_sigreturn;
    }
    __asm__ volatile("movl %1, %%esp; int $0x80" :: "a"(nr), "r"(esp) : "memory");
    for (;;)
        ;
}

static int forge(int rt, struct k_sigcontext sc)
{
    int pid = fork_();
    if (pid == 0) {
        mxcsr_before = read_mxcsr();
        forged_return(rt, &sc);
    }
    return status_of(pid);
}

static int forge_garbage(int byte)
{
    int pid = fork_();
    if (pid == 0) {
        memset(forge_area, byte, sizeof forge_area);
        uint32_t esp = (uint32_t)forge_area + 256;
        __asm__ volatile("movl %1, %%esp; int $0x80" :: "a"(SYS_rt_sigreturn), "r"(esp) : "memory");
    }
    return status_of(pid);
}

/* rt_sigreturn with esp where no frame can be: near 0 (the frame's
 * address wraps around) or at the top of user space (it runs past). */
static int sigreturn_at(uint32_t esp)
{
    int pid = fork_();
    if (pid == 0)
        __asm__ volatile("movl %1, %%esp; int $0x80" :: "a"(SYS_rt_sigreturn), "r"(esp) : "memory");
    return status_of(pid);
}

/* A frame whose FPU state has reserved MXCSR bits set. */
static int forge_mxcsr(void)
{
    int pid = fork_();
    if (pid == 0) {
        mxcsr_before = read_mxcsr();
        uint8_t *image = fp_area + 112;         /* after the legacy header */
        __asm__ volatile("fxsave %0" : "=m"(*(uint8_t (*)[512])image));
        uint32_t mxcsr = mxcsr_before | 0xFFFF0040u;
        memcpy(image + 24, &mxcsr, 4);
        struct k_sigcontext sc = good_context();
        sc.fpstate = (uint32_t)fp_area;
        forged_return(1, &sc);
    }
    return status_of(pid);
}

/* gs a TLS entry the child has set (7): restored. */
static int forge_with_tls(void)
{
    int pid = fork_();
    if (pid == 0) {
        struct user_desc u = { 7, (uint32_t)landing_stack, 0xFFFFF,
                               UD_SEG_32BIT | UD_LIMIT_IN_PAGES | UD_USEABLE };
        syscall(SYS_set_thread_area, (long)&u, 0, 0, 0, 0);
        mxcsr_before = read_mxcsr();
        struct k_sigcontext sc = good_context();
        sc.gs = TLS_SELECTOR(7);
        forged_return(1, &sc);
    }
    return status_of(pid);
}

static void test_forged_frames(void)
{
    struct k_sigcontext sc = good_context();
    check("rt_sigreturn on a good forged frame: restored (exit 40)", forge(1, sc), EXITED(LANDED));
    check("sigreturn on a good forged frame: restored (exit 40)", forge(0, sc), EXITED(LANDED));
    check("rt_sigreturn on 0xFF bytes: killed by SIGSEGV", forge_garbage(0xFF), KILLED_BY(SIGSEGV));
    check("rt_sigreturn on zero bytes: killed by SIGSEGV (eip 0)", forge_garbage(0), KILLED_BY(SIGSEGV));
    check("rt_sigreturn with esp 2: killed by SIGSEGV", sigreturn_at(2), KILLED_BY(SIGSEGV));
    check("rt_sigreturn with esp 16 bytes below the kernel: killed by SIGSEGV",
          sigreturn_at(USER_TOP - 16), KILLED_BY(SIGSEGV));
    sc.ds = KERNEL_DS;
    check("ds the kernel's data segment: killed by SIGSEGV", forge(1, sc), KILLED_BY(SIGSEGV));
    sc = good_context();
    sc.es = 0x1B;
    check("es the user code segment: killed by SIGSEGV", forge(0, sc), KILLED_BY(SIGSEGV));
    sc = good_context();
    sc.gs = TLS_SELECTOR(7);
    check("gs a TLS entry never set: killed by SIGSEGV", forge(1, sc), KILLED_BY(SIGSEGV));
    check("gs a TLS entry it has set: restored", forge_with_tls(), EXITED(LANDED));
    sc = good_context();
    sc.fs = TLS_SELECTOR(6) & ~3;
    check("fs a TLS entry at privilege 0: killed by SIGSEGV", forge(1, sc), KILLED_BY(SIGSEGV));
    sc = good_context();
    sc.cs = KERNEL_CS;
    sc.ss = KERNEL_DS;
    check("cs and ss the kernel's: ignored, restored in ring 3", forge(1, sc), EXITED(LANDED));
    sc = good_context();
    sc.eflags = EFLAGS_IOPL | EFLAGS_NT | EFLAGS_VM;
    check("eflags with IOPL 3, NT, VM and IF clear: those bits ignored", forge(1, sc), EXITED(LANDED));
    sc = good_context();
    sc.fpstate = 0x10;
    check("fpstate a bad pointer: killed by SIGSEGV", forge(1, sc), KILLED_BY(SIGSEGV));
    sc.fpstate = KERNEL_ADDRESS;
    check("fpstate in the kernel: killed by SIGSEGV", forge(0, sc), KILLED_BY(SIGSEGV));
    check("an MXCSR with reserved bits: they are dropped", forge_mxcsr(), EXITED(LANDED));
    sc = good_context();
    sc.eip = KERNEL_ADDRESS;
    check("eip in the kernel: the child faults there, SIGSEGV", forge(1, sc), KILLED_BY(SIGSEGV));
}

/* ---- a handler that returns into its fault ---- */

static void test_fault_loop(void)
{
    int fds[2];
    pipe(fds);
    int pid = fork_();
    if (pid == 0) {
        close(fds[0]);
        report_fd = fds[1];
        handle(SIGSEGV, segv_returns, 0);
        read_null();
        exit(0);
    }
    close(fds[1]);
    char buf[256];
    int runs = 0, n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        runs += n;
    close(fds[0]);
    check("a SIGSEGV handler returning into its fault: killed by SIGSEGV",
          status_of(pid), KILLED_BY(SIGSEGV));
    check("after exactly FAULT_REPEAT_LIMIT runs of the handler", runs, FAULT_REPEAT_LIMIT);
}

static int incarnation(void)
{
    struct proc_info me;
    return proc_info_of(getpid(), &me) == 0 ? (int)me.incarnation : 0;
}

static int segv_loop_service(void)
{
    if (incarnation() > 1)
        return 0;
    handle(SIGSEGV, segv_returns, 0);
    read_null();
    return 1;
}

static void test_supervised_loop(void)
{
    char *argv[] = { "t_sigframe", "segvloop", 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 1,
                               .window_ms = 100000 };
    int pid = spawn("t_sigframe", argv, &spec);
    check("a supervised fault loop: restarted, then exit 0", status_of(pid), EXITED(0));
    struct guard_event ev[GUARD_EVENTS_MAX];
    int n = guardlog(ev, GUARD_EVENTS_MAX, 0), mine = 0, restarts = 0, faults = 0;
    for (int i = 0; i < n; i++) {
        if (ev[i].pid != pid)
            continue;
        mine++;
        restarts += ev[i].decision == DECIDE_RESTART;
        faults += ev[i].end == END_FAULT && ev[i].signal == SIGSEGV && ev[i].status == SIGSEGV;
    }
    check("its events: 2", mine, 2);
    check("one restart", restarts, 1);
    check("after one fault, SIGSEGV", faults, 1);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "segvloop") == 0)
        return segv_loop_service();
    test_bad_stacks();
    test_forged_frames();
    test_fault_loop();
    test_supervised_loop();
    check("the kernel's own check after them all", kcheck(), 0);
    return checks_done();
}
