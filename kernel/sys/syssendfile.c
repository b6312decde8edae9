/*
 * sendfile and sendfile64 (docs/linux.md, "The working directory"): a
 * file of the ramdisk copied to a pipe, the console or /dev/null straight
 * from the ramdisk's memory.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/fs/initrd.h"
#include "kernel/fs/pipe.h"
#include "kernel/dev/console.h"
#include "kernel/preempt.h"
#include "abi/errno.h"

/*
 * sendfile(out_fd, in_fd, offset, count): bytes of a ramdisk file
 * written to out_fd without a trip through user memory. With an offset
 * pointer the bytes start at *offset, which then moves past them, and
 * the file's own offset stays; without one they start at the file's
 * offset, which moves. The count written; a short count when the writer
 * stopped (a full non-blocking pipe); 0 at the end of the file.
 */
#define SEND_CHUNK      (16 * 1024)     /* bytes between preemption points */
#define SEND_MAX        0x7FFFF000u     /* Linux's limit on one transfer */

/* Write n bytes of kernel memory to out: the count, or the error. */
static int write_kernel(struct openfile *out, const char *buf, uint32_t n)
{
    switch (out->type) {
    case OF_CONSOLE:
        return console_write_kernel(buf, n, out->nonblock);
    case OF_PIPE:
        return pipe_write_kernel(out->pipe, buf, n, out->nonblock);
    case OF_NULL:
        return (int)n;
    default:
        return -EBADF;
    }
}

/* Which descriptors sendfile takes: 0, or -EBADF (not open, or not open
 * for reading or writing), -EINVAL (in is no regular file). */
static int send_check(struct openfile *out, struct openfile *in)
{
    if (!in || !out || (in->type == OF_PIPE && in->write_end))
        return -EBADF;
    if (out->type == OF_FILE || (out->type == OF_PIPE && !out->write_end))
        return -EBADF;                  /* open for reading only */
    if (out->type == OF_PIDFD)
        return -EINVAL;
    if (in->type != OF_FILE && in->type != OF_NULL)
        return -EINVAL;
    if (in->type == OF_FILE && in->node.kind != NODE_FILE)
        return -EINVAL;
    return 0;
}

/* Send count bytes of in from *pos: the count sent, or the error. */
static int send_bytes(struct openfile *out, struct openfile *in, uint64_t *pos, uint32_t count)
{
    if (in->type == OF_NULL)
        return 0;
    const struct file *f = initrd_file(in->node.index);
    if (*pos >= f->size)
        return 0;
    if (count > f->size - *pos)
        count = f->size - (uint32_t)*pos;
    uint32_t done = 0;
    while (done < count) {
        uint32_t len = count - done < SEND_CHUNK ? count - done : SEND_CHUNK;
        int r = write_kernel(out, (const char *)f->data + *pos + done, len);
        if (r < 0)
            return done ? (int)done : r;
        done += (uint32_t)r;
        if ((uint32_t)r < len || (done < count && preempt_point() < 0))
            break;                      /* a short write, or the process is ending */
    }
    *pos += done;
    return (int)done;
}

/* The work of both calls; wide says *offset is 64 bits (sendfile64). */
static int send_file(const uint32_t *arg, int wide)
{
    uint32_t uoff = arg[2], count = arg[3] > SEND_MAX ? SEND_MAX : arg[3];
    int64_t off = 0;
    if (uoff && copy_from_user(&off, uoff, wide ? 8 : 4) < 0)
        return -EFAULT;
    if (uoff && !wide)
        off = (int32_t)off;             /* a 32-bit off_t, sign and all */
    struct openfile *out = fd_get(current, (int)arg[0]), *in = fd_get(current, (int)arg[1]);
    int r = send_check(out, in);
    if (r < 0)
        return r;
    uint64_t pos = uoff ? (uint64_t)off : in->pos;
    if (uoff && off < 0)
        return -EINVAL;
    r = send_bytes(out, in, &pos, count);
    if (r < 0)
        return r;
    if (!uoff)
        in->pos = pos;
    else if (copy_to_user(uoff, &pos, wide ? 8 : 4) < 0)
        return -EFAULT;
    return r;
}

int32_t sys_sendfile(const uint32_t *arg)
{
    return send_file(arg, 0);
}

int32_t sys_sendfile64(const uint32_t *arg)
{
    return send_file(arg, 1);
}
