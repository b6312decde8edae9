/*
 * The working directory and the calls a shell needs (docs/linux.md,
 * "The working directory"), with exact results and bad inputs: getcwd,
 * chdir, fchdir; relative paths (faccessat2 too); spawn and a guardian restart; sendfile and sendfile64;
 * dup3, fcntl F_DUPFD and F_GETFL; setsid and getsid; _newselect; the
 * calls that would change the ramdisk (-EROFS); Linux's sysinfo,
 * sched_getaffinity, getgroups.
 * Modes:
 *   t_cwd              the checks (scenario linux_cwd)
 *   t_cwd is DIR       exit 0 when the working directory is DIR, else 1
 *   t_cwd service FD   (a service) write the working directory to FD at
 *                      each start; the first also after chdir("/bin"),
 *                      then a fault
 *   t_cwd setsid       (spawned) setsid and getsid: 0 when all is right
 */
#define TEST_NAME "t_cwd"
#include "tests/programs/check.h"
#include "abi/stat.h"

#define RECORD 16                       /* bytes of one path on the pipe */

static const char read_only[16] = "read-only";  /* .rodata: not writable */

static long getcwd_(void *buf, long size) { return syscall(SYS_getcwd, (long)buf, size, 0, 0, 0); }
static long chdir_(const char *path) { return syscall(SYS_chdir, (long)path, 0, 0, 0, 0); }
static long fchdir_(int fd) { return syscall(SYS_fchdir, fd, 0, 0, 0, 0); }
static long sendfile_(int out, int in, void *off, long n)
{
    return syscall(SYS_sendfile, out, in, (long)off, n, 0);
}
static long sendfile64_(int out, int in, int64_t *off, long n)
{
    return syscall(SYS_sendfile64, out, in, (long)off, n, 0);
}

/* Whether the working directory is path. */
static int cwd_is(const char *path)
{
    char buf[64];
    return getcwd_(buf, sizeof buf) > 0 && strcmp(buf, path) == 0;
}

static void test_getcwd(void)
{
    char buf[64];
    check("getcwd at the start: 2 bytes, \"/\\0\"", getcwd_(buf, sizeof buf), 2);
    check("chdir /etc", chdir_("/etc"), 0);
    check("getcwd: 5 bytes, the length with the NUL", getcwd_(buf, sizeof buf), 5);
    check("getcwd: /etc", strcmp(buf, "/etc"), 0);
    check("getcwd with a buffer of exactly 5 bytes", getcwd_(buf, 5), 5);
    check("getcwd with 4 bytes: -ERANGE", getcwd_(buf, 4), -ERANGE);
    check("getcwd with 0 bytes: -ERANGE", getcwd_(buf, 0), -ERANGE);
    check("getcwd into a bad pointer: -EFAULT", getcwd_((void *)0x10, 64), -EFAULT);
    check("getcwd into the kernel: -EFAULT", getcwd_((void *)0xC0000000, 64), -EFAULT);
    check("getcwd into read-only memory: -EFAULT", getcwd_((void *)read_only, 16), -EFAULT);
    check("getcwd, NULL: -EFAULT", getcwd_(0, 64), -EFAULT);
}

