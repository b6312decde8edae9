/* System calls: the table and the dispatcher. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "kernel/x86/trap.h"

/* Each call gets the five argument registers: ebx, ecx, edx, esi, edi. */
typedef int32_t (*syscall_fn)(const uint32_t *arg);

/* Runs the call named by tf->eax and puts its result in tf->eax. */
void syscall_dispatch(struct trapframe *tf);
/* With log_unknown_calls, every call the kernel does not have is named
 * on the console (the command-line word `enosys`). */
void syscall_init(int log_unknown_calls);

/* The descriptor calls, kernel/sys/sysfile.c. */
int32_t sys_read(const uint32_t *arg);
int32_t sys_write(const uint32_t *arg);
int32_t sys_close(const uint32_t *arg);
int32_t sys_dup(const uint32_t *arg);
int32_t sys_dup2(const uint32_t *arg);
int32_t sys_dup3(const uint32_t *arg);
int32_t sys_fcntl(const uint32_t *arg);
int32_t sys_pipe(const uint32_t *arg);
int32_t sys_pipe2(const uint32_t *arg);
int32_t sys_poll(const uint32_t *arg);
int32_t sys_newselect(const uint32_t *arg);     /* kernel/sys/sysselect.c */
int32_t sys_pidfd_open(const uint32_t *arg);
int32_t sys_pidfd_send_signal(const uint32_t *arg);
int32_t sys_pidfd_getfd(const uint32_t *arg);
int32_t sys_readv(const uint32_t *arg);
int32_t sys_writev(const uint32_t *arg);

/* Time, limits and descriptors for Linux programs: kernel/sys/systime.c,
 * sysres.c, sysstat.c, sysioctl.c. */
int32_t sys_clock_gettime(const uint32_t *arg);
int32_t sys_clock_gettime64(const uint32_t *arg);
int32_t sys_clock_getres(const uint32_t *arg);
int32_t sys_clock_getres_time64(const uint32_t *arg);
int32_t sys_gettimeofday(const uint32_t *arg);
int32_t sys_time(const uint32_t *arg);
int32_t sys_clock_nanosleep(const uint32_t *arg);
int32_t sys_clock_nanosleep_time64(const uint32_t *arg);
int32_t sys_getrandom(const uint32_t *arg);
int32_t sys_ugetrlimit(const uint32_t *arg);
int32_t sys_prlimit64(const uint32_t *arg);
int32_t sys_fstat64(const uint32_t *arg);
int32_t sys_fstatat64(const uint32_t *arg);
int32_t sys_statx(const uint32_t *arg);
int32_t sys_readlink(const uint32_t *arg);
int32_t sys_readlinkat(const uint32_t *arg);
int32_t sys_ioctl(const uint32_t *arg);

/* The file calls on the ramdisk, kernel/sys/sysfs.c. */
int32_t sys_open(const uint32_t *arg);
int32_t sys_openat(const uint32_t *arg);
int32_t sys_lseek(const uint32_t *arg);
int32_t sys__llseek(const uint32_t *arg);
int32_t sys_pread64(const uint32_t *arg);
int32_t sys_getdents64(const uint32_t *arg);
int32_t sys_access(const uint32_t *arg);
int32_t sys_faccessat(const uint32_t *arg);
int32_t sys_faccessat2(const uint32_t *arg);
int32_t sys_stat64(const uint32_t *arg);
int32_t sys_lstat64(const uint32_t *arg);
/* kernel/sys/syssendfile.c */
int32_t sys_sendfile(const uint32_t *arg);
int32_t sys_sendfile64(const uint32_t *arg);
/* The working directory, kernel/sys/sysdir.c. */
int32_t sys_getcwd(const uint32_t *arg);
int32_t sys_chdir(const uint32_t *arg);
int32_t sys_fchdir(const uint32_t *arg);
/* The node (dirfd, path) names: 0, or -EFAULT, -ENOENT, -ENOTDIR,
 * -EBADF, -ENAMETOOLONG (sysfs.c; stat64 and friends use it too). */
struct node;
int lookup_user_path(uint32_t dirfd, uint32_t upath, struct node *out);
/* The directory that would hold the path's last component (for mkdir):
 * the same errors, and -ENOTDIR when it is not a directory. */
