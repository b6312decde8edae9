/*
 * No frame leaks: after 1,000 cycles of spawn, crash, reap (and as many
 * of spawn, exit, reap), the free-frame count is back where it started.
 * One warm-up cycle first: each process slot keeps its kernel stack for
 * the next process, which is a one-time cost, not a leak.
 */
#include "user/lib/runtime.h"

#define CYCLES 1000

static int cycle(char *kind)
{
    char *argv[] = { "crash", kind, 0 };
    int pid = spawn("crash", argv, 0), status = -1;
    waitpid(pid, &status, 0);
    return status;
}

int main(void)
{
    struct sysinfo before, after;
    cycle("null");
    sysinfo(&before);
    int bad = 0;
    for (int i = 0; i < CYCLES; i++) {
        bad += cycle("null") != SIGSEGV;
        bad += cycle("stack") != SIGSEGV;
    }
    sysinfo(&after);
    printf("t_leak: free frames %u before, %u after %d cycles, %u processes\n",
           before.free_frames, after.free_frames, 2 * CYCLES, after.nprocs);
    int ok = bad == 0 && before.free_frames == after.free_frames && after.nprocs == 1;
    printf("t_leak: %s\n", ok ? "all ok" : "FAILED");
    return ok ? 0 : 1;
}
