/*
 * One cell of the fault matrix: t_fault KIND SIGNAL runs `crash KIND`
 * beside a bystander and checks that the crash ends with exactly SIGNAL,
 * that the bystander's memory is intact and that it made progress, and
 * that the kernel's invariants hold. tests/scenarios/fault_*.scn run one
 * each; t_faults runs them all in one boot.
 *   t_fault bystander [N]  fills 64 KiB with a pattern, then checks it
 *                          over and over, yielding, for N rounds (100);
 *                          t_isolation uses it too
 */
#define TEST_NAME "t_fault"
#include "tests/programs/check.h"

#define WORDS 16384                     /* 64 KiB */
#define ROUNDS 100

static uint32_t pattern[WORDS];

static int bystander(int rounds)
{
    for (uint32_t i = 0; i < WORDS; i++)
        pattern[i] = i * 2654435761u;
    for (int round = 0; round < rounds; round++) {
        for (uint32_t i = 0; i < WORDS; i++)
            if (pattern[i] != i * 2654435761u)
                return 1;
        sched_yield();
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "bystander") == 0)
        return bystander(argc > 2 ? atoi(argv[2]) : ROUNDS);
    if (argc < 3) {
        printf("usage: t_fault KIND SIGNAL\n");
        return 2;
    }
    char *by[] = { "t_fault", "bystander", 0 };
    int other = spawn("t_fault", by, 0);
    sched_yield();                      /* let it fill its memory first */
    char *crash[] = { "crash", argv[1], 0 };
    int pid = spawn("crash", crash, 0), status = -1;
    waitpid(pid, &status, 0);
    check(argv[1], status, atoi(argv[2]));
    int bystander_status = -1;
    waitpid(other, &bystander_status, 0);
    check("the bystander's memory and progress are untouched", bystander_status, 0);
    check("the kernel's invariants hold", kcheck(), 0);
    return checks_done();
}
