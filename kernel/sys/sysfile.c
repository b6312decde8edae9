/*
 * The descriptor system calls: read, write, readv, writev, close, dup,
 * dup2, dup3, pipe, pipe2 and poll (the pidfd calls are in
 * kernel/sys/syspidfd.c). Each finds the open
 * file behind a descriptor (-EBADF when there is none) and hands the
 * work to the console, the pipe, the process descriptor code, or the
 * ramdisk (kernel/fs/node.c; opening is in kernel/sys/sysfs.c).
 */
#include "kernel/sys/syscall.h"
#include "kernel/fs/file.h"
#include "kernel/fs/pipe.h"
#include "kernel/proc/proc.h"
#include "kernel/dev/console.h"
#include "kernel/x86/pit.h"
#include "abi/errno.h"
#include "abi/signal.h"

#define MAX_IO      0x7FFFFFFFu     /* a result must fit in int32_t */

/* read(pidfd): wait for the end, then its Linux-encoded wait status. */
static int pidfd_read(struct openfile *f, uint32_t ubuf, uint32_t n)
{
    if (n < sizeof(int))
        return -EINVAL;
    while (!f->ended) {
        if (f->nonblock)
            return -EAGAIN;
        int r = proc_sleep_on(file_waiters());
        if (r < 0)
            return r;
    }
    return copy_to_user(ubuf, &f->status, sizeof(int)) < 0 ? -EFAULT : (int)sizeof(int);
}

static int file_read(struct openfile *f, uint32_t ubuf, uint32_t n)
{
    switch (f->type) {
    case OF_CONSOLE:
        return console_read(ubuf, n, f->nonblock);
    case OF_PIPE:
        return f->write_end ? -EBADF : pipe_read(f->pipe, ubuf, n, f->nonblock);
    case OF_PIDFD:
        return pidfd_read(f, ubuf, n);
    case OF_FILE: {
        if (f->node.kind == NODE_DIR)
            return -EISDIR;
        int r = node_read(&f->node, f->pos, ubuf, n);
        if (r > 0)
            f->pos += (uint32_t)r;
        return r;
    }
    case OF_NULL:
        return 0;
    }
    return -EBADF;
}

static int file_write(struct openfile *f, uint32_t ubuf, uint32_t n)
{
    switch (f->type) {
    case OF_CONSOLE:
        return console_write_user(ubuf, n, f->nonblock);
    case OF_PIPE:
        return f->write_end ? pipe_write(f->pipe, ubuf, n, f->nonblock) : -EBADF;
    case OF_PIDFD:
        return -EINVAL;
    case OF_FILE:
        return -EBADF;                  /* open for reading only */
    case OF_NULL:
        return (int)n;
    }
    return -EBADF;
}

int32_t sys_read(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    return f ? file_read(f, arg[1], arg[2] > MAX_IO ? MAX_IO : arg[2]) : -EBADF;
}

int32_t sys_write(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    return f ? file_write(f, arg[1], arg[2] > MAX_IO ? MAX_IO : arg[2]) : -EBADF;
}

/*
 * readv and writev: one read or write over several pieces (struct
 * iovec). The pieces are checked first, all of them: a count over
 * IOV_MAX or a length over MAX_IO is -EINVAL, a piece outside user space
 * -EFAULT, before a byte moves. Then the pieces go in order, copied in
 * IOV_BATCH at a time (a full array would not fit on the kernel stack),
 * until one comes up short; the total is capped at MAX_IO. A piece that
 * is in user space but not mapped ends the call with the bytes done so
 * far, or -EFAULT if none (as in Linux).
 */
#define IOV_BATCH 16

static int iov_batch(uint32_t uiov, uint32_t i, uint32_t count, struct iovec *v)
{
    uint32_t k = count - i < IOV_BATCH ? count - i : IOV_BATCH;
    return copy_from_user(v, uiov + i * sizeof *v, k * sizeof *v) < 0 ? -EFAULT : (int)k;
}

