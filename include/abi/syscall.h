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
#define SYS__newselect    142   /* select(nfds, readfds, writefds, exceptfds, timeval *) */
#define SYS_clock_gettime 265
#define SYS_pipe2         331
#define SYS_dup3          330
#define SYS_getsid        147
#define SYS_setsid         66
#define SYS_pidfd_send_signal 424
#define SYS_pidfd_open    434
#define SYS_pidfd_getfd   438

/* Starting a Linux program (docs/linux.md): identity (always root, 0),
 * TLS, names. */
#define SYS_getuid         24
#define SYS_getgid         47
#define SYS_geteuid        49
#define SYS_getegid        50
#define SYS_umask          60
#define SYS_uname         122
#define SYS_prctl         172
#define SYS_getuid32      199
#define SYS_getgid32      200
#define SYS_geteuid32     201
#define SYS_getegid32     202
#define SYS_gettid        224
#define SYS_set_thread_area 243
#define SYS_get_thread_area 244
#define SYS_exit_group    252
#define SYS_set_tid_address 258
#define SYS_set_robust_list 311

/* Time, limits and descriptors for Linux programs (docs/linux.md). */
#define SYS_time           13
#define SYS_ioctl          54
#define SYS_gettimeofday   78
#define SYS_readlink       85
#define SYS_readv         145
#define SYS_writev        146
#define SYS_ugetrlimit    191
#define SYS_fstat64       197
#define SYS_clock_getres  266
#define SYS_clock_nanosleep 267
#define SYS_fstatat64     300
#define SYS_readlinkat    305
#define SYS_prlimit64     340
#define SYS_getrandom     355
#define SYS_statx         383
#define SYS_clock_gettime64 403
#define SYS_clock_getres_time64 406
#define SYS_clock_nanosleep_time64 407

/* Files, read-only, on the ramdisk (docs/linux.md, part D). */
#define SYS_open            5
#define SYS_lseek          19
#define SYS_access         33
#define SYS__llseek       140
#define SYS_pread64       180
#define SYS_stat64        195
#define SYS_lstat64       196
#define SYS_getdents64    220
#define SYS_fcntl64       221   /* fcntl (musl's O_CLOEXEC opens call it) */
#define SYS_openat        295
#define SYS_faccessat     307
#define SYS_faccessat2    439   /* faccessat with flags: AT_EACCESS, AT_SYMLINK_NOFOLLOW */
#define SYS_sendfile      187   /* sendfile(out_fd, in_fd, off_t *offset, count) */
#define SYS_sendfile64    239   /* the same with a 64-bit *offset */
#define SYS_getcwd        183   /* getcwd(buf, size): the length with the NUL */
#define SYS_chdir          12
#define SYS_fchdir        133
/* ... and the calls that would change it: each looks its path up, then
 * says -EROFS (docs/linux.md, "The working directory"). */
#define SYS_unlink         10
#define SYS_rename         38
#define SYS_mkdir          39
#define SYS_rmdir          40
#define SYS_mkdirat       296
#define SYS_unlinkat      301
#define SYS_utimensat     320
/* Small facts a C library or busybox asks for. */
#define SYS_getgroups      80
#define SYS_linux_sysinfo 116   /* Linux's sysinfo (Warden's own is SYS_sysinfo, 1004) */
#define SYS_getgroups32   205
#define SYS_sched_getaffinity 242

/* Signals (docs/linux.md, "Signals"); structures in abi/signal.h. */
#define SYS_alarm          27
#define SYS_pause          29
#define SYS_setitimer     104
#define SYS_getitimer     105
#define SYS_sigreturn     119
#define SYS_sigprocmask   126
#define SYS_rt_sigreturn  173
#define SYS_rt_sigaction  174
#define SYS_rt_sigprocmask 175
#define SYS_rt_sigpending 176
#define SYS_rt_sigsuspend 179
#define SYS_sigaltstack   186
#define SYS_tkill         238
#define SYS_tgkill        270
#define ITIMER_REAL       0     /* the only interval timer here */

