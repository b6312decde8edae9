/* free: physical memory, in 4 KiB frames and KiB. */
#include "user/lib/runtime.h"

int main(void)
{
    struct sysinfo si;
    sysinfo(&si);
    printf("        frames      KiB\n");
    printf("total %8u %8u\n", si.total_frames, si.total_frames * 4);
    printf("used  %8u %8u\n", si.total_frames - si.free_frames,
           (si.total_frames - si.free_frames) * 4);
    printf("free  %8u %8u\n", si.free_frames, si.free_frames * 4);
    return 0;
}
