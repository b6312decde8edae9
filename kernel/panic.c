/*
 * Panic: the kernel found its own invariants broken, or took a CPU
 * exception in ring 0. It prints why, every register, and a backtrace
 * with function names, then powers off with POWER_PANIC so that a test
 * (or a person) sees a clear verdict instead of a silent reboot.
 *
 * The backtrace follows the chain of saved frame pointers: every function
 * compiled with frame pointers starts with "push %ebp; mov %esp, %ebp",
 * so [ebp] is the caller's ebp and [ebp + 4] the return address.
 */
#include <stdarg.h>
#include "kernel/panic.h"
#include "kernel/dev/console.h"
#include "kernel/ksyms.h"
#include "kernel/power.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/io.h"
#include "kernel/mm/vm.h"
#include "kernel/x86/mmu.h"

#define BACKTRACE_MAX_DEPTH 16

static void print_location(int depth, uint32_t addr, uint32_t lookup)
{
    uint32_t offset;
    const char *name = ksym_lookup(lookup, &offset);
    if (name)
        kprintf("  #%d 0x%08x %s+0x%x\n", depth, addr, name, offset + (addr - lookup));
    else
        kprintf("  #%d 0x%08x ??\n", depth, addr);
}

/* Never fault while reporting a fault: read only mapped kernel memory. */
static int plausible_frame(uint32_t ebp)
{
    return (ebp & 3) == 0 && kvm_readable(ebp) && kvm_readable(ebp + 4);
}

void backtrace(uint32_t eip, uint32_t ebp)
{
    kprintf("backtrace:\n");
    print_location(0, eip, eip);
    for (int depth = 1; depth < BACKTRACE_MAX_DEPTH && plausible_frame(ebp); depth++) {
        uint32_t *frame = (uint32_t *)ebp;
        uint32_t ret = frame[1];
        if (ret < KERNEL_BASE)
            break;
        /* ret - 1 lies inside the call instruction, hence in the caller,
         * even when the call was the caller's last instruction. */
        print_location(depth, ret, ret - 1);
        ebp = frame[0];
    }
}

static void print_control_registers(void)
{
    kprintf("  cr0=%08x cr2=%08x cr3=%08x cr4=%08x\n",
            read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static void begin(void)
{
    cli();
    console_panic();            /* what was queued, then every byte at once */
    console_color(VGA_LIGHT_RED);
}

static void end(void) __attribute__((noreturn));
static void end(void)
{
    kprintf("kernel stopped\n");
    power_off(POWER_PANIC);
}

void panic(const char *fmt, ...)
{
    uint32_t ebx, esi, edi, esp;
    __asm__ volatile("mov %%ebx, %0; mov %%esi, %1; mov %%edi, %2; mov %%esp, %3"
                     : "=m"(ebx), "=m"(esi), "=m"(edi), "=m"(esp));
    begin();
    kprintf("\npanic: ");
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\nregisters at the call:\n  ebx=%08x esi=%08x edi=%08x ebp=%08x esp=%08x\n",
            ebx, esi, edi, read_ebp(), esp);
    print_control_registers();
    uint32_t *frame = (uint32_t *)read_ebp();
    backtrace(frame[1], frame[0]);
    end();
}

void panic_trap(const struct trapframe *tf)
{
    begin();
    kprintf("\npanic: %s (vector %u) in ring 0\n", trap_name(tf->vector), tf->vector);
    kprintf("  error code 0x%x", tf->error);
    if (tf->vector == T_PAGE_FAULT)
        kprintf(", faulting address (cr2) 0x%08x", read_cr2());
    kprintf("\nregisters:\n");
    kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n",
            tf->esi, tf->edi, tf->ebp, (uint32_t)&tf->user_esp);
    kprintf("  eip=%08x eflags=%08x cs=%04x ds=%04x es=%04x fs=%04x gs=%04x\n",
            tf->eip, tf->eflags, tf->cs, tf->ds, tf->es, tf->fs, tf->gs);
    print_control_registers();
    backtrace(tf->eip, tf->ebp);
    end();
}

/* The boot stack's guard page (boot/entry.S), which idle-time
 * interrupts run into too. */
#define BOOT_STACK_GUARD (BOOT_STACK_TOP - KSTACK_SIZE - PAGE_SIZE)

/*
 * The double-fault task (see gdt.c). The CPU saved the state of the code
 * that faulted into the main TSS when it switched here.
 */
void double_fault_task(void)
{
    const struct tss *t = tss_faulting_state();
    begin();
    kprintf("\npanic: double fault (vector 8): a kernel stack overflow?\n");
    if (read_cr2() - BOOT_STACK_GUARD < PAGE_SIZE)
        kprintf("the boot stack overflowed into its guard page\n");
    kprintf("registers:\n");
    kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", t->eax, t->ebx, t->ecx, t->edx);
    kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", t->esi, t->edi, t->ebp, t->esp);
    kprintf("  eip=%08x eflags=%08x\n", t->eip, t->eflags);
    print_control_registers();
    backtrace(t->eip, t->ebp);
    end();
}
