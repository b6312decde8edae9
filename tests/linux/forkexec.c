/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (forkexec-glibc, forkexec-musl): the C library's fork, execl, execve
 * and waitpid on Warden (tests/scenarios/linux_forkexec_*.scn compare its
 * output). Run with the argument "child" it is the exec'ed program.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int counter = 1;

static void self_path(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    buf[n > 0 ? n : 0] = '\0';
}

static int exec_child(int argc, char **argv)
{
    char exe[64];
    self_path(exe, sizeof exe);
    printf("forkexec: exec'ed: argc %d, argv[2] %s, TAG=%s, exe %s, ppid>0 %s\n",
           argc, argc > 2 ? argv[2] : "-", getenv("TAG") ? getenv("TAG") : "-",
           exe, getppid() > 0 ? "yes" : "no");
    return 7;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return exec_child(argc, argv);
    setvbuf(stdout, 0, _IONBF, 0);  /* no buffered text copied into the children */

    pid_t pid = fork();
    if (pid == 0) {
        counter = 2;
        _exit(getpid() > 1 ? 3 : 4);
    }
    int status = 0;
    pid_t got = waitpid(pid, &status, 0);
    printf("forkexec: fork: child's status %d, waitpid gave its pid: %s, counter %d\n",
           WIFEXITED(status) ? WEXITSTATUS(status) : -1, got == pid ? "yes" : "no", counter);

    char exe[64];
    self_path(exe, sizeof exe);
    pid = fork();
    if (pid == 0) {
        execl(exe, "forkexec", "child", "two", (char *)0);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    printf("forkexec: execl: status %d\n", WEXITSTATUS(status));

    pid = fork();
    if (pid == 0) {
        char *args[] = { "forkexec", "child", "three", 0 };
        char *env[] = { "TAG=envp", 0 };
        execve(exe, args, env);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    printf("forkexec: execve with an environment: status %d\n", WEXITSTATUS(status));

    pid = fork();
    if (pid == 0) {
        execl("/bin/true", "true", (char *)0);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    printf("forkexec: execl /bin/true: status %d\n", WEXITSTATUS(status));

    int r = execl("/bin/no-such-program", "x", (char *)0);
    printf("forkexec: execl of a missing file: %d, errno ENOENT: %s\n", r,
           errno == ENOENT ? "yes" : "no");
    printf("forkexec: done\n");
    return 0;
}
