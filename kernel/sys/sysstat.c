/*
 * What a Linux program may ask about its files: fstat64, stat64,
 * lstat64, fstatat64 and statx, on an open descriptor (AT_EMPTY_PATH
 * with an empty path) or on a path of the ramdisk, and readlink of
 * /proc/self/exe.
 *
 * The answers, the same in both layouts (abi/stat.h):
 *   the console  a character device, mode 0620, device 5:1 (/dev/console)
 *   a pipe       a FIFO, mode 0600, inode 0x1000 + its slot (both ends alike)
 *   a pidfd      a regular file, mode 0600, inode 0x10000 + the pid
 *   the ramdisk  what kernel/fs/node.c says: directories 0555, programs
 *                0555, other files 0444, the devices of /dev
 * owner root, blocks of 4096 bytes, and every time the date at boot.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/exec.h"
#include "kernel/fs/file.h"
#include "kernel/fs/pipe.h"
#include "kernel/fs/initrd.h"
#include "kernel/x86/rtc.h"
#include "abi/stat.h"
#include "abi/errno.h"
#include "lib/string.h"

_Static_assert(sizeof(struct stat64) == 96, "Linux i386 struct stat64");
_Static_assert(__builtin_offsetof(struct stat64, st_size) == 44, "stat64 st_size");
_Static_assert(__builtin_offsetof(struct stat64, st_ino) == 88, "stat64 st_ino");
_Static_assert(sizeof(struct statx) == 256, "struct statx");
_Static_assert(__builtin_offsetof(struct statx, stx_atime) == 64, "statx stx_atime");
_Static_assert(__builtin_offsetof(struct statx, stx_rdev_major) == 128, "statx rdev");

#define BLOCK_SIZE      4096
#define CONSOLE_MAJOR   5
#define CONSOLE_MINOR   1
#define NS_PER_S        1000000000ull
#define STAT_FLAGS      (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)
#define STATX_FLAGS     (STAT_FLAGS | AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC)
#define PATH_MAX_HERE   64      /* longer than any path this kernel knows */

static void facts_of(const struct openfile *f, struct node_facts *out)
{
    *out = (struct node_facts){ .nlink = 1 };
    switch (f->type) {
    case OF_CONSOLE:
        *out = (struct node_facts){ S_IFCHR | 0620, 1, CONSOLE_MAJOR, CONSOLE_MINOR, 1, 0 };
        return;
    case OF_PIPE:
        *out = (struct node_facts){ S_IFIFO | 0600, 1, 0, 0, 0x1000u + (uint32_t)pipe_index(f->pipe), 0 };
        return;
    case OF_PIDFD:
        *out = (struct node_facts){ S_IFREG | 0600, 1, 0, 0, 0x10000u + (uint32_t)f->pid, 0 };
        return;
    case OF_FILE:
    case OF_NULL:
        node_facts(&f->node, out);
        return;
    }
}

static int put_stat64(uint32_t ubuf, const struct node_facts *k)
{
    uint64_t boot = rtc_boot_ns();
    uint32_t sec = (uint32_t)(boot / NS_PER_S), nsec = (uint32_t)(boot % NS_PER_S);
    struct stat64 st = {
        .st_ino32 = (uint32_t)k->ino, .st_ino = k->ino,
        .st_mode = k->mode, .st_nlink = k->nlink,
        .st_rdev = DEV_ENCODE(k->major, k->minor),
        .st_size = (int64_t)k->size, .st_blocks = (k->size + 511) / 512,
        .st_blksize = BLOCK_SIZE,
        .st_atime = sec, .st_atime_nsec = nsec, .st_mtime = sec, .st_mtime_nsec = nsec,
        .st_ctime = sec, .st_ctime_nsec = nsec,
    };
    return copy_to_user(ubuf, &st, sizeof st);
}

static int put_statx(uint32_t ubuf, const struct node_facts *k)
{
    uint64_t boot = rtc_boot_ns();
    struct statx_timestamp t = { (int64_t)(boot / NS_PER_S), (uint32_t)(boot % NS_PER_S), 0 };
    struct statx sx = {
        .stx_mask = STATX_BASIC_STATS, .stx_blksize = BLOCK_SIZE,
        .stx_nlink = k->nlink, .stx_mode = (uint16_t)k->mode, .stx_ino = k->ino,
        .stx_size = k->size, .stx_blocks = (k->size + 511) / 512,
        .stx_atime = t, .stx_ctime = t, .stx_mtime = t,
        .stx_rdev_major = k->major, .stx_rdev_minor = k->minor,
    };
    return copy_to_user(ubuf, &sx, sizeof sx);
}

