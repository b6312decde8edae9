/*
 * The signal frame: what the kernel leaves on a process's user stack to
 * run a handler, and reads back when the handler returns, in the layout
 * of Linux i386 (so that glibc's and musl's handlers and restorers work
 * unchanged). From the top of the stack down:
 *
 *   the FPU state    112-byte legacy header, then the 512-byte FXSAVE
 *                    image (the handler starts with a clean FPU)
 *   the frame        rt (SA_SIGINFO):  pretcode, sig, &info, &uc, the
 *                                      siginfo, the ucontext, retcode
 *                    plain:            pretcode, sig, sigcontext,
 *                                      the mask's high half, retcode
 *
 * pretcode is where the handler's `ret` goes: libc's restorer (given
 * with SA_RESTORER), or else retcode, 8 bytes of code in the frame that
 * make the sigreturn system call (a user stack is executable here). The
 * registers saved in the sigcontext are the ones the interrupted code
 * had; sigreturn restores them, after checking that they cannot hurt
 * the kernel (segment selectors, flags).
 */
#include "kernel/proc/proc.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/tls.h"
#include "kernel/mm/vm.h"
#include "abi/errno.h"
#include "abi/syscall.h"
#include "lib/string.h"

#define FP_LEGACY_SIZE   112    /* the old FSAVE-format header before FXSAVE */
#define FP_FRAME_SIZE    (FP_LEGACY_SIZE + FPU_STATE_SIZE)
#define MXCSR_OFFSET     24     /* in the FXSAVE image (SDM Vol. 1, 10.5.1) */
#define MXCSR_VALID      0xFFBFu    /* the bits every SSE CPU accepts */
#define EFLAGS_USER      0x00040DD5u    /* CF PF AF ZF SF TF DF OF AC: a handler's to change */
#define EFLAGS_TF        0x00000100u
#define EFLAGS_DF        0x00000400u
#define INT80            0x80CD     /* `int $0x80`, little-endian */

struct sigframe {
    uint32_t pretcode;
    int sig;
    struct k_sigcontext sc;
    uint32_t extramask;         /* the saved mask's signals 33 to 64 */
    uint8_t retcode[8];         /* pop %eax; mov $119, %eax; int $0x80 */
};

struct rt_sigframe {
    uint32_t pretcode;
    int sig;
    uint32_t pinfo, puc;
    struct k_siginfo info;
    struct k_ucontext uc;
    uint8_t retcode[8];         /* mov $173, %eax; int $0x80 */
};

_Static_assert(sizeof(struct sigframe) == 108, "Linux i386 sigframe head");
_Static_assert(sizeof(struct rt_sigframe) == 268, "Linux i386 rt_sigframe");

static void write_retcode(uint8_t *code, int rt)
{
    uint32_t nr = rt ? SYS_rt_sigreturn : SYS_sigreturn;
    int at = 0;
    if (!rt)
        code[at++] = 0x58;              /* pop %eax: the signal number */
    code[at++] = 0xB8;                  /* mov $nr, %eax */
    memcpy(code + at, &nr, 4);
    at += 4;
    code[at++] = INT80 & 0xFF;
    code[at++] = INT80 >> 8;
}

static void save_registers(struct k_sigcontext *sc, const struct trapframe *tf,
                           uint32_t fpstate, uint32_t cr2)
{
    *sc = (struct k_sigcontext){
        .gs = tf->gs, .fs = tf->fs, .es = tf->es, .ds = tf->ds,
        .edi = tf->edi, .esi = tf->esi, .ebp = tf->ebp, .esp = tf->user_esp,
        .ebx = tf->ebx, .edx = tf->edx, .ecx = tf->ecx, .eax = tf->eax,
        .trapno = tf->vector, .err = tf->error, .eip = tf->eip, .cs = tf->cs,
        .eflags = tf->eflags, .esp_at_signal = tf->user_esp, .ss = tf->user_ss,
        .fpstate = fpstate, .cr2 = cr2,
    };
}

