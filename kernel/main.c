/*
 * kmain: boot/entry.S calls it on the boot stack, in the higher half,
 * with interrupts off. It brings the subsystems up bottom to top.
 */
#include "kernel/dev/console.h"
#include "kernel/multiboot.h"
#include "kernel/cmdline.h"
#include "kernel/version.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/selftest.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/frame.h"
#include "kernel/fs/initrd.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/pid.h"
#include "kernel/mm/oom.h"
#include "kernel/proc/sched.h"
#include "kernel/guard/guardian.h"
#include "kernel/trace.h"
#include "kernel/status.h"
#include "kernel/fs/file.h"
#include "kernel/preempt.h"
#include "kernel/random.h"
#include "kernel/sys/syscall.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/trap.h"
#include "kernel/x86/pic.h"
#include "kernel/x86/pit.h"
#include "kernel/x86/rtc.h"
#include "kernel/x86/io.h"

#ifndef HZ
#define HZ 100          /* the build sets it: make HZ=250 */
#endif

#define DEFAULT_INIT   "/bin/init"

static struct boot_info boot_info;

/* init=PATH (default /bin/init) with the words after "--" as arguments,
 * and the NAME=value words in its environment. */
static void start_init(void)
{
    const char *argv[SPAWN_MAX_ARGS], *env[ENV_MAX_VARS];
    argv[0] = cmdline_get("init") ? cmdline_get("init") : DEFAULT_INIT;
    int argc = 1 + cmdline_init_args(argv + 1, SPAWN_MAX_ARGS - 1);
    int envc = cmdline_env(env, ENV_MAX_VARS);
    int pid = proc_start_init(argv[0], argv, argc, env, envc);
    if (pid < 0) {
        kprintf("no init: powering off\n");
        power_off(POWER_INIT_FAILED);
    }
}

/* memlimit=N: every process's default memory limit, N KiB, or N with a
 * suffix K, M or G (KiB, MiB, GiB); absent, 0, not a number or 4 GiB or
 * more: MEM_DEFAULT_PERCENT (75%) of RAM. */
static uint32_t memlimit_kb(void)
{
    const char *v = cmdline_get("memlimit");
    uint32_t n = 0;
    if (!v)
        return 0;
    for (; *v >= '0' && *v <= '9'; v++) {
        if (n > (UINT32_MAX - 9) / 10)
            return 0;               /* absurdly large: the default */
        n = n * 10 + (uint32_t)(*v - '0');
    }
    uint32_t scale = *v == 'G' ? 1024 * 1024 : *v == 'M' ? 1024 : 1;
    if (*v == 'K' || scale > 1)
        v++;
    if (*v != '\0' || n >= UINT32_MAX / scale)
        return 0;                   /* not a size: the default */
    return n * scale;
}

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
    frame_init(&boot_info);
    initrd_init(&boot_info);
    fpu_init();
    pic_init();
    pit_init(cmdline_uint("hz", HZ));
    proc_init(cmdline_uint("procs", PROC_DEFAULT));
    pid_init(cmdline_uint("pidmax", PID_MAX_DEFAULT));
    mem_init(memlimit_kb());
    file_init();
    sched_init(cmdline_uint("slice", 1));
    guardian_init(cmdline_get("quiet") != 0);
    trace_init(cmdline_get("trace") != 0);
    irqwatch_enabled = cmdline_get("irqwatch") != 0;
    syscall_init(cmdline_get("enosys") != 0);
    if (!cmdline_get("nostatus"))
        status_init();
    pic_unmask(IRQ_TIMER);
    pic_unmask(IRQ_COM1);
    pic_unmask(IRQ_KBD);

    kprintf("%s %s: a kernel that supervises its processes\n", KERNEL_NAME, KERNEL_VERSION);
    kprintf("memory: %u MiB usable, %u free frames, %d boot modules, %d files, timer %u Hz\n",
            (uint32_t)(boot_info.usable_bytes >> 20), frame_free_count(),
            boot_info.nmodules, initrd_count(), pit_hz());
    kprintf("command line: %s\n", boot_info.cmdline);
    rtc_init();
    random_mix(rtc_boot_ns());      /* the date seeds the generator */

    const char *test = cmdline_get("test");
    if (test)
        selftest_run(test);

    start_init();
    sched_idle_loop();
}
