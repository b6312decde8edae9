/* kill PID [SIGNAL]: send a signal (default SIGTERM, 15) to a process,
 * or with a negative PID to a process group. */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        dprintf(2, "usage: kill PID [SIGNAL]\n");
        return 2;
    }
    int sig = argc > 2 ? atoi(argv[2]) : SIGTERM;
    int r = kill(atoi(argv[1]), sig);
    if (r < 0) {
        dprintf(2, "kill: %s: error %d\n", argv[1], -r);
        return 1;
    }
    return 0;
}
