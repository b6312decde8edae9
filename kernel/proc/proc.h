/*
 * Processes: the table, and the life cycle of each entry.
 *
 * A process is a slot in a fixed table. Its program (file and argv) is
 * kept for its whole life, so the guardian can start it again in place:
 * same pid, same parent, fresh address space, incarnation + 1.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdint.h>
#include "kernel/mm/vm.h"
#include "kernel/mm/mmap.h"
#include "kernel/proc/timer.h"
#include "kernel/proc/signal.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/trap.h"
#include "kernel/fs/node.h"
#include "kernel/proc/stash.h"
#include "abi/syscall.h"
#include "abi/guard.h"

#define PROC_SLOTS      256     /* the table's size; procs= picks the limit */
#define PROC_DEFAULT    64
#define PROC_NAME_LEN   16

enum proc_state {
    P_FREE = 0,
    P_RUNNABLE,     /* on the run queue */
    P_RUNNING,      /* the current process */
    P_SLEEPING,     /* blocked in the kernel: see wait_reason */
    P_BACKOFF,      /* ended, waiting out a restart delay (guardian) */
    P_ZOMBIE,       /* ended for good, until its parent reaps it */
};

/* The registers context_switch saves (kernel/x86/switch.S). */
struct context {
    uint32_t edi, esi, ebx, ebp, eip;
};

/* How the last incarnation ended, for the parent and the guardian. */
struct proc_end {
    int how;                    /* END_EXIT, END_SIGNAL, END_FAULT, END_WATCHDOG, END_OOM */
    int reason;                 /* REASON_*: e.g. a fault past the memory limit */
    int status;                 /* Linux wait status */
    int signal;
    uint32_t vector, error, eip, cr2;
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;   /* for the crash report */
    uint32_t chain[GUARD_CHAIN_LEN];    /* its call chain (kernel/proc/backtrace.c) */
    uint32_t chain_len;
    uint32_t esp_word;                  /* the word at esp, for a frameless function */
    int by_ancestor;            /* a kill from the parent or above */
    char group[GUARD_NAME_LEN]; /* END_ESCALATED: the group that gave up */
};

struct guard_state;
struct openfile;

struct proc {
    int pid;
    uint64_t serial;            /* 1, 2, 3 ... per spawn, never reused */
    int pgid;                   /* process group: kill(-pgid), Ctrl-C */
    int sid;                    /* session: setsid, getsid (nothing else uses it) */
    enum proc_state state;
    char name[PROC_NAME_LEN];
    struct proc *parent;
    struct proc *children;      /* first child; siblings follow */
    struct proc *sibling;

    /* execution */
    uint32_t kstack_top;
    struct context *context;    /* where context_switch left it */
    pde_t *pgdir;
    uint32_t image_lo;          /* the program, then its heap: [image_lo, brk) */
    uint32_t brk_base, brk;
    uint32_t heap_top;          /* the highest brk ever tried: tables may reach it */
    struct mem_account mem;     /* the frames it owns, and its limit (kernel/mm/oom.c) */
    struct mmap_list maps;      /* its mmap2 mappings (kernel/mm/mmap.c) */
    struct fpu_state fpu;       /* saved while another process owns the FPU */

    /* scheduling */
    struct proc *run_next, *run_prev;
    uint32_t slice_left;
    uint32_t cpu_ticks;

    /* blocking */
    struct proc **waitq;        /* the wait queue it sleeps on, if any */
    struct proc *wait_next;
    struct deadline sleep_timer;
    struct proc *child_waiters;  /* itself, in waitpid */

    /* ending */
    int end_pending;            /* end it on its way back to user mode */
    struct proc_end end;
    int awaiting_children;      /* ended; its supervised children are stopping */
    int end_queued;             /* on kernel/proc/exit.c's queue of ends */
    struct proc *end_next;

    /* descriptors: this incarnation's, and the ones it was spawned with,
     * which every restart starts from again */
    struct openfile *fds[NOFILE];
    uint32_t cloexec;           /* bit i: fds[i] is not inherited */
    struct openfile *spawn_fds[NOFILE];
    uint32_t kept_fds;          /* bit i: spawn_fds[i] came from fdstore */
    struct openfile *watchers;  /* pidfds open on this process */

    /* the program, kept for restarts */
    const struct file *file;
    char args[SPAWN_MAX_ARGLEN];    /* argv strings, back to back */
    uint32_t args_len;
    int argc;
    char env[ENV_MAX_LEN];          /* environment strings, back to back */
    uint32_t env_len;
    int envc;
    uint32_t umask, spawn_umask;    /* file-creation mask: now, and as spawned */
    struct node cwd, spawn_cwd;     /* working directory: now, and as spawned */
    uint32_t incarnation;
    struct stash stash;             /* memory kept across restarts (stash.c) */

    /* a Linux program's start (docs/linux.md): cleared at every start */
    struct gdt_entry tls[TLS_ENTRIES];  /* loaded into the GDT at each switch */
    uint32_t tid_address;           /* set_tid_address: remembered only */

    /* signals (kernel/proc/signal.c) */
    struct proc_signals sig;

    /* supervision (kernel/guard/guardian.c); NULL when unsupervised */
    struct guard_state *guard;

    /* last: not cleared for a new process (see struct sig_tables) */
    struct sig_tables sigt;
};

extern struct proc *current;
extern struct proc *fpu_owner;     /* whose registers the FPU holds now */

void proc_init(uint32_t limit);
/* Start init: the first process, pid 1, with no parent. Its environment
 * is PATH, HOME and TERM, then the envc NAME=value strings of env (the
 * kernel command line's), which replace a default of the same name. */