static int on_altstack(const struct proc *p, uint32_t sp)
{
    const k_stack_t *s = &p->sig.altstack;
    return s->ss_size && sp - s->ss_sp <= s->ss_size;
}

/* Where the frame goes: the alternate stack for an SA_ONSTACK handler
 * (unless already on it), else below the interrupted code's stack. */
static uint32_t stack_top(const struct proc *p, const struct trapframe *tf, int sig)
{
    const k_stack_t *s = &p->sig.altstack;
    if ((signal_action(p, sig)->flags & SA_ONSTACK) && s->ss_size &&
        !(s->ss_flags & SS_DISABLE) && !on_altstack(p, tf->user_esp))
        return s->ss_sp + s->ss_size;
    return tf->user_esp;
}

/* The FPU state to the user stack at fp; the handler gets a clean one. */
static int push_fpu(struct proc *p, uint32_t fp)
{
    if (fpu_owner == p) {
        fpu_save(&p->fpu);
        fpu_owner = 0;                  /* its next use loads the clean state */
        fpu_trap_next_use(1);
    }
    uint8_t legacy[FP_LEGACY_SIZE] = { 0 };
    if (copy_to_user(fp, legacy, sizeof legacy) < 0 ||
        copy_to_user(fp + FP_LEGACY_SIZE, &p->fpu, FPU_STATE_SIZE) < 0)
        return -EFAULT;
    fpu_clean_state(&p->fpu);
    return 0;
}

int sigframe_push(struct trapframe *tf, int sig, const struct sig_info *info,
                  sigset64_t saved_mask)
{
    struct proc *p = current;
    const struct k_sigaction *a = signal_action(p, sig);
    int rt = (a->flags & SA_SIGINFO) != 0;
    uint32_t size = rt ? sizeof(struct rt_sigframe) : sizeof(struct sigframe);
    uint32_t top = stack_top(p, tf, sig);
    uint32_t fp = (top - FP_FRAME_SIZE) & ~15u;
    uint32_t frame = ((fp - size + 4) & ~15u) - 4;  /* esp + 4 16-aligned, as after a call */
    if (top < 2 * FP_FRAME_SIZE || push_fpu(p, fp) < 0)
        return -EFAULT;
    uint32_t cr2 = tf->vector == T_PAGE_FAULT ? info->addr : 0;
    uint32_t retcode;
    if (rt) {
        struct rt_sigframe f = { .sig = sig, 
            .pinfo = frame + __builtin_offsetof(struct rt_sigframe, info),
            .puc = frame + __builtin_offsetof(struct rt_sigframe, uc) };
        f.info.si_signo = sig;
        f.info.si_code = info->code;
        if (info->code > 0 && sig != SIGCHLD)
            f.info.u.addr = info->addr;
        else
            f.info.u.child.pid = info->pid, f.info.u.child.status = info->status;
        f.uc.uc_stack = p->sig.altstack;
        if (on_altstack(p, tf->user_esp))
            f.uc.uc_stack.ss_flags = SS_ONSTACK;
        save_registers(&f.uc.uc_mcontext, tf, fp, cr2);
        f.uc.uc_mcontext.oldmask = (uint32_t)saved_mask;
        f.uc.uc_sigmask = saved_mask;
        write_retcode(f.retcode, 1);
        retcode = frame + __builtin_offsetof(struct rt_sigframe, retcode);
        f.pretcode = (a->flags & SA_RESTORER) ? a->restorer : retcode;
        if (copy_to_user(frame, &f, sizeof f) < 0)
            return -EFAULT;
        tf->edx = f.pinfo;              /* for handlers that take arguments */
        tf->ecx = f.puc;                /* in registers (regparm) */
    } else {
        struct sigframe f = { .sig = sig, .extramask = (uint32_t)(saved_mask >> 32) };
        save_registers(&f.sc, tf, fp, cr2);
        f.sc.oldmask = (uint32_t)saved_mask;
        write_retcode(f.retcode, 0);
        retcode = frame + __builtin_offsetof(struct sigframe, retcode);
        f.pretcode = (a->flags & SA_RESTORER) ? a->restorer : retcode;
        if (copy_to_user(frame, &f, sizeof f) < 0)
            return -EFAULT;
    }
    tf->eax = (uint32_t)sig;
    tf->eip = a->handler;
    tf->user_esp = frame;
    tf->eflags &= ~(EFLAGS_TF | EFLAGS_DF);
    tf->cs = SEG_UCODE;
    tf->ds = tf->es = tf->user_ss = SEG_UDATA;
    return 0;
}

