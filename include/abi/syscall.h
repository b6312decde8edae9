/*
 * The system call ABI, shared by the kernel and user programs.
 *
 * "int $0x80" with the number in eax and up to five arguments in ebx, ecx,
 * edx, esi, edi; the result comes back in eax. A negative result is an
 * error, -E* from abi/errno.h. Calls that exist in Linux i386 keep its
 * numbers and meaning; this kernel's own calls start at 1000.
 */
#ifndef ABI_SYSCALL_H
#define ABI_SYSCALL_H

#include <stdint.h>

#define SYS_exit            1
#define SYS_read            3
#define SYS_write           4
#define SYS_close           6
#define SYS_waitpid         7
#define SYS_getpid         20
#define SYS_kill           37
#define SYS_dup            41
#define SYS_pipe           42
#define SYS_fcntl          55
#define SYS_setpgid        57
#define SYS_dup2           63
#define SYS_getpgrp        65
#define SYS_getpgid       132
#define SYS_brk            45
#define SYS_munmap         91
#define SYS_mprotect      125
#define SYS_mmap2         192   /* mmap2(addr, len, prot, flags, fd, pgoff): abi/mman.h */
#define SYS_madvise       219
#define SYS_getppid        64
#define SYS_sched_yield   158
#define SYS_nanosleep     162
#define SYS_poll          168
#define SYS_clock_gettime 265
#define SYS_pipe2         331
#define SYS_pidfd_send_signal 424
#define SYS_pidfd_open    434

#define SYS_spawn        1000   /* spawn(path, argv, spec): the new pid */
#define SYS_heartbeat    1001   /* heartbeat(): reset the watchdog */
#define SYS_guardlog     1002   /* guardlog(buf, max, since): event records */
#define SYS_proclist     1003   /* proclist(buf, max): process records */
#define SYS_sysinfo      1004   /* sysinfo(struct sysinfo *) */
#define SYS_kcheck       1005   /* kcheck(): check the kernel's invariants; 0 or a panic */
#define SYS_tcsetpgrp    1006   /* tcsetpgrp(pgid): the console's foreground group (0: none) */
#define SYS_listfiles    1007   /* listfiles(struct file_info *buf, max): the ramdisk's files */

#define WNOHANG          1      /* waitpid: return 0 rather than block */

/* Descriptors. */
#define NOFILE           16     /* descriptors per process */
#define PIPE_SIZE        4096   /* a pipe's buffer; writes up to this are atomic */
#define O_NONBLOCK       0x800
#define O_CLOEXEC        0x80000 /* not inherited by spawned children */

/* fcntl commands (Linux values) */
#define F_GETFD          1      /* -> FD_CLOEXEC or 0 */
#define F_SETFD          2
#define F_GETFL          3      /* -> O_NONBLOCK or 0 */
#define F_SETFL          4
#define F_DUPFD_CLOEXEC  1030   /* like dup, the lowest free fd >= arg, close-on-exec */
#define FD_CLOEXEC       1

/* poll */
#define POLLIN           0x001
#define POLLOUT          0x004
#define POLLERR          0x008
#define POLLHUP          0x010
#define POLLNVAL         0x020
#define POLL_MAX         32     /* pollfds in one call */

struct pollfd {
    int32_t fd;
    int16_t events;             /* asked for */
    int16_t revents;            /* happened */
};

#define CLOCK_REALTIME   0      /* time since boot: there is no RTC read */
#define CLOCK_MONOTONIC  1

#define SPAWN_MAX_ARGS   32     /* argv entries, the NULL not counted */
#define SPAWN_MAX_ARGLEN 1024   /* bytes of all argv strings with their NULs */

struct timespec {
    int32_t tv_sec;
    int32_t tv_nsec;
};

struct file_info {
    char path[60];
    uint32_t size;
};

struct sysinfo {
    uint32_t uptime_ms;
    uint32_t free_frames, total_frames;
    uint32_t nprocs, max_procs;
    uint32_t open_files, pipes;     /* in use, system-wide: for leak checks */
    uint32_t hz;
    uint32_t boot_tsc_low, boot_tsc_high;   /* the TSC at the kernel's first instruction */
    uint32_t irqoff_longest;    /* with `irqwatch`: the longest stretch with
                                   interrupts off, in TSC cycles (0: not watched) */
    uint32_t reserve_frames;    /* free frames kept for init and restarts */
};

#endif
