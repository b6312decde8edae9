/*
 * The file calls on the ramdisk: open, openat, lseek, _llseek, pread64,
 * getdents64, access, faccessat and faccessat2 (read and close are the
 * descriptor calls of sysfile.c; stat64 and friends are in sysstat.c;
 * the working directory is sysdir.c's, sendfile syssendfile.c's).
 * Everything is read-only: an open for writing is -EROFS, except on
 * /dev/null and the console. A relative path starts at the working
 * directory (or at openat's directory).
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/fs/node.h"
#include "abi/stat.h"
#include "abi/errno.h"
#include "lib/string.h"

#define PATH_BUF        256     /* a longer path is -ENAMETOOLONG */
#define DIRENT_HEAD     19      /* linux_dirent64 up to d_name */
#define OFF_MAX_32      0x7FFFFFFF

/* Copy a path in: 0, or -EFAULT, -ENAMETOOLONG, -ENOENT (empty). */
static int path_in(uint32_t upath, char *buf)
{
    int n = copy_string_from_user(buf, upath, PATH_BUF);
    if (n == -EFAULT)
        return n;
    if (n < 0)
        return -ENAMETOOLONG;
    return n == 0 ? -ENOENT : 0;
}

/* The directory a relative path starts from: the working directory for
 * AT_FDCWD, else dirfd's directory (-EBADF, -ENOTDIR). */
static int start_dir(uint32_t dirfd, const char *path, struct node *out)
{
    *out = current->cwd;
    if (path[0] == '/' || (int)dirfd == AT_FDCWD)
        return 0;
    struct openfile *f = fd_get(current, (int)dirfd);
    if (!f)
        return -EBADF;
    if (f->type != OF_FILE || f->node.kind != NODE_DIR)
        return -ENOTDIR;
    *out = f->node;
    return 0;
}

/* Cut a path to its parent's: "a/b/" and "a/b" -> "a", "/x" -> "/",
 * "x" -> ".". */
static void cut_to_parent(char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        path[--len] = '\0';
    char *slash = strrchr(path, '/');
    if (!slash)
        strlcpy(path, ".", PATH_BUF);
    else
        slash[slash == path] = '\0';
}

/* The node (dirfd, upath) names, or with parent the directory that
 * holds its last component (-ENOTDIR when that is no directory). */
static int lookup(uint32_t dirfd, uint32_t upath, int parent, struct node *out)
{
    char path[PATH_BUF];
    struct node base;
    int r = path_in(upath, path);
    if (r == 0)
        r = start_dir(dirfd, path, &base);
    if (r < 0)
        return r;
    if (parent)
        cut_to_parent(path);
    r = node_lookup(&base, path, out);
    return r == 0 && parent && out->kind != NODE_DIR ? -ENOTDIR : r;
}

int lookup_user_path(uint32_t dirfd, uint32_t upath, struct node *out)
{
    return lookup(dirfd, upath, 0, out);
}

int lookup_user_parent(uint32_t dirfd, uint32_t upath, struct node *out)
{
    return lookup(dirfd, upath, 1, out);
}

