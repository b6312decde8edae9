/*
 * Open files and descriptor tables. A descriptor is a small number that
 * indexes the process's table; the table holds references to open
 * files, which are shared (dup, inheritance) and released when the last
 * reference goes. The kinds of open file: the console, an end of a
 * pipe, a process descriptor (pidfd), a file or directory of the ramdisk
 * (read-only, with an offset), and /dev/null.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdint.h>
#include "abi/syscall.h"
#include "kernel/fs/node.h"

struct proc;
struct pipe;

enum openfile_type { OF_CONSOLE = 1, OF_PIPE, OF_PIDFD, OF_FILE, OF_NULL };

struct openfile {
    enum openfile_type type;
    int refs;
    int nonblock;
    /* a pipe end */
    struct pipe *pipe;
    int write_end;
    /* a process descriptor */
    int pid;
    struct proc *target;        /* NULL once it has ended for good */
    int ended, status;
    struct openfile *next;      /* the target's watchers; or the free list */
    /* a file or directory of the ramdisk: where the next read starts
     * (for a directory, the cookie of its next entry) */
    struct node node;
    uint64_t pos;
};

void file_init(void);
/* A new open file with one reference, or NULL when none is left. */
struct openfile *file_alloc(enum openfile_type type);
struct openfile *file_dup(struct openfile *f);
/* Drop a reference; the last one releases what the file holds. */
void file_close(struct openfile *f);
/* Processes blocked in poll, or reading a pidfd, wait here; anything
 * that may change a file's readiness wakes them (file_changed). */
void file_changed(void);
struct proc **file_waiters(void);
/* POLLIN/POLLOUT/POLLERR/POLLHUP for f as it is now. */
int file_poll(struct openfile *f);
int file_count(void);           /* open files in use, for leak checks */

/* Descriptor tables (the fds and spawn_fds arrays of struct proc). */
void fd_close_all(struct openfile **fds);
/* fds 0, 1 and 2: the console (init's descriptors). */
void fd_console(struct openfile **fds);
/* A new reference to the console's open file (open("/dev/tty")). */
struct openfile *file_console(void);
/* dst[i] = a new reference to src[i], for every i not in skip_mask. */
void fd_copy(struct openfile **dst, struct openfile *const *src, uint32_t skip_mask);
/* The lowest free descriptor >= min given to f: the number, or -EMFILE. */
int fd_install(struct proc *p, struct openfile *f, int min, int cloexec);
/* The same with a new reference to f (dup, F_DUPFD, pidfd_getfd): f is
 * left as it was when there is no free descriptor. */
int fd_install_copy(struct proc *p, struct openfile *f, int min, int cloexec);
struct openfile *fd_get(struct proc *p, int fd);

/* A process ended for good: its pidfds become readable with status. */
void pidfd_notify_end(struct proc *p, int status);
/* Call fn with the pid of every open pidfd, its process ended or not:
 * a pidfd names its pid until it is closed, so the pid is not reused. */
void pidfd_each_pid(void (*fn)(int pid));

#endif
