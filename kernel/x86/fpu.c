/*
 * The FPU is switched lazily: when the scheduler gives the CPU to a
 * process that does not own the FPU registers, it sets CR0.TS, and that
 * process's first FPU or SSE instruction raises #NM (device not
 * available). Only then does the kernel save the owner's registers and
 * load the newcomer's (kernel/proc/proc.c, proc_fpu_claim). A process that never
 * touches the FPU costs nothing at a switch. SDM Vol. 3A, 13.4 and 2.5.
 */
#include "kernel/x86/fpu.h"
#include "kernel/x86/mmu.h"
#include "kernel/x86/io.h"
#include "lib/string.h"

#define CPUID_FXSR  (1u << 24)
#define CPUID_SSE   (1u << 25)

static struct fpu_state clean;

static uint32_t cpuid_features(void)
{
    uint32_t a = 1, b, c, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    return d;
}

void fpu_init(void)
{
    uint32_t features = cpuid_features();
    write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE | CR0_AM);
    if ((features & (CPUID_FXSR | CPUID_SSE)) == (CPUID_FXSR | CPUID_SSE))
        write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit");
    fpu_save(&clean);
}

void fpu_clean_state(struct fpu_state *s)
{
    memcpy(s, &clean, sizeof *s);
}

void fpu_save(struct fpu_state *s)
{
    __asm__ volatile("fxsave %0" : "=m"(*s));
}

void fpu_restore(const struct fpu_state *s)
{
    __asm__ volatile("fxrstor %0" : : "m"(*s));
}

void fpu_trap_next_use(int on)
{
    uint32_t cr0 = read_cr0();
    if (on && !(cr0 & CR0_TS))
        write_cr0(cr0 | CR0_TS);
    else if (!on && (cr0 & CR0_TS))
        __asm__ volatile("clts");
}
