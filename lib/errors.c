/* The error numbers of abi/errno.h, by name and meaning: one table for
 * every message that reports a failed system call. */
#include "lib/errors.h"
#include "abi/errno.h"

struct error_words {
    int err;
    const char *name;
    const char *text;
};

/* A list rather than an array indexed by number: ETIMEDOUT is 110, and
 * every program carries this table. */
static const struct error_words errors[] = {
    { EPERM, "EPERM", "not allowed" },
    { ENOENT, "ENOENT", "no such file" },
    { ESRCH, "ESRCH", "no such process" },
    { EINTR, "EINTR", "interrupted" },
    { E2BIG, "E2BIG", "argument list too long" },
    { ENOEXEC, "ENOEXEC", "not a valid executable" },
    { EBADF, "EBADF", "bad file descriptor" },
    { ECHILD, "ECHILD", "no such child" },
    { EAGAIN, "EAGAIN", "try again (a table is full)" },
    { ENOMEM, "ENOMEM", "out of memory" },
    { EACCES, "EACCES", "access not allowed" },
    { EFAULT, "EFAULT", "bad address" },
    { EBUSY, "EBUSY", "busy" },
    { EEXIST, "EEXIST", "file exists" },
    { ENODEV, "ENODEV", "cannot be mapped" },
    { ENOTDIR, "ENOTDIR", "not a directory" },
    { EISDIR, "EISDIR", "is a directory" },
    { EINVAL, "EINVAL", "invalid argument" },
    { ENFILE, "ENFILE", "no open file left in the system" },
    { EMFILE, "EMFILE", "too many open descriptors" },
    { ENOTTY, "ENOTTY", "not a terminal" },
    { ESPIPE, "ESPIPE", "cannot seek" },
    { EROFS, "EROFS", "read-only file system" },
    { EPIPE, "EPIPE", "no reader on the pipe" },
    { ERANGE, "ERANGE", "result too large for the buffer" },
    { ENAMETOOLONG, "ENAMETOOLONG", "name too long" },
    { ENOSYS, "ENOSYS", "no such system call" },
    { EOVERFLOW, "EOVERFLOW", "value too large" },
    { ETIMEDOUT, "ETIMEDOUT", "timed out" },
};

#define NERRORS (int)(sizeof errors / sizeof errors[0])

static const struct error_words *lookup(int err)
{
    for (int i = 0; i < NERRORS; i++)
        if (errors[i].err == err || -errors[i].err == err)
            return &errors[i];
    return 0;
}

const char *error_text(int err)
{
    const struct error_words *e = lookup(err);
    return e ? e->text : "unknown error";
}

const char *error_name(int err)
{
    const struct error_words *e = lookup(err);
    return e ? e->name : "E?";
}
