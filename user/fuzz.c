/*
 * fuzz [CALLS [SEED]]: a system call fuzzer. Three fuzzing processes issue
 * CALLS random system calls between them: known numbers, their
 * neighbours and arbitrary ones, with hostile arguments (0, -1, kernel
 * addresses, the top of user space, unmapped and read-only pages, huge
 * lengths, and some valid pointers). A fourth process keeps working
 * meanwhile. Afterwards a health check: spawn, wait, write, timing and
 * the kernel's own invariant check. The kernel must never panic.
 *
 * Calls that would block or end the caller are tamed, so the run ends by
 * itself: exit is never called, waitpid gets WNOHANG, kill never aims at
 * the fuzzer itself, sleeps, polls and selects are short, mprotect and madvise
 * stay in the mmap area, mappings are small, and a write never goes to a
 * pipe without a reader (SIGPIPE). A forked child exits at once, wait4
 * never blocks, and execve is never given a real program (its argv and
 * envp stay hostile). No handler is ever installed (a signal would
 * jump into garbage): rt_sigaction only ever sets SIG_IGN, alarms are
 * only read, and pause, sigsuspend and sigreturn (whose frame would be
 * garbage) are not called: t_signal tests them. Nothing a fuzzer can
 * read from blocks: its descriptors 0, 1 and 2 are non-blocking pipes
 * (not the console), every pipe it makes is non-blocking, and a process
 * descriptor is closed as soon as it is opened (or copied by
 * pidfd_getfd), as is the console when a random path happens to name
 * /dev/tty or /dev/console.
 */
#include "user/lib/runtime.h"

#define FUZZERS      3
#define DEFAULT_CALLS 100000
#define MMAP_SMALL   0x4000         /* the longest mapping a fuzzer makes */

static uint32_t rng;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static char buffer[8192];
static const char path[] = "crash";
static char *valid_argv[] = { (char *)path, "exit", "0", 0 };
static struct timespec short_nap = { 0, 1000 };
static struct timespec64 short_nap64 = { 0, 1000 };
static const struct k_sigaction ignore_it = { .handler = SIG_IGN };
static int32_t short_wait[2] = { 0, 1000 };  /* _newselect's timeval: 1 ms */
static int own_pidfd = -1;          /* opened for one pidfd_getfd by tame */

static uint32_t hostile_value(void)
{
    static const uint32_t pool[] = {
        0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 16, 4096,
        0xC0000000, 0xC0100000, 0xFFFFF000, 0xBFFFFFFF, 0xBFFFFFF0, USER_STACK_LOW,
        0x00400000, 0x003FFFFF, 0x40000000, 0x08048000, MMAP_BASE, MMAP_TOP - 4096,
    };
    switch (next_random() % 6) {
    case 0:
        return pool[next_random() % (sizeof pool / sizeof pool[0])];
    case 1:
        return (uint32_t)buffer + next_random() % sizeof buffer;   /* valid */
    case 2:
        return (uint32_t)&hostile_value;                           /* read-only */
    case 3:
        return next_random() % 64;                                 /* small */
    default:
        return next_random();                                      /* anything */
    }
}

static uint32_t random_number(void)
{
    static const uint32_t known[] = {
        SYS_read, SYS_write, SYS_waitpid, SYS_getpid, SYS_kill, SYS_brk,
        SYS_getppid, SYS_sched_yield, SYS_nanosleep, SYS_clock_gettime,
        SYS_spawn, SYS_heartbeat, SYS_guardlog, SYS_proclist, SYS_sysinfo, SYS_kcheck,
        SYS_close, SYS_dup, SYS_dup2, SYS_pipe, SYS_pipe2, SYS_poll, SYS_pidfd_open,
        SYS_pidfd_send_signal, SYS_pidfd_getfd, SYS_setpgid, SYS_getpgrp, SYS_getpgid,
        SYS_tcsetpgrp, SYS_listfiles, SYS_ready, SYS_group_create, SYS_stash, SYS_fdstore,
        SYS_update,
        SYS_set_thread_area, SYS_get_thread_area, SYS_uname, SYS_prctl,
        SYS_umask, SYS_time, SYS_ioctl, SYS_gettimeofday, SYS_readlink, SYS_readv,
        SYS_writev, SYS_ugetrlimit, SYS_fstat64, SYS_clock_getres, SYS_clock_nanosleep,
        SYS_fstatat64, SYS_readlinkat, SYS_prlimit64, SYS_getrandom, SYS_statx,
        SYS_clock_gettime64, SYS_clock_getres_time64, SYS_clock_nanosleep_time64,
        SYS_mmap2, SYS_munmap, SYS_mprotect, SYS_madvise,
        SYS_open, SYS_openat, SYS_lseek, SYS__llseek, SYS_pread64, SYS_stat64,
        SYS_lstat64, SYS_getdents64, SYS_fcntl64, SYS_access, SYS_faccessat,
        SYS_fork, SYS_vfork, SYS_clone, SYS_execve, SYS_wait4,
        SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_sigprocmask, SYS_rt_sigpending,
        SYS_sigaltstack, SYS_tkill, SYS_tgkill, SYS_alarm, SYS_setitimer, SYS_getitimer,
        SYS_getcwd, SYS_chdir, SYS_fchdir, SYS_sendfile, SYS_sendfile64, SYS_faccessat2,
        SYS_dup3, SYS_getsid, SYS_setsid, SYS__newselect,
        SYS_mkdir, SYS_mkdirat, SYS_rmdir, SYS_unlink, SYS_unlinkat, SYS_rename, SYS_utimensat,
        SYS_linux_sysinfo, SYS_sched_getaffinity, SYS_getgroups, SYS_getgroups32,
    };
    uint32_t k = known[next_random() % (sizeof known / sizeof known[0])];
    switch (next_random() % 4) {
    case 0:  return k + next_random() % 7 - 3;                     /* nearby */
    case 1:  return next_random();                                  /* arbitrary */
    default: return k;
    }
}

