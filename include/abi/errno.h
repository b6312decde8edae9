/* Error numbers: a failed system call returns -E*, Linux i386 values. */
#ifndef ABI_ERRNO_H
#define ABI_ERRNO_H

#define EPERM     1     /* operation not permitted */
#define ENOENT    2     /* no such file */
#define ESRCH     3     /* no such process */
#define EINTR     4     /* interrupted */
#define E2BIG     7     /* argument list too long */
#define ENOEXEC   8     /* not a valid executable */
#define EBADF     9     /* bad file descriptor */
#define ECHILD   10     /* no such child */
#define EAGAIN   11     /* try again (table full, would block) */
#define ENOMEM   12     /* out of memory */
#define EACCES   13     /* access not allowed (a shared code page made writable) */
#define EFAULT   14     /* bad address */
#define EBUSY    16     /* busy: an update under way, another stash range... */
#define EEXIST   17     /* the file exists (O_CREAT|O_EXCL) */
#define ENODEV   19     /* the file cannot be memory-mapped */
#define ENOTDIR  20     /* not a directory */
#define EISDIR   21     /* is a directory */
#define EINVAL   22     /* invalid argument */
#define ENFILE   23     /* the system has no open file left */
#define EMFILE   24     /* too many open descriptors */
#define ENOTTY   25     /* not a terminal (ioctl) */
#define ESPIPE   29     /* cannot seek (a pipe, the console) */
#define EROFS    30     /* read-only file system (the ramdisk) */
#define EPIPE    32     /* no reader on the pipe */
#define ERANGE   34     /* a result too large for the buffer (getcwd) */
#define ENAMETOOLONG 36 /* a path too long */
#define ENOSYS   38     /* no such system call */
#define EOVERFLOW 75    /* a value too large for its 32-bit field */
#define ETIMEDOUT 110   /* timed out */
#define EDQUOT   122    /* over a quota: in the kernel, a process's memory limit */

#endif
