/*
 * The system call table. Linux i386 numbers index the first table; this
 * kernel's own calls (from 1000) the second. Arguments arrive in ebx,
 * ecx, edx, esi, edi; a pointer argument is only a number until the
 * checked copy routines of kernel/mm/vm.c have vetted it.
 *
 * The small calls live here; the others by area in kernel/sys/: sysproc.c
 * (processes), sysfork.c (fork, clone, execve), sysfile.c (descriptors), sysmem.c (brk and the mmap area),
 * systime.c (clocks and sleeps), sysres.c (getrandom, limits), sysstat.c
 * (fstat, stat64, readlink), sysfs.c (open, lseek, getdents64, access
 * on the ramdisk), syssendfile.c, sysdir.c (the working directory),
 * sysselect.c (_newselect), sysrofs.c (the calls that would write the
 * ramdisk: -EROFS), sysioctl.c, systhread.c (TLS) and sysident.c (ids,
 * uname, umask, prctl).
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/dev/console.h"
#include "kernel/mm/frame.h"
#include "kernel/fs/file.h"
#include "kernel/fs/pipe.h"
#include "kernel/preempt.h"
#include "kernel/x86/pit.h"
#include "abi/syscall.h"
#include "abi/errno.h"

#define NELEM(a)        (sizeof(a) / sizeof((a)[0]))

extern uint64_t boot_tsc;       /* boot/entry.S */

static int32_t sys_getpid(const uint32_t *arg)
{
    (void)arg;
    return current->pid;
}

static int32_t sys_getppid(const uint32_t *arg)
{
    (void)arg;
    return current->parent ? current->parent->pid : 0;
}

static int32_t sys_sysinfo(const uint32_t *arg)
{
    uint32_t uinfo = arg[0];
    struct sysinfo info = {
        .uptime_ms = (uint32_t)pit_ms(),
        .free_frames = frame_free_count(), .total_frames = frame_total_count(),
        .nprocs = (uint32_t)proc_count(), .max_procs = (uint32_t)proc_limit(),
        .open_files = (uint32_t)file_count(), .pipes = (uint32_t)pipe_count(),
        .hz = pit_hz(),
        .boot_tsc_low = (uint32_t)boot_tsc, .boot_tsc_high = (uint32_t)(boot_tsc >> 32),
        .reserve_frames = FRAME_RESERVE,
    };
    uint64_t longest = irqwatch_longest();
    info.irqoff_longest = longest > UINT32_MAX ? UINT32_MAX : (uint32_t)longest;
    return copy_to_user(uinfo, &info, sizeof info);
}

/* For tests: the kernel checks its own bookkeeping, and panics if it is
 * wrong (the free list, the process table, each process's count of its
 * frames against its page tables); a user program cannot make it lie,
 * only ask. */
static int32_t sys_kcheck(const uint32_t *arg)
{
    (void)arg;
    frame_check();
    proc_check();
    return 0;
}

