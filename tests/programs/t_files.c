/*
 * The file calls on the ramdisk (docs/linux.md, part D), with exact
 * results and every bad input (tests/scenarios/linux_files.scn). Reads
 * /etc/motd (89 bytes, three lines) and /etc/hostname ("warden\n") from
 * the repository's rootfs/.
 */
#define TEST_NAME "t_files"
#include "tests/programs/check.h"

#define KERNEL_ADDR 0xC0100000
#define MOTD_SIZE   89

static long sc(long n, long a, long b, long c, long d, long e)
{
    return syscall(n, a, b, c, d, e);
}

static int same(const char *buf, const char *want)
{
    return memcmp(buf, want, strlen(want)) == 0;
}

static void opening(void)
{
    check("open /etc/motd: the lowest free fd", open("/etc/motd", O_RDONLY), 3);
    check("close it", close(3), 0);
    check("open O_WRONLY", open("/etc/motd", O_WRONLY), -EROFS);
    check("open O_RDWR", open("/etc/motd", O_RDWR), -EROFS);
    check("open O_TRUNC", open("/etc/motd", O_RDONLY | O_TRUNC), -EROFS);
    check("open O_CREAT, missing", open("/etc/new", O_WRONLY | O_CREAT), -EROFS);
    check("open O_CREAT|O_EXCL, there", open("/etc/motd", O_RDONLY | O_CREAT | O_EXCL), -EEXIST);
    int fd = open("/etc/motd", O_RDONLY | O_CREAT);
    check("open O_CREAT, there, reading: opens", fd, 3);
    close(fd);
    fd = open("/etc/motd", O_RDONLY | O_APPEND | O_NONBLOCK);
    check("open O_APPEND|O_NONBLOCK, reading: opens", fd, 3);
    close(fd);
    check("open O_DIRECTORY on a file", open("/etc/motd", O_DIRECTORY), -ENOTDIR);
    check("open a directory O_WRONLY", open("/etc", O_WRONLY), -EISDIR);
    check("open a missing file", open("/etc/nosuch", O_RDONLY), -ENOENT);
    check("open in a missing directory", open("/nosuch/motd", O_RDONLY), -ENOENT);
    check("open a file as a directory", open("/etc/motd/", O_RDONLY), -ENOTDIR);
    check("open below a file", open("/etc/motd/x", O_RDONLY), -ENOTDIR);
    check("open an empty path", open("", O_RDONLY), -ENOENT);
    check("open NULL", open(0, O_RDONLY), -EFAULT);
    check("open a kernel address", open((const char *)KERNEL_ADDR, O_RDONLY), -EFAULT);
    static char longpath[400];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[0] = '/';
    check("open a path of 399 bytes", open(longpath, O_RDONLY), -ENAMETOOLONG);
    fd = open("/bin/../etc/./motd", O_RDONLY);
    check("open /bin/../etc/./motd", fd, 3);
    close(fd);
    fd = open("//etc//motd", O_RDONLY);
    check("open //etc//motd", fd, 3);
    close(fd);
    fd = open("/../etc/motd", O_RDONLY);
    check("open /../etc/motd (.. of / is /)", fd, 3);
    close(fd);
    fd = open("etc/hostname", O_RDONLY);
    check("open etc/hostname (relative: from /)", fd, 3);
    close(fd);
    fd = open("/etc/motd", O_RDONLY | O_CLOEXEC);
    check("open O_CLOEXEC: close-on-exec", fcntl(fd, F_GETFD, 0), FD_CLOEXEC);
    check("fcntl64 F_GETFD: the same", sc(SYS_fcntl64, fd, F_GETFD, 0, 0, 0), FD_CLOEXEC);
    check("write to a file open for reading", write(fd, "x", 1), -EBADF);
    close(fd);
}

