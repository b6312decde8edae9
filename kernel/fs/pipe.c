/*
 * A pipe is a ring buffer of PIPE_SIZE bytes, one page, with two counters
 * that only grow: bytes ever written (tail) and ever read (head); what
 * the pipe holds is tail - head. Readers block while it is empty and a
 * writer remains; writers block while it is too full. Every change wakes
 * the other side (and anyone in poll: file_changed).
 */
#include "kernel/fs/pipe.h"
#include "kernel/fs/file.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/vm.h"
#include "abi/errno.h"
#include "lib/string.h"
#include "abi/signal.h"

#define NPIPES 64

struct pipe {
    uint8_t *buf;               /* one page, from the frame allocator */
    uint32_t head, tail;        /* bytes read, bytes written, ever */
    int readers, writers;       /* open ends */
    struct proc *waiting;       /* blocked readers and writers */
    int in_use;
};

static struct pipe pipes[NPIPES];
static int npipes;

struct pipe *pipe_alloc(void)
{
    for (int i = 0; i < NPIPES; i++) {
        struct pipe *p = &pipes[i];
        if (p->in_use)
            continue;
        uint32_t frame = frame_alloc_ordinary();   /* not the reserve */
        if (!frame)
            return 0;
        p->buf = P2V(frame);
        p->head = p->tail = 0;
        p->readers = p->writers = 1;
        p->waiting = 0;
        p->in_use = 1;
        npipes++;
        return p;
    }
    return 0;
}

static void changed(struct pipe *p)
{
    proc_wake_all(&p->waiting);
    file_changed();
}

void pipe_close_end(struct pipe *p, int write_end)
{
    if (write_end)
        p->writers--;
    else
        p->readers--;
    changed(p);
    if (p->readers == 0 && p->writers == 0) {
        frame_free(V2P(p->buf));
        p->in_use = 0;
        npipes--;
    }
}

int pipe_index(const struct pipe *p)
{
    return (int)(p - pipes);
}

int pipe_count(void)
{
    return npipes;
}

int pipe_poll(struct pipe *p, int write_end)
{
    uint32_t held = p->tail - p->head;
    if (write_end)
        return (p->readers == 0 ? POLLERR : 0) | (held < PIPE_SIZE ? POLLOUT : 0);
    return (held > 0 ? POLLIN : 0) | (p->writers == 0 ? POLLHUP : 0);
}

/* Copy between user memory and the ring, at most up to the ring's end
 * each time: two pieces when the bytes wrap around. */
static int copy_out(struct pipe *p, uint32_t ubuf, uint32_t n)
{
    uint32_t at = p->head % PIPE_SIZE, first = PIPE_SIZE - at < n ? PIPE_SIZE - at : n;
    if (copy_to_user(ubuf, p->buf + at, first) < 0 ||
        copy_to_user(ubuf + first, p->buf, n - first) < 0)
        return -EFAULT;
    p->head += n;
    return 0;
}

/* Into the ring from user memory at ubuf, or from the kernel at kbuf
 * when it is not NULL (sendfile's bytes of the ramdisk). */
static int copy_in(struct pipe *p, const char *kbuf, uint32_t ubuf, uint32_t n)
{
    uint32_t at = p->tail % PIPE_SIZE, first = PIPE_SIZE - at < n ? PIPE_SIZE - at : n;
    if (kbuf) {
        memcpy(p->buf + at, kbuf, first);
        memcpy(p->buf, kbuf + first, n - first);
    } else if (copy_from_user(p->buf + at, ubuf, first) < 0 ||
               copy_from_user(p->buf, ubuf + first, n - first) < 0) {
        return -EFAULT;
    }
    p->tail += n;
    return 0;
}

int pipe_read(struct pipe *p, uint32_t ubuf, uint32_t n, int nonblock)
{
    if (n == 0)
        return 0;
    while (p->tail == p->head) {
        if (p->writers == 0)
            return 0;                   /* end of file */
        if (nonblock)
            return -EAGAIN;
        int r = proc_sleep_on(&p->waiting);
        if (r < 0)
            return r;
    }
    uint32_t held = p->tail - p->head, len = n < held ? n : held;
    if (copy_out(p, ubuf, len) < 0)
        return -EFAULT;
    changed(p);
    return (int)len;
}

/* No reader: the writer gets SIGPIPE (which ends it, by default, on its
 * way back to ring 3) and the call -EPIPE, as on Linux. */
static int broken(void)
{
    struct sig_info info = { .code = SI_KERNEL };
    signal_send(current, SIGPIPE, &info);
    return -EPIPE;
}

static int write_from(struct pipe *p, const char *kbuf, uint32_t ubuf, uint32_t n, int nonblock)
{
    uint32_t done = 0;
    while (done < n) {
        if (p->readers == 0)
            return done ? (int)done : broken();
        uint32_t space = PIPE_SIZE - (p->tail - p->head);
        /* A write that fits in the buffer goes in whole, never split. */
        uint32_t need = n <= PIPE_SIZE ? n : 1;
        if (space < need) {
            if (nonblock)
                return done ? (int)done : -EAGAIN;
            int r = proc_sleep_on(&p->waiting);
            if (r < 0)
                return done ? (int)done : r;
            continue;
        }
        uint32_t len = n - done < space ? n - done : space;
        if (copy_in(p, kbuf ? kbuf + done : 0, ubuf + done, len) < 0)
            return done ? (int)done : -EFAULT;
        done += len;
        changed(p);
    }
    return (int)done;
}

int pipe_write(struct pipe *p, uint32_t ubuf, uint32_t n, int nonblock)
{
    return write_from(p, 0, ubuf, n, nonblock);
}

int pipe_write_kernel(struct pipe *p, const char *buf, uint32_t n, int nonblock)
{
    return write_from(p, buf, 0, n, nonblock);
}
