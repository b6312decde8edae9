/*
 * init: the service manager. It reads the service manifest,
 * /etc/services (or the file of `init -f FILE`), starts what it
 * declares in dependency order (user/init/services.c), and then waits
 * in one poll() for everything it has to act on: a service saying
 * ready(), a child ending (SIGCHLD, through a pipe to itself), a request
 * from `svc` (user/init/control.c), a SIGTERM, or its deadline. At the
 * end it stops the services in reverse dependency order and exits.
 *
 * The root init (pid 1) also keeps a shell on the console: a new one
 * follows each one that ends, as getty is restarted on Unix. An init
 * started as a service of another (`init -f FILE`) is a nested
 * supervisor, with no shell: its SIGTERM is its shutdown. (The kernel
 * supervises the root init itself: 3 restarts in 10 s.)
 *
 * `init [-f FILE] SECONDS` (kernel command line "-- SECONDS") runs for
 * that long without a shell, shows `ps` and `guardlog`, and shuts
 * down, which powers the machine off: how the tests and `make timeline`
 * run it.
 */
#include "user/lib/runtime.h"
#include "user/init/services.h"
#include "user/init/control.h"

#define DEFAULT_MANIFEST "/etc/services"
#define WATCHED_MAX 16              /* descriptors init polls at once */

/*
 * The console shell runs "on-failure": the guardian restarts a shell
 * that crashes or exits non-zero (up to 10 times in 10 s), but a user's
 * `exit` (status 0) is someone leaving, not a failure, so it ends the
 * shell and init starts the next one. A shell the guardian gave up on
 * gets a successor too, after a pause, with a word on what happened.
 */
static const struct guard_spec shell_spec = {
    .restart = RESTART_ON_FAILURE, .max_restarts = 10, .window_ms = 10000,
};
#define SHELL_PAUSE_MS 5000     /* after the guardian gave up on a shell */
#define SHELL_QUICK_MS 1000     /* a shell that lived less than this ... */

char init_name[GUARD_NAME_LEN] = "init";
static int shell_pid;
static uint32_t shell_started;
static int wake[2] = { -1, -1 };    /* the signal handlers write here; poll reads */
static volatile int terminated;     /* SIGTERM came */

static void start_shell(void)
{
    control_lend();                 /* the shell's end of the control pipe */
    shell_pid = spawn("sh", 0, &shell_spec);
    control_take_back(shell_pid);
    shell_started = uptime_ms();
    if (shell_pid < 0)
        printf("%s: cannot start the shell: %s (%s); the console has none until the "
               "next boot\n", init_name, error_text(shell_pid), error_name(shell_pid));
}

static void shell_ended(int status)
{
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("%s: the shell (pid %d) exited; starting a new one\n", init_name, shell_pid);
        /* ... waits a little first, so that a shell that cannot read
         * its input does not fill the console with new shells */
        if (uptime_ms() - shell_started < SHELL_QUICK_MS)
            msleep(SHELL_QUICK_MS);
    } else {
        char last[32];                  /* one printf: one line, never cut */
        if (WIFSIGNALED(status))
            format_buf(last, sizeof last, "%s", signal_name(WTERMSIG(status)));
        else
            format_buf(last, sizeof last, "exit %d", WEXITSTATUS(status));
        printf("%s: the shell (pid %d) kept failing (last: %s) and the guardian gave up on it; "
               "a new shell in %d s\n", init_name, shell_pid, last, SHELL_PAUSE_MS / 1000);
        msleep(SHELL_PAUSE_MS);
    }
    start_shell();
}

/* The handlers only make poll() return; the work is done after it. */
static void on_signal(int sig)
{
    char c = (char)sig;
    if (sig == SIGTERM)
        terminated = 1;
    write(wake[1], &c, 1);
}

