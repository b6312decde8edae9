/*
 * The working directory: getcwd, chdir and fchdir (docs/linux.md, "The
 * working directory"). Each process has one, a directory of the ramdisk
 * (cwd in struct proc); every relative path starts there. A fork or a
 * spawn passes it on, an execve keeps it, and a guardian restart goes
 * back to the one the process was spawned with, as it does with the umask.
 * The ramdisk never changes, so a directory once found stays valid: no
 * reference to count, nothing to release.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/fs/node.h"
#include "abi/stat.h"
#include "abi/errno.h"
#include "lib/string.h"

/* getcwd(buf, size): the working directory's absolute path and its NUL.
 * The system call returns the length with the NUL (the C library's
 * wrapper returns buf); -ERANGE when size is too small, -EFAULT when buf
 * is not writable. */
int32_t sys_getcwd(const uint32_t *arg)
{
    const char *path = node_path(&current->cwd);
    uint32_t len = (uint32_t)strlen(path) + 1;
    if (arg[1] < len)
        return -ERANGE;
    return copy_to_user(arg[0], path, len) < 0 ? -EFAULT : (int32_t)len;
}

/* chdir(path): the directory path names becomes the working directory:
 * -ENOTDIR for a file or a device, and the lookup's errors (-ENOENT,
 * -EFAULT, -ENAMETOOLONG). */
int32_t sys_chdir(const uint32_t *arg)
{
    struct node n;
    int r = lookup_user_path((uint32_t)AT_FDCWD, arg[0], &n);
    if (r < 0)
        return r;
    if (n.kind != NODE_DIR)
        return -ENOTDIR;
    current->cwd = n;
    return 0;
}

/* fchdir(fd): the directory open on fd: -EBADF, or -ENOTDIR for anything
 * that is not an open directory of the ramdisk. */
int32_t sys_fchdir(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    if (f->type != OF_FILE || f->node.kind != NODE_DIR)
        return -ENOTDIR;
    current->cwd = f->node;
    return 0;
}
