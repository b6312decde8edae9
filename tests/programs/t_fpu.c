/*
 * Each process's FPU and SSE registers are its own: two processes load
 * their own values (and their own x87 rounding mode) into the registers,
 * yield to each other with the values still in the registers, and check
 * them afterwards.
 */
#include "user/lib/runtime.h"

#define ROUNDS 200

/* Load v into st(0) and xmm1, yield inside the same asm statement (so
 * the compiler cannot spill them), then store what the registers hold. */
static void hold_across_yield(double v, double *x87, double *sse, uint16_t *cw)
{
    __asm__ volatile(
        "fldl %3\n\t"
        "movsd %3, %%xmm1\n\t"
        "mov $158, %%eax\n\t"       /* sched_yield */
        "int $0x80\n\t"
        "fstpl %0\n\t"
        "movsd %%xmm1, %1\n\t"
        "fnstcw %2"
        : "=m"(*x87), "=m"(*sse), "=m"(*cw)
        : "m"(v)
        : "eax", "memory");
}

int main(int argc, char **argv)
{
    (void)argv;
    int child = 0;
    if (argc == 1) {
        char *other[] = { "t_fpu", "other", 0 };
        child = spawn("t_fpu", other, 0);
    }
    /* Different rounding modes per process: bits 10-11 of the control word. */
    uint16_t mine = child ? 0x037F : 0x0F7F, cw;
    __asm__ volatile("fldcw %0" : : "m"(mine));
    int bad = 0;
    for (int i = 0; i < ROUNDS; i++) {
        double v = (child ? 1000.25 : -7.5) * (i + 1), x87, sse;
        hold_across_yield(v, &x87, &sse, &cw);
        if (x87 != v || sse != v || cw != mine)
            bad++;
    }
    printf("t_fpu: %s kept its registers in %d of %d rounds\n",
           child ? "parent" : "child", ROUNDS - bad, ROUNDS);
    if (child) {
        int status = -1;
        waitpid(child, &status, 0);
        bad += status != 0;
        printf("t_fpu: %s\n", bad ? "FAILED" : "all ok");
    }
    return bad ? 1 : 0;
}
