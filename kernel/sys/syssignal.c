/*
 * The signal calls (Linux i386 numbers and structures, abi/signal.h):
 * dispositions, the mask, waiting for a signal, the alternate stack,
 * the return from a handler, signals to a thread, and the alarm clock.
 * What a signal does when it comes is kernel/proc/signal.c's business;
 * the frame a handler runs on, kernel/proc/sigframe.c's.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/x86/pit.h"
#include "abi/errno.h"
#include "abi/syscall.h"

#define US_PER_S 1000000u

static int valid_signal(uint32_t sig)
{
    return sig >= 1 && sig <= SIGRTMAX;
}

static const sigset64_t unblockable = (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1));

/* rt_sigaction(sig, act, oact, sigsetsize) */
int32_t sys_rt_sigaction(const uint32_t *arg)
{
    uint32_t sig = arg[0], uact = arg[1], uold = arg[2];
    if (arg[3] != SIGSET_SIZE || !valid_signal(sig))
        return -EINVAL;
    struct k_sigaction act;
    if (uact && copy_from_user(&act, uact, sizeof act) < 0)
        return -EFAULT;
    if (uact && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    if (uold && copy_to_user(uold, signal_action(current, (int)sig), sizeof act) < 0)
        return -EFAULT;
    if (uact) {
        act.mask &= ~unblockable;
        *signal_action_to_set(current, (int)sig) = act;
        /* Ignoring a pending signal drops it (POSIX). */
        if (signal_ignored(current, (int)sig))
            current->sig.pending &= ~sig_bit((int)sig);
    }
    return 0;
}

static int change_mask(uint32_t how, sigset64_t set)
{
    sigset64_t *blocked = &current->sig.blocked;
    switch (how) {
    case SIG_BLOCK:   *blocked |= set; break;
    case SIG_UNBLOCK: *blocked &= ~set; break;
    case SIG_SETMASK: *blocked = set; break;
    default:          return -EINVAL;
    }
    *blocked &= ~unblockable;
    return 0;   /* a signal now unblocked is delivered on the way out */
}

/* The two sigprocmask calls: a set of size 8 (rt_sigprocmask, signals 1
 * to 64) or 4 (the old call: signals 1 to 32; SIG_SETMASK keeps the
 * others as they are). The low half comes first: little-endian. */
static int32_t mask_call(uint32_t how, uint32_t uset, uint32_t uold, uint32_t size)
{
    sigset64_t set = 0, old = current->sig.blocked;
    if (uset && copy_from_user(&set, uset, size) < 0)
        return -EFAULT;
    if (uset && how > SIG_SETMASK)
        return -EINVAL;
    if (uold && copy_to_user(uold, &old, size) < 0)
        return -EFAULT;
    if (!uset)
        return 0;
    if (size < sizeof set && how == SIG_SETMASK)
        set |= old & ~(sigset64_t)0xFFFFFFFFu;
    return change_mask(how, set);
}

/* rt_sigprocmask(how, set, oldset, sigsetsize) */
int32_t sys_rt_sigprocmask(const uint32_t *arg)
{
    if (arg[3] != SIGSET_SIZE)
        return -EINVAL;
    return mask_call(arg[0], arg[1], arg[2], SIGSET_SIZE);
}

/* sigprocmask(how, set, oldset): the old call. */
int32_t sys_sigprocmask(const uint32_t *arg)
{
    return mask_call(arg[0], arg[1], arg[2], sizeof(uint32_t));
}

/* rt_sigpending(set, sigsetsize): blocked signals that are pending. */
int32_t sys_rt_sigpending(const uint32_t *arg)
{
    sigset64_t set = current->sig.pending & current->sig.blocked;
    if (arg[1] != SIGSET_SIZE)
        return -EINVAL;
    return copy_to_user(arg[0], &set, sizeof set);
}

/* Sleep until a signal is to be acted on: always "interrupted". */
static int32_t wait_for_signal(void)
{
    while (proc_sleep_until(0, 0) == 0)
        ;
    return -ERESTARTNOHAND;
}

/* rt_sigsuspend(mask, sigsetsize): wait with mask as the mask; the old
 * mask comes back when the handler returns (kernel/proc/signal.c). */
int32_t sys_rt_sigsuspend(const uint32_t *arg)
{
    sigset64_t mask;
    if (arg[1] != SIGSET_SIZE)
        return -EINVAL;
    if (copy_from_user(&mask, arg[0], sizeof mask) < 0)
        return -EFAULT;
    current->sig.suspend_saved = current->sig.blocked;
    current->sig.suspended = 1;
    current->sig.blocked = mask & ~unblockable;
    return wait_for_signal();
}

int32_t sys_pause(const uint32_t *arg)
{
    (void)arg;
    return wait_for_signal();
}

/* sigaltstack(ss, old_ss) */
int32_t sys_sigaltstack(const uint32_t *arg)
{
    k_stack_t *s = &current->sig.altstack, ss;
    uint32_t esp = proc_user_frame(current)->user_esp;
    int on = s->ss_size && esp - s->ss_sp <= s->ss_size;
    if (arg[1]) {
        k_stack_t old = *s;
        if (!old.ss_size)
            old.ss_flags = SS_DISABLE;
        else if (on)
            old.ss_flags = SS_ONSTACK;
        if (copy_to_user(arg[1], &old, sizeof old) < 0)
            return -EFAULT;
    }
    if (!arg[0])
        return 0;
    if (copy_from_user(&ss, arg[0], sizeof ss) < 0)
        return -EFAULT;
    if (on)
        return -EPERM;                  /* not while running on it */
    if (ss.ss_flags != 0 && ss.ss_flags != SS_DISABLE && ss.ss_flags != SS_ONSTACK)
        return -EINVAL;
    if (ss.ss_flags == SS_DISABLE) {
        *s = (k_stack_t){ .ss_flags = SS_DISABLE };
        return 0;
    }
    if (ss.ss_size < MINSIGSTKSZ)
        return -ENOMEM;
    if (ss.ss_sp + ss.ss_size < ss.ss_sp)
        return -EINVAL;                 /* wraps around */
    *s = (k_stack_t){ .ss_sp = ss.ss_sp, .ss_size = ss.ss_size };
    return 0;
}

/* The handler returned: its frame back into the registers. The result
 * is the restored eax, so the dispatcher's store leaves it as it was. */
static int32_t return_from_handler(int rt)
{
    struct trapframe *tf = proc_user_frame(current);
    tf->error = SYSCALL_NO_RESTART;     /* eax is the program's, not a result */
    if (sigframe_pop(tf, rt) < 0) {
        /* A frame that cannot be read back ends the process, as on
         * Linux: SIGSEGV, whatever its disposition was. */
        struct sig_info info = { .code = SI_KERNEL };
        current->sig.changed &= ~sig_bit(SIGSEGV);     /* SIG_DFL */
        current->sig.blocked &= ~sig_bit(SIGSEGV);
        signal_send(current, SIGSEGV, &info);
    }
    return (int32_t)tf->eax;
}

int32_t sys_sigreturn(const uint32_t *arg)
{
    (void)arg;
    return return_from_handler(0);
}

int32_t sys_rt_sigreturn(const uint32_t *arg)
{
    (void)arg;
    return return_from_handler(1);
}

/* A signal to one thread: each process here is one thread, whose tid is
 * its pid. */
static int32_t signal_thread(int tgid, int tid, uint32_t sig)
{
    if (tid <= 0 || tgid == 0 || tgid < -1 || (sig && !valid_signal(sig)))
        return -EINVAL;
    struct proc *p = proc_find(tid);
    if (!p || (tgid > 0 && tgid != tid) || p->state == P_ZOMBIE)
        return -ESRCH;
    if (!proc_is_descendant(p, current))
        return -EPERM;
    if (sig) {
        struct sig_info info = { .code = SI_TKILL, .pid = current->pid,
                                 .by_ancestor = p != current };
        signal_send(p, (int)sig, &info);
    }
    return 0;
}

int32_t sys_tkill(const uint32_t *arg)
{
    return signal_thread(-1, (int)arg[0], arg[1]);
}

int32_t sys_tgkill(const uint32_t *arg)
{
    return signal_thread((int)arg[0], (int)arg[1], arg[2]);
}

/* ---- the alarm clock: ITIMER_REAL, SIGALRM when it runs out ---- */

/* The deadline fires at the first tick at or after the due time; what
 * is left is reported from the due time itself, as precisely as the
 * clock allows. */
static void alarm_arm(struct proc *p, uint64_t due_ns)
{
    uint64_t now = pit_ns();
    p->sig.alarm_due_ns = due_ns;
    timer_arm(&p->sig.alarm, timer_tick_after_ns(due_ns > now ? due_ns - now : 0));
}

static void alarm_rang(struct deadline *d)
{
    struct proc *p = DEADLINE_OWNER(d, struct proc, sig.alarm);
    if (p->sig.alarm_interval_ns)
        alarm_arm(p, p->sig.alarm_due_ns + p->sig.alarm_interval_ns);
    struct sig_info info = { .code = SI_KERNEL };
    signal_send(p, SIGALRM, &info);
}

/* What is left of the alarm, in microseconds (0: disarmed; at least 1
 * while it is armed). */
static uint64_t alarm_left_us(const struct proc *p)
{
    uint64_t now = pit_ns();
    if (!p->sig.alarm.armed)
        return 0;
    if (p->sig.alarm_due_ns <= now)
        return 1;
    return (p->sig.alarm_due_ns - now + 999) / 1000;
}

static void alarm_set(struct proc *p, uint64_t first_us, uint64_t every_us)
{
    signal_alarm_cancel(p);
    if (!first_us)
        return;
    p->sig.alarm_interval_ns = every_us * 1000;
    p->sig.alarm.fire = alarm_rang;
    alarm_arm(p, pit_ns() + first_us * 1000);
}

static struct itimerval alarm_state(const struct proc *p)
{
    uint64_t left = alarm_left_us(p), every = p->sig.alarm_interval_ns / 1000;
    return (struct itimerval){
        .it_interval = { (int32_t)(every / US_PER_S), (int32_t)(every % US_PER_S) },
        .it_value = { (int32_t)(left / US_PER_S), (int32_t)(left % US_PER_S) },
    };
}

static int timeval_us(const struct timeval *tv, uint64_t *us)
{
    if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= (int32_t)US_PER_S)
        return -EINVAL;
    *us = (uint64_t)tv->tv_sec * US_PER_S + (uint64_t)tv->tv_usec;
    return 0;
}

