/*
 * kmain: boot/entry.S calls it on the boot stack, in the higher half,
 * with interrupts off. It brings the subsystems up bottom to top.
 */
#include "kernel/console.h"
#include "kernel/multiboot.h"
#include "kernel/cmdline.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/selftest.h"
#include "kernel/vm.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/trap.h"
#include "kernel/x86/pic.h"
#include "kernel/x86/pit.h"
#include "kernel/x86/io.h"

#ifndef HZ
#define HZ 100          /* the build sets it: make HZ=250 */
#endif

#define KERNEL_NAME    "Warden"
#define KERNEL_VERSION "0.1"

static struct boot_info boot_info;

void kmain(uint32_t magic, uint32_t info_phys);

void kmain(uint32_t magic, uint32_t info_phys)
{
    console_init();
    gdt_init();
    idt_init();
    if (multiboot_parse(magic, info_phys, &boot_info) < 0)
        panic("cannot boot without valid multiboot information");
    cmdline_init(boot_info.cmdline);
    kvm_init();
    pic_init();
    pit_init(cmdline_uint("hz", HZ));
    pic_unmask(IRQ_TIMER);

    kprintf("%s %s: a kernel that supervises its processes\n", KERNEL_NAME, KERNEL_VERSION);
    kprintf("memory: %u MiB usable, %d boot modules, timer %u Hz\n",
            (uint32_t)(boot_info.usable_bytes >> 20), boot_info.nmodules, pit_hz());
    kprintf("command line: %s\n", boot_info.cmdline);

    const char *test = cmdline_get("test");
    if (test)
        selftest_run(test);

    kprintf("nothing to run yet: halting\n");
    power_off(0);
}
