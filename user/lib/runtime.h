/*
 * The user runtime: system call wrappers, printing, memory. System calls
 * return what the kernel returned: a negative errno on failure (there is
 * no errno variable).
 */
#ifndef USER_RUNTIME_H
#define USER_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include "abi/syscall.h"
#include "abi/errno.h"
#include "abi/signal.h"
#include "abi/guard.h"
#include "abi/memlayout.h"
#include "abi/mman.h"
#include "abi/stat.h"
#include "abi/termios.h"
#include "lib/string.h"
#include "lib/format.h"
#include "lib/names.h"
#include "lib/words.h"
#include "lib/numbers.h"
#include "lib/errors.h"

/* system calls */
void exit(int status) __attribute__((noreturn));
int read(int fd, void *buf, size_t n);
int write(int fd, const void *buf, size_t n);
int getpid(void);
int getppid(void);
int waitpid(int pid, int *status, int options);
int kill(int pid, int sig);
/* The new break, or the old one when refused (Linux's system call). */
void *brk(void *addr);
/* Anonymous memory (abi/mman.h); the address, or an error as a pointer
 * in the last 4,095 values, e.g. (void *)-ENOMEM. */
void *mmap2(void *addr, size_t len, int prot, int flags, int fd);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
int sched_yield(void);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(int clock, struct timespec *ts);
/* spawn passes the caller's own environment on; spawne passes envp. */
int spawn(const char *path, char *const argv[], const struct guard_spec *spec);
int spawne(const char *path, char *const argv[], const struct guard_spec *spec,
           char *const envp[]);
int heartbeat(void);
int guardlog(struct guard_event *buf, int max, uint32_t since);
int proclist(struct proc_info *buf, int max);
int sysinfo(struct sysinfo *info);
int kcheck(void);
int setpgid(int pid, int pgid);
int getpgrp(void);
int getpgid(int pid);
int tcsetpgrp(int pgid);
int listfiles(struct file_info *buf, int max);
/* A supervised service tells its supervisor it is ready (docs/guardian.md). */
int ready(void);
/* A supervisor makes a group for its services (spec.group): its number. */
int group_create(const struct guard_group_spec *g);
/* A supervised service keeps [addr, addr + len) across its restarts:
 * 0, 1 when this incarnation found it kept, or a negative errno; and
 * gives every later incarnation descriptor fd as number slot
 * (docs/guardian.md, section 14). */
int stash(void *addr, size_t len);
int fdstore(int fd, int slot);
/* A supervisor replaces the program of its service pid, live (docs/guardian.md). */
int update(int pid, const char *path, uint32_t probation_ms);
int close(int fd);
int dup(int fd);
int dup2(int oldfd, int newfd);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int poll(struct pollfd *fds, unsigned n, int timeout);
int pidfd_open(int pid, unsigned flags);
int pidfd_getfd(int pidfd, int fd, unsigned flags);
int pidfd_send_signal(int fd, int sig, void *info, unsigned flags);
int fcntl(int fd, int cmd, int arg);
int ioctl(int fd, unsigned request, void *arg);
/* The terminal's settings (abi/termios.h): 0, or -ENOTTY when fd is not
 * the console. tcsetattr's when: TCSANOW, TCSADRAIN (after the output
 * has gone out), TCSAFLUSH (and discard typed input). */
int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2
/* The file calls on the ramdisk (read-only). */
int open(const char *path, int flags);
int openat(int dirfd, const char *path, int flags);
int lseek(int fd, int off, int whence);
int pread64(int fd, void *buf, size_t n, int64_t off);
int getdents64(int fd, void *buf, size_t n);
int stat64(const char *path, struct stat64 *st);
int fstat64(int fd, struct stat64 *st);
int access(const char *path, int mode);
long syscall(long n, long a, long b, long c, long d, long e);
/* Signals, with the kernel's structures (abi/signal.h) and 64-bit sets.
 * Without SA_RESTORER a handler returns through the code the kernel put
 * in its frame (docs/linux.md, "Signals"). */
int sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *old);
int sigprocmask(int how, const sigset64_t *set, sigset64_t *old);
int sigaltstack(const k_stack_t *ss, k_stack_t *old);

/* conveniences */
int msleep(uint32_t ms);
/* The process listing's entry for pid: 0, or -ESRCH. */
int proc_info_of(int pid, struct proc_info *out);
#define PROC_LIST_MAX 256
uint32_t uptime_ms(void);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
int puts(const char *s);
void *malloc(size_t n);
void free(void *p);
/* Lax: "abc" is 0. For test programs only; tools use number_arg. */
int atoi(const char *s);

/* the environment (user/lib/env.c): NAME=value strings, NULL-terminated */
extern char **environ;
/* The value of NAME, or NULL. */
char *getenv(const char *name);

/* arguments (user/lib/args.c) */
/* word as a number in [min, max]: 0 with *out set, or -1 after printing
 * "PROG: WORD: not a number" (or "out of range") on stderr. */
int number_arg(const char *prog, const char *word, int32_t min, int32_t max, int32_t *out);
/* Open a file named on the command line for reading: the descriptor,
 * or -1 after printing "PROG: PATH: no such file" (or the error). */
int open_arg(const char *prog, const char *path);
#define FILES_MAX 128       /* the most files listfiles is asked for */

#include "user/lib/process.h"

#endif