/* What (dirfd, path, flags) names: a path of the ramdisk, or with
 * AT_EMPTY_PATH and an empty path the open file dirfd (AT_FDCWD: the
 * working directory). 0 with *out set, or -EFAULT, -ENOENT (an
 * empty path without AT_EMPTY_PATH), -ENOTDIR, -EBADF, -ENAMETOOLONG. */
static int facts_named(uint32_t dirfd, uint32_t upath, uint32_t flags, struct node_facts *out)
{
    char first;
    *out = (struct node_facts){ .nlink = 1 };
    if (copy_from_user(&first, upath, 1) < 0)
        return -EFAULT;
    if (first != '\0' || !(flags & AT_EMPTY_PATH)) {
        struct node n;
        int r = lookup_user_path(dirfd, upath, &n);
        if (r == 0)
            node_facts(&n, out);
        return r;
    }
    if ((int)dirfd == AT_FDCWD) {
        node_facts(&current->cwd, out);
        return 0;
    }
    struct openfile *f = fd_get(current, (int)dirfd);
    if (!f)
        return -EBADF;
    facts_of(f, out);
    return 0;
}

int32_t sys_fstat64(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    struct node_facts k;
    facts_of(f, &k);
    return put_stat64(arg[1], &k);
}

/* fstatat64(dirfd, path, buf, flags) */
int32_t sys_fstatat64(const uint32_t *arg)
{
    if (arg[3] & ~(uint32_t)STAT_FLAGS)
        return -EINVAL;
    struct node_facts k;
    int r = facts_named(arg[0], arg[1], arg[3], &k);
    return r < 0 ? r : put_stat64(arg[2], &k);
}

/* stat64(path, buf); lstat64 is the same: the ramdisk has no links. */
int32_t sys_stat64(const uint32_t *arg)
{
    struct node_facts k;
    int r = facts_named((uint32_t)AT_FDCWD, arg[0], 0, &k);
    return r < 0 ? r : put_stat64(arg[1], &k);
}

int32_t sys_lstat64(const uint32_t *arg)
{
    return sys_stat64(arg);
}

/* statx(dirfd, path, flags, mask, buf): every basic field is filled,
 * whatever the mask asks for. */
int32_t sys_statx(const uint32_t *arg)
{
    uint32_t flags = arg[2], mask = arg[3];
    if (flags & ~(uint32_t)STATX_FLAGS || mask & STATX_RESERVED)
        return -EINVAL;
    if ((flags & AT_STATX_FORCE_SYNC) && (flags & AT_STATX_DONT_SYNC))
        return -EINVAL;
    struct node_facts k;
    int r = facts_named(arg[0], arg[1], flags, &k);
    return r < 0 ? r : put_statx(arg[4], &k);
}

/* readlink's work: /proc/self/exe is the caller's program; bufsiz bytes
 * at most, with no NUL (a short buffer truncates, as in Linux). Every
 * path of the ramdisk (from dirfd or the working directory) is no link:
 * -EINVAL, as Linux says of a file that is not one. */
static int read_link(uint32_t dirfd, uint32_t upath, uint32_t ubuf, uint32_t bufsiz)
{
    if ((int32_t)bufsiz <= 0)
        return -EINVAL;
    char path[PATH_MAX_HERE];
    int n = copy_string_from_user(path, upath, sizeof path);
    if (n == -EFAULT)
        return n;
    if (n < 0 || strcmp(path, PROC_SELF_EXE) != 0) {
        struct node node;
        int r = lookup_user_path(dirfd, upath, &node);
        return r < 0 ? r : -EINVAL;
    }
    const char *exe = current->file->path;
    uint32_t len = (uint32_t)strlen(exe);
    if (len > bufsiz)
        len = bufsiz;
    return copy_to_user(ubuf, exe, len) < 0 ? -EFAULT : (int)len;
}

int32_t sys_readlink(const uint32_t *arg)
{
    return read_link((uint32_t)AT_FDCWD, arg[0], arg[1], arg[2]);
}

/* readlinkat(dirfd, path, buf, bufsiz): the only link there is has an
 * absolute path, so dirfd matters only for the paths that are no link. */
int32_t sys_readlinkat(const uint32_t *arg)
{
    return read_link(arg[0], arg[1], arg[2], arg[3]);
}
