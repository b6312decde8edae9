/* The system call wrappers: load the registers, int $0x80, return eax. */
#include "user/lib/runtime.h"

long syscall(long n, long a, long b, long c, long d, long e)
{
    long ret;
    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return ret;
}

/* No arguments: only eax is involved, the cheapest call there is. */
static inline long syscall0(long n)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(n) : "memory");
    return ret;
}

#define SC0(n)          syscall0(n)
#define SC1(n, a)       syscall((n), (long)(a), 0, 0, 0, 0)
#define SC2(n, a, b)    syscall((n), (long)(a), (long)(b), 0, 0, 0)
#define SC3(n, a, b, c) syscall((n), (long)(a), (long)(b), (long)(c), 0, 0)

void exit(int status)
{
    SC1(SYS_exit, status);
    for (;;)
        ;                               /* not reached */
}

int read(int fd, void *buf, size_t n)       { return SC3(SYS_read, fd, buf, n); }
int write(int fd, const void *buf, size_t n) { return SC3(SYS_write, fd, buf, n); }
int getpid(void)                             { return SC0(SYS_getpid); }
int getppid(void)                            { return SC0(SYS_getppid); }
int waitpid(int pid, int *status, int opts)  { return SC3(SYS_waitpid, pid, status, opts); }
int kill(int pid, int sig)                   { return SC2(SYS_kill, pid, sig); }
void *brk(void *addr)                        { return (void *)SC1(SYS_brk, addr); }
int munmap(void *addr, size_t len)           { return SC2(SYS_munmap, addr, len); }
int mprotect(void *addr, size_t len, int p)  { return SC3(SYS_mprotect, addr, len, p); }
int madvise(void *addr, size_t len, int adv) { return SC3(SYS_madvise, addr, len, adv); }
int sched_yield(void)                        { return SC0(SYS_sched_yield); }
int heartbeat(void)                          { return SC0(SYS_heartbeat); }
int sysinfo(struct sysinfo *info)            { return SC1(SYS_sysinfo, info); }
int kcheck(void)                             { return SC0(SYS_kcheck); }
int proclist(struct proc_info *buf, int max) { return SC2(SYS_proclist, buf, max); }

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return SC2(SYS_nanosleep, req, rem);
}

void *mmap2(void *addr, size_t len, int prot, int flags, int fd)
{
    return (void *)syscall(SYS_mmap2, (long)addr, (long)len, prot, flags, fd);
}

int clock_gettime(int clock, struct timespec *ts)
{
    return SC2(SYS_clock_gettime, clock, ts);
}

int spawn(const char *path, char *const argv[], const struct guard_spec *spec)
{
    return SC3(SYS_spawn, path, argv, spec);   /* envp NULL: inherited */
}

int spawne(const char *path, char *const argv[], const struct guard_spec *spec,
           char *const envp[])
{
    return syscall(SYS_spawn, (long)path, (long)argv, (long)spec, (long)envp, 0);
}

int sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *old)
{
    return syscall(SYS_rt_sigaction, sig, (long)act, (long)old, SIGSET_SIZE, 0);
}

int sigprocmask(int how, const sigset64_t *set, sigset64_t *old)
{
    return syscall(SYS_rt_sigprocmask, how, (long)set, (long)old, SIGSET_SIZE, 0);
}

int sigaltstack(const k_stack_t *ss, k_stack_t *old)
{
    return SC2(SYS_sigaltstack, ss, old);
}

int guardlog(struct guard_event *buf, int max, uint32_t since)
{
    return SC3(SYS_guardlog, buf, max, since);
}

int setpgid(int pid, int pgid)               { return SC2(SYS_setpgid, pid, pgid); }
int getpgrp(void)                            { return SC0(SYS_getpgrp); }
int getpgid(int pid)                         { return SC1(SYS_getpgid, pid); }
int tcsetpgrp(int pgid)                      { return SC1(SYS_tcsetpgrp, pgid); }
int listfiles(struct file_info *buf, int max) { return SC2(SYS_listfiles, buf, max); }
int ready(void)                              { return SC0(SYS_ready); }
int group_create(const struct guard_group_spec *g) { return SC1(SYS_group_create, g); }
int stash(void *addr, size_t len)               { return SC2(SYS_stash, addr, len); }
int fdstore(int fd, int slot)                   { return SC2(SYS_fdstore, fd, slot); }
int update(int pid, const char *path, uint32_t probation_ms) { return SC3(SYS_update, pid, path, probation_ms); }

int close(int fd)                            { return SC1(SYS_close, fd); }
int dup(int fd)                              { return SC1(SYS_dup, fd); }
int dup2(int oldfd, int newfd)               { return SC2(SYS_dup2, oldfd, newfd); }
int pipe(int fds[2])                         { return SC1(SYS_pipe, fds); }
int pipe2(int fds[2], int flags)             { return SC2(SYS_pipe2, fds, flags); }
int poll(struct pollfd *fds, unsigned n, int timeout) { return SC3(SYS_poll, fds, n, timeout); }
int pidfd_open(int pid, unsigned flags)      { return SC2(SYS_pidfd_open, pid, flags); }
int pidfd_getfd(int pidfd, int fd, unsigned flags) { return SC3(SYS_pidfd_getfd, pidfd, fd, flags); }

int pidfd_send_signal(int fd, int sig, void *info, unsigned flags)
{
    return syscall(SYS_pidfd_send_signal, fd, sig, (long)info, (long)flags, 0);
}
int fcntl(int fd, int cmd, int arg)          { return SC3(SYS_fcntl, fd, cmd, arg); }
int ioctl(int fd, unsigned request, void *arg) { return SC3(SYS_ioctl, fd, request, arg); }
int tcgetattr(int fd, struct termios *t)     { return ioctl(fd, TCGETS, t); }

int tcsetattr(int fd, int when, const struct termios *t)
{
    if (when < TCSANOW || when > TCSAFLUSH)
        return -EINVAL;
    return ioctl(fd, TCSETS + (unsigned)when, (void *)t);  /* TCSETS, TCSETSW, TCSETSF */
}

int open(const char *path, int flags)       { return SC2(SYS_open, path, flags); }
int openat(int dirfd, const char *path, int flags) { return SC3(SYS_openat, dirfd, path, flags); }
int lseek(int fd, int off, int whence)       { return SC3(SYS_lseek, fd, off, whence); }
int getdents64(int fd, void *buf, size_t n)  { return SC3(SYS_getdents64, fd, buf, n); }
int stat64(const char *path, struct stat64 *st) { return SC2(SYS_stat64, path, st); }
int fstat64(int fd, struct stat64 *st)       { return SC2(SYS_fstat64, fd, st); }
int access(const char *path, int mode)       { return SC2(SYS_access, path, mode); }

int pread64(int fd, void *buf, size_t n, int64_t off)
{
    return syscall(SYS_pread64, fd, (long)buf, (long)n, (long)(uint32_t)off,
                   (long)(uint32_t)((uint64_t)off >> 32));
}