static void catch_signals(void)
{
    struct k_sigaction a = { .handler = (uint32_t)on_signal, .flags = SA_RESTART };
    if (pipe2(wake, O_CLOEXEC) < 0)
        return;
    fcntl(wake[0], F_SETFL, O_NONBLOCK);
    fcntl(wake[1], F_SETFL, O_NONBLOCK);   /* a full pipe has woken poll already */
    sigaction(SIGCHLD, &a, 0);
    sigaction(SIGTERM, &a, 0);
    /* An svc that went away before its answer: the write fails, init
     * goes on. (Services start with every disposition the default.) */
    struct k_sigaction ignore = { .handler = SIG_IGN };
    sigaction(SIGPIPE, &ignore, 0);
}

/* Reap every child that has ended for good. */
static void reap(void)
{
    int pid, status;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == shell_pid && shell_pid > 0)
            shell_ended(status);
        else if (services_reaped(pid, status))
            continue;
        else if (WIFSIGNALED(status))
            printf("%s: pid %d ended for good: %s\n", init_name, pid, signal_name(WTERMSIG(status)));
        else
            printf("%s: pid %d ended for good: exit %d\n", init_name, pid, WEXITSTATUS(status));
    }
}

/* Wait for the next things to do and do them; false when init is to
 * end (shutdown asked, SIGTERM, or the deadline passed). */
static bool serve(uint32_t deadline)
{
    struct pollfd fds[WATCHED_MAX];
    int n = 0, control = control_poll_fd();
    fds[n++] = (struct pollfd){ wake[0], POLLIN, 0 };
    if (control >= 0)
        fds[n++] = (struct pollfd){ control, POLLIN, 0 };
    int first_service = n;
    n += services_poll_fds(fds + n, WATCHED_MAX - n);
    int timeout = -1;
    if (deadline) {
        uint32_t now = uptime_ms();
        timeout = now >= deadline ? 0 : (int)(deadline - now);
    }
    if (poll(fds, (unsigned)n, timeout) > 0) {
        char drain[16];
        if (fds[0].revents)
            while (read(wake[0], drain, sizeof drain) > 0)
                ;
        services_check_ready(fds + first_service, n - first_service);
        if (control >= 0 && (fds[1].revents & POLLIN) && control_serve())
            return false;
    }
    reap();
    services_start_ready();
    return !terminated && !(deadline && uptime_ms() >= deadline);
}

static void run(const char *path)
{
    int pid = spawn(path, 0, 0);
    while (pid > 0 && waitpid(pid, 0, 0) == -EINTR)
        ;
}

static void shut_down(void)
{
    printf("%s: shutting down\n", init_name);
    services_stop_all();
    if (shell_pid > 0) {
        kill(shell_pid, SIGTERM);
        while (waitpid(shell_pid, 0, 0) == -EINTR)
            ;
    }
    printf("%s: all services stopped\n", init_name);
}

static int usage(void)
{
    dprintf(2, "usage: init [-f MANIFEST] [SECONDS]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *file = DEFAULT_MANIFEST;
    int32_t seconds = 0;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "-f") == 0) {
        file = argv[i + 1];
        i += 2;
    }
    if (i < argc && number_arg("init", argv[i++], 1, 24 * 3600, &seconds) < 0)
        return 2;
    if (i < argc)
        return usage();
    if (getpid() != 1)              /* named by its supervisor (spec.name) */
        syscall(SYS_prctl, PR_GET_NAME, (long)init_name, 0, 0, 0);
    catch_signals();
    bool with_shell = getpid() == 1 && !seconds;
    if (with_shell && control_open() < 0)   /* first: its descriptors are fixed */
        printf("%s: no control pipe: svc will not work\n", init_name);
    services_load(file);
    services_start_ready();
    if (with_shell)
        start_shell();
    uint32_t deadline = seconds ? uptime_ms() + 1000 * (uint32_t)seconds : 0;
    while (serve(deadline))
        ;
    if (seconds) {
        run("ps");
        run("guardlog");
    }
    shut_down();
    return 0;
}
