/*
 * Signals as Linux programs know them (docs/linux.md, "Signals"): each
 * process has a disposition per signal, a mask of blocked signals and a
 * set of pending ones. A signal whose action is to end the process ends
 * it at once, as kill() always did here; one with a handler waits in the
 * pending set until the process is about to return to ring 3, where
 * signal_deliver builds a Linux signal frame on its user stack.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdint.h>
#include "abi/signal.h"
#include "kernel/proc/timer.h"

/* Returned by a sleep that a signal cut short; never seen by a program:
 * the return to ring 3 turns it into -EINTR, or runs the call again when
 * the handler has SA_RESTART (RESTART_NOHAND: -EINTR whenever a handler
 * runs, as for sigsuspend and pause). */
#define ERESTARTSYS     512
#define ERESTARTNOHAND  514

/* What a signal carries besides its number (a struct k_siginfo's
 * fields). */
struct sig_info {
    int code;                   /* SI_USER, SI_KERNEL, SEGV_MAPERR, CLD_EXITED ... */
    int pid;                    /* the sender, or the child for SIGCHLD */
    int status;                 /* SIGCHLD: exit code or signal */
    uint32_t addr;              /* faults: the address */
    int by_ancestor;            /* kill from the parent or above (the guardian's rule) */
};

struct proc_signals {
    struct k_sigaction action[SIGRTMAX + 1];    /* [0] unused */
    sigset64_t blocked, pending;
    struct sig_info info[SIGRTMAX + 1];         /* of each pending signal */
    k_stack_t altstack;
    sigset64_t suspend_saved;   /* the mask before rt_sigsuspend */
    int suspended;              /* ... which the next frame must restore */
    int syscall_nr;             /* this trap's system call, -1 if none */
    uint32_t fault_eip, fault_cr2;  /* the last handled fault, and how often */
    uint32_t fault_repeats;         /* in a row it came back */
    struct deadline alarm;      /* ITIMER_REAL */
    uint64_t alarm_due_ns;      /* when it is due, precisely (pit_ns) */
    uint64_t alarm_interval_ns; /* 0: once */
};

struct proc;
struct trapframe;

static inline sigset64_t sig_bit(int sig)
{
    return 1ull << (sig - 1);
}

/* Send sig to p, from the kernel's side (no permission check). */
void signal_send(struct proc *p, int sig, const struct sig_info *info);
/* Does p have a signal to act on now (pending and not blocked)? */
int signal_deliverable(const struct proc *p);
/* On the way back to ring 3: act on the current process's deliverable
 * signals, and turn a restart code in a system call's result into
 * -EINTR or a second try. */
void signal_deliver(struct trapframe *tf);
/* A CPU exception in ring 3 with a handler for its signal: 1 when a
 * frame was built, 0 when the process must end by the fault's signal,
 * -1 when it must end by SIGSEGV (no room for the frame, as on Linux). */
int signal_fault(struct trapframe *tf, int sig, const struct sig_info *info);
/* A start (spawn or a guardian restart): every disposition the default. */
void signal_reset(struct proc *p);
/* execve: handlers back to the default, ignored signals stay ignored;
 * the mask and pending signals are kept. */
void signal_exec(struct proc *p);
/* fork: the child has the parent's dispositions and mask, nothing pending. */
void signal_fork(struct proc *child, const struct proc *parent);
/* A child of p ended for good: SIGCHLD, unless p ignores it. Returns 1
 * when p asked for its children not to become zombies (SIGCHLD set to
 * SIG_IGN, or SA_NOCLDWAIT). */
int signal_child_ended(struct proc *parent, const struct proc *child);
/* Stop p's alarm (its end, or a restart). */
void signal_alarm_cancel(struct proc *p);

/* kernel/proc/sigframe.c: push a frame for sig and point tf at the
 * handler (0), or -EFAULT when the stack cannot take it. */
int sigframe_push(struct trapframe *tf, int sig, const struct sig_info *info,
                  sigset64_t saved_mask);
/* sigreturn (rt: with a ucontext) reads the frame back into tf: 0, or
 * -EFAULT for a frame that cannot be read or is not acceptable. */
int sigframe_pop(struct trapframe *tf, int rt);

#endif
