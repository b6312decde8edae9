/*
 * trap(): where every interrupt, exception and system call arrives, with
 * the interrupted state in a struct trapframe (kernel/x86/trap.h). It
 * only sorts the event and hands it on.
 */
#include "kernel/x86/trap.h"
#include "kernel/x86/pic.h"
#include "kernel/x86/pit.h"
#include "kernel/panic.h"
#include "kernel/console.h"

static void irq(int n)
{
    if ((n == IRQ_SPURIOUS_MASTER || n == IRQ_SPURIOUS_SLAVE) && pic_spurious(n))
        return;
    pic_eoi(n);
    switch (n) {
    case IRQ_TIMER:
        pit_tick();
        break;
    default:
        break;
    }
}

void trap(struct trapframe *tf)
{
    if (tf->vector >= T_IRQ0 && tf->vector < T_IRQ0 + 16) {
        irq((int)(tf->vector - T_IRQ0));
        return;
    }
    if (!trap_from_user(tf))
        panic_trap(tf);
    panic("trap %u from ring 3: user mode is not there yet", tf->vector);
}
