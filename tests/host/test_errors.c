/* Host tests for lib/errors.c: the name and meaning of each errno. */
#include "tests/host/check.h"
#include "lib/errors.h"
#include "abi/errno.h"

int main(void)
{
    check_str("errors/enoent-text", error_text(ENOENT), "no such file");
    check_str("errors/enoent-name", error_name(ENOENT), "ENOENT");
    check_str("errors/negative-as-returned", error_text(-ENOENT), "no such file");
    check_str("errors/negative-name", error_name(-EINVAL), "EINVAL");
    check_str("errors/einval", error_text(EINVAL), "invalid argument");
    check_str("errors/esrch", error_text(ESRCH), "no such process");
    check_str("errors/eperm", error_text(EPERM), "not allowed");
    check_str("errors/etimedout-last", error_name(ETIMEDOUT), "ETIMEDOUT");
    check_str("errors/zero-unknown", error_text(0), "unknown error");
    check_str("errors/gap-unknown", error_text(5), "unknown error");
    check_str("errors/gap-name", error_name(5), "E?");
    check_str("errors/past-table", error_text(ETIMEDOUT + 1), "unknown error");
    check_str("errors/int-min", error_text(-2147483647 - 1), "unknown error");
    check_str("errors/int-max", error_name(2147483647), "E?");
    /* every number abi/errno.h defines has words */
    const int all[] = { EPERM, ENOENT, ESRCH, EINTR, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN,
                        ENOMEM, EACCES, EFAULT, ENODEV, EINVAL, ENFILE, EMFILE, ENOTTY, EPIPE, ENOSYS,
                        EOVERFLOW, EBUSY, EEXIST, ENOTDIR, EISDIR, ESPIPE, EROFS, ENAMETOOLONG,
                        ETIMEDOUT };
    int missing = 0;
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++)
        missing += strcmp(error_name(all[i]), "E?") == 0;
    check_int("errors/every-errno-named", missing, 0);
    return check_exit_status();
}
