/*
 * Round robin: a doubly linked FIFO of runnable processes. Enqueue at the
 * tail, pick at the head, remove from anywhere: all O(1), whatever the
 * number of processes. The switch itself is context_switch
 * (kernel/x86/switch.S): from one process's kernel stack straight to the
 * next one's, with no scheduler thread in between.
 *
 * The kernel preempts itself only at chosen points: interrupts are off
 * whenever the CPU is in ring 0 (every IDT gate is an interrupt gate),
 * except in the idle loop's "sti; hlt" and the short windows of
 * kernel/preempt.h, where only the interrupts' device halves run. A tick
 * that finds the slice used up only sets a flag; trap() acts on it just
 * before returning to ring 3, and a long system call at its
 * preempt_point.
 */
#include "kernel/proc/sched.h"
#include "kernel/proc/proc.h"
#include "kernel/panic.h"
#include "kernel/trace.h"
#include "kernel/preempt.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/io.h"

extern pde_t kernel_pgdir[];
void context_switch(struct context **save, struct context *load);

static struct proc *head, *tail;
static int queue_length;
static struct proc idle;        /* the boot thread, pid 0, never queued */
static uint32_t slice;
int need_resched;                /* read inline by proc_trap_exit (proc.h) */

struct proc *current = &idle;

void sched_init(uint32_t slice_ticks)
{
    slice = slice_ticks ? slice_ticks : 1;
    idle.state = P_RUNNING;
    idle.pid = 0;
}

void sched_enqueue(struct proc *p)
{
    p->state = P_RUNNABLE;
    p->run_next = 0;
    p->run_prev = tail;
    if (tail)
        tail->run_next = p;
    else
        head = p;
    tail = p;
    queue_length++;
}

void sched_remove(struct proc *p)
{
    if (p->state != P_RUNNABLE)
        return;
    if (p->run_prev)
        p->run_prev->run_next = p->run_next;
    else
        head = p->run_next;
    if (p->run_next)
        p->run_next->run_prev = p->run_prev;
    else
        tail = p->run_prev;
    p->run_next = p->run_prev = 0;
    queue_length--;
}

static struct proc *pick_next(void)
{
    struct proc *p = head;
    if (!p)
        return &idle;
    sched_remove(p);
    return p;
}

void schedule(void)
{
    struct proc *prev = current;
    if (prev->state == P_RUNNING && prev != &idle)
        sched_enqueue(prev);
    struct proc *next = pick_next();
    need_resched = 0;
    if (next == prev) {                 /* nobody else: a fresh slice */
        prev->state = P_RUNNING;
        prev->slice_left = slice;
        return;
    }
    current = next;
    next->state = P_RUNNING;
    trace_event("run", next == &idle ? 0 : next, 0);
    next->slice_left = slice;
    if (next != &idle) {
        tss_set_kernel_stack(next->kstack_top);
        vm_activate(next->pgdir);
        gdt_switch_tls(next->tls);      /* its thread-local storage */
        fpu_trap_next_use(next != fpu_owner);
    }
    context_switch(&prev->context, next->context);
}

void sched_tick(void)
{
    if (current == &idle)
        return;
    current->cpu_ticks++;
    if (--current->slice_left == 0)
        need_resched = 1;
}

void sched_preempt_soon(void)
{
    need_resched = 1;
}

int sched_need_resched(void)
{
    return need_resched || (current == &idle && head);
}

void sched_idle_loop(void)
{
    irq_windows_open();
    for (;;) {
        if (irq_work_pending)
            irq_deferred_work();    /* deadlines due, console bytes */
        if (head) {
            schedule();
        } else {
            irqs_on();
            sti_hlt_cli();
            irqs_off();
        }
    }
}

int sched_queue_length(void)
{
    return queue_length;
}
