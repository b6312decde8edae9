/*
 * What fstat64, fstatat64 and statx tell about an open file: the Linux
 * i386 layouts, byte for byte (the offsets are checked at compile time
 * in kernel/sys/sysstat.c).
 */
#ifndef ABI_STAT_H
#define ABI_STAT_H

#include <stdint.h>

/* st_mode: the type of file, then the permission bits */
#define S_IFMT           0170000
#define S_IFIFO          0010000
#define S_IFCHR          0020000
#define S_IFDIR          0040000
#define S_IFREG          0100000

/* fstatat64, statx flags */
#define AT_FDCWD         (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS       0x200  /* faccessat2: the effective ids (all 0 here) */
#define AT_NO_AUTOMOUNT  0x800
#define AT_EMPTY_PATH    0x1000
#define AT_STATX_FORCE_SYNC 0x2000
#define AT_STATX_DONT_SYNC  0x4000

/* statx's mask: which fields are filled (the "basic stats") */
#define STATX_BASIC_STATS 0x7FFu
#define STATX_RESERVED   0x80000000u    /* asking for it is an error */

/* A device number in stat64's st_rdev: the major in bits 8-19, the
 * minor's low byte in bits 0-7 (its upper bits at 20 and up). */
#define DEV_ENCODE(major, minor) \
    ((uint64_t)(((minor) & 0xFF) | ((major) << 8) | (((minor) & ~0xFFu) << 12)))

struct stat64 {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino32;          /* the inode's number cut to 32 bits */
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid, st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;         /* of 512 bytes */
    uint32_t st_atime, st_atime_nsec;
    uint32_t st_mtime, st_mtime_nsec;
    uint32_t st_ctime, st_ctime_nsec;
    uint64_t st_ino;
};

struct statx_timestamp {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};

struct statx {
    uint32_t stx_mask;          /* which fields below are filled */
    uint32_t stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, spare0;
    uint64_t stx_ino, stx_size, stx_blocks;
    uint64_t stx_attributes_mask;
    struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor;
    uint32_t stx_dev_major, stx_dev_minor;
    uint64_t spare[14];         /* newer fields: zero */
};

#endif
