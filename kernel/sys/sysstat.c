/*
 * What a Linux program may ask about its descriptors: fstat64,
 * fstatat64 and statx on an open descriptor (AT_EMPTY_PATH with an empty
 * path), and readlink of /proc/self/exe. There are no file calls on the
 * ramdisk yet, so a real path is -ENOENT for now.
 *
 * The answers, the same in both layouts (abi/stat.h):
 *   the console  a character device, mode 0620, device 5:1 (/dev/console)
 *   a pipe       a FIFO, mode 0600, inode 0x1000 + its slot (both ends alike)
 *   a pidfd      a regular file, mode 0600, inode 0x10000 + the pid
 * owner root, one link, size 0, blocks of 4096 bytes, and every time
 * the date at boot.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
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
#define SELF_EXE        "/proc/self/exe"

struct facts {
    uint32_t mode, major, minor;
    uint64_t ino;
};

static void facts_of(const struct openfile *f, struct facts *out)
{
    switch (f->type) {
    case OF_CONSOLE:
        *out = (struct facts){ S_IFCHR | 0620, CONSOLE_MAJOR, CONSOLE_MINOR, 1 };
        return;
    case OF_PIPE:
        *out = (struct facts){ S_IFIFO | 0600, 0, 0, 0x1000u + (uint32_t)pipe_index(f->pipe) };
        return;
    case OF_PIDFD:
        *out = (struct facts){ S_IFREG | 0600, 0, 0, 0x10000u + (uint32_t)f->pid };
        return;
    }
}

static int put_stat64(uint32_t ubuf, const struct facts *k)
{
    uint64_t boot = rtc_boot_ns();
    uint32_t sec = (uint32_t)(boot / NS_PER_S), nsec = (uint32_t)(boot % NS_PER_S);
    struct stat64 st = {
        .st_ino32 = (uint32_t)k->ino, .st_ino = k->ino,
        .st_mode = k->mode, .st_nlink = 1,
        .st_rdev = DEV_ENCODE(k->major, k->minor),
        .st_blksize = BLOCK_SIZE,
        .st_atime = sec, .st_atime_nsec = nsec, .st_mtime = sec, .st_mtime_nsec = nsec,
        .st_ctime = sec, .st_ctime_nsec = nsec,
    };
    return copy_to_user(ubuf, &st, sizeof st);
}

static int put_statx(uint32_t ubuf, const struct facts *k)
{
    uint64_t boot = rtc_boot_ns();
    struct statx_timestamp t = { (int64_t)(boot / NS_PER_S), (uint32_t)(boot % NS_PER_S), 0 };
    struct statx sx = {
        .stx_mask = STATX_BASIC_STATS, .stx_blksize = BLOCK_SIZE,
        .stx_nlink = 1, .stx_mode = (uint16_t)k->mode, .stx_ino = k->ino,
        .stx_atime = t, .stx_ctime = t, .stx_mtime = t,
        .stx_rdev_major = k->major, .stx_rdev_minor = k->minor,
    };
    return copy_to_user(ubuf, &sx, sizeof sx);
}

/* The open file that (dirfd, path, flags) names: 0 with *out set, or
 * -EFAULT, -ENOENT (a real path: no file calls yet; or an empty path
 * without AT_EMPTY_PATH), -EBADF. */
static int file_named(uint32_t dirfd, uint32_t upath, uint32_t flags, struct openfile **out)
{
    char path[PATH_MAX_HERE];
    int n = copy_string_from_user(path, upath, sizeof path);
    if (n == -EFAULT)
        return n;
    if (n != 0 || !(flags & AT_EMPTY_PATH) || (int)dirfd == AT_FDCWD)
        return -ENOENT;
    *out = fd_get(current, (int)dirfd);
    return *out ? 0 : -EBADF;
}

int32_t sys_fstat64(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    struct facts k;
    facts_of(f, &k);
    return put_stat64(arg[1], &k);
}

/* fstatat64(dirfd, path, buf, flags) */
int32_t sys_fstatat64(const uint32_t *arg)
{
    if (arg[3] & ~(uint32_t)STAT_FLAGS)
        return -EINVAL;
    struct openfile *f;
    int r = file_named(arg[0], arg[1], arg[3], &f);
    if (r < 0)
        return r;
    struct facts k;
    facts_of(f, &k);
    return put_stat64(arg[2], &k);
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
    struct openfile *f;
    int r = file_named(arg[0], arg[1], flags, &f);
    if (r < 0)
        return r;
    struct facts k;
    facts_of(f, &k);
    return put_statx(arg[4], &k);
}

/* readlink's work: /proc/self/exe is the caller's program; bufsiz bytes
 * at most, with no NUL (a short buffer truncates, as in Linux). */
static int read_link(uint32_t upath, uint32_t ubuf, uint32_t bufsiz)
{
    if ((int32_t)bufsiz <= 0)
        return -EINVAL;
    char path[PATH_MAX_HERE];
    int n = copy_string_from_user(path, upath, sizeof path);
    if (n == -EFAULT)
        return n;
    if (n < 0 || strcmp(path, SELF_EXE) != 0)
        return -ENOENT;
    const char *exe = current->file->path;
    uint32_t len = (uint32_t)strlen(exe);
    if (len > bufsiz)
        len = bufsiz;
    return copy_to_user(ubuf, exe, len) < 0 ? -EFAULT : (int)len;
}

int32_t sys_readlink(const uint32_t *arg)
{
    return read_link(arg[0], arg[1], arg[2]);
}

/* readlinkat(dirfd, path, buf, bufsiz): the only link there is has an
 * absolute path, so dirfd never matters. */
int32_t sys_readlinkat(const uint32_t *arg)
{
    return read_link(arg[1], arg[2], arg[3]);
}