static void opening_at(void)
{
    int dir = open("/etc", O_RDONLY | O_DIRECTORY);
    check("open /etc O_DIRECTORY", dir, 3);
    int fd = openat(dir, "hostname", O_RDONLY);
    check("openat(/etc, hostname)", fd, 4);
    char buf[16] = { 0 };
    check("read it", read(fd, buf, sizeof buf), 7);
    check("it says warden", same(buf, "warden\n"), 1);
    close(fd);
    fd = openat(dir, "../bin/cat", O_RDONLY);
    check("openat(/etc, ../bin/cat)", fd, 4);
    check("openat a file as the directory", openat(fd, "x", O_RDONLY), -ENOTDIR);
    close(fd);
    check("openat a bad dirfd", openat(99, "motd", O_RDONLY), -EBADF);
    fd = openat(99, "/etc/motd", O_RDONLY);
    check("openat an absolute path ignores dirfd", fd, 4);
    close(fd);
    fd = openat(AT_FDCWD, "etc/motd", O_RDONLY);
    check("openat AT_FDCWD, relative", fd, 4);
    close(fd);
    check("read a directory", read(dir, buf, sizeof buf), -EISDIR);
    check("pread64 a directory", pread64(dir, buf, sizeof buf, 0), -EISDIR);
    close(dir);
}

static void reading_and_seeking(void)
{
    char buf[128] = { 0 };
    int fd = open("/etc/motd", O_RDONLY);
    check("read 8 bytes", read(fd, buf, 8), 8);
    check("they are 'Welcome '", same(buf, "Welcome "), 1);
    check("lseek SEEK_CUR 0: the offset", lseek(fd, 0, SEEK_CUR), 8);
    check("lseek SEEK_END 0: the size", lseek(fd, 0, SEEK_END), MOTD_SIZE);
    check("lseek SEEK_END -9", lseek(fd, -9, SEEK_END), MOTD_SIZE - 9);
    check("read the rest: 9 bytes", read(fd, buf, sizeof buf), 9);
    check("they are 'ervised.\\n'", same(buf, "ervised.\n"), 1);
    check("read at the end: 0", read(fd, buf, sizeof buf), 0);
    check("lseek past the end is allowed", lseek(fd, 1000, SEEK_SET), 1000);
    check("read past the end: 0", read(fd, buf, sizeof buf), 0);
    check("lseek to before 0", lseek(fd, -1, SEEK_SET), -EINVAL);
    check("lseek whence 5", lseek(fd, 0, 5), -EINVAL);
    check("the offset did not move", lseek(fd, 0, SEEK_CUR), 1000);
    check("lseek to 2^31 - 1", lseek(fd, 0x7FFFFFFF, SEEK_SET), 0x7FFFFFFF);
    check("lseek one further: EOVERFLOW", lseek(fd, 1, SEEK_CUR), -EOVERFLOW);
    int64_t pos = -1;
    check("_llseek to 19", sc(SYS__llseek, fd, 0, 19, (long)&pos, SEEK_SET), 0);
    check("_llseek's result", (long)pos, 19);
    check("read 4 there", read(fd, buf, 4), 4);
    check("they are 'This'", same(buf, "This"), 1);
    check("_llseek to 2^32 + 1", sc(SYS__llseek, fd, 1, 1, (long)&pos, SEEK_SET), 0);
    check("_llseek's result: 2^32 + 1", pos == 0x100000001ll, 1);
    check("lseek now: EOVERFLOW", lseek(fd, 0, SEEK_CUR), -EOVERFLOW);
    check("_llseek negative", sc(SYS__llseek, fd, (long)0x80000000, 0, (long)&pos, SEEK_SET), -EINVAL);
    check("_llseek result to the kernel", sc(SYS__llseek, fd, 0, 0, KERNEL_ADDR, SEEK_SET), -EFAULT);
    check("pread64 at 19", pread64(fd, buf, 4, 19), 4);
    check("pread64 read 'This'", same(buf, "This"), 1);
    lseek(fd, 8, SEEK_SET);
    check("pread64 leaves the offset alone", (pread64(fd, buf, 4, 0), lseek(fd, 0, SEEK_CUR)), 8);
    check("pread64 negative offset", pread64(fd, buf, 4, -1), -EINVAL);
    check("pread64 past the end", pread64(fd, buf, 4, 5000), 0);
    check("pread64 into the kernel", pread64(fd, (void *)KERNEL_ADDR, 4, 0), -EFAULT);
    check("read into the kernel", read(fd, (void *)KERNEL_ADDR, 4), -EFAULT);
    check("read into NULL", read(fd, 0, 4), -EFAULT);
    check("the failed reads did not move the offset", lseek(fd, 0, SEEK_CUR), 8);
    close(fd);
    int fds[2];
    pipe(fds);
    check("lseek a pipe", lseek(fds[0], 0, SEEK_SET), -ESPIPE);
    check("pread64 a pipe", pread64(fds[0], buf, 1, 0), -ESPIPE);
    close(fds[0]);
    close(fds[1]);
    check("lseek the console", lseek(1, 0, SEEK_SET), -ESPIPE);
    check("lseek a closed fd", lseek(99, 0, SEEK_SET), -EBADF);
    check("pread64 a closed fd", pread64(99, buf, 1, 0), -EBADF);
    check("close a closed fd", close(99), -EBADF);
}

