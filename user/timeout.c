/*
 * timeout MS PROG ARGS...: run PROG; if it is still running after MS
 * milliseconds, stop it with SIGTERM and exit 124, as coreutils' timeout
 * does; otherwise exit with PROG's own status (128 + signal if a signal
 * ended it). timeout's own failures are 125 (bad usage) and 127 (PROG
 * cannot run), so that they differ from any status of PROG's.
 */
#include "user/lib/runtime.h"

#define TIMED_OUT  124
#define USAGE      125
#define CANNOT_RUN 127

int main(int argc, char **argv)
{
    int32_t ms;
    if (argc < 3) {
        dprintf(2, "usage: timeout MS PROG [ARGS...]\n");
        return USAGE;
    }
    if (number_arg("timeout", argv[1], 0, INT32_MAX, &ms) < 0)
        return USAGE;
    int pid = spawn(argv[2], argv + 2, 0);
    if (pid < 0) {
        dprintf(2, "timeout: cannot run %s: %s (%s)\n", argv[2], error_text(pid), error_name(pid));
        return CANNOT_RUN;
    }
    int status = 0;
    if (wait_timeout(pid, &status, (uint32_t)ms) == -ETIMEDOUT) {
        kill(pid, SIGTERM);
        waitpid(pid, 0, 0);
        return TIMED_OUT;
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
