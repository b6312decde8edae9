/*
 * Open files: a fixed pool, a free list, reference counts. The console
 * is one open file shared by every process's descriptors 0, 1 and 2; it
 * is never released. See kernel/fs/file.h for the shape, kernel/sys/sysfile.c
 * for the system calls, kernel/fs/pipe.c for pipes.
 */
#include "kernel/fs/file.h"
#include "kernel/fs/pipe.h"
#include "kernel/proc/proc.h"
#include "kernel/guard/guardian.h"
#include "kernel/dev/console.h"
#include "kernel/panic.h"
#include "abi/errno.h"
#include "lib/string.h"

#define NFILES 256

static struct openfile pool[NFILES];
static struct openfile *free_files;
static int in_use;
static struct proc *waiters;    /* in poll, or reading a pidfd */

/* The console is one open file for everyone, never released. */
static struct openfile console = { .type = OF_CONSOLE, .refs = 1 };

void file_init(void)
{
    for (int i = NFILES - 1; i >= 0; i--) {
        pool[i].next = free_files;
        free_files = &pool[i];
    }
}

struct openfile *file_alloc(enum openfile_type type)
{
    struct openfile *f = free_files;
    if (!f)
        return 0;
    free_files = f->next;
    memset(f, 0, sizeof *f);
    f->type = type;
    f->refs = 1;
    in_use++;
    return f;
}

struct openfile *file_dup(struct openfile *f)
{
    if (f)
        f->refs++;
    return f;
}

/* A pidfd stops watching its process. */
static void unwatch(struct openfile *f)
{
    if (!f->target)
        return;
    for (struct openfile **w = &f->target->watchers; *w; w = &(*w)->next) {
        if (*w == f) {
            *w = f->next;
            break;
        }
    }
    f->target = 0;
}

void file_close(struct openfile *f)
{
    if (!f)
        return;
    KASSERT(f->refs > 0);
    if (--f->refs > 0 || f == &console)
        return;
    if (f->type == OF_PIPE && f->pipe)
        pipe_close_end(f->pipe, f->write_end);
    else if (f->type == OF_PIDFD)
        unwatch(f);
    f->next = free_files;
    free_files = f;
    in_use--;
}

int file_count(void)
{
    return in_use;
}

void file_changed(void)
{
    proc_wake_all(&waiters);
}

struct proc **file_waiters(void)
{
    return &waiters;
}

int file_poll(struct openfile *f)
{
    switch (f->type) {
    case OF_CONSOLE:
        return (console_input_ready() ? POLLIN : 0) | (console_writable() ? POLLOUT : 0);
    case OF_PIPE:
        return pipe_poll(f->pipe, f->write_end);
    case OF_PIDFD:
        if (f->ended)
            return POLLIN;
        return f->target && guardian_is_ready(f->target) ? POLLPRI : 0;
    case OF_FILE:
    case OF_NULL:
        return POLLIN | POLLOUT;        /* never waits, as on Linux */
    }
    return POLLNVAL;
}

void fd_console(struct openfile **fds)
{
    for (int i = 0; i < 3; i++)
        fds[i] = file_dup(&console);
}

struct openfile *file_console(void)
{
    return file_dup(&console);
}

void fd_close_all(struct openfile **fds)
{
    for (int i = 0; i < NOFILE; i++) {
        file_close(fds[i]);
        fds[i] = 0;
    }
}

void fd_copy(struct openfile **dst, struct openfile *const *src, uint32_t skip_mask)
{
    for (int i = 0; i < NOFILE; i++)
        dst[i] = (skip_mask & (1u << i)) ? 0 : file_dup(src[i]);
}

int fd_install(struct proc *p, struct openfile *f, int min, int cloexec)
{
    for (int fd = min; fd < NOFILE; fd++) {
        if (!p->fds[fd]) {
            p->fds[fd] = f;
            if (cloexec)
                p->cloexec |= 1u << fd;
            else
                p->cloexec &= ~(1u << fd);
            return fd;
        }
    }
    return -EMFILE;
}

int fd_install_copy(struct proc *p, struct openfile *f, int min, int cloexec)
{
    int fd = fd_install(p, file_dup(f), min, cloexec);
    if (fd < 0)
        file_close(f);          /* the new reference goes again */
    return fd;
}

struct openfile *fd_get(struct proc *p, int fd)
{
    return fd >= 0 && fd < NOFILE ? p->fds[fd] : 0;
}

void pidfd_notify_end(struct proc *p, int status)
{
    while (p->watchers) {
        struct openfile *f = p->watchers;
        p->watchers = f->next;
        f->target = 0;
        f->ended = 1;
        f->status = status;
    }
    file_changed();
}

void pidfd_each_pid(void (*fn)(int pid))
{
    for (int i = 0; i < NFILES; i++)
        if (pool[i].refs > 0 && pool[i].type == OF_PIDFD)
            fn(pool[i].pid);
}
