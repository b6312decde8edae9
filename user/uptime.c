/* uptime: how long since boot, and how busy the process table is. */
#include "user/lib/runtime.h"

int main(void)
{
    struct sysinfo si;
    sysinfo(&si);
    uint32_t s = si.uptime_ms / 1000;
    printf("up %u:%02u:%02u, %u %s (of %u)\n", s / 3600, s / 60 % 60, s % 60,
           si.nprocs, si.nprocs == 1 ? "process" : "processes", si.max_procs);
    return 0;
}
