/* sleep SECONDS: do nothing, for that long. */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    int32_t seconds;
    if (argc != 2) {
        dprintf(2, "usage: sleep SECONDS\n");
        return 2;
    }
    if (number_arg("sleep", argv[1], 0, INT32_MAX, &seconds) < 0)
        return 2;
    struct timespec ts = { seconds, 0 };
    return nanosleep(&ts, 0) < 0;
}