static void stating(void)
{
    struct stat64 st, st2;
    int fd = open("/etc/motd", O_RDONLY);
    check("fstat64 a file", fstat64(fd, &st), 0);
    check("a file: S_IFREG | 0444", st.st_mode, S_IFREG | 0444);
    check("its size", (long)st.st_size, MOTD_SIZE);
    check("its blocks of 512", (long)st.st_blocks, 1);
    check("one link", st.st_nlink, 1);
    check("stat64 the same path", stat64("/etc/motd", &st2), 0);
    check("the same inode", st.st_ino == st2.st_ino && st.st_ino32 == (uint32_t)st2.st_ino, 1);
    close(fd);
    check("stat64 /bin/cat", stat64("/bin/cat", &st), 0);
    check("a program: S_IFREG | 0555", st.st_mode, S_IFREG | 0555);
    check("stat64 /etc", stat64("/etc", &st), 0);
    check("a directory: S_IFDIR | 0555", st.st_mode, S_IFDIR | 0555);
    check("two links", st.st_nlink, 2);
    check("stat64 /", stat64("/", &st), 0);
    check("/: S_IFDIR | 0555", st.st_mode, S_IFDIR | 0555);
    check("lstat64 /etc/hostname", sc(SYS_lstat64, (long)"/etc/hostname", (long)&st, 0, 0, 0), 0);
    check("its size", (long)st.st_size, 7);
    check("stat64 /dev/null", stat64("/dev/null", &st), 0);
    check("/dev/null: S_IFCHR | 0666", st.st_mode, S_IFCHR | 0666);
    check("/dev/null: device 1:3", (long)st.st_rdev, 0x103);
    check("stat64 /dev/tty", stat64("/dev/tty", &st), 0);
    check("/dev/tty: device 5:0", (long)st.st_rdev, 0x500);
    check("stat64 /dev/console", stat64("/dev/console", &st), 0);
    check("/dev/console: S_IFCHR | 0620, 5:1", st.st_mode == (S_IFCHR | 0620) && st.st_rdev == 0x501, 1);
    check("stat64 a missing file", stat64("/etc/nosuch", &st), -ENOENT);
    check("stat64 into the kernel", stat64("/etc/motd", (struct stat64 *)KERNEL_ADDR), -EFAULT);
    check("stat64 a NULL path", stat64(0, &st), -EFAULT);
    int dir = open("/etc", O_RDONLY | O_DIRECTORY);
    check("fstatat64(/etc, motd)", sc(SYS_fstatat64, dir, (long)"motd", (long)&st, 0, 0), 0);
    check("its size", (long)st.st_size, MOTD_SIZE);
    check("fstatat64 AT_FDCWD, empty, AT_EMPTY_PATH: /",
          sc(SYS_fstatat64, AT_FDCWD, (long)"", (long)&st, AT_EMPTY_PATH, 0) == 0 &&
          st.st_mode == (S_IFDIR | 0555), 1);
    check("fstat64 a directory fd", fstat64(dir, &st) == 0 && st.st_mode == (S_IFDIR | 0555), 1);
    static struct statx sx;
    check("statx /etc/motd", sc(SYS_statx, AT_FDCWD, (long)"/etc/motd", 0, STATX_BASIC_STATS, (long)&sx), 0);
    check("statx: size and mode", sx.stx_size == MOTD_SIZE && sx.stx_mode == (S_IFREG | 0444), 1);
    check("statx a missing path", sc(SYS_statx, dir, (long)"nosuch", 0, STATX_BASIC_STATS, (long)&sx), -ENOENT);
    close(dir);
}

