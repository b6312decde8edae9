/*
 * crash KIND: fault on purpose, to watch the kernel (and the guardian)
 * deal with it. `crash list` shows the kinds and the signal each should
 * end with, as Linux would report it. Two kinds cannot fault under
 * QEMU's emulator (TCG), which raises neither #AC nor SIMD exceptions:
 * there `crash align` and `crash sse` report that they did not crash.
 * `crash stash` is the bench's (restart_cycle_stash): under supervision
 * it keeps its one data page across restarts (docs/guardian.md,
 * section 14), then reads NULL like `crash null`.
 */
#include "user/lib/runtime.h"

#define KERNEL_ADDRESS 0xC0100000u

static volatile int sink;

static void null_read(void)   { sink = *(volatile int *)(uintptr_t)sink; }
static void null_write(void)  { *(volatile int *)(uintptr_t)sink = 1; }
static void kernel_read(void) { sink = *(volatile int *)KERNEL_ADDRESS; }
static void kernel_write(void) { *(volatile int *)KERNEL_ADDRESS = 1; }
static void text_write(void)  { *(volatile uint8_t *)(uintptr_t)&null_read = 0x90; }
static void divide(void)
{
    volatile int zero = 0;
    sink = 7 / zero;            /* cppcheck-suppress zerodiv ; NOLINT: on purpose */
}
static void invalid_op(void)  { __asm__ volatile("ud2"); }
static void breakpoint(void)  { __asm__ volatile("int3"); }
static void cli_insn(void)    { __asm__ volatile("cli"); }
static void hlt_insn(void)    { __asm__ volatile("hlt"); }
static void in_port(void)     { __asm__ volatile("inb $0x60, %%al" ::: "eax"); }
static void out_port(void)    { __asm__ volatile("outb %%al, $0x80" ::: "eax"); }
static void write_cr3(void)   { __asm__ volatile("mov %%eax, %%cr3" ::: "eax"); }
static void other_int(void)   { __asm__ volatile("int $0x41"); }
static void jump_kernel(void) { ((void (*)(void))KERNEL_ADDRESS)(); }
static void kernel_seg(void)  { __asm__ volatile("mov $0x10, %%ax; mov %%ax, %%ds" ::: "eax"); }

static void overflow(void)
{
    /* into traps when OF is set: 0x7fffffff + 1 overflows */
    __asm__ volatile("mov $0x7fffffff, %%eax; add $1, %%eax; into" ::: "eax", "cc");
}

static void bound(void)
{
    static int32_t limits[2] = { 10, 20 };
    __asm__ volatile("mov $5, %%eax; bound %%eax, %0" : : "m"(limits) : "eax");
}

static void single_step(void)
{
    /* Set the trap flag: the next instruction raises #DB. */
    __asm__ volatile("pushf; orl $0x100, (%%esp); popf; nop" ::: "cc", "memory");
}

static void alignment(void)
{
    /* With CR0.AM (kernel) and EFLAGS.AC (here) set, a misaligned access
     * in ring 3 raises #AC. */
    static char buf[8];
    __asm__ volatile("pushf; orl $0x40000, (%%esp); popf" ::: "cc", "memory");
    sink = *(volatile int *)(buf + 1);
}

static void x87_error(void)
{
    /* Unmask the x87 divide-by-zero exception, divide by zero: the error
     * is raised (#MF) at the next x87 instruction. */
    uint16_t cw = 0x037A;
    __asm__ volatile("fldcw %0; fld1; fldz; fdivrp; fwait" : : "m"(cw));
}

static void sse_error(void)
{
    /* Unmask SSE divide-by-zero in MXCSR, divide by zero: #XM. */
    uint32_t mxcsr = 0x1F80 & ~0x200u;
    float one = 1.0f, zero = 0.0f;
    __asm__ volatile("ldmxcsr %0; movss %1, %%xmm0; divss %2, %%xmm0"
                     : : "m"(mxcsr), "m"(one), "m"(zero));  /* xmm0: we die anyway */
}

