/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (cwd-glibc, cwd-musl): the working directory through the C library
 * (getcwd, chdir, fchdir), relative paths in open, openat, stat, access,
 * readlink and execve, the directory kept across fork and execve, and
 * sendfile from a ramdisk file (tests/scenarios/linux_cwd_*.scn compare
 * its output).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *cwd(void)
{
    static char buf[64];
    return getcwd(buf, sizeof buf) ? buf : strerror(errno);
}

/* Say what a call returned, with errno's text when it failed, and the
 * working directory after it (the call runs before cwd() is asked). */
static void said(const char *what, long r, int show_cwd)
{
    const char *err = r < 0 ? strerror(errno) : "ok";
    printf("cwd: %s: %ld, %s", what, r, err);
    if (show_cwd)
        printf(", now %s", cwd());
    printf("\n");
}

static void directories(void)
{
    printf("cwd: at the start: %s\n", cwd());
    said("chdir /etc", chdir("/etc"), 1);
    char small[4];
    said("getcwd into 4 bytes", getcwd(small, sizeof small) ? 0 : -1, 0);
    said("chdir motd", chdir("motd"), 0);
    said("chdir nosuch", chdir("nosuch"), 0);
    said("chdir ../..", chdir("../.."), 1);
    said("chdir bin/../etc/.", chdir("bin/../etc/."), 1);
    int bin = open("/bin", O_RDONLY | O_DIRECTORY);
    said("fchdir to /bin", fchdir(bin), 1);
    said("chdir ..", chdir(".."), 1);
    close(bin);
}

static void relative_paths(void)
{
    chdir("/etc");
    char line[32] = { 0 };
    int fd = open("hostname", O_RDONLY);
    long n = read(fd, line, sizeof line - 1);
    printf("cwd: open hostname: read %ld bytes: %s", n, line);
    close(fd);
    int dir = open("/bin", O_RDONLY | O_DIRECTORY);
    fd = openat(dir, "../etc/./motd", O_RDONLY);
    memset(line, 0, sizeof line);
    n = read(fd, line, 18);
    printf("cwd: openat /bin ../etc/./motd: %ld bytes: %s\n", n, line);
    close(fd);
    close(dir);
    struct stat st;
    int r = stat("motd", &st);
    printf("cwd: stat motd: %d, size %ld\n", r, (long)st.st_size);
    r = fstatat(AT_FDCWD, "./hostname", &st, 0);
    printf("cwd: fstatat AT_FDCWD ./hostname: %d, size %ld\n", r, (long)st.st_size);
    said("access ../bin/busybox X_OK", access("../bin/busybox", X_OK), 0);
    char buf[32];
    said("readlink motd", readlink("motd", buf, sizeof buf), 0);
    said("open ../etc/nosuch", open("../etc/nosuch", O_RDONLY), 0);
}

/* A child's directory is its parent's, changes in it stay in it, and
 * execve keeps it. */
static void fork_and_exec(const char *self)
{
    chdir("/etc");
    int status = 0;
    pid_t pid = fork();
    if (pid == 0) {                     /* 5: it started in /etc, and moved */
        if (strcmp(cwd(), "/etc") != 0)
            _exit(7);
        chdir("/bin");
        _exit(strcmp(cwd(), "/bin") == 0 ? 5 : 6);
    }
    waitpid(pid, &status, 0);
    printf("cwd: the child's chdir /bin: status %d; the parent is still in %s\n",
           WEXITSTATUS(status), cwd());
    pid = fork();
    if (pid == 0) {
        chdir("/bin");
        execl(self, "cwd", "show", (char *)0);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    printf("cwd: execve from /bin: status %d\n", WEXITSTATUS(status));
    chdir("/bin");
    pid = fork();
    if (pid == 0) {
        execl("./true", "true", (char *)0);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    printf("cwd: execl ./true from /bin: status %d\n", WEXITSTATUS(status));
}

static void send_file(void)
{
    int fd = open("/etc/hostname", O_RDONLY), p[2];
    pipe(p);
    char buf[32] = { 0 };
    ssize_t n = sendfile(p[1], fd, NULL, 100);
    read(p[0], buf, sizeof buf - 1);
    printf("cwd: sendfile to a pipe: %ld bytes: %s", (long)n, buf);
    printf("cwd: the file's offset: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    off_t off = 2;
    memset(buf, 0, sizeof buf);
    n = sendfile(p[1], fd, &off, 3);
    read(p[0], buf, sizeof buf - 1);
    long pos = (long)lseek(fd, 0, SEEK_CUR);
    printf("cwd: sendfile from offset 2: %ld bytes: %s, offset now %ld, the file's %ld\n",
           (long)n, buf, (long)off, pos);
    long long off64 = 0;
    memset(buf, 0, sizeof buf);
    n = syscall(SYS_sendfile64, p[1], fd, &off64, 4);
    read(p[0], buf, sizeof buf - 1);
    printf("cwd: sendfile64 from 0: %ld bytes: %s, offset now %lld\n", (long)n, buf, off64);
    int null = open("/dev/null", O_WRONLY), motd = open("/etc/motd", O_RDONLY);
    said("sendfile motd to /dev/null", sendfile(null, motd, NULL, 4096), 0);
    fflush(stdout);
    off = 0;
    said("sendfile to the console", sendfile(1, fd, &off, 100), 0);
    said("sendfile to a read-only file", sendfile(motd, fd, &off, 1), 0);
    said("sendfile from a bad fd", sendfile(1, 77, NULL, 1), 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "show") == 0) {
        printf("cwd: exec'ed: in %s\n", cwd());
        return 3;
    }
    char self[64] = { 0 };
    readlink("/proc/self/exe", self, sizeof self - 1);
    directories();
    relative_paths();
    fork_and_exec(self);
    send_file();
    printf("cwd: done\n");
    return 0;
}
