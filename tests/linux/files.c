/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (files-glibc, files-musl): the C library's file calls on Warden's
 * ramdisk (tests/scenarios/linux_files_*.scn compare its output): stdio
 * on /etc/motd, a directory stream on /bin and /etc, stat, lseek,
 * pread, access, /dev/null, and the errors a program sees.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *yes(int ok)
{
    return ok ? "yes" : "no";
}

static void stdio_lines(void)
{
    FILE *f = fopen("/etc/motd", "r");
    if (!f) {
        printf("files: fopen /etc/motd: %s\n", strerror(errno));
        return;
    }
    char line[128];
    int n = 0;
    while (fgets(line, sizeof line, f))
        printf("files: line %d: %s", ++n, line);
    printf("files: %d lines, end of file %s\n", n, yes(feof(f)));
    rewind(f);
    char first[4] = { 0 };
    for (int i = 0; i < 3; i++)
        first[i] = (char)fgetc(f);
    printf("files: after rewind: %s\n", first);
    fseek(f, -9, SEEK_END);
    printf("files: ftell after fseek(-9, SEEK_END): %ld\n", ftell(f));
    printf("files: fclose: %d\n", fclose(f));
    f = fopen("/etc/motd", "w");
    printf("files: fopen(\"/etc/motd\", \"w\"): %s, %s\n", yes(f != NULL), strerror(errno));
    f = fopen("/etc/nosuch", "r");
    printf("files: fopen a missing file: %s, %s\n", yes(f != NULL), strerror(errno));
}

/* Count a directory's entries and say whether it has name, of type. */
static void directory(const char *path, const char *name, int type)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("files: opendir %s: %s\n", path, strerror(errno));
        return;
    }
    int n = 0, found = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n++;
        found |= strcmp(e->d_name, name) == 0 && e->d_type == type;
    }
    closedir(d);
    printf("files: %s has %s %s: %s; more than 2 entries: %s\n", path,
           type == DT_DIR ? "directory" : "file", name, yes(found), yes(n > 2));
}

static void stats(void)
{
    struct stat st;
    stat("/etc/motd", &st);
    printf("files: stat /etc/motd: regular %s, mode %o, size %ld\n", yes(S_ISREG(st.st_mode)),
           (unsigned)st.st_mode & 07777, (long)st.st_size);
    stat("/bin/cat", &st);
    printf("files: stat /bin/cat: mode %o, executable %s\n", (unsigned)st.st_mode & 07777,
           yes(access("/bin/cat", X_OK) == 0));
    stat("/etc", &st);
    printf("files: stat /etc: directory %s, mode %o\n", yes(S_ISDIR(st.st_mode)),
           (unsigned)st.st_mode & 07777);
    stat("/dev/null", &st);
    printf("files: stat /dev/null: character device %s\n", yes(S_ISCHR(st.st_mode)));
    int r = stat("/nosuch", &st);
    printf("files: stat a missing file: %d, %s\n", r, strerror(errno));
    r = access("/etc/motd", W_OK);
    printf("files: access W_OK: %d, %s\n", r, strerror(errno));
}

static void descriptors(void)
{
    int fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
    char buf[32] = { 0 };
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    printf("files: pread /etc/hostname: %zd bytes: %s", n, buf);
    printf("files: lseek SEEK_END: %ld\n", (long)lseek(fd, 0, SEEK_END));
    close(fd);
    fd = open("/etc/hostname", O_RDWR);
    printf("files: open O_RDWR: %d, %s\n", fd, strerror(errno));
    fd = open("/etc", O_RDONLY | O_DIRECTORY);
    n = read(fd, buf, sizeof buf);
    printf("files: read a directory: %zd, %s\n", n, strerror(errno));
    close(fd);
    fd = open("/dev/null", O_WRONLY);
    printf("files: write /dev/null: %zd\n", write(fd, "gone", 4));
    close(fd);
}

int main(void)
{
    stdio_lines();
    directory("/bin", "cat", DT_REG);
    directory("/", "etc", DT_DIR);
    stats();
    descriptors();
    printf("files: done\n");
    return 0;
}