static int iov_check(uint32_t uiov, uint32_t count)
{
    if (count > IOV_MAX)
        return -EINVAL;
    struct iovec v[IOV_BATCH];
    for (uint32_t i = 0; i < count; i += IOV_BATCH) {
        int k = iov_batch(uiov, i, count, v);
        for (int j = 0; j < k; j++) {
            uint32_t base = (uint32_t)v[j].iov_base, len = v[j].iov_len;
            if (len > MAX_IO)
                return -EINVAL;
            if (len && (base < USER_BASE || base > USER_TOP - len))
                return -EFAULT;
        }
        if (k < 0)
            return k;
    }
    return 0;
}

/* Move the pieces through fn (file_read or file_write). */
static int rw_pieces(struct openfile *f, uint32_t uiov, uint32_t count,
                     int (*fn)(struct openfile *, uint32_t, uint32_t))
{
    int r = iov_check(uiov, count);
    if (r < 0)
        return r;
    struct iovec v[IOV_BATCH];
    uint32_t done = 0;
    for (uint32_t i = 0; i < count; i += IOV_BATCH) {
        int k = iov_batch(uiov, i, count, v);
        for (int j = 0; j < k; j++) {
            uint32_t len = v[j].iov_len < MAX_IO - done ? v[j].iov_len : MAX_IO - done;
            if (len == 0)
                continue;
            /* a read takes more pieces only while more is there now */
            if (fn == file_read && done > 0 && (f->type == OF_PIDFD || f->type == OF_NULL ||
                                                !(file_poll(f) & POLLIN)))
                return (int)done;
            r = fn(f, (uint32_t)v[j].iov_base, len);
            if (r < 0)
                return done ? (int)done : r;
            done += (uint32_t)r;
            if ((uint32_t)r < len)
                return (int)done;
        }
        if (k < 0)
            return done ? (int)done : k;
    }
    return (int)done;
}

int32_t sys_readv(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    return f ? rw_pieces(f, arg[1], arg[2], file_read) : -EBADF;
}

/* A writev to the console holds it for all the pieces, so that its
 * lines never mix with another process's, as a single write's do. */
int32_t sys_writev(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    if (f->type != OF_CONSOLE)
        return rw_pieces(f, arg[1], arg[2], file_write);
    int r = console_hold(f->nonblock);
    if (r < 0)
        return r;
    r = rw_pieces(f, arg[1], arg[2], file_write);
    console_release();
    return r;
}

int32_t sys_close(const uint32_t *arg)
{
    int fd = (int)arg[0];
    struct openfile *f = fd_get(current, fd);
    if (!f)
        return -EBADF;
    current->fds[fd] = 0;
    file_close(f);
    return 0;
}

int32_t sys_dup(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    return fd_install_copy(current, f, 0, 0);
}

/* dup2(old, new): new now refers to old's file (closing what it had);
 * the new descriptor is never close-on-exec. dup3(old, new, flags) is
 * the same with O_CLOEXEC allowed in flags, and old == new -EINVAL. */
static int dup_to(int oldfd, int newfd, int cloexec)
{
    struct openfile *f = fd_get(current, oldfd);
    if (!f || newfd < 0 || newfd >= NOFILE)
        return -EBADF;
    if (newfd == oldfd)
        return newfd;
    file_close(current->fds[newfd]);
    current->fds[newfd] = file_dup(f);
    if (cloexec)
        current->cloexec |= 1u << newfd;
    else
        current->cloexec &= ~(1u << newfd);
    return newfd;
}

int32_t sys_dup2(const uint32_t *arg)
{
    return dup_to((int)arg[0], (int)arg[1], 0);
}

int32_t sys_dup3(const uint32_t *arg)
{
    if (arg[2] & ~(uint32_t)O_CLOEXEC)
        return -EINVAL;
    if (arg[0] == arg[1])
        return -EINVAL;
    return dup_to((int)arg[0], (int)arg[1], arg[2] != 0);
}

/* F_GETFL's access mode: how the file can be used. */
static int access_mode(const struct openfile *f)
{
    if (f->type == OF_FILE || (f->type == OF_PIPE && !f->write_end))
        return O_RDONLY;
    return f->type == OF_PIPE ? O_WRONLY : O_RDWR;
}

