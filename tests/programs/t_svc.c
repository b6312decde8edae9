/*
 * t_svc: a service for init's tests (tests/manifests/). It prints its
 * name (the manifest's, given by init) and the time since boot when it
 * starts, and then, as its arguments ask:
 *   after NAME      checks that the service NAME was ready when this one
 *                   started: NAME's pidfd polls POLLPRI (what init waited for)
 *   running NAME    checks that NAME was running (for a service without
 *                   ready=, which is ready once spawned)
 *   ready MS        says ready() MS after its start, and prints the time
 *   term MS         on SIGTERM, "cleans up" for MS, then exits 0; without
 *                   it, SIGTERM ends it (the default action)
 * Then it sleeps until it is stopped.
 */
#include "user/lib/runtime.h"

static char name[GUARD_NAME_LEN];
static volatile int asked_to_stop;

static void on_term(int sig)
{
    (void)sig;
    asked_to_stop = 1;
}

/* The pid of the process called wanted, or 0. */
static int pid_named(const char *wanted)
{
    static struct proc_info list[PROC_LIST_MAX];
    int n = proclist(list, PROC_LIST_MAX);
    for (int i = 0; i < n; i++)
        if (strcmp(list[i].name, wanted) == 0)
            return list[i].pid;
    return 0;
}

static void check_ready(const char *dep)
{
    int pid = pid_named(dep);
    int fd = pid > 0 ? pidfd_open(pid, 0) : -ESRCH;
    struct pollfd p = { fd, POLLPRI, 0 };
    int ready = fd >= 0 && poll(&p, 1, 0) == 1 && (p.revents & POLLPRI);
    printf("t_svc: %s: %s was ready before my start: %s\n", name, dep, ready ? "ok" : "FAIL");
    if (fd >= 0)
        close(fd);
}

int main(int argc, char **argv)
{
    int32_t ready_ms = -1, term_ms = -1;
    syscall(SYS_prctl, PR_GET_NAME, (long)name, 0, 0, 0);
    printf("t_svc: %s start at %u ms\n", name, uptime_ms());
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "after") == 0)
            check_ready(argv[i + 1]);
        else if (strcmp(argv[i], "running") == 0)
            printf("t_svc: %s: %s was running before my start: %s\n", name, argv[i + 1],
                   pid_named(argv[i + 1]) > 0 ? "ok" : "FAIL");
        else if (strcmp(argv[i], "ready") == 0)
            number_arg("t_svc", argv[i + 1], 0, 60000, &ready_ms);
        else if (strcmp(argv[i], "term") == 0)
            number_arg("t_svc", argv[i + 1], 0, 60000, &term_ms);
    }
    if (term_ms >= 0) {
        struct k_sigaction a = { .handler = (uint32_t)on_term };
        sigaction(SIGTERM, &a, 0);
    }
    if (ready_ms >= 0) {
        msleep((uint32_t)ready_ms);
        printf("t_svc: %s ready at %u ms\n", name, uptime_ms());
        ready();
    }
    while (!asked_to_stop)
        msleep(1000);
    printf("t_svc: %s: SIGTERM, cleaning up for %d ms\n", name, term_ms);
    msleep((uint32_t)term_ms);
    printf("t_svc: %s: cleaned up\n", name);
    return 0;
}