static void test_chdir(void)
{
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    check("chdir to a file: -ENOTDIR", chdir_("/bin/true"), -ENOTDIR);
    check("chdir to a relative file: -ENOTDIR", chdir_("motd"), -ENOTDIR);
    check("chdir through a file: -ENOTDIR", chdir_("/bin/true/x"), -ENOTDIR);
    check("chdir to a missing path: -ENOENT", chdir_("/nosuch"), -ENOENT);
    check("chdir \"\": -ENOENT", chdir_(""), -ENOENT);
    check("chdir with a bad pointer: -EFAULT", chdir_((char *)0x10), -EFAULT);
    check("chdir with a kernel pointer: -EFAULT", chdir_((char *)0xC0001000), -EFAULT);
    check("chdir with a 299-byte name: -ENAMETOOLONG", chdir_(longname), -ENAMETOOLONG);
    check("after the failures: still /etc", cwd_is("/etc"), 1);
    check("chdir ..", chdir_(".."), 0);
    check("chdir .. at /: stays /", chdir_(".."), 0);
    check("getcwd: /", cwd_is("/"), 1);
    check("chdir etc/../bin/./", chdir_("etc/../bin/./"), 0);
    check("getcwd: /bin", cwd_is("/bin"), 1);
    check("a relative open from /bin: t_cwd", open("t_cwd", O_RDONLY) >= 0, 1);
    check("a relative access: ../etc/motd", syscall(SYS_access, (long)"../etc/motd", R_OK, 0, 0, 0), 0);
    int dir = open("/etc", O_RDONLY | O_DIRECTORY), file = open("/etc/motd", O_RDONLY), fds[2];
    pipe(fds);
    check("fchdir to /etc", fchdir_(dir), 0);
    check("getcwd: /etc", cwd_is("/etc"), 1);
    check("fchdir to a file: -ENOTDIR", fchdir_(file), -ENOTDIR);
    check("fchdir to a pipe: -ENOTDIR", fchdir_(fds[0]), -ENOTDIR);
    check("fchdir to the console: -ENOTDIR", fchdir_(0), -ENOTDIR);
    check("fchdir -1: -EBADF", fchdir_(-1), -EBADF);
    check("fchdir 15 (not open): -EBADF", fchdir_(15), -EBADF);
    check("fchdir 4096: -EBADF", fchdir_(4096), -EBADF);
    check("readlink of a file, not a link: -EINVAL",
          syscall(SYS_readlink, (long)"motd", (long)longname, 10, 0, 0), -EINVAL);
    check("readlink of a missing file: -ENOENT",
          syscall(SYS_readlink, (long)"nosuch", (long)longname, 10, 0, 0), -ENOENT);
    check("faccessat2 motd, R_OK, AT_EACCESS",
          syscall(SYS_faccessat2, AT_FDCWD, (long)"motd", R_OK, AT_EACCESS, 0), 0);
    check("faccessat2 motd, W_OK: -EROFS",
          syscall(SYS_faccessat2, AT_FDCWD, (long)"motd", W_OK, AT_SYMLINK_NOFOLLOW, 0), -EROFS);
    check("faccessat2 with flag 1: -EINVAL",
          syscall(SYS_faccessat2, AT_FDCWD, (long)"motd", R_OK, 1, 0), -EINVAL);
    close(dir);
    close(file);
    close(fds[0]);
    close(fds[1]);
}

/* Programs found from the working directory (now /etc). */
static void test_spawn(void)
{
    char *is_etc[] = { "t_cwd", "is", "/etc", 0 };
    int status = -1;
    int pid = spawn("t_cwd", is_etc, 0);
    check("spawn t_cwd from /etc: a bare name is /bin's", pid > 0, 1);
    waitpid(pid, &status, 0);
    check("the child starts in its parent's directory, /etc", status, 0);
    pid = spawn("../bin/t_cwd", is_etc, 0);
    check("spawn ../bin/t_cwd: found", pid > 0, 1);
    waitpid(pid, &status, 0);
    check("and in /etc too", status, 0);
    check("spawn motd: not in /bin, so /etc/motd, not ELF: -ENOEXEC", spawn("motd", is_etc, 0), -ENOEXEC);
    check("spawn hostname/: -ENOTDIR", spawn("hostname/", is_etc, 0), -ENOTDIR);
    check("spawn ..: a directory: -EACCES", spawn("..", is_etc, 0), -EACCES);
    check("spawn \"\": -ENOENT", spawn("", is_etc, 0), -ENOENT);
}

/* A service's working directory after a restart is the one it was
 * spawned with, whatever its first incarnation changed it to. */
static void test_restart(void)
{
    int fds[2];
    pipe(fds);
    char fd[4] = { (char)('0' + fds[1] / 10), (char)('0' + fds[1] % 10), 0 };
    char *argv[] = { "t_cwd", "service", fd, 0 };
    struct guard_spec spec = { .restart = RESTART_ON_FAILURE, .max_restarts = 1, .window_ms = 60000 };
    int pid = spawn("t_cwd", argv, &spec), status = -1;
    char seen[3][RECORD];
    for (int i = 0; i < 3; i++)
        read(fds[0], seen[i], RECORD);
    check("the service's first start: /etc", strcmp(seen[0], "/etc"), 0);
    check("its chdir: /bin", strcmp(seen[1], "/bin"), 0);
    check("after the restart: /etc again", strcmp(seen[2], "/etc"), 0);
    check("the restarted service ends", waitpid(pid, &status, 0), pid);
    close(fds[0]);
    close(fds[1]);
}