/* fcntl(fd, cmd, arg): the close-on-exec bit, the access mode and
 * O_NONBLOCK, F_DUPFD and F_DUPFD_CLOEXEC (how a library or a shell
 * saves a descriptor without handing the copy to the children it
 * spawns). */
int32_t sys_fcntl(const uint32_t *arg)
{
    int fd = (int)arg[0];
    uint32_t cmd = arg[1], val = arg[2];
    struct openfile *f = fd_get(current, fd);
    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_GETFD:
        return (current->cloexec >> fd) & 1 ? FD_CLOEXEC : 0;
    case F_SETFD:
        if (val & FD_CLOEXEC)
            current->cloexec |= 1u << fd;
        else
            current->cloexec &= ~(1u << fd);
        return 0;
    case F_GETFL:
        return access_mode(f) | (f->nonblock ? O_NONBLOCK : 0);
    case F_SETFL:
        f->nonblock = (val & O_NONBLOCK) != 0;
        return 0;
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
        if (val >= NOFILE)
            return -EINVAL;
        return fd_install_copy(current, f, (int)val, cmd == F_DUPFD_CLOEXEC);
    }
    }
    return -EINVAL;
}

int32_t sys_pipe2(const uint32_t *arg)
{
    uint32_t ufds = arg[0], flags = arg[1];
    if (flags & ~(uint32_t)(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    if (!vm_user_range_ok(ufds, 2 * sizeof(int), 1))
        return -EFAULT;
    struct openfile *r = file_alloc(OF_PIPE), *w = file_alloc(OF_PIPE);
    struct pipe *p = r && w ? pipe_alloc() : 0;
    if (!p) {
        file_close(r);                  /* files without a pipe yet */
        file_close(w);
        return r && w ? -ENOMEM : -ENFILE;
    }
    r->pipe = w->pipe = p;
    w->write_end = 1;
    r->nonblock = w->nonblock = (flags & O_NONBLOCK) != 0;
    int cloexec = (flags & O_CLOEXEC) != 0;
    int fds[2] = { fd_install(current, r, 0, cloexec), -1 };
    if (fds[0] >= 0)
        fds[1] = fd_install(current, w, 0, cloexec);
    if (fds[1] < 0) {
        if (fds[0] >= 0)
            current->fds[fds[0]] = 0;
        file_close(r);
        file_close(w);
        return -EMFILE;
    }
    copy_to_user(ufds, fds, sizeof fds);        /* checked above */
    return 0;
}

int32_t sys_pipe(const uint32_t *arg)
{
    uint32_t with_flags[2] = { arg[0], 0 };
    return sys_pipe2(with_flags);
}

/* How many of the descriptors are ready; fills in revents. */
static int poll_scan(struct pollfd *fds, uint32_t n)
{
    int ready = 0;
    for (uint32_t i = 0; i < n; i++) {
        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue;                   /* ignored, as on Linux */
        struct openfile *f = fd_get(current, fds[i].fd);
        int now = f ? file_poll(f) : POLLNVAL;
        fds[i].revents = (int16_t)(now & (fds[i].events | POLLERR | POLLHUP | POLLNVAL));
        ready += fds[i].revents != 0;
    }
    return ready;
}

int32_t sys_poll(const uint32_t *arg)
{
    uint32_t ufds = arg[0], n = arg[1];
    int timeout = (int)arg[2];
    struct pollfd fds[POLL_MAX];
    if (n > POLL_MAX)
        return -EINVAL;
    if (copy_from_user(fds, ufds, n * sizeof fds[0]) < 0)
        return -EFAULT;
    uint64_t deadline = timeout > 0 ? timer_tick_after_ms((uint32_t)timeout) : 0;
    int ready;
    while ((ready = poll_scan(fds, n)) == 0 && timeout != 0) {
        if (timeout > 0 && pit_ticks() >= deadline)
            break;
        if (proc_sleep_until(file_waiters(), timeout > 0 ? deadline : 0) < 0)
            return -ERESTARTNOHAND;     /* -EINTR when a handler runs */
    }
    if (copy_to_user(ufds, fds, n * sizeof fds[0]) < 0)
        return -EFAULT;
    return ready;
}