/* A data selector a program may hold: none, the user data segment, or
 * one of its TLS entries that it has set, at privilege 3. Anything else
 * (an unset entry too) would fault in the kernel as the registers are
 * loaded. */
static int user_selector_ok(const struct proc *p, uint16_t sel)
{
    uint16_t index = sel >> 3;
    if (sel == 0 || sel == SEG_UDATA)
        return 1;
    return (sel & 7) == 3 && index >= GDT_TLS_FIRST && index < GDT_TLS_FIRST + TLS_ENTRIES &&
           !tls_is_free(&p->tls[index - GDT_TLS_FIRST]);
}

static int restore_fpu(struct proc *p, uint32_t fp)
{
    if (!fp)
        return 0;
    struct fpu_state s;
    if (copy_from_user(&s, fp + FP_LEGACY_SIZE, FPU_STATE_SIZE) < 0)
        return -EFAULT;
    uint32_t mxcsr;
    memcpy(&mxcsr, s.bytes + MXCSR_OFFSET, 4);
    mxcsr &= MXCSR_VALID;               /* a reserved bit set would #GP in FXRSTOR */
    memcpy(s.bytes + MXCSR_OFFSET, &mxcsr, 4);
    p->fpu = s;
    if (fpu_owner == p) {
        fpu_owner = 0;                  /* its next use loads this state */
        fpu_trap_next_use(1);
    }
    return 0;
}

static int restore_registers(const struct proc *p, struct trapframe *tf,
                             const struct k_sigcontext *sc)
{
    if (!user_selector_ok(p, sc->gs) || !user_selector_ok(p, sc->fs) ||
        !user_selector_ok(p, sc->es) || !user_selector_ok(p, sc->ds))
        return -EFAULT;
    tf->gs = sc->gs, tf->fs = sc->fs, tf->es = sc->es, tf->ds = sc->ds;
    tf->edi = sc->edi, tf->esi = sc->esi, tf->ebp = sc->ebp, tf->user_esp = sc->esp;
    tf->ebx = sc->ebx, tf->edx = sc->edx, tf->ecx = sc->ecx, tf->eax = sc->eax;
    tf->eip = sc->eip;
    tf->eflags = (tf->eflags & ~EFLAGS_USER) | (sc->eflags & EFLAGS_USER);
    tf->cs = SEG_UCODE;
    tf->user_ss = SEG_UDATA;
    return 0;
}

int sigframe_pop(struct trapframe *tf, int rt)
{
    struct proc *p = current;
    struct k_sigcontext sc;
    sigset64_t mask;
    if (rt) {
        /* The handler's ret took pretcode: the frame is 4 bytes lower. */
        struct k_ucontext uc;
        uint32_t frame = tf->user_esp - 4;
        if (copy_from_user(&uc, frame + __builtin_offsetof(struct rt_sigframe, uc),
                           sizeof uc) < 0)
            return -EFAULT;
        sc = uc.uc_mcontext;
        mask = uc.uc_sigmask;
    } else {
        /* ... and the restorer popped the signal number too. */
        struct sigframe f;
        uint32_t frame = tf->user_esp - 8;
        if (copy_from_user(&f, frame, sizeof f) < 0)
            return -EFAULT;
        sc = f.sc;
        mask = ((sigset64_t)f.extramask << 32) | f.sc.oldmask;
    }
    if (restore_fpu(p, sc.fpstate) < 0 || restore_registers(p, tf, &sc) < 0)
        return -EFAULT;
    p->sig.blocked = mask & ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
    return 0;
}
