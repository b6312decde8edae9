/*
 * The calls that would change the ramdisk: mkdir, mkdirat, rmdir,
 * unlink, unlinkat, rename and utimensat. The ramdisk is read-only, so
 * none of them changes anything, but each answers as Linux answers on a
 * read-only file system: the path is looked up first, and its own errors
 * come before -EROFS (a missing file to remove is -ENOENT, a directory
 * that exists is -EEXIST for mkdir). A shell's `mkdir`, `rm` or `touch`
 * then says "Read-only file system", not "Function not implemented".
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/fs/node.h"
#include "abi/stat.h"
#include "abi/errno.h"
#include "lib/string.h"

#define AT_REMOVEDIR    0x200   /* unlinkat: remove a directory */

/* mkdir's work: -EEXIST when the path is there; -EROFS when only its
 * last component is missing; else the lookup's error (-ENOENT for a
 * missing parent, -ENOTDIR, -EFAULT, -ENAMETOOLONG). */
static int make_dir(uint32_t dirfd, uint32_t upath)
{
    struct node n;
    int r = lookup_user_path(dirfd, upath, &n);
    if (r == 0)
        return -EEXIST;
    if (r != -ENOENT)
        return r;
    r = lookup_user_parent(dirfd, upath, &n);
    return r < 0 ? r : -EROFS;
}

int32_t sys_mkdir(const uint32_t *arg)
{
    return make_dir((uint32_t)AT_FDCWD, arg[0]);
}

int32_t sys_mkdirat(const uint32_t *arg)
{
    return make_dir(arg[0], arg[1]);
}

/* Removing: the path must be there; rmdir wants a directory (-ENOTDIR),
 * unlink anything else (-EISDIR); then -EROFS. */
static int remove_path(uint32_t dirfd, uint32_t upath, int want_dir)
{
    struct node n;
    int r = lookup_user_path(dirfd, upath, &n);
    if (r < 0)
        return r;
    if (want_dir && n.kind != NODE_DIR)
        return -ENOTDIR;
    if (!want_dir && n.kind == NODE_DIR)
        return -EISDIR;
    return -EROFS;
}

int32_t sys_rmdir(const uint32_t *arg)
{
    return remove_path((uint32_t)AT_FDCWD, arg[0], 1);
}

int32_t sys_unlink(const uint32_t *arg)
{
    return remove_path((uint32_t)AT_FDCWD, arg[0], 0);
}

/* unlinkat(dirfd, path, flags): AT_REMOVEDIR makes it rmdir. */
int32_t sys_unlinkat(const uint32_t *arg)
{
    if (arg[2] & ~(uint32_t)AT_REMOVEDIR)
        return -EINVAL;
    return remove_path(arg[0], arg[1], (arg[2] & AT_REMOVEDIR) != 0);
}

/* rename(old, new): old must be there; then -EROFS. */
int32_t sys_rename(const uint32_t *arg)
{
    struct node n;
    int r = lookup_user_path((uint32_t)AT_FDCWD, arg[0], &n);
    return r < 0 ? r : -EROFS;
}

/* utimensat(dirfd, path, times, flags): the times (two 32-bit timespecs)
 * copied in if given; path NULL means dirfd itself (futimens). A file
 * or directory of the ramdisk is -EROFS; a device, the console or a pipe
 * keeps no times, and 0 pretends they changed, as a tmpfs /dev would. */
int32_t sys_utimensat(const uint32_t *arg)
{
    uint32_t times[4];
    if (arg[3] & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    if (arg[2] && copy_from_user(times, arg[2], sizeof times) < 0)
        return -EFAULT;
    struct node n;
    if (arg[1] == 0) {
        struct openfile *f = fd_get(current, (int)arg[0]);
        if (!f)
            return -EBADF;
        return f->type == OF_FILE ? -EROFS : 0;
    }
    int r = lookup_user_path(arg[0], arg[1], &n);
    if (r < 0)
        return r;
    return n.kind == NODE_DEV ? 0 : -EROFS;
}
