/* Pipes: a one-page ring buffer between a write end and a read end. */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include <stdint.h>

struct pipe;

/* A new pipe with one reader and one writer, or NULL (no memory). */
struct pipe *pipe_alloc(void);
/* Up to n bytes into user memory: the count, 0 at end of file (no
 * writer left), -EAGAIN (nonblock and empty), -EFAULT. Blocks while the
 * pipe is empty and a writer remains. */
int pipe_read(struct pipe *p, uint32_t ubuf, uint32_t n, int nonblock);
/* n bytes from user memory; all at once when n <= PIPE_SIZE. The count,
 * -EAGAIN, -EFAULT, or -EPIPE when no reader is left (the writer then
 * gets SIGPIPE). Blocks while the pipe is full. */
int pipe_write(struct pipe *p, uint32_t ubuf, uint32_t n, int nonblock);
/* The same from kernel memory (sendfile), where -EFAULT cannot happen. */
int pipe_write_kernel(struct pipe *p, const char *buf, uint32_t n, int nonblock);
void pipe_close_end(struct pipe *p, int write_end);
int pipe_poll(struct pipe *p, int write_end);
int pipe_count(void);
/* The pipe's place in the table, 0 to 63: a name for fstat's inode. */
int pipe_index(const struct pipe *p);

#endif