/* fork, exec and wait (docs/linux.md, part E). */
#define SYS_fork            2
#define SYS_execve         11
#define SYS_wait4         114
#define SYS_clone         120   /* only as fork: flags below */
#define SYS_vfork         190   /* the same as fork */
#define CLONE_EXIT_SIGNAL 0xFF  /* the low byte: the signal for the parent (SIGCHLD, 17, or 0) */
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000
#define WUNTRACED        2      /* waitpid, wait4: accepted; nothing ever stops */
#define WCONTINUED       8

/* wait4's struct rusage, Linux i386: two timevals and 14 longs. */
struct rusage {
    int32_t ru_utime_sec, ru_utime_usec;    /* user cpu time */
    int32_t ru_stime_sec, ru_stime_usec;    /* system cpu time */
    int32_t ru_other[14];                   /* maxrss ... nivcsw: 0 */
};

#define SYS_spawn        1000   /* spawn(path, argv, spec, envp): the new pid;
                                   envp NULL: the caller's environment */
#define SYS_heartbeat    1001   /* heartbeat(): reset the watchdog */
#define SYS_guardlog     1002   /* guardlog(buf, max, since): event records */
#define SYS_proclist     1003   /* proclist(buf, max): process records */
#define SYS_sysinfo      1004   /* sysinfo(struct sysinfo *) */
#define SYS_kcheck       1005   /* kcheck(): check the kernel's invariants; 0 or a panic */
#define SYS_tcsetpgrp    1006   /* tcsetpgrp(pgid): the console's foreground group (0: none) */
#define SYS_listfiles    1007   /* listfiles(struct file_info *buf, max): the ramdisk's files */
#define SYS_ready        1008   /* ready(): this incarnation of a supervised service is ready */
#define SYS_group_create 1009   /* group_create(const struct guard_group_spec *): a group number */
#define SYS_stash        1010   /* stash(addr, len): keep this range across restarts; 1: kept */
#define SYS_fdstore      1011   /* fdstore(fd, slot): restarts get fd back as descriptor slot */
#define STASH_MAX        0x10000    /* the most a stash may keep: 64 KiB, 16 pages */
#define SYS_update       1012   /* update(pid, path, probation_ms): live update of a service */

#define WNOHANG          1      /* waitpid: return 0 rather than block */

/* Descriptors. */
#define NOFILE           16     /* descriptors per process */
#define PIPE_SIZE        4096   /* a pipe's buffer; writes up to this are atomic */
#define O_ACCMODE        3      /* O_RDONLY 0, O_WRONLY 1, O_RDWR 2 */
#define O_RDONLY         0
#define O_WRONLY         1
#define O_RDWR           2
#define O_CREAT          0x40
#define O_EXCL           0x80
#define O_TRUNC          0x200
#define O_APPEND         0x400
#define O_NONBLOCK       0x800
#define O_DIRECTORY      0x10000
#define O_CLOEXEC        0x80000 /* not inherited by spawned children */

/* fcntl commands (Linux values) */
#define F_DUPFD          0      /* like dup, the lowest free fd >= arg */
#define F_GETFD          1      /* -> FD_CLOEXEC or 0 */
#define F_SETFD          2
#define F_GETFL          3      /* -> the access mode, and O_NONBLOCK */
#define F_SETFL          4
#define F_DUPFD_CLOEXEC  1030   /* like dup, the lowest free fd >= arg, close-on-exec */
#define FD_CLOEXEC       1

/* poll */
#define POLLIN           0x001
#define POLLPRI          0x002  /* a pidfd: the current incarnation called ready() */
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

/* Clocks. CLOCK_REALTIME is the date (since 1970-01-01 UTC): the CMOS
 * clock read at boot plus the time since; the others count from boot. */
#define CLOCK_REALTIME   0
#define CLOCK_MONOTONIC  1
#define CLOCK_PROCESS_CPUTIME_ID 2  /* the caller's CPU time, in whole ticks */
#define CLOCK_THREAD_CPUTIME_ID  3  /* the same: a process is one thread */
#define CLOCK_MONOTONIC_RAW 4       /* the same as CLOCK_MONOTONIC */
#define CLOCK_REALTIME_COARSE  5    /* to the last tick, without reading the PIT */
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME   7          /* the same as CLOCK_MONOTONIC: no suspend */
#define TIMER_ABSTIME    1          /* clock_nanosleep: until, not for */

