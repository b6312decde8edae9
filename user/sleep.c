/* sleep SECONDS: do nothing, for that long. */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        dprintf(2, "usage: sleep SECONDS\n");
        return 1;
    }
    struct timespec ts = { atoi(argv[1]), 0 };
    return nanosleep(&ts, 0) < 0;
}