static int service_mode(int fd)
{
    struct proc_info me;
    char buf[RECORD] = { 0 };
    proc_info_of(getpid(), &me);
    getcwd_(buf, sizeof buf);
    write(fd, buf, RECORD);
    if (me.incarnation > 1)
        return 0;
    chdir_("/bin");
    getcwd_(buf, sizeof buf);
    write(fd, buf, RECORD);
    *(volatile int *)0 = 1;             /* cppcheck-suppress nullPointer ; on purpose */
    return 1;
}

/* Read what a pipe holds (at most n - 1 bytes) into buf, as a string. */
static long drain(int fd, char *buf, int n)
{
    long got = read(fd, buf, (size_t)n - 1);
    buf[got > 0 ? got : 0] = '\0';
    return got;
}

static void test_sendfile(void)
{
    int fds[2], null = open("/dev/null", O_RDWR), file = open("/etc/hostname", O_RDONLY);
    int dir = open("/etc", O_RDONLY | O_DIRECTORY);
    char buf[32];
    pipe(fds);
    check("sendfile hostname to a pipe: 7 bytes", sendfile_(fds[1], file, 0, 100), 7);
    check("the pipe holds them", drain(fds[0], buf, sizeof buf), 7);
    check("\"warden\\n\"", strcmp(buf, "warden\n"), 0);
    check("the file's offset moved to 7", syscall(SYS_lseek, file, 0, SEEK_CUR, 0, 0), 7);
    check("at the end: 0", sendfile_(fds[1], file, 0, 100), 0);
    int32_t off = 2;
    check("with an offset 2, 3 bytes", sendfile_(fds[1], file, &off, 3), 3);
    check("\"rde\"", drain(fds[0], buf, sizeof buf) == 3 && strcmp(buf, "rde") == 0, 1);
    check("the offset moved to 5", off, 5);
    check("the file's own offset stayed 7", syscall(SYS_lseek, file, 0, SEEK_CUR, 0, 0), 7);
    int64_t off64 = 4;
    check("sendfile64 with an offset 4", sendfile64_(fds[1], file, &off64, 100), 3);
    check("\"en\\n\", the offset 7", drain(fds[0], buf, sizeof buf) == 3 && off64 == 7, 1);
    off64 = 0x100000000LL;
    check("sendfile64 from 4 GiB: 0", sendfile64_(fds[1], file, &off64, 100), 0);
    check("the offset unchanged", off64 == 0x100000000LL, 1);
    int motd = open("/etc/motd", O_RDONLY);
    check("sendfile motd to /dev/null: 89", sendfile_(null, motd, 0, 1000), 89);
    off = 0;
    check("count 0: 0", sendfile_(fds[1], file, &off, 0), 0);
    check("a bad out fd: -EBADF", sendfile_(99, file, 0, 10), -EBADF);
    check("a bad in fd: -EBADF", sendfile_(fds[1], 99, 0, 10), -EBADF);
    check("to a read-only ramdisk file: -EBADF", sendfile_(motd, file, &off, 10), -EBADF);
    check("to a pipe's read end: -EBADF", sendfile_(fds[0], file, &off, 10), -EBADF);
    check("from a pipe's write end: -EBADF", sendfile_(null, fds[1], 0, 10), -EBADF);
    check("from a pipe's read end: -EINVAL", sendfile_(null, fds[0], 0, 10), -EINVAL);
    check("from a directory: -EINVAL", sendfile_(null, dir, 0, 10), -EINVAL);
    check("from the console: -EINVAL", sendfile_(null, 0, 0, 10), -EINVAL);
    off = -1;
    check("a negative offset: -EINVAL", sendfile_(null, file, &off, 10), -EINVAL);
    check("a bad offset pointer: -EFAULT", sendfile_(null, file, (void *)0x10, 10), -EFAULT);
    check("a kernel offset pointer: -EFAULT", sendfile_(null, file, (void *)0xC0000000, 10), -EFAULT);
    check("a read-only offset: -EFAULT", sendfile_(null, file, (void *)read_only, 10), -EFAULT);
    close(fds[0]);
    off = 0;
    int pid = (int)syscall(SYS_fork, 0, 0, 0, 0, 0), status = 0;
    if (pid == 0)
        exit((int)-sendfile_(fds[1], file, &off, 10));
    waitpid(pid, &status, 0);
    check("to a pipe with no reader: the child ends by SIGPIPE", status, W_SIGNALED(SIGPIPE));
    close(fds[1]);
    close(file);
    close(motd);
    close(null);
    close(dir);
}

