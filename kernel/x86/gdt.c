/*
 * Segmentation, set up once and then forgotten: flat 4 GiB code and data
 * segments for ring 0 and ring 3 (paging does the real protection), and
 * two task-state segments. Only the three TLS entries change: each
 * process has its own (kernel/x86/tls.c), and the scheduler copies them
 * in at every switch (gdt_set_tls).
 *
 * The main TSS tells the CPU which kernel stack to switch to when an
 * interrupt arrives in ring 3 (esp0). Its I/O bitmap offset points past
 * the segment's end, so ring 3 has no I/O port at all (SDM Vol. 1, 19.5.2).
 *
 * The second TSS belongs to the double-fault task. A kernel stack overflow
 * page-faults on the guard page, and the CPU cannot push the page fault's
 * frame on that same stack, so it raises a double fault. Only a task
 * switch, which loads a fresh stack from a TSS, can handle that.
 */
#include "kernel/x86/gdt.h"
#include "kernel/x86/trap.h"
#include "kernel/x86/mmu.h"
#include "kernel/x86/io.h"
#include "lib/string.h"

#define GDT_ENTRIES 10     /* 0 null, 1-4 flat, 5 TSS, 6-8 TLS, 9 double-fault TSS */

/* Access bytes (SDM Vol. 3A, 3.4.5): present, DPL, type. */
#define ACC_KCODE   0x9A
#define ACC_KDATA   0x92
#define ACC_UCODE   0xFA
#define ACC_UDATA   0xF2
#define ACC_TSS     0x89        /* 32-bit available TSS */
#define FLAGS_4K_32 0xC         /* 4 KiB granularity, 32-bit segment */

struct gdt_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

static struct gdt_entry gdt[GDT_ENTRIES];
static struct tss main_tss;
static struct tss df_tss;
static uint8_t df_stack[4096] __attribute__((aligned(16)));

extern uint32_t kernel_pgdir[];

static void set_entry(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[i].limit_low = limit & 0xFFFF;
    gdt[i].base_low = base & 0xFFFF;
    gdt[i].base_mid = (base >> 16) & 0xFF;
    gdt[i].access = access;
    gdt[i].limit_high_flags = ((limit >> 16) & 0x0F) | (flags << 4);
    gdt[i].base_high = (base >> 24) & 0xFF;
}

static void init_double_fault_task(void)
{
    memset(&df_tss, 0, sizeof df_tss);
    df_tss.cr3 = (uint32_t)kernel_pgdir - 0xC0000000u;
    df_tss.eip = (uint32_t)double_fault_task;
    df_tss.eflags = 0x2;            /* bit 1 is reserved and always set */
    df_tss.esp = (uint32_t)(df_stack + sizeof df_stack);
    df_tss.cs = SEG_KCODE;
    df_tss.ss = df_tss.ds = df_tss.es = df_tss.fs = df_tss.gs = SEG_KDATA;
    df_tss.iomap_base = sizeof df_tss;
}

void gdt_init(void)
{
    set_entry(0, 0, 0, 0, 0);
    set_entry(1, 0, 0xFFFFF, ACC_KCODE, FLAGS_4K_32);
    set_entry(2, 0, 0xFFFFF, ACC_KDATA, FLAGS_4K_32);
    set_entry(3, 0, 0xFFFFF, ACC_UCODE, FLAGS_4K_32);
    set_entry(4, 0, 0xFFFFF, ACC_UDATA, FLAGS_4K_32);

    memset(&main_tss, 0, sizeof main_tss);
    main_tss.ss0 = SEG_KDATA;
    main_tss.iomap_base = sizeof main_tss;     /* no I/O bitmap */
    set_entry(5, (uint32_t)&main_tss, sizeof main_tss - 1, ACC_TSS, 0);

    init_double_fault_task();
    set_entry(SEG_DF_TSS >> 3, (uint32_t)&df_tss, sizeof df_tss - 1, ACC_TSS, 0);

    struct gdt_pointer gp = { sizeof gdt - 1, (uint32_t)gdt };
    __asm__ volatile(
        "lgdt %0\n\t"
        "mov %w1, %%ds\n\t mov %w1, %%es\n\t mov %w1, %%fs\n\t"
        "mov %w1, %%gs\n\t mov %w1, %%ss\n\t"
        "ljmp %2, $1f\n"           /* reload cs with the new code segment */
        "1:\n\t"
        "ltr %w3"
        : : "m"(gp), "r"(SEG_KDATA), "i"(SEG_KCODE), "r"(SEG_TSS) : "memory");
}

/*
 * Install a process's TLS descriptors. fs and gs are then loaded with the
 * null selector: they may still hold a selector of the previous
 * process's TLS entries, and an interrupt in the kernel saves and
 * reloads them, which would fault in ring 0 if that entry is now empty.
 * A process's own fs and gs come back from its trap frame on the way to
 * ring 3.
 *
 * The scheduler calls it through gdt_switch_tls (gdt.h), which skips
 * the common switch between two processes without TLS.
 */
int gdt_tls_in_use;

void gdt_set_tls(const struct gdt_entry tls[TLS_ENTRIES])
{
    for (int i = 0; i < TLS_ENTRIES; i++)
        gdt[GDT_TLS_FIRST + i] = tls[i];
    gdt_tls_in_use = (tls[0].access | tls[1].access | tls[2].access) != 0;
    __asm__ volatile("mov %w0, %%fs\n\t mov %w0, %%gs" : : "r"(0) : "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
    main_tss.esp0 = esp0;
}

const struct tss *tss_faulting_state(void)
{
    return &main_tss;
}
