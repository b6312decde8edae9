/*
 * trap(): where every interrupt, exception and system call arrives, with
 * the interrupted state in a struct trapframe (kernel/x86/trap.h). It
 * sorts the event, hands it on, and, when the trap came from ring 3,
 * runs the interrupts' deferred work and lets the process code finish
 * its business (an end, a slice used up) before trap_return goes back
 * to user mode.
 *
 * An interrupt handler here is only its device half (count the tick,
 * move the serial and keyboard bytes): an interrupt may arrive in the
 * middle of kernel work, in an irq_window (kernel/preempt.h), where
 * processes must not change under the kernel's feet.
 */
#include "kernel/x86/trap.h"
#include "kernel/x86/pic.h"
#include "kernel/x86/pit.h"
#include "kernel/x86/io.h"
#include "kernel/panic.h"
#include "kernel/dev/console.h"
#include "kernel/dev/kbd.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sched.h"
#include "kernel/sys/syscall.h"
#include "kernel/preempt.h"

static void irq(int n)
{
    if ((n == IRQ_SPURIOUS_MASTER || n == IRQ_SPURIOUS_SLAVE) && pic_spurious(n))
        return;
    pic_eoi(n);
    switch (n) {
    case IRQ_TIMER:
        pit_tick();
        sched_tick();
        irq_work_pending = 1;       /* deadlines may be due */
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
 * 0 when it was; else -EFAULT, -ENOMEM or VM_OVER_LIMIT (kernel/mm/vm.h). */
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
    irqs_off();     /* a trap came in, so interrupts were on (or we panic) */
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

    if (trap_from_user(tf)) {
        if (irq_work_pending)
            irq_deferred_work();
        proc_trap_exit();
    }
    irqs_on();
}