/* setitimer(which, new, old): only ITIMER_REAL (the others measure cpu
 * time, which this kernel does not split). */
int32_t sys_setitimer(const uint32_t *arg)
{
    struct itimerval nv, old = alarm_state(current);
    uint64_t first = 0, every = 0;
    if (arg[0] != ITIMER_REAL)
        return -EINVAL;
    if (arg[1] && copy_from_user(&nv, arg[1], sizeof nv) < 0)
        return -EFAULT;
    if (arg[1] && (timeval_us(&nv.it_value, &first) < 0 ||
                   timeval_us(&nv.it_interval, &every) < 0))
        return -EINVAL;
    if (arg[2] && copy_to_user(arg[2], &old, sizeof old) < 0)
        return -EFAULT;
    if (arg[1])
        alarm_set(current, first, every);
    return 0;
}

int32_t sys_getitimer(const uint32_t *arg)
{
    struct itimerval now = alarm_state(current);
    if (arg[0] != ITIMER_REAL)
        return -EINVAL;
    return copy_to_user(arg[1], &now, sizeof now);
}

/* alarm(seconds): the seconds the last alarm still had, rounded to the
 * nearest (at least 1 when any time was left), as on Linux. */
int32_t sys_alarm(const uint32_t *arg)
{
    uint64_t left = alarm_left_us(current);
    uint32_t secs = (uint32_t)((left + US_PER_S / 2) / US_PER_S);
    if (left && !secs)
        secs = 1;
    alarm_set(current, (uint64_t)arg[0] * US_PER_S, 0);
    return (int32_t)secs;
}