static void test_descriptors(void)
{
    int fds[2];
    pipe(fds);
    check("dup3 to 9, O_CLOEXEC", syscall(SYS_dup3, fds[0], 9, O_CLOEXEC, 0, 0), 9);
    check("9 is close-on-exec", fcntl(9, F_GETFD, 0), FD_CLOEXEC);
    check("dup3 to 9 without: 9", syscall(SYS_dup3, fds[1], 9, 0, 0, 0), 9);
    check("9 is not close-on-exec now", fcntl(9, F_GETFD, 0), 0);
    check("dup3 to itself: -EINVAL", syscall(SYS_dup3, 9, 9, 0, 0, 0), -EINVAL);
    check("dup3 with O_NONBLOCK: -EINVAL", syscall(SYS_dup3, 9, 10, O_NONBLOCK, 0, 0), -EINVAL);
    check("dup3 from a closed fd: -EBADF", syscall(SYS_dup3, 14, 10, 0, 0, 0), -EBADF);
    check("dup3 to 16: -EBADF", syscall(SYS_dup3, 9, 16, 0, 0, 0), -EBADF);
    check("F_DUPFD from 11: 11", fcntl(fds[0], F_DUPFD, 11), 11);
    check("not close-on-exec", fcntl(11, F_GETFD, 0), 0);
    check("F_DUPFD from 11 again: 12", fcntl(fds[0], F_DUPFD, 11), 12);
    check("F_DUPFD from 16: -EINVAL", fcntl(fds[0], F_DUPFD, 16), -EINVAL);
    check("F_GETFL of the read end: O_RDONLY", fcntl(fds[0], F_GETFL, 0), O_RDONLY);
    check("F_GETFL of the write end: O_WRONLY", fcntl(9, F_GETFL, 0), O_WRONLY);
    fcntl(9, F_SETFL, O_NONBLOCK);
    check("F_SETFL O_NONBLOCK, F_GETFL: O_WRONLY|O_NONBLOCK", fcntl(9, F_GETFL, 0), O_WRONLY | O_NONBLOCK);
    check("F_GETFL of the console: O_RDWR", fcntl(0, F_GETFL, 0), O_RDWR);
    check("F_GETFL of a file: O_RDONLY", fcntl(open("/etc/motd", O_RDONLY), F_GETFL, 0), O_RDONLY);
    for (int fd = 3; fd < NOFILE; fd++)
        close(fd);
}

static int setsid_mode(void)
{
    int me = getpid(), fails = 0;
    fails += syscall(SYS_getsid, 0, 0, 0, 0, 0) != 1;          /* init's session */
    fails += syscall(SYS_setsid, 0, 0, 0, 0, 0) != me;
    fails += syscall(SYS_getsid, 0, 0, 0, 0, 0) != me;
    fails += syscall(SYS_getpgrp, 0, 0, 0, 0, 0) != me;
    fails += syscall(SYS_setsid, 0, 0, 0, 0, 0) != -EPERM;     /* a group leader now */
    return fails;
}

static void test_sessions(void)
{
    check("getsid(0) of init: 1", syscall(SYS_getsid, 0, 0, 0, 0, 0), 1);
    check("getsid(1): 1", syscall(SYS_getsid, 1, 0, 0, 0, 0), 1);
    check("getsid of no process: -ESRCH", syscall(SYS_getsid, 30000, 0, 0, 0, 0), -ESRCH);
    check("setsid by init, a group leader: -EPERM", syscall(SYS_setsid, 0, 0, 0, 0, 0), -EPERM);
    char *argv[] = { "t_cwd", "setsid", 0 };
    int status = -1, pid = spawn("t_cwd", argv, 0);
    waitpid(pid, &status, 0);
    check("a child's setsid: its pid as session and group, then -EPERM", status, 0);
}

