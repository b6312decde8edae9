/* kill PID [SIGNAL]: send a signal (default SIGTERM, 15) to a process,
 * or with a negative PID to a process group. */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        dprintf(2, "usage: kill PID [SIGNAL]\n");
        return 2;
    }
    int32_t pid, sig = SIGTERM;
    if (number_arg("kill", argv[1], INT32_MIN, INT32_MAX, &pid) < 0 ||
        (argc > 2 && number_arg("kill", argv[2], 0, INT32_MAX, &sig) < 0))
        return 2;
    int r = kill(pid, sig);
    if (r < 0) {
        dprintf(2, "kill: %s: %s (%s)\n", argv[1], error_text(r), error_name(r));
        return 1;
    }
    return 0;
}