static const syscall_fn linux_calls[] = {
    [SYS_exit] = sys_exit,
    [SYS_read] = sys_read,
    [SYS_write] = sys_write,
    [SYS_close] = sys_close,
    [SYS_waitpid] = sys_waitpid,
    [SYS_getpid] = sys_getpid,
    [SYS_kill] = sys_kill,
    [SYS_dup] = sys_dup,
    [SYS_pipe] = sys_pipe,
    [SYS_fcntl] = sys_fcntl,
    [SYS_setpgid] = sys_setpgid,
    [SYS_getpgrp] = sys_getpgrp,
    [SYS_dup2] = sys_dup2,
    [SYS_getpgid] = sys_getpgid,
    [SYS_getsid] = sys_getsid,
    [SYS_setsid] = sys_setsid,
    [SYS_dup3] = sys_dup3,
    [SYS_brk] = sys_brk,
    [SYS_munmap] = sys_munmap,
    [SYS_mprotect] = sys_mprotect,
    [SYS_mmap2] = sys_mmap2,
    [SYS_madvise] = sys_madvise,
    [SYS_getppid] = sys_getppid,
    [SYS_sched_yield] = sys_sched_yield,
    [SYS_nanosleep] = sys_nanosleep,
    [SYS_poll] = sys_poll,
    [SYS__newselect] = sys_newselect,
    [SYS_clock_gettime] = sys_clock_gettime,
    [SYS_pipe2] = sys_pipe2,
    [SYS_pidfd_send_signal] = sys_pidfd_send_signal,
    [SYS_pidfd_open] = sys_pidfd_open,
    [SYS_pidfd_getfd] = sys_pidfd_getfd,
    [SYS_getuid] = sys_root_id,
    [SYS_getgid] = sys_root_id,
    [SYS_geteuid] = sys_root_id,
    [SYS_getegid] = sys_root_id,
    [SYS_getuid32] = sys_root_id,
    [SYS_getgid32] = sys_root_id,
    [SYS_geteuid32] = sys_root_id,
    [SYS_getegid32] = sys_root_id,
    [SYS_umask] = sys_umask,
    [SYS_uname] = sys_uname,
    [SYS_prctl] = sys_prctl,
    [SYS_gettid] = sys_gettid,
    [SYS_set_thread_area] = sys_set_thread_area,
    [SYS_get_thread_area] = sys_get_thread_area,
    [SYS_exit_group] = sys_exit_group,
    [SYS_set_tid_address] = sys_set_tid_address,
    [SYS_set_robust_list] = sys_set_robust_list,
    /* time, limits and descriptors for Linux programs */
    [SYS_time] = sys_time,
    [SYS_ioctl] = sys_ioctl,
    [SYS_gettimeofday] = sys_gettimeofday,
    [SYS_readlink] = sys_readlink,
    [SYS_readv] = sys_readv,
    [SYS_writev] = sys_writev,
    [SYS_ugetrlimit] = sys_ugetrlimit,
    [SYS_fstat64] = sys_fstat64,
    [SYS_clock_getres] = sys_clock_getres,
    [SYS_clock_nanosleep] = sys_clock_nanosleep,
    [SYS_fstatat64] = sys_fstatat64,
    [SYS_readlinkat] = sys_readlinkat,
    [SYS_prlimit64] = sys_prlimit64,
    [SYS_getrandom] = sys_getrandom,
    [SYS_statx] = sys_statx,
    [SYS_clock_gettime64] = sys_clock_gettime64,
    [SYS_clock_getres_time64] = sys_clock_getres_time64,
    [SYS_clock_nanosleep_time64] = sys_clock_nanosleep_time64,
    /* files, read-only, on the ramdisk */
    [SYS_open] = sys_open,
    [SYS_lseek] = sys_lseek,
    [SYS_access] = sys_access,
    [SYS__llseek] = sys__llseek,
    [SYS_pread64] = sys_pread64,
    [SYS_stat64] = sys_stat64,
    [SYS_lstat64] = sys_lstat64,
    [SYS_getdents64] = sys_getdents64,
    [SYS_fcntl64] = sys_fcntl,
    [SYS_openat] = sys_openat,
    [SYS_faccessat] = sys_faccessat,
    [SYS_faccessat2] = sys_faccessat2,
    [SYS_sendfile] = sys_sendfile,
    [SYS_sendfile64] = sys_sendfile64,
    [SYS_getcwd] = sys_getcwd,
    [SYS_chdir] = sys_chdir,
    [SYS_fchdir] = sys_fchdir,
    [SYS_mkdir] = sys_mkdir,
    [SYS_mkdirat] = sys_mkdirat,
    [SYS_rmdir] = sys_rmdir,
    [SYS_unlink] = sys_unlink,
    [SYS_unlinkat] = sys_unlinkat,
    [SYS_rename] = sys_rename,
    [SYS_utimensat] = sys_utimensat,
    [SYS_linux_sysinfo] = sys_linux_sysinfo,
    [SYS_sched_getaffinity] = sys_sched_getaffinity,
    [SYS_getgroups] = sys_getgroups,
    [SYS_getgroups32] = sys_getgroups,
    /* fork, exec and wait */
    [SYS_fork] = sys_fork,
    [SYS_vfork] = sys_fork,
    [SYS_clone] = sys_clone,
    [SYS_execve] = sys_execve,
    [SYS_wait4] = sys_wait4,
    [SYS_rt_sigaction] = sys_rt_sigaction,
    [SYS_rt_sigprocmask] = sys_rt_sigprocmask,
    [SYS_sigprocmask] = sys_sigprocmask,
    [SYS_rt_sigpending] = sys_rt_sigpending,
    [SYS_rt_sigsuspend] = sys_rt_sigsuspend,
    [SYS_pause] = sys_pause,
    [SYS_sigaltstack] = sys_sigaltstack,
    [SYS_sigreturn] = sys_sigreturn,
    [SYS_rt_sigreturn] = sys_rt_sigreturn,
    [SYS_tkill] = sys_tkill,
    [SYS_tgkill] = sys_tgkill,
    [SYS_alarm] = sys_alarm,
    [SYS_setitimer] = sys_setitimer,
    [SYS_getitimer] = sys_getitimer,
};

static const syscall_fn own_calls[] = {
    [SYS_spawn - SYS_spawn] = sys_spawn,
    [SYS_heartbeat - SYS_spawn] = sys_heartbeat,
    [SYS_guardlog - SYS_spawn] = sys_guardlog,
    [SYS_proclist - SYS_spawn] = sys_proclist,
    [SYS_sysinfo - SYS_spawn] = sys_sysinfo,
    [SYS_kcheck - SYS_spawn] = sys_kcheck,
    [SYS_tcsetpgrp - SYS_spawn] = sys_tcsetpgrp,
    [SYS_listfiles - SYS_spawn] = sys_listfiles,
    [SYS_ready - SYS_spawn] = sys_ready,
    [SYS_group_create - SYS_spawn] = sys_group_create,
    [SYS_stash - SYS_spawn] = sys_stash,
    [SYS_fdstore - SYS_spawn] = sys_fdstore,
    [SYS_update - SYS_spawn] = sys_update,
};

/* The command-line word `enosys`: say which unknown calls a program
 * makes, so that a user can see what a new program needs. */
static int log_unknown;

void syscall_init(int log_unknown_calls)
{
    log_unknown = log_unknown_calls;
}

static uint32_t unknown_call(uint32_t n)
{
    if (log_unknown)
        kprintf("enosys: %s[%d] called system call %u, which this kernel does not have\n",
                current->name, current->pid, n);
    return (uint32_t)-ENOSYS;
}

void syscall_dispatch(struct trapframe *tf)
{
    uint32_t n = tf->eax;       /* unsigned: a negative number is just large */
    syscall_fn fn = 0;
    if (n < NELEM(linux_calls))
        fn = linux_calls[n];
    else if (n - SYS_spawn < NELEM(own_calls))
        fn = own_calls[n - SYS_spawn];
    uint32_t arg[5] = { tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi };
    tf->error = n;              /* kept for a restart after a signal */
    tf->eax = fn ? (uint32_t)fn(arg) : unknown_call(n);
}
