/*
 * pwait PID: wait for any process, child or not, to end for good, and
 * say how it ended. A process descriptor (pidfd_open) becomes readable
 * at the end and read() gives the wait status: what waitpid gives only
 * a parent. A restart by the guardian is not an end.
 */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    int32_t pid;
    if (argc != 2) {
        dprintf(2, "usage: pwait PID\n");
        return 2;
    }
    if (number_arg("pwait", argv[1], 1, INT32_MAX, &pid) < 0)
        return 2;
    int fd = pidfd_open(pid, 0);
    if (fd < 0) {
        dprintf(2, "pwait: %d: %s (%s)\n", pid, error_text(fd), error_name(fd));
        return 1;
    }
    int status;
    if (read(fd, &status, sizeof status) != sizeof status)
        return 1;
    if (WIFSIGNALED(status))
        printf("pwait: %d was killed by %s\n", pid, signal_name(WTERMSIG(status)));
    else
        printf("pwait: %d exited with status %d\n", pid, WEXITSTATUS(status));
    return 0;
}