/* Whether flags may open n: 0 or the error. */
static int open_allowed(const struct node *n, uint32_t flags)
{
    uint32_t acc = flags & O_ACCMODE;
    if ((flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    if ((flags & O_DIRECTORY) && n->kind != NODE_DIR)
        return -ENOTDIR;
    if (n->kind == NODE_DIR)
        return acc != O_RDONLY || (flags & O_CREAT) ? -EISDIR : 0;
    if (n->kind == NODE_FILE && (acc != O_RDONLY || (flags & O_TRUNC)))
        return -EROFS;
    return 0;
}

static int do_open(uint32_t dirfd, uint32_t upath, uint32_t flags)
{
    struct node n;
    int r = lookup_user_path(dirfd, upath, &n);
    if (r == -ENOENT && (flags & O_CREAT))
        return -EROFS;                  /* nothing can be created here */
    if (r == 0)
        r = open_allowed(&n, flags);
    if (r < 0)
        return r;
    struct openfile *f;
    if (n.kind == NODE_DEV && n.index != DEV_NULL) {
        f = file_console();             /* /dev/tty, /dev/console */
    } else {
        f = file_alloc(n.kind == NODE_DEV ? OF_NULL : OF_FILE);
        if (!f)
            return -ENFILE;
        f->node = n;
        f->nonblock = (flags & O_NONBLOCK) != 0;
    }
    int fd = fd_install(current, f, 0, (flags & O_CLOEXEC) != 0);
    if (fd < 0)
        file_close(f);
    return fd;
}

/* open(path, flags, mode): the mode only matters for O_CREAT. */
int32_t sys_open(const uint32_t *arg)
{
    return do_open((uint32_t)AT_FDCWD, arg[0], arg[1]);
}

int32_t sys_openat(const uint32_t *arg)
{
    return do_open(arg[0], arg[1], arg[2]);
}

/* The new offset for (off, whence), or -EINVAL (a negative result or
 * a bad whence), -ESPIPE (not seekable). /dev/null seeks to 0. */
static int64_t seek_to(struct openfile *f, int64_t off, uint32_t whence)
{
    if (f->type == OF_NULL)
        return 0;
    if (f->type != OF_FILE)
        return -ESPIPE;
    int64_t base;
    switch (whence) {
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = (int64_t)f->pos;
        break;
    case SEEK_END: {
        struct node_facts k;
        node_facts(&f->node, &k);
        if (f->node.kind == NODE_DIR)
            return -EINVAL;             /* a directory has no end to seek from */
        base = (int64_t)k.size;
        break;
    }
    default:
        return -EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -EINVAL;
    return base + off;
}

/* lseek(fd, off, whence): -EOVERFLOW when the offset needs 64 bits
 * (nothing moves). */
int32_t sys_lseek(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    int64_t pos = seek_to(f, (int32_t)arg[1], arg[2]);
    if (pos < 0)
        return (int32_t)pos;
    if (pos > OFF_MAX_32)
        return -EOVERFLOW;
    if (f->type == OF_FILE)
        f->pos = (uint64_t)pos;
    return (int32_t)pos;
}

/* _llseek(fd, high, low, result, whence): the 64-bit offset is
 * written to *result. */
int32_t sys__llseek(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    int64_t pos = seek_to(f, (int64_t)(((uint64_t)arg[1] << 32) | arg[2]), arg[4]);
    if (pos < 0)
        return (int32_t)pos;
    if (copy_to_user(arg[3], &pos, sizeof pos) < 0)
        return -EFAULT;
    if (f->type == OF_FILE)
        f->pos = (uint64_t)pos;
    return 0;
}

/* pread64(fd, buf, n, offset low, offset high): a read at offset,
 * leaving the file's own offset alone. */
int32_t sys_pread64(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    int64_t off = (int64_t)(((uint64_t)arg[4] << 32) | arg[3]);
    if (!f)
        return -EBADF;
    if (f->type == OF_NULL)
        return 0;
    if (f->type != OF_FILE)
        return -ESPIPE;
    if (f->node.kind == NODE_DIR)
        return -EISDIR;
    if (off < 0)
        return -EINVAL;
    uint32_t n = arg[2] > OFF_MAX_32 ? OFF_MAX_32 : arg[2];
    return node_read(&f->node, (uint64_t)off, arg[1], n);
}

/* getdents64(fd, buf, size): as many whole entries as fit; -EINVAL
 * when not even the next one does. */
int32_t sys_getdents64(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    uint32_t ubuf = arg[1], size = arg[2], done = 0;
    if (!f)
        return -EBADF;
    if (f->type != OF_FILE || f->node.kind != NODE_DIR)
        return -ENOTDIR;
    if (f->pos > UINT32_MAX)
        return 0;
    char rec[(DIRENT_HEAD + NAME_MAX_LEN + 1 + 7) & ~7u];
    const char *name;
    uint64_t ino;
    uint8_t type;
    uint32_t next;
    while (node_dir_entry(&f->node, (uint32_t)f->pos, &name, &ino, &type, &next)) {
        size_t len = strlen(name);
        uint32_t reclen = (uint32_t)(DIRENT_HEAD + len + 1 + 7) & ~7u;
        if (reclen > size - done)
            return done ? (int)done : -EINVAL;
        struct linux_dirent64 *d = (struct linux_dirent64 *)rec;
        memset(rec, 0, reclen);
        d->d_ino = ino;
        d->d_off = next;
        d->d_reclen = (uint16_t)reclen;
        d->d_type = type;
        memcpy(d->d_name, name, len);
        if (copy_to_user(ubuf + done, rec, reclen) < 0)
            return done ? (int)done : -EFAULT;
        done += reclen;
        f->pos = next;
    }
    return (int)done;
}

/* access's work: the file must exist; writing is -EROFS except on a
 * device; X_OK needs an execute bit (root needs no more). */
static int check_access(uint32_t dirfd, uint32_t upath, uint32_t mode)
{
    if (mode & ~(uint32_t)(R_OK | W_OK | X_OK))
        return -EINVAL;
    struct node n;
    int r = lookup_user_path(dirfd, upath, &n);
    if (r < 0)
        return r;
    if ((mode & W_OK) && n.kind != NODE_DEV)
        return -EROFS;
    struct node_facts k;
    node_facts(&n, &k);
    if ((mode & X_OK) && !(k.mode & 0111))
        return -EACCES;
    return 0;
}

int32_t sys_access(const uint32_t *arg)
{
    return check_access((uint32_t)AT_FDCWD, arg[0], arg[1]);
}

/* faccessat(dirfd, path, mode): the flags of the C library's faccessat
 * are its own business; the system call has none. */
int32_t sys_faccessat(const uint32_t *arg)
{
    return check_access(arg[0], arg[1], arg[2]);
}

/* faccessat2(dirfd, path, mode, flags): the same. Every process is root
 * and no path is a link, so AT_EACCESS and AT_SYMLINK_NOFOLLOW change
 * nothing; other flags are -EINVAL. */
int32_t sys_faccessat2(const uint32_t *arg)
{
    if (arg[3] & ~(uint32_t)(AT_EACCESS | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    return check_access(arg[0], arg[1], arg[2]);
}
