/* ls: every file of the ramdisk, with its size, by name. ls DIR: the
 * entries of one directory (getdents64), by name, a directory with a
 * trailing '/', a file with its size. */
#include "user/lib/runtime.h"

#define ENTRIES_MAX 128

struct entry {
    char name[60];
    uint32_t size;
    int is_dir;
};

static struct entry entries[ENTRIES_MAX];

static void sort_files(struct file_info *files, int n)
{
    for (int i = 1; i < n; i++) {
        struct file_info f = files[i];
        int j = i;
        for (; j > 0 && strcmp(files[j - 1].path, f.path) > 0; j--)
            files[j] = files[j - 1];
        files[j] = f;
    }
}

static void sort_entries(int n)
{
    for (int i = 1; i < n; i++) {
        struct entry e = entries[i];
        int j = i;
        for (; j > 0 && strcmp(entries[j - 1].name, e.name) > 0; j--)
            entries[j] = entries[j - 1];
        entries[j] = e;
    }
}

static int list_all(void)
{
    static struct file_info files[FILES_MAX];
    int n = listfiles(files, FILES_MAX);
    sort_files(files, n);
    for (int i = 0; i < n; i++)
        printf("%8u  %s\n", files[i].size, files[i].path);
    return n < 0;
}

/* Read the directory's entries (all but "." and ".."): how many. */
static int read_entries(int fd)
{
    static char buf[1024];
    int n = 0, got;
    while ((got = getdents64(fd, buf, sizeof buf)) > 0) {
        for (int off = 0; off < got; ) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
            off += d->d_reclen;
            if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 || n == ENTRIES_MAX)
                continue;
            struct entry *e = &entries[n++];
            strlcpy(e->name, d->d_name, sizeof e->name);
            e->is_dir = d->d_type == DT_DIR;
            struct stat64 st;
            e->size = !e->is_dir && syscall(SYS_fstatat64, fd, (long)d->d_name,
                                                        (long)&st, 0, 0) == 0
                      ? (uint32_t)st.st_size : 0;
        }
    }
    return got < 0 ? got : n;
}

static int list_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        dprintf(2, "ls: %s: %s\n", path, error_text(fd));
        return 1;
    }
    int n = read_entries(fd);
    close(fd);
    if (n < 0) {
        dprintf(2, "ls: %s: %s\n", path, error_text(n));
        return 1;
    }
    sort_entries(n);
    for (int i = 0; i < n; i++) {
        if (entries[i].is_dir)
            printf("          %s/\n", entries[i].name);
        else
            printf("%8u  %s\n", entries[i].size, entries[i].name);
    }
    return 0;
}

int main(int argc, char **argv)
{
    return argc > 1 ? list_dir(argv[1]) : list_all();
}