#define SPAWN_MAX_ARGS   32     /* argv entries, the NULL not counted */
#define SPAWN_MAX_ARGLEN 1024   /* bytes of all argv strings with their NULs */
#define ENV_MAX_VARS     32     /* environment strings, the NULL not counted */
#define ENV_MAX_LEN      1024   /* bytes of all of them with their NULs */

/* set_thread_area, get_thread_area: one TLS descriptor (Linux i386). */
struct user_desc {
    uint32_t entry_number;      /* a GDT index; -1 asks for a free one */
    uint32_t base_addr;
    uint32_t limit;             /* in bytes, or pages with UD_LIMIT_IN_PAGES */
    uint32_t flags;             /* the UD_* bits below (bit fields in Linux) */
};
#define UD_SEG_32BIT        0x01
#define UD_CONTENTS         0x06    /* 2 bits: 0 data, 1 data growing down, 2 code */
#define UD_READ_EXEC_ONLY   0x08
#define UD_LIMIT_IN_PAGES   0x10
#define UD_SEG_NOT_PRESENT  0x20
#define UD_USEABLE          0x40
#define TLS_ENTRIES         3       /* GDT slots for TLS, per process */

/* uname */
#define UTS_LEN          65
struct new_utsname {
    char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN];
    char version[UTS_LEN], machine[UTS_LEN], domainname[UTS_LEN];
};

/* prctl options */
#define PR_SET_NAME      15     /* arg2: a name, at most 15 bytes are kept */
#define PR_GET_NAME      16     /* arg2: a 16-byte buffer */

struct timespec {
    int32_t tv_sec;
    int32_t tv_nsec;
};

/* The 64-bit time of clock_gettime64 and friends; on i386 the upper half
 * of tv_nsec is padding, ignored on the way in and 0 on the way out. */
struct timespec64 {
    int64_t tv_sec;
    int64_t tv_nsec;
};

struct timeval {
    int32_t tv_sec;
    int32_t tv_usec;
};

struct itimerval {              /* setitimer, getitimer */
    struct timeval it_interval; /* then every this long; 0: once */
    struct timeval it_value;    /* the first expiry from now; 0: disarmed */
};

struct timezone {               /* gettimeofday: always UTC, no DST */
    int32_t tz_minuteswest;
    int32_t tz_dsttime;
};

/* readv, writev: at most IOV_MAX pieces in one call. */
struct iovec {
    void *iov_base;
    uint32_t iov_len;
};
#define IOV_MAX          1024

/* getrandom flags: both accepted, neither changes anything (the
 * generator never blocks) */
#define GRND_NONBLOCK    0x1
#define GRND_RANDOM      0x2

/* Resource limits: ugetrlimit's struct rlimit, prlimit64's rlimit64. */
#define RLIMIT_DATA      2
#define RLIMIT_STACK     3
#define RLIMIT_NOFILE    7
#define RLIMIT_AS        9
#define RLIMIT_NLIMITS   16
#define RLIM_INFINITY    0xFFFFFFFFu
#define RLIM64_INFINITY  0xFFFFFFFFFFFFFFFFull

struct rlimit {
    uint32_t rlim_cur, rlim_max;
};

struct rlimit64 {
    uint64_t rlim_cur, rlim_max;
};

/* lseek whence */
#define SEEK_SET         0
#define SEEK_CUR         1
#define SEEK_END         2

/* access mode bits (F_OK is 0: the file exists) */
#define F_OK             0
#define X_OK             1
#define W_OK             2
#define R_OK             4

/* getdents64: one directory entry, d_reclen bytes (a multiple of 8) */
struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;              /* where the next entry starts (for lseek) */
    uint16_t d_reclen;
    uint8_t d_type;             /* DT_* */
    char d_name[];              /* NUL-terminated */
} __attribute__((packed));
#define DT_CHR           2
#define DT_DIR           4
#define DT_REG           8

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
