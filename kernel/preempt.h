/*
 * Bounding how long interrupts stay off. The kernel runs with interrupts
 * off (one CPU, no locks), so a long piece of kernel work would hold back
 * the timer, the serial line and the keyboard. Long loops call one of
 * these between units of work, at a point where their own data is
 * consistent (docs/hardening.md, "Interrupt latency").
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

/* Let pending interrupts in for a moment. Only the device halves of the
 * handlers run there (counting the tick, moving serial and keyboard
 * bytes); what changes processes waits for a safe point. Callable from
 * anywhere, including a deadline's fire function. */
void irq_window(void);

/* In a system call, in process context: an irq_window, then a switch to
 * the next process if the slice is used up. The caller must hold nothing
 * another process could need (no half-built state) across it. */
void preempt_point(void);

#endif
