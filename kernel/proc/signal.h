/*
 * Signals as Linux programs know them (docs/linux.md, part F): each
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
/* In a system call's trap frame, tf->error holds the call's number;
 * this value there means "never run it again" (sigreturn's). */
#define SYSCALL_NO_RESTART 0xFFFFFFFFu

/* What a signal carries besides its number (a struct k_siginfo's
 * fields). */
struct sig_info {
    int code;                   /* SI_USER, SI_KERNEL, SEGV_MAPERR, CLD_EXITED ... */
    int pid;                    /* the sender, or the child for SIGCHLD */
    int status;                 /* SIGCHLD: exit code or signal */
    uint32_t addr;              /* faults: the address */
    int by_ancestor;            /* kill from the parent or above (the guardian's rule) */
};

/* Each process's dispositions, and what came with each pending signal:
 * 2.6 KiB that a new process must not pay to clear. So an entry means
 * something only while its bit says so (set in `changed` or `pending`
 * of struct proc_signals), and the table sits at the end of struct proc,
 * past what proc_alloc_slot clears. */
struct sig_tables {
    struct k_sigaction action[SIGRTMAX + 1];    /* [0] unused */
    struct sig_info info[SIGRTMAX + 1];
};

struct proc_signals {
    sigset64_t blocked, pending;
    sigset64_t changed;         /* dispositions set by rt_sigaction: the others are SIG_DFL */
    k_stack_t altstack;
    sigset64_t suspend_saved;   /* the mask before rt_sigsuspend */
    int suspended;              /* ... which the next frame must restore */
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

/* The lowest signal in set, or 0 when it is empty. */
static inline int sig_lowest(sigset64_t set)
{
    uint32_t low = (uint32_t)set, high = (uint32_t)(set >> 32);
    if (low)
        return __builtin_ctz(low) + 1;
    return high ? __builtin_ctz(high) + 33 : 0;
}

/* p's disposition of sig (SIG_DFL unless changed). */
const struct k_sigaction *signal_action(const struct proc *p, int sig);
/* ... and the one to change, now counted as changed. */
struct k_sigaction *signal_action_to_set(struct proc *p, int sig);

/* Does p ignore sig (SIG_IGN, or a default that ignores it)? */
int signal_ignored(const struct proc *p, int sig);
/* Send sig to p, from the kernel's side (no permission check). */
void signal_send(struct proc *p, int sig, const struct sig_info *info);
/* Does the process with these signals have one to act on now (pending
 * and not blocked)? Inline: every return to ring 3 asks. */
static inline int signal_deliverable_in(const struct proc_signals *s)
{
    return (s->pending & ~s->blocked) != 0;
}
#define signal_deliverable(p) signal_deliverable_in(&(p)->sig)
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
