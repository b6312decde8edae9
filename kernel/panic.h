/* The end of the line for a kernel bug: report everything, then stop. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <stdint.h>
#include "kernel/x86/trap.h"

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* A CPU exception in ring 0: always a kernel bug. */
void panic_trap(const struct trapframe *tf) __attribute__((noreturn));
/* Print a symbolized backtrace from a frame pointer. */
void backtrace(uint32_t eip, uint32_t ebp);

#define KASSERT(cond) \
    do { if (!(cond)) panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); } while (0)

#endif