static long select_(int n, uint32_t *rd, uint32_t *wr, uint32_t *ex, void *tv)
{
    return syscall(SYS__newselect, n, (long)rd, (long)wr, (long)ex, (long)tv);
}

static void test_select(void)
{
    int fds[2];
    pipe(fds);
    uint32_t rd[32] = { 1u << fds[0] }, wr[32] = { 1u << fds[1] };
    int32_t tv[2] = { 0, 0 };
    check("select on an empty pipe and its writer: 1", select_(fds[1] + 1, rd, wr, 0, tv), 1);
    check("only the writer is set", rd[0] == 0 && wr[0] == 1u << fds[1], 1);
    write(fds[1], "x", 1);
    rd[0] = 1u << fds[0];
    check("with a byte in it, the reader: 1", select_(fds[0] + 1, rd, 0, 0, tv), 1);
    char c;
    read(fds[0], &c, 1);
    rd[0] = 1u << fds[0];
    int32_t wait[2] = { 0, 30000 };
    check("empty, 30 ms: 0", select_(fds[0] + 1, rd, 0, 0, wait), 0);
    check("the time left: 0", wait[0] == 0 && wait[1] == 0 && rd[0] == 0, 1);
    rd[0] = 1u << 14;
    check("a closed fd: -EBADF", select_(15, rd, 0, 0, tv), -EBADF);
    rd[0] = 0;
    rd[1] = 1;
    check("fd 32, past NOFILE: -EBADF", select_(33, rd, 0, 0, tv), -EBADF);
    check("fd 32, past nfds: ignored", select_(32, rd, 0, 0, tv), 0);
    check("nfds -1: -EINVAL", select_(-1, 0, 0, 0, tv), -EINVAL);
    int32_t bad[2] = { 0, 1000000 };
    check("a timeout of 1000000 us: -EINVAL", select_(1, 0, 0, 0, bad), -EINVAL);
    check("a bad set: -EFAULT", select_(1, (uint32_t *)0x10, 0, 0, tv), -EFAULT);
    check("a bad timeout: -EFAULT", select_(1, 0, 0, 0, (void *)0x10), -EFAULT);
    close(fds[0]);
    close(fds[1]);
}

static long sc3(long n, long a, long b, long c) { return syscall(n, a, b, c, 0, 0); }

/* The calls that would change the ramdisk (from /etc): the path's own
 * errors first, then -EROFS. */
