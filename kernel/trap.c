/*
 * trap(): where every interrupt, exception and system call arrives, with
 * the interrupted state in a struct trapframe (kernel/x86/trap.h). It
 * sorts the event, hands it on, and, when the trap came from ring 3,
 * lets the process code finish its business (an end, a slice used up)
 * before trap_return goes back to user mode.
 */
#include "kernel/x86/trap.h"
#include "kernel/x86/pic.h"
#include "kernel/x86/pit.h"
#include "kernel/x86/io.h"
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/kbd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/timer.h"

static void irq(int n)
{
    if ((n == IRQ_SPURIOUS_MASTER || n == IRQ_SPURIOUS_SLAVE) && pic_spurious(n))
        return;
    pic_eoi(n);
    switch (n) {
    case IRQ_TIMER:
        pit_tick();
        timer_tick(pit_ticks());
        sched_tick();
        break;
    case IRQ_COM1:
        console_intr();
        break;
    case IRQ_KBD:
        kbd_intr();
        break;
    default:
        break;
    }
}

/* A stack page the process has not touched yet is mapped, not a fault:
 * 0 when it was; else -EFAULT, -ENOMEM or VM_OVER_LIMIT (kernel/vm.h). */
static int stack_growth(const struct trapframe *tf)
{
    if (tf->vector != T_PAGE_FAULT || (tf->error & PF_PRESENT))
        return -EFAULT;
    return vm_grow_stack(current->pgdir, read_cr2());
}

static void user_exception(struct trapframe *tf)
{
    int r = stack_growth(tf);
    if (r < 0)
        proc_fault(tf, r == VM_OVER_LIMIT ? REASON_MEM_LIMIT : REASON_NONE);
}

void trap(struct trapframe *tf)
{
    uint32_t v = tf->vector;
    if (v == T_SYSCALL)
        syscall_dispatch(tf);
    else if (v >= T_IRQ0 && v < T_IRQ0 + 16)
        irq((int)(v - T_IRQ0));
    else if (v == T_NMI)
        kprintf("trap: non-maskable interrupt ignored\n");
    else if (!trap_from_user(tf))
        panic_trap(tf);
    else if (v == T_NO_FPU)
        proc_fpu_claim();
    else
        user_exception(tf);

    if (trap_from_user(tf))
        proc_trap_exit();
}
