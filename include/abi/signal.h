/* Signal numbers (Linux i386) and the Linux encoding of wait status. */
#ifndef ABI_SIGNAL_H
#define ABI_SIGNAL_H

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1  10
#define SIGSEGV  11
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGSTKFLT 16
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGTSTP  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGURG   23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGVTALRM 26
#define SIGPROF  27
#define SIGWINCH 28
#define SIGIO    29
#define SIGPWR   30
#define SIGSYS   31
#define NSIG     32             /* the standard signals are 1 to NSIG - 1 */
#define SIGRTMAX 64             /* 32 to 64: real-time signals, not queued here */

/* sigaction's handler values and flags (man 2 sigaction). */
#define SIG_DFL  0u
#define SIG_IGN  1u
#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO   0x00000004u
#define SA_RESTORER  0x04000000u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u

/* rt_sigprocmask's how. */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sigaltstack */
#define SS_ONSTACK  1
#define SS_DISABLE  2
#define MINSIGSTKSZ 2048

/* siginfo's si_code values used here. */
#define SI_USER     0           /* kill */
#define SI_KERNEL   0x80
#define SI_TKILL    (-6)        /* tkill, tgkill */
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define FPE_INTDIV  1
#define ILL_ILLOPN  2
#define BUS_ADRALN  1
#define TRAP_BRKPT  1
#define CLD_EXITED  1
#define CLD_KILLED  2
#define CLD_DUMPED  3

/* Bit n - 1 stands for signal n. Aligned to 4 bytes, as the i386 ABI
 * aligns a long long member (so also on a 64-bit host, for its tests). */
typedef unsigned long long sigset64_t __attribute__((aligned(4)));
#define SIGSET_SIZE 8u                      /* the only size rt_sig* calls accept */

/* rt_sigaction's struct, as the i386 kernel ABI has it. */
struct k_sigaction {
    unsigned int handler;       /* SIG_DFL, SIG_IGN or a function */
    unsigned int flags;
    unsigned int restorer;      /* with SA_RESTORER: where the handler returns */
    sigset64_t mask;            /* also blocked while the handler runs */
};

typedef struct {
    unsigned int ss_sp;
    int ss_flags;
    unsigned int ss_size;
} k_stack_t;

/* 128 bytes, as on Linux; the fields this kernel fills. */
struct k_siginfo {
    int si_signo, si_errno, si_code;
    union {
        struct { int pid; unsigned int uid; int status; } child;  /* kill; SIGCHLD */
        unsigned int addr;                                      /* faults */
        int pad[29];
    } u;
};

/* The registers saved in a signal frame (i386 struct sigcontext; glibc's
 * mcontext_t has the same layout). */
struct k_sigcontext {
    unsigned short gs, gsh, fs, fsh, es, esh, ds, dsh;
    unsigned int edi, esi, ebp, esp, ebx, edx, ecx, eax;
    unsigned int trapno, err, eip;
    unsigned short cs, csh;
    unsigned int eflags, esp_at_signal;
    unsigned short ss, ssh;
    unsigned int fpstate;       /* user address of the FPU state, or 0 */
    unsigned int oldmask, cr2;
};

struct k_ucontext {
    unsigned int uc_flags, uc_link;
    k_stack_t uc_stack;
    struct k_sigcontext uc_mcontext;
    sigset64_t uc_sigmask;
};

/* No padding in any of them (the i386 ABI aligns a long long member to
 * 4 bytes, and sigset64_t says so on any host). */
_Static_assert(sizeof(struct k_sigaction) == 20, "rt_sigaction's struct");
_Static_assert(sizeof(struct k_siginfo) == 128, "siginfo_t");
_Static_assert(sizeof(struct k_sigcontext) == 88, "struct sigcontext");
_Static_assert(sizeof(struct k_ucontext) == 116, "the kernel's ucontext");

/* waitpid status: exit code in bits 8-15, or the signal in bits 0-6. */
#define W_EXITCODE(code)   (((code) & 0xFF) << 8)
#define W_SIGNALED(sig)    ((sig) & 0x7F)
#define WIFEXITED(s)       (((s) & 0x7F) == 0)
#define WEXITSTATUS(s)     (((s) >> 8) & 0xFF)
#define WIFSIGNALED(s)     (((s) & 0x7F) != 0 && ((s) & 0x7F) != 0x7F)
#define WTERMSIG(s)        ((s) & 0x7F)

#endif
