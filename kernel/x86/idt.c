/*
 * The interrupt descriptor table: one gate for each of the 256 vectors.
 *
 * Every gate is an interrupt gate, so the CPU clears IF on entry and the
 * kernel runs with interrupts off, but for the short windows it opens on
 * purpose (kernel/preempt.h; see docs/traps.md). Only the
 * system call vector 0x80 and the breakpoint vector 3 may be raised by
 * ring 3 with "int n" (DPL 3); "int n" on any other vector from ring 3
 * is a general protection fault. The double fault is a task gate: it
 * gets a fresh stack even when the kernel stack is gone.
 */
#include "kernel/x86/trap.h"
#include "kernel/x86/gdt.h"

#define IDT_ENTRIES      256
#define GATE_INTERRUPT   0x8E    /* present, DPL 0, 32-bit interrupt gate */
#define GATE_USER        0xEE    /* present, DPL 3, 32-bit interrupt gate */
#define GATE_TASK        0x85    /* present, DPL 0, task gate */

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t  zero;
    uint8_t  type;
    uint16_t offset_high;
} __attribute__((packed));

struct idt_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

static struct idt_gate idt[IDT_ENTRIES];
extern const uint32_t trap_vectors[IDT_ENTRIES];   /* trapentry.S */

static void set_gate(int v, uint32_t offset, uint16_t selector, uint8_t type)
{
    idt[v].offset_low = offset & 0xFFFF;
    idt[v].selector = selector;
    idt[v].zero = 0;
    idt[v].type = type;
    idt[v].offset_high = offset >> 16;
}

void idt_init(void)
{
    for (int v = 0; v < IDT_ENTRIES; v++)
        set_gate(v, trap_vectors[v], SEG_KCODE, GATE_INTERRUPT);
    set_gate(T_BREAKPOINT, trap_vectors[T_BREAKPOINT], SEG_KCODE, GATE_USER);
    set_gate(T_SYSCALL, trap_vectors[T_SYSCALL], SEG_KCODE, GATE_USER);
    set_gate(T_DOUBLE, 0, SEG_DF_TSS, GATE_TASK);

    struct idt_pointer ip = { sizeof idt - 1, (uint32_t)idt };
    __asm__ volatile("lidt %0" : : "m"(ip));
}

static const char *const exception_names[32] = {
    "divide error", "debug", "non-maskable interrupt", "breakpoint",
    "overflow", "bound range exceeded", "invalid opcode",
    "device not available", "double fault", "coprocessor segment overrun",
    "invalid TSS", "segment not present", "stack-segment fault",
    "general protection fault", "page fault", "reserved",
    "x87 floating-point error", "alignment check", "machine check",
    "SIMD floating-point error", "virtualization exception",
    "control protection exception",
};

const char *trap_name(uint32_t vector)
{
    if (vector < 32)
        return exception_names[vector] ? exception_names[vector] : "reserved";
    if (vector >= T_IRQ0 && vector < T_IRQ0 + 16)
        return "hardware interrupt";
    if (vector == T_SYSCALL)
        return "system call";
    return "software interrupt";
}