static void recurse(int depth)
{
    volatile uint8_t pad[4096];
    pad[0] = (uint8_t)depth;
    if (sink != -1)             /* always: the stack runs out first */
        recurse(depth + 1);
    sink = pad[0];              /* work after the call: no tail call */
}

static void stack_overflow(void) { recurse(0); }

/* "int N" for any N: the instruction is built at run time, in the heap
 * (32-bit paging has no no-execute bit), since N is an immediate. */
static void software_interrupt(int n)
{
    static uint8_t *code;
    code = malloc(4);
    code[0] = 0xCD;             /* int imm8 */
    code[1] = (uint8_t)n;
    code[2] = 0xC3;             /* ret */
    ((void (*)(void))code)();
}

struct kind {
    const char *name;
    void (*crash)(void);
    int signal;
    const char *note;           /* for crash list, or NULL */
};

#define NOT_UNDER_QEMU "does not fault under QEMU's emulator"

static const struct kind kinds[] = {
    { "null", null_read, SIGSEGV, 0 },
    { "nullwrite", null_write, SIGSEGV, 0 },
    { "kread", kernel_read, SIGSEGV, 0 },
    { "kwrite", kernel_write, SIGSEGV, 0 },
    { "textwrite", text_write, SIGSEGV, 0 },
    { "divide", divide, SIGFPE, 0 },
    { "ud2", invalid_op, SIGILL, 0 },
    { "int3", breakpoint, SIGTRAP, 0 },
    { "step", single_step, SIGTRAP, 0 },
    { "into", overflow, SIGSEGV, 0 },
    { "bound", bound, SIGSEGV, 0 },
    { "cli", cli_insn, SIGSEGV, 0 },
    { "hlt", hlt_insn, SIGSEGV, 0 },
    { "in", in_port, SIGSEGV, 0 },
    { "out", out_port, SIGSEGV, 0 },
    { "cr3", write_cr3, SIGSEGV, 0 },
    { "int", other_int, SIGSEGV, 0 },
    { "jmpkernel", jump_kernel, SIGSEGV, 0 },
    { "kseg", kernel_seg, SIGSEGV, 0 },
    { "align", alignment, SIGBUS, NOT_UNDER_QEMU " (it raises no #AC)" },
    { "x87", x87_error, SIGFPE, 0 },
    { "sse", sse_error, SIGFPE, NOT_UNDER_QEMU " (it raises no #XM)" },
    { "stack", stack_overflow, SIGSEGV, 0 },
};

#define NKINDS (int)(sizeof kinds / sizeof kinds[0])

static void list(void)
{
    for (int i = 0; i < NKINDS; i++) {
        printf("%s %d", kinds[i].name, kinds[i].signal);
        if (kinds[i].note)
            printf(" (%s)", kinds[i].note);
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    int32_t n;
    if (argc < 2) {
        dprintf(2, "usage: crash KIND | crash exit N | crash vector N (crash list: the kinds)\n");
        return 2;
    }
    if (strcmp(argv[1], "list") == 0) {
        list();
        return 0;
    }
    if (strcmp(argv[1], "exit") == 0) {
        if (argc < 3)
            return 1;
        return number_arg("crash", argv[2], 0, 255, &n) < 0 ? 2 : n;
    }
    if (strcmp(argv[1], "stash") == 0) {
        stash((void *)((uintptr_t)&sink & ~(uintptr_t)(PAGE_SIZE - 1)), PAGE_SIZE);
        null_read();
    }
    if (strcmp(argv[1], "vector") == 0 && argc > 2) {
        if (number_arg("crash", argv[2], 0, 255, &n) < 0)
            return 2;
        software_interrupt(n);
    }
    for (int i = 0; i < NKINDS; i++) {
        if (strcmp(argv[1], kinds[i].name) == 0) {
            kinds[i].crash();
            printf("crash: %s did not crash\n", argv[1]);
            return 3;
        }
    }
    printf("crash: no kind '%s' (try: crash list)\n", argv[1]);
    return 2;
}