/* Read the whole directory: the entries' names joined by spaces, in
 * the order the kernel gave them; the count. */
static int entries(int fd, char *names, int size, int bufsize)
{
    static char buf[512];
    int n = 0, got;
    names[0] = '\0';
    while ((got = getdents64(fd, buf, (size_t)bufsize)) > 0) {
        for (int off = 0; off < got; n++) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
            if (d->d_reclen % 8 != 0)
                return -1;
            off += d->d_reclen;
            if (names[0])
                strlcpy(names + strlen(names), " ", (size_t)size - strlen(names));
            strlcpy(names + strlen(names), d->d_name, (size_t)size - strlen(names));
        }
    }
    return got < 0 ? got : n;
}

/* Is word one of the space-separated words of names? */
static int has_word(const char *names, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = names; *p; p++)
        if ((p == names || p[-1] == ' ') && strncmp(p, word, len) == 0 &&
            (p[len] == ' ' || p[len] == '\0'))
            return 1;
    return 0;
}

static void listing(void)
{
    static char names[256];
    int dir = open("/etc", O_RDONLY | O_DIRECTORY);
    check("getdents64 /etc: 7 entries", entries(dir, names, sizeof names, 512), 7);
    check("/etc: . .. and five files, in the archive's order", strncmp(names, ". .. ", 5) == 0 &&
          has_word(names, "motd") && has_word(names, "hostname") &&
          has_word(names, "services") && has_word(names, "services.bad") &&
          has_word(names, "services.sub"), 1);
    check("at the end: 0", getdents64(dir, names, sizeof names), 0);
    check("lseek back to 0", lseek(dir, 0, SEEK_SET), 0);
    check("again, 24 bytes at a time: a record of 32 does not fit",
          entries(dir, names, sizeof names, 24), -EINVAL);
    lseek(dir, 0, SEEK_SET);
    check("again, 32 bytes at a time: 7", entries(dir, names, sizeof names, 32), 7);
    lseek(dir, 0, SEEK_SET);
    static char buf[64];
    check("getdents64 the first one", getdents64(dir, buf, sizeof buf), 48);
    struct linux_dirent64 *d = (struct linux_dirent64 *)buf;
    check("\".\": d_reclen 24", d->d_reclen, 24);
    check("\".\": DT_DIR", d->d_type, DT_DIR);
    check("\".\": d_off 1", (long)d->d_off, 1);
    struct stat64 st;
    stat64("/etc", &st);
    check("\".\": the inode of /etc", d->d_ino == st.st_ino, 1);
    d = (struct linux_dirent64 *)(buf + 24);
    stat64("/", &st);
    check("\"..\": the inode of /", d->d_ino == st.st_ino && strcmp(d->d_name, "..") == 0, 1);
    check("a buffer of 10 bytes", getdents64(dir, buf, 10), -EINVAL);
    check("a buffer in the kernel", getdents64(dir, (void *)KERNEL_ADDR, 64), -EFAULT);
    close(dir);
    dir = open("/dev", O_RDONLY | O_DIRECTORY);
    check("/dev: 5 entries", entries(dir, names, sizeof names, 512), 5);
    check("/dev: console null tty", strcmp(names, ". .. console null tty"), 0);
    close(dir);
    dir = open("/", O_RDONLY);
    check("/: 7 entries", entries(dir, names, sizeof names, 512), 7);
    check("/: . .. dev bin etc scripts share (/dev first, then the archive's order)",
          strcmp(names, ". .. dev bin etc scripts share"), 0);
    close(dir);
    int fd = open("/etc/motd", O_RDONLY);
    check("getdents64 a file", getdents64(fd, buf, sizeof buf), -ENOTDIR);
    close(fd);
    check("getdents64 a closed fd", getdents64(99, buf, sizeof buf), -EBADF);
    check("getdents64 the console", getdents64(0, buf, sizeof buf), -ENOTDIR);
}

