/*
 * Self tests that need the kernel itself, not a user program: they prove
 * that a bug in ring 0 ends in a readable panic, and that the clock runs
 * at the configured rate. The scenario tests in tests/scenarios/ select
 * one with test=NAME and check what it prints.
 */
#include "kernel/selftest.h"
#include "kernel/dev/console.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/x86/io.h"
#include "kernel/x86/pit.h"
#include "kernel/mm/vm.h"
#include "lib/string.h"

#define NS_PER_MS 1000000u

/* Kept out of line so that the backtrace shows them by name. The quotient
 * is stored in the frame, so the compiler cannot take the frame down
 * (`leave`) before the division, and the backtrace stays whole. */
__attribute__((noinline)) static int selftest_divide_error(void)
{
    volatile int dividend = 7, zero = 0;   /* volatile: no constant folding */
    volatile int quotient = dividend / zero;   /* cppcheck-suppress zerodiv ; NOLINT: the point of the test */
    return quotient;
}

__attribute__((noinline)) static int selftest_page_fault(void)
{
    volatile uintptr_t unmapped = 0x10;     /* NULL + 16: never mapped */
    return *(volatile int *)unmapped;
}

/* Recurse until the kernel stack runs into its guard page: the CPU cannot
 * push the page fault's frame, raises a double fault, and the double-fault
 * task (a fresh stack, kernel/x86/gdt.c) panics. test=kstack runs it on a
 * process's kernel stack, test=bootstack on the boot stack (kmain's, and
 * the idle loop's), whose guard page boot/entry.S leaves unmapped. */
__attribute__((noinline)) static int selftest_stack_overflow(int depth)
{
    volatile char pad[512];
    pad[0] = (char)depth;
    if (depth >= 0)
        selftest_stack_overflow(depth + 1);
    return pad[0];
}

static void wait_next_tick(void)
{
    uint64_t t = pit_ticks();
    while (pit_ticks() == t)
        sti_hlt_cli();
}

/* Under QEMU's -icount shift=0 the TSC counts guest nanoseconds, so one
 * second of ticks must measure 1000 ms on it. Without -icount it counts
 * the host's cycles, and its figure means nothing: the line says so. */
static void selftest_ticks(void)
{
    wait_next_tick();
    uint64_t t0 = pit_ticks(), ms0 = pit_ms(), tsc0 = rdtsc();
    while (pit_ticks() < t0 + pit_hz())
        sti_hlt_cli();
    uint64_t tsc_ms = (rdtsc() - tsc0) / NS_PER_MS;
    kprintf("selftest: %u ticks at %u Hz took %u ms by the clock, %u ms by the TSC"
            " (guest time only under QEMU's -icount)\n",
            pit_hz(), pit_hz(), (uint32_t)(pit_ms() - ms0), (uint32_t)tsc_ms);
}

/* Switch to a process slot's kernel stack (slot 0) and call fn there. */
static void on_process_stack(int (*fn)(int))
{
    uint32_t top = kstack_get(0);
    __asm__ volatile("mov %0, %%esp; push $0; call *%1" : : "r"(top), "r"(fn) : "memory");
}

void selftest_run(const char *name)
{
    if (strcmp(name, "divide") == 0)
        kprintf("selftest: %d\n", selftest_divide_error());
    else if (strcmp(name, "pagefault") == 0)
        kprintf("selftest: %d\n", selftest_page_fault());
    else if (strcmp(name, "kstack") == 0)
        on_process_stack(selftest_stack_overflow);
    else if (strcmp(name, "bootstack") == 0)
        selftest_stack_overflow(0);
    else if (strcmp(name, "ticks") == 0)
        selftest_ticks();
    else if (strcmp(name, "boot") != 0)
        panic("selftest: no test named '%s'", name);
    kprintf("selftest: %s passed\n", name);
    power_off(0);
}