int proc_start_init(const char *path, const char *const *argv, int argc,
                    const char *const *env, int envc);
struct proc *proc_find(int pid);
/* The serial number the next spawn will get: every process alive now
 * has a smaller one. */
uint64_t proc_serial_mark(void);

struct exec_args;
/* Create a child of parent running path with a's argv and environment
 * (kernel copies). */
int proc_spawn(struct proc *parent, const char *path, const struct exec_args *a,
               const struct guard_spec *spec);
/* Load the program into a fresh address space and make the process
 * runnable at its entry point (a first start or a restart). */
int proc_start(struct proc *p);

/* End p: now, or, for the current process, on its way out of the kernel. */
void proc_kill(struct proc *p, const struct proc_end *how);
/* The current process ends; never returns. */
void proc_exit_current(const struct proc_end *how) __attribute__((noreturn));
/* Called at the end of every trap that returns to ring 3: the common
 * case (nothing to do) is tested inline, as every system call passes
 * here; the rest is proc_trap_exit_work's (kernel/proc/exit.c). */
void proc_trap_exit_work(void);
extern int need_resched;        /* kernel/proc/sched.c */
static inline void proc_trap_exit(void)
{
    const struct proc *p = current;
    if (p->end_pending || p->state != P_RUNNING || need_resched || p->sig.pending)
        proc_trap_exit_work();
}
/* A CPU exception in ring 3: the process ends as by a signal. reason:
 * REASON_MEM_LIMIT when its stack could not grow past its limit. */
void proc_fault(struct trapframe *tf, int reason);

/* #NM: give the FPU to the current process. */
void proc_fpu_claim(void);

/* Block the current process on a wait queue until proc_wake_all, or
 * until a signal is to be acted on: 0, or -ERESTARTSYS for the caller
 * to return (kernel/proc/signal.h), without sleeping at all when such a
 * signal is already pending. */
int proc_sleep_on(struct proc **waitq);
/* The same, also woken at tick (0: no time limit); waitq may be NULL. */
int proc_sleep_until(struct proc **waitq, uint64_t tick);
void proc_wake_all(struct proc **waitq);
/* Make a sleeping process runnable again. */
void proc_wake(struct proc *p);
/* Off its wait queue and sleep timer, without making it runnable. */
void proc_unblock(struct proc *p);
/* Start an ended process again (the guardian's restart); when that
 * fails for want of memory, the guardian tries again later. */
void proc_restart(struct proc *p);

/* For fork and execve (kernel/proc/fork.c): a free slot with its kernel
 * stack and a new pid (NULL and *err: -ENOMEM or -EAGAIN); child into
 * parent's list and group; the name from a program's path. */
struct proc *proc_alloc_slot(int *err);
/* The trap frame at the top of p's kernel stack, which the next return
 * to ring 3 uses; and that frame filled to enter a program image at its
 * entry (flat segments, no TLS, interrupts on). */
struct trapframe *proc_user_frame(struct proc *p);
/* Keep the program p runs (file, argv, environment) for its restarts. */
struct exec_args;
void proc_keep_program(struct proc *p, const struct file *f, const struct exec_args *a);
struct exec_image;
void proc_enter_program(struct proc *p, const struct exec_image *img);
void proc_link_child(struct proc *parent, struct proc *child);
void proc_set_name(struct proc *p, const char *path);
/* kernel/proc/fork.c: a copy of the current process as its child (the
 * child's pid, or -ENOMEM, -EAGAIN). ctid, when not 0, gets the child's
 * pid in the child's memory (CLONE_CHILD_SETTID, checked writable by the
 * caller); clear_tid is the child's tid_address (CLONE_CHILD_CLEARTID). */
int proc_fork(uint32_t ctid, uint32_t clear_tid);
/* Replace the current process's program by path, with a's strings:
 * 0, or -ENOENT, -ENOEXEC, -ENOMEM with the caller intact. */
int proc_exec(const char *path, const struct exec_args *a);

/* Take child out of its parent's list of children. */
void proc_unlink_child(struct proc *child);
/* Return a slot to the free list. */
void proc_free_slot(struct proc *p);
/* The slot's index in the table, and the slot at an index. */
int proc_slot(const struct proc *p);
struct proc *proc_at(int slot);
/* kernel/proc/signal.c: send sig to p under kill's rules: sender (NULL: the kernel) may signal
 * only itself and its descendants. 0, or -EPERM. */
int proc_signal(struct proc *p, int sig, struct proc *sender);
/* kill(-1, sig): every process but sender that sender may signal.
 * 0, or -ESRCH when there is none. */
int proc_signal_all(int sig, struct proc *sender);
/* Send sig to every member of group pgid that sender may signal (any
 * member when sender is NULL: the kernel itself). How many were
 * signalled, or -ESRCH (no such group), or -EPERM (none allowed). */
int proc_signal_group(int pgid, int sig, struct proc *sender);
/* May sender act for every member of group pgid (join it, make it the
 * console's foreground)? 0, -EPERM, or -ESRCH (no such group). */
int proc_group_owned(int pgid, struct proc *sender);
/* Is some member of group pgid (a zombie included) p itself or one of
 * its descendants? 1, 0, or -ESRCH when the group has no member. */
int proc_group_in_family(int pgid, const struct proc *p);
/* Is p the same as, or a descendant of, ancestor? */
int proc_is_descendant(const struct proc *p, const struct proc *ancestor);

int proc_count(void);
int proc_limit(void);
/* A snapshot for the proclist system call. */
int proc_list(struct proc_info *out, int max);
/* Panics if the process table or run queue disagrees with itself. */
void proc_check(void);

#endif