static void devices_and_access(void)
{
    char buf[8];
    struct stat64 st;
    int fd = open("/dev/null", O_RDWR);
    check("open /dev/null O_RDWR", fd, 3);
    check("read /dev/null: 0", read(fd, buf, sizeof buf), 0);
    check("write /dev/null: all of it", write(fd, "12345", 5), 5);
    check("lseek /dev/null: 0", lseek(fd, 100, SEEK_SET), 0);
    check("fstat64 /dev/null: 1:3", fstat64(fd, &st) == 0 && st.st_rdev == 0x103, 1);
    close(fd);
    fd = open("/dev/tty", O_RDWR);
    check("open /dev/tty O_RDWR", fd, 3);
    check("write to /dev/tty", write(fd, "t_files: through /dev/tty\n", 26), 26);
    check("fstat64 /dev/tty: the console, 5:1", fstat64(fd, &st) == 0 && st.st_rdev == 0x501, 1);
    close(fd);
    fd = open("/dev/console", O_WRONLY);
    check("write to /dev/console", write(fd, "t_files: through /dev/console\n", 30), 30);
    close(fd);
    check("open /dev/null O_DIRECTORY", open("/dev/null", O_DIRECTORY), -ENOTDIR);
    check("access R_OK", access("/etc/motd", R_OK), 0);
    check("access F_OK", access("/etc/motd", F_OK), 0);
    check("access W_OK", access("/etc/motd", W_OK), -EROFS);
    check("access W_OK on a directory", access("/etc", W_OK), -EROFS);
    check("access X_OK on a text", access("/etc/motd", X_OK), -EACCES);
    check("access X_OK on a program", access("/bin/cat", X_OK), 0);
    check("access W_OK on /dev/null", access("/dev/null", W_OK), 0);
    check("access a missing file", access("/etc/nosuch", F_OK), -ENOENT);
    check("access mode 8", access("/etc/motd", 8), -EINVAL);
    check("access a bad pointer", access((const char *)KERNEL_ADDR, R_OK), -EFAULT);
    int dir = open("/etc", O_RDONLY);
    check("faccessat(/etc, motd, R_OK)", sc(SYS_faccessat, dir, (long)"motd", R_OK, 0, 0), 0);
    check("faccessat(/etc, nosuch)", sc(SYS_faccessat, dir, (long)"nosuch", R_OK, 0, 0), -ENOENT);
    close(dir);
}

static void no_leaks(void)
{
    struct sysinfo before, after;
    sysinfo(&before);
    int bad = 0;
    for (int i = 0; i < 1000; i++) {
        int fd = open(i % 2 ? "/etc/motd" : "/etc", O_RDONLY);
        bad += fd != 3 || close(fd) != 0;
    }
    check("1000 opens and closes", bad, 0);
    sysinfo(&after);
    check("no open file leaked", (long)after.open_files - (long)before.open_files, 0);
    int n = 0;
    while (open("/etc/motd", O_RDONLY) >= 0)
        n++;
    check("13 files open at once (fds 3-15)", n, NOFILE - 3);
    check("then EMFILE", open("/etc/motd", O_RDONLY), -EMFILE);
    for (int fd = 3; fd < NOFILE; fd++)
        close(fd);
    sysinfo(&after);
    check("all closed again", (long)after.open_files - (long)before.open_files, 0);
}

int main(void)
{
    opening();
    opening_at();
    reading_and_seeking();
    stating();
    listing();
    devices_and_access();
    no_leaks();
    return checks_done();
}