/* Could p point at memory this process can read (its program, heap or
 * stack)? Then its bytes are not hostile, just arbitrary. */
static int maybe_readable(uint32_t p)
{
    return (p >= 0x08048000 && p < 0x10000000) || (p >= USER_STACK_LOW && p < USER_TOP);
}

/* A spec for spawn whose fields are each 0, a small or typical value, a
 * limit or just past it, or anything; the memory limit and the flags
 * too (GUARD_CRITICAL, GUARD_QUIET, unknown bits). */
static uint32_t spec_value(uint32_t limit)
{
    switch (next_random() % 5) {
    case 0:  return 0;
    case 1:  return next_random() % 1000;
    case 2:  return limit;
    case 3:  return limit + 1;
    default: return next_random();
    }
}

static struct guard_spec *random_spec(void)
{
    static struct guard_spec spec;
    spec.restart = spec_value(RESTART_ALWAYS);
    spec.max_restarts = spec_value(GUARD_MAX_RESTARTS);
    spec.window_ms = spec_value(GUARD_MAX_MS);
    spec.backoff_ms = spec_value(GUARD_MAX_MS);
    spec.backoff_max_ms = spec_value(GUARD_MAX_MS);
    spec.heartbeat_ms = spec_value(GUARD_MAX_MS);
    spec.mem_limit_kb = spec_value(GUARD_MAX_MEM_KB);
    spec.flags = next_random() % 2 ? next_random() % (GUARD_FLAGS + 1) : spec_value(GUARD_FLAGS);
    return &spec;
}

/* Is fd the write end of a pipe whose read ends are all closed (a
 * fuzzer may close them itself)? */