int lookup_user_parent(uint32_t dirfd, uint32_t upath, struct node *out);
/* The calls that would change the ramdisk, kernel/sys/sysrofs.c. */
int32_t sys_mkdir(const uint32_t *arg);
int32_t sys_mkdirat(const uint32_t *arg);
int32_t sys_rmdir(const uint32_t *arg);
int32_t sys_unlink(const uint32_t *arg);
int32_t sys_unlinkat(const uint32_t *arg);
int32_t sys_rename(const uint32_t *arg);
int32_t sys_utimensat(const uint32_t *arg);
/* Linux's sysinfo, sched_getaffinity (sysres.c), getgroups (sysident.c). */
int32_t sys_linux_sysinfo(const uint32_t *arg);
int32_t sys_sched_getaffinity(const uint32_t *arg);
int32_t sys_getgroups(const uint32_t *arg);

/* The process calls, kernel/sys/sysproc.c. */
int32_t sys_exit(const uint32_t *arg);
int32_t sys_waitpid(const uint32_t *arg);
int32_t sys_kill(const uint32_t *arg);
int32_t sys_sched_yield(const uint32_t *arg);
int32_t sys_nanosleep(const uint32_t *arg);
int32_t sys_spawn(const uint32_t *arg);
int32_t sys_heartbeat(const uint32_t *arg);
int32_t sys_guardlog(const uint32_t *arg);
int32_t sys_proclist(const uint32_t *arg);
int32_t sys_setpgid(const uint32_t *arg);
int32_t sys_getpgrp(const uint32_t *arg);
int32_t sys_getpgid(const uint32_t *arg);
int32_t sys_getsid(const uint32_t *arg);
int32_t sys_setsid(const uint32_t *arg);
int32_t sys_tcsetpgrp(const uint32_t *arg);
int32_t sys_listfiles(const uint32_t *arg);
int32_t sys_ready(const uint32_t *arg);
int32_t sys_group_create(const uint32_t *arg);
int32_t sys_stash(const uint32_t *arg);
int32_t sys_fdstore(const uint32_t *arg);
int32_t sys_update(const uint32_t *arg);
int32_t sys_wait4(const uint32_t *arg);
/* Copy a user array of user strings, NULL-terminated (argv, envp), into
 * buf back to back: at most max_count strings and max_len bytes. How
 * many, or -EFAULT or -E2BIG; *len the bytes used. */
int copy_strings(uint32_t uarray, char *buf, uint32_t max_len, int max_count, uint32_t *len);
struct exec_args;
/* A program's path, into INITRD_PATH_MAX bytes: its length, or -EFAULT,
 * -ENOENT (too long to name a file). */
int copy_path(char *path, uint32_t upath);
int copy_program_args(uint32_t upath, uint32_t uargv, uint32_t uenvp,
                      char *path, struct exec_args *a);
/* fork, vfork, clone, execve: kernel/sys/sysfork.c. */
int32_t sys_fork(const uint32_t *arg);
int32_t sys_clone(const uint32_t *arg);
int32_t sys_execve(const uint32_t *arg);

/* A Linux program's start: kernel/sys/systhread.c (TLS and the thread
 * calls) and kernel/sys/sysident.c (ids, uname, umask, prctl). */
int32_t sys_set_thread_area(const uint32_t *arg);
int32_t sys_get_thread_area(const uint32_t *arg);
int32_t sys_set_tid_address(const uint32_t *arg);
int32_t sys_set_robust_list(const uint32_t *arg);
int32_t sys_gettid(const uint32_t *arg);
int32_t sys_exit_group(const uint32_t *arg);
int32_t sys_root_id(const uint32_t *arg);
int32_t sys_uname(const uint32_t *arg);
int32_t sys_umask(const uint32_t *arg);
int32_t sys_prctl(const uint32_t *arg);
/* Signals: kernel/sys/syssignal.c. */
int32_t sys_rt_sigaction(const uint32_t *arg);
int32_t sys_rt_sigprocmask(const uint32_t *arg);
int32_t sys_sigprocmask(const uint32_t *arg);
int32_t sys_rt_sigpending(const uint32_t *arg);
int32_t sys_rt_sigsuspend(const uint32_t *arg);
int32_t sys_pause(const uint32_t *arg);
int32_t sys_sigaltstack(const uint32_t *arg);
int32_t sys_sigreturn(const uint32_t *arg);
int32_t sys_rt_sigreturn(const uint32_t *arg);
int32_t sys_tkill(const uint32_t *arg);
int32_t sys_tgkill(const uint32_t *arg);
int32_t sys_alarm(const uint32_t *arg);
int32_t sys_setitimer(const uint32_t *arg);
int32_t sys_getitimer(const uint32_t *arg);
/* The memory calls, kernel/sys/sysmem.c. */
int32_t sys_brk(const uint32_t *arg);
int32_t sys_mmap2(const uint32_t *arg);
int32_t sys_munmap(const uint32_t *arg);
int32_t sys_mprotect(const uint32_t *arg);
int32_t sys_madvise(const uint32_t *arg);

#endif