static void test_read_only(void)
{
    check("mkdir /etc: -EEXIST", sc3(SYS_mkdir, (long)"/etc", 0755, 0), -EEXIST);
    check("mkdir new: -EROFS", sc3(SYS_mkdir, (long)"new", 0755, 0), -EROFS);
    check("mkdir /new/: -EROFS", sc3(SYS_mkdir, (long)"/new/", 0755, 0), -EROFS);
    check("mkdir /nosuch/new: -ENOENT", sc3(SYS_mkdir, (long)"/nosuch/new", 0755, 0), -ENOENT);
    check("mkdir motd/new: -ENOTDIR", sc3(SYS_mkdir, (long)"motd/new", 0755, 0), -ENOTDIR);
    check("mkdir, a bad pointer: -EFAULT", sc3(SYS_mkdir, 0x10, 0755, 0), -EFAULT);
    check("mkdirat AT_FDCWD motd: -EEXIST", sc3(SYS_mkdirat, AT_FDCWD, (long)"motd", 0755), -EEXIST);
    check("rmdir /etc: -EROFS", sc3(SYS_rmdir, (long)"/etc", 0, 0), -EROFS);
    check("rmdir motd: -ENOTDIR", sc3(SYS_rmdir, (long)"motd", 0, 0), -ENOTDIR);
    check("rmdir /nosuch: -ENOENT", sc3(SYS_rmdir, (long)"/nosuch", 0, 0), -ENOENT);
    check("unlink motd: -EROFS", sc3(SYS_unlink, (long)"motd", 0, 0), -EROFS);
    check("unlink /etc: -EISDIR", sc3(SYS_unlink, (long)"/etc", 0, 0), -EISDIR);
    check("unlink nosuch: -ENOENT", sc3(SYS_unlink, (long)"nosuch", 0, 0), -ENOENT);
    check("unlinkat /etc, AT_REMOVEDIR: -EROFS", sc3(SYS_unlinkat, AT_FDCWD, (long)"/etc", 0x200), -EROFS);
    check("unlinkat with flag 1: -EINVAL", sc3(SYS_unlinkat, AT_FDCWD, (long)"motd", 1), -EINVAL);
    check("rename motd: -EROFS", sc3(SYS_rename, (long)"motd", (long)"x", 0), -EROFS);
    check("rename nosuch: -ENOENT", sc3(SYS_rename, (long)"nosuch", (long)"x", 0), -ENOENT);
    int fds[2], file = open("motd", O_RDONLY);
    pipe(fds);
    check("utimensat motd: -EROFS", syscall(SYS_utimensat, AT_FDCWD, (long)"motd", 0, 0, 0), -EROFS);
    check("utimensat /dev/null: 0", syscall(SYS_utimensat, AT_FDCWD, (long)"/dev/null", 0, 0, 0), 0);
    check("utimensat nosuch: -ENOENT", syscall(SYS_utimensat, AT_FDCWD, (long)"nosuch", 0, 0, 0), -ENOENT);
    check("utimensat with flag 1: -EINVAL", syscall(SYS_utimensat, AT_FDCWD, (long)"motd", 0, 1, 0), -EINVAL);
    check("utimensat, bad times: -EFAULT", syscall(SYS_utimensat, AT_FDCWD, (long)"motd", 0x10, 0, 0), -EFAULT);
    check("futimens of a file: -EROFS", syscall(SYS_utimensat, file, 0, 0, 0, 0), -EROFS);
    check("futimens of a pipe: 0", syscall(SYS_utimensat, fds[0], 0, 0, 0, 0), 0);
    check("futimens of fd 15: -EBADF", syscall(SYS_utimensat, 15, 0, 0, 0, 0), -EBADF);
    close(fds[0]);
    close(fds[1]);
    close(file);
}

/* Linux's sysinfo, sched_getaffinity and getgroups. */
static void test_facts(void)
{
    uint32_t si[16] = { 0 }, mask[2] = { 0, 7 };
    check("sysinfo (116): 0", sc3(SYS_linux_sysinfo, (long)si, 0, 0), 0);
    check("total memory > free > 0, in bytes (mem_unit 1)", si[4] > si[5] && si[5] > 0 && si[13] == 1, 1);
    check("processes: 1 at least", (si[10] & 0xFFFF) >= 1, 1);
    check("sysinfo, a bad pointer: -EFAULT", sc3(SYS_linux_sysinfo, 0x10, 0, 0), -EFAULT);
    check("sched_getaffinity: 4 bytes", sc3(SYS_sched_getaffinity, 0, 8, (long)mask), 4);
    check("the mask: CPU 0 only, the next word untouched", mask[0] == 1 && mask[1] == 7, 1);
    check("sched_getaffinity, 3 bytes: -EINVAL", sc3(SYS_sched_getaffinity, 0, 3, (long)mask), -EINVAL);
    check("sched_getaffinity, 6 bytes: -EINVAL", sc3(SYS_sched_getaffinity, 0, 6, (long)mask), -EINVAL);
    check("sched_getaffinity of no process: -ESRCH", sc3(SYS_sched_getaffinity, 30000, 4, (long)mask), -ESRCH);
    check("sched_getaffinity, a bad pointer: -EFAULT", sc3(SYS_sched_getaffinity, 0, 4, 0x10), -EFAULT);
    check("getgroups32(0, NULL): 0 groups", sc3(SYS_getgroups32, 0, 0, 0), 0);
    check("getgroups(-1): -EINVAL", sc3(SYS_getgroups, -1, 0, 0), -EINVAL);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "setsid") == 0)
        return setsid_mode();
    if (argc > 2 && strcmp(argv[1], "is") == 0)
        return cwd_is(argv[2]) ? 0 : 1;
    if (argc > 2 && strcmp(argv[1], "service") == 0)
        return service_mode(atoi(argv[2]));
    test_getcwd();
    test_chdir();
    test_spawn();
    test_restart();
    test_sendfile();
    test_descriptors();
    test_sessions();
    test_select();
    test_read_only();
    test_facts();
    return checks_done();
}
