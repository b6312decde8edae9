/*
 * sched_yield ping-pong: with two runnable processes, each yield hands
 * the CPU to the other, so their lines alternate exactly. (The scenario
 * uses a long time slice so that no tick interrupts the game.)
 */
#include "user/lib/runtime.h"

#define ROUNDS 5

int main(int argc, char **argv)
{
    (void)argv;
    const char *me = argc > 1 ? "pong" : "ping";
    int child = 0;
    if (argc == 1) {
        char *pong[] = { "t_yield", "pong", 0 };
        child = spawn("t_yield", pong, 0);
    }
    for (int i = 0; i < ROUNDS; i++) {
        printf("t_yield: %s %d\n", me, i);
        sched_yield();
    }
    if (child) {
        int status = -1;
        waitpid(child, &status, 0);
        printf("t_yield: done, pong's status %d\n", status);
    }
    return 0;
}
