/*
 * timeout MS PROG ARGS...: run PROG; if it is still running after MS
 * milliseconds, stop it with SIGTERM and exit 124, as coreutils' timeout
 * does; otherwise exit with PROG's own status (128 + signal if a signal
 * ended it).
 */
#include "user/lib/runtime.h"

#define TIMED_OUT 124

int main(int argc, char **argv)
{
    if (argc < 3) {
        dprintf(2, "usage: timeout MS PROG [ARGS...]\n");
        return 125;
    }
    int pid = spawn(argv[2], argv + 2, 0);
    if (pid < 0) {
        dprintf(2, "timeout: cannot run %s: error %d\n", argv[2], -pid);
        return 127;
    }
    int status = 0;
    if (wait_timeout(pid, &status, (uint32_t)atoi(argv[1])) == -ETIMEDOUT) {
        kill(pid, SIGTERM);
        waitpid(pid, 0, 0);
        return TIMED_OUT;
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