static int no_reader(int fd)
{
    struct pollfd p = { fd, POLLOUT, 0 };
    return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

/* Keep the fuzzer alive and the run finite (see the comment at the top).
 * Returns the call to make (pipe becomes pipe2). */
static uint32_t tame(uint32_t n, uint32_t *a, char *heap_base)
{
    /* A call told to write over our own live stack frames would work, as
     * it should, and kill us: aim it at the buffer instead. Anywhere in
     * the stack's megabyte, not only near our frames: the stack grows on
     * demand, so a long write from its lowest page (getrandom's may be
     * 32 MiB) runs all the way up over them. */
    for (int i = 0; i < 5; i++)
        if (a[i] >= USER_STACK_LOW && a[i] < USER_TOP - 0x100)
            a[i] = (uint32_t)buffer;
    switch (n) {
    case SYS_exit:
        a[0] = 0;
        break;
    case SYS_read:
        if (a[0] == 0)
            a[0] = 3;
        break;
    case SYS_write:
        if (no_reader((int)a[0]))
            a[0] = (uint32_t)-1;        /* it would end us with SIGPIPE */
        if ((a[0] == 1 || a[0] == 2) && maybe_readable(a[1]))
            a[2] = 0;                   /* no garbage on the console */
        break;
    case SYS_brk:
        if (a[0] > (uint32_t)heap_base + 0x400000 && a[0] < USER_HEAP_TOP)
            a[0] = (uint32_t)heap_base + a[0] % 0x400000;  /* no exhaustion here */
        break;
    case SYS_mmap2:
        if (a[1] > MMAP_SMALL && a[1] <= MMAP_TOP - MMAP_BASE)
            a[1] %= MMAP_SMALL;             /* no exhaustion here either */
        if (next_random() % 2)              /* often a valid request */
            a[3] = MAP_PRIVATE | MAP_ANONYMOUS | (next_random() % 2 ? MAP_FIXED : 0);
        break;
    case SYS_mprotect:
    case SYS_madvise:                       /* not our program, heap or stack */
        if (a[0] < MMAP_BASE || (a[0] >= MMAP_TOP && a[0] < USER_TOP))
            a[0] = MMAP_BASE + a[0] % (MMAP_TOP - MMAP_BASE);
        break;
    case SYS_waitpid:
        a[2] = WNOHANG;
        break;
    case SYS_wait4:                     /* never blocks: bad bits, or WNOHANG */
        if (!(a[2] & ~(uint32_t)(WNOHANG | WUNTRACED | WCONTINUED)))
            a[2] |= WNOHANG;
        break;
    case SYS_clone:                     /* the child's tid word in our buffer */
        if (a[0] & CLONE_CHILD_SETTID)
            a[4] = (uint32_t)buffer;
        break;
    case SYS_execve:                    /* hostile argv and envp, never a program */
        if (a[0] >= 0x08048000 && a[0] < USER_TOP)
            a[0] = (uint32_t)"/bin/no-such-program";
        break;
    case SYS_pipe:
    case SYS_pipe2:                     /* every pipe non-blocking */
        a[1] = O_NONBLOCK | (a[1] & O_CLOEXEC);
        return SYS_pipe2;
    case SYS_poll:
        a[2] = a[2] % 10;               /* at most 9 ms */
        break;
    case SYS_fcntl:
    case SYS_fcntl64:
        if (a[1] == F_SETFL)
            a[2] |= O_NONBLOCK;         /* pipes stay non-blocking */
        break;
    case SYS_kill:
    case SYS_tkill:
        if ((int)a[0] == getpid() || (int)a[0] <= 0)
            a[0] = 99999;
        break;
    case SYS_tgkill:
        if ((int)a[1] == getpid())
            a[1] = 99999;
        break;
    case SYS_rt_sigaction:              /* a struct it could read: ours */
        if (a[1] >= USER_BASE && a[1] < USER_TOP)
            a[1] = (uint32_t)&ignore_it;
        break;
    case SYS_alarm:
        a[0] = 0;
        break;
    case SYS_setitimer:
        a[1] = 0;
        break;
    case SYS_pause:
    case SYS_rt_sigsuspend:
    case SYS_sigreturn:
    case SYS_rt_sigreturn:
        return SYS_getpid;
    case SYS_nanosleep:
        if (maybe_readable(a[0]))       /* arbitrary bytes: maybe a long sleep */
            a[0] = (uint32_t)&short_nap;
        break;
    case SYS_clock_nanosleep:
    case SYS_clock_nanosleep_time64:
        a[1] = 0;                       /* relative: never until a far date */
        if (maybe_readable(a[2]))
            a[2] = n == SYS_clock_nanosleep ? (uint32_t)&short_nap : (uint32_t)&short_nap64;
        break;
    case SYS_writev:
        if (a[0] == 1 || a[0] == 2)
            a[2] = 0;                   /* no garbage on the console */
        break;
    case SYS_sendfile:
    case SYS_sendfile64:
        if (no_reader((int)a[0]))
            a[0] = (uint32_t)-1;        /* SIGPIPE, as for write */
        if (a[0] == 1 || a[0] == 2)
            a[3] = 0;                   /* no file's bytes on the console */
        break;
    case SYS__newselect:                /* NULL or arbitrary bytes: maybe for ever */
        if (a[4] == 0 || maybe_readable(a[4]))
            a[4] = (uint32_t)short_wait;
        short_wait[0] = 0;
        short_wait[1] = 1000;           /* the call rewrites it with the time left */
        break;
    case SYS_pidfd_getfd:               /* half the time past its first checks */
        if (next_random() % 2) {
            /* The table is mostly full: make room for the pidfd and,
             * most times, the copy (without it, nearly every call was
             * -EMFILE). Not 0-3, the pipe the fuzzer reads and writes. */
            close(4 + (int)(next_random() % (NOFILE - 4)));
            close(4 + (int)(next_random() % (NOFILE - 4)));
            own_pidfd = pidfd_open(getpid(), 0);
            a[0] = (uint32_t)own_pidfd;
            a[1] %= NOFILE + 1;
            a[2] = 0;
        }
        break;
    case SYS_spawn:
        if (next_random() % 4 == 0) {
            a[0] = (uint32_t)path;
            a[1] = (uint32_t)valid_argv;
        }
        if (next_random() % 2 == 0)
            a[2] = (uint32_t)random_spec();
        break;
    }
    return n;
}

/* Is fd the console (a path that happened to read "/dev/tty")? */
static int is_console(int fd)
{
    struct stat64 st;
    return fstat64(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR && st.st_rdev != 0x103;
}

static void fuzz(uint32_t calls)
{
    char *heap_base = brk(0);
    for (uint32_t i = 0; i < calls; i++) {
        uint32_t n = random_number(), a[5];
        for (int j = 0; j < 5; j++)
            a[j] = hostile_value();
        if (n == SYS_exit || n == SYS_exit_group)
            continue;
        n = tame(n, a, heap_base);
        /* A pointer into buffer and a long length let a call write past
         * buffer's end, where the linker puts rng: zeroed, xorshift stays
         * 0 for good and every later call is the same one. So the state
         * waits out the call on our stack, which no argument reaches. */
        uint32_t state = rng;
        long r = syscall((long)n, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4]);
        rng = state;
        if (r == 0 && (n == SYS_fork || n == SYS_vfork || n == SYS_clone))
            exit(0);                    /* a forked child: gone at once */
        if (n == SYS_pidfd_open && r >= 0)
            close((int)r);              /* reading it would block */
        if (n == SYS_pidfd_getfd && own_pidfd >= 0) {
            if (r >= 0 && a[1] == (uint32_t)own_pidfd)
                close((int)r);          /* a copy of that pidfd: the same */
            close(own_pidfd);
            own_pidfd = -1;
        }
        if ((n == SYS_open || n == SYS_openat) && r >= 0 && is_console((int)r))
            close((int)r);              /* /dev/tty: reading it would block */
        if (i % 256 == 0) {
            brk(heap_base);             /* give back what brk and mmap2 took */
            munmap((void *)MMAP_BASE, MMAP_TOP - MMAP_BASE);
            while (waitpid(-1, 0, WNOHANG) > 0)
                ;
        }
    }
}

static int health_check(void)
{
    char *argv[] = { "crash", "exit", "7", 0 };
    int status = -1, pid = spawn("crash", argv, 0);
    int ok = pid > 0 && waitpid(pid, &status, 0) == pid && status == (7 << 8);
    ok &= write(1, "fuzz: write works\n", 18) == 18;
    uint32_t t0 = uptime_ms();
    msleep(50);
    uint32_t slept = uptime_ms() - t0;
    ok &= slept >= 50 && slept < 200;
    ok &= kcheck() == 0;
    return ok;
}

int main(int argc, char **argv)
{
    int32_t calls = DEFAULT_CALLS, seed = 12345;
    if ((argc > 1 && number_arg("fuzz", argv[1], 0, INT32_MAX, &calls) < 0) ||
        (argc > 2 && number_arg("fuzz", argv[2], INT32_MIN, INT32_MAX, &seed) < 0))
        return 2;
    if (argc > 3 && strcmp(argv[3], "child") == 0) {
        rng = seed ? (uint32_t)seed : 1;     /* a child's seed uses all 32 bits */
        fuzz((uint32_t)calls);
        return 0;
    }
    printf("fuzz: %d calls in %d processes, seed %u\n", calls, FUZZERS, (uint32_t)seed);
    int pids[FUZZERS];
    /* The fuzzers' descriptors 0-2: a non-blocking pipe, not the console. */
    int quiet[2];
    pipe2(quiet, O_NONBLOCK);
    int saved[3] = { fcntl(0, F_DUPFD_CLOEXEC, 0), fcntl(1, F_DUPFD_CLOEXEC, 0),
                     fcntl(2, F_DUPFD_CLOEXEC, 0) };   /* not for the fuzzers */
    dup2(quiet[0], 0);
    dup2(quiet[1], 1);
    dup2(quiet[1], 2);
    for (int i = 0; i < FUZZERS; i++) {
        char share[12], s[12];
        format_buf(share, sizeof share, "%d", calls / FUZZERS);
        format_buf(s, sizeof s, "%d", (int32_t)((uint32_t)seed * 7919u + (uint32_t)i));
        char *child[] = { "fuzz", share, s, "child", 0 };
        pids[i] = spawn("fuzz", child, 0);
    }
    for (int i = 0; i < 3; i++) {
        dup2(saved[i], i);
        close(saved[i]);
    }
    close(quiet[0]);
    close(quiet[1]);
    char *worker[] = { "t_sched", "nap", "100", 0 };
    int worker_ok = 1;
    int done = 0, status;
    while (done < FUZZERS) {
        int w = spawn("t_sched", worker, 0);    /* the bystander keeps working */
        worker_ok &= w > 0 && waitpid(w, &status, 0) == w && WIFEXITED(status);
        for (int i = 0; i < FUZZERS; i++) {
            if (pids[i] > 0 && waitpid(pids[i], &status, WNOHANG) == pids[i]) {
                printf("fuzz: fuzzer %d ended with status 0x%x\n", i, status);
                pids[i] = 0;
                done++;
            }
        }
    }
    int healthy = health_check();
    printf("fuzz: %d calls made; bystander %s; kernel %s\n", calls,
           worker_ok ? "kept working" : "FAILED", healthy ? "healthy" : "NOT HEALTHY");
    return worker_ok && healthy ? 0 : 1;
}
