/*
 * Every multiboot module becomes files. A ustar archive (POSIX.1-2001
 * "pax" chapter, ustar format) contributes each regular member under "/"
 * (member "bin/x" is "/bin/x"); any other module is one file, /bin/NAME,
 * NAME being the basename of the module's first command-line word.
 * Files are used in place, in the modules' memory, which the frame
 * allocator never hands out. Directories are paths: every directory a
 * member's path passes through, a directory member of the archive, and
 * always "/" and "/dev" (kernel/fs/path.c adds the devices there).
 */
#include "kernel/fs/initrd.h"
#include "kernel/dev/console.h"
#include "kernel/mm/vm.h"
#include "lib/string.h"

#define TAR_BLOCK       512
#define TAR_NAME        0
#define TAR_NAME_LEN    100
#define TAR_SIZE        124
#define TAR_SIZE_LEN    12
#define TAR_TYPE        156
#define TAR_MAGIC       257
#define TAR_PREFIX      345
#define TAR_PREFIX_LEN  155
#define TAR_TYPE_FILE   '0'
#define TAR_TYPE_DIR    '5'

static struct file files[INITRD_MAX_FILES];
static int nfiles;

/*
 * Every spawn and execve looks its program up by path, so the lookup is
 * a hash table rather than a pass over every file: a chain of files per
 * bucket (1 + the index; 0 ends a chain), the hash being FNV-1a (Fowler,
 * Noll and Vo's 32-bit "multiply and xor" string hash).
 */
#define LOOKUP_BUCKETS  (2 * INITRD_MAX_FILES)     /* a power of two */
#define FNV_OFFSET      2166136261u
#define FNV_PRIME       16777619u
static uint16_t bucket[LOOKUP_BUCKETS];
static uint16_t chain[INITRD_MAX_FILES];

static uint32_t path_hash(const char *path)
{
    uint32_t h = FNV_OFFSET;
    while (*path)
        h = (h ^ (uint8_t)*path++) * FNV_PRIME;
    return h & (LOOKUP_BUCKETS - 1);
}
/* The directories: "/" and "/dev" always, then every directory a
 * member's path passes through (an archive need not list them). */
static char dirs[INITRD_MAX_DIRS][INITRD_PATH_MAX];
static int ndirs;

static void add_dir(const char *path)
{
    for (int i = 0; i < ndirs; i++)
        if (strcmp(dirs[i], path) == 0)
            return;
    if (ndirs == INITRD_MAX_DIRS) {
        kprintf("initrd: too many directories, %s left out\n", path);
        return;
    }
    strlcpy(dirs[ndirs++], path, INITRD_PATH_MAX);
}

/* Every directory above path: "/etc/motd" adds "/etc". */
static void add_parents(const char *path)
{
    char dir[INITRD_PATH_MAX];
    for (size_t i = 1; path[i]; i++) {
        if (path[i] != '/')
            continue;
        memcpy(dir, path, i);
        dir[i] = '\0';
        add_dir(dir);
    }
}

static void add_file(const char *path, const uint8_t *data, uint32_t size)
{
    if (nfiles == INITRD_MAX_FILES) {
        kprintf("initrd: too many files, %s left out\n", path);
        return;
    }
    add_parents(path);
    strlcpy(files[nfiles].path, path, INITRD_PATH_MAX);
    files[nfiles].data = data;
    files[nfiles].size = size;
    /* at the end of its chain: of two files with one path, the first
     * is the one found */
    uint16_t *link = &bucket[path_hash(path)];
    while (*link)
        link = &chain[*link - 1];
    *link = (uint16_t)(nfiles + 1);
    nfiles++;
}

/* An octal field, or -1 when it holds anything else. */
static int64_t octal(const uint8_t *f, int len)
{
    int64_t v = 0;
    int i = 0;
    while (i < len && f[i] == ' ')
        i++;
    for (; i < len && f[i] >= '0' && f[i] <= '7'; i++)
        v = v * 8 + (f[i] - '0');
    if (i < len && f[i] != '\0' && f[i] != ' ')
        return -1;
    return v;
}

/* Append at most n chars of a fixed-width field to a path. */
static void append(char *path, const uint8_t *field, size_t n)
{
    size_t len = strlen(path), flen = strnlen((const char *)field, n);
    if (len + flen >= INITRD_PATH_MAX)
        flen = INITRD_PATH_MAX - 1 - len;
    memcpy(path + len, field, flen);
    path[len + flen] = '\0';
}

static void load_tar(const uint8_t *tar, uint32_t size)
{
    uint32_t off = 0;
    while (off + TAR_BLOCK <= size && tar[off] != '\0') {
        const uint8_t *h = tar + off;
        int64_t len = octal(h + TAR_SIZE, TAR_SIZE_LEN);
        if (len < 0 || (uint64_t)len > size - off - TAR_BLOCK) {
            kprintf("initrd: malformed archive member at offset %u\n", off);
            return;
        }
        char type = (char)h[TAR_TYPE];
        if (type == TAR_TYPE_FILE || type == '\0' || type == TAR_TYPE_DIR) {
            char path[INITRD_PATH_MAX] = "/";
            if (h[TAR_PREFIX]) {
                append(path, h + TAR_PREFIX, TAR_PREFIX_LEN);
                append(path, (const uint8_t *)"/", 1);
            }
            const uint8_t *name = h + TAR_NAME;
            if (name[0] == '.' && name[1] == '/')
                name += 2;
            append(path, name, TAR_NAME_LEN - (size_t)(name - (h + TAR_NAME)));
            size_t plen = strlen(path);
            if (plen > 1 && path[plen - 1] == '/')
                path[plen - 1] = '\0';         /* "bin/" names the directory */
            if (type == TAR_TYPE_DIR) {
                add_parents(path);
                if (strcmp(path, "/") != 0)
                    add_dir(path);
            } else {
                add_file(path, h + TAR_BLOCK, (uint32_t)len);
            }
        }
        off += TAR_BLOCK + (uint32_t)((len + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK);
    }
}

static void load_single(const struct boot_module *m, const uint8_t *data)
{
    char word[BOOT_MODNAME_MAX];
    strlcpy(word, m->cmdline, sizeof word);
    char *space = strchr(word, ' ');
    if (space)
        *space = '\0';
    const char *base = strrchr(word, '/') ? strrchr(word, '/') + 1 : word;
    char path[INITRD_PATH_MAX] = "/bin/";
    append(path, (const uint8_t *)base, strlen(base));
    add_file(path, data, m->end - m->start);
}

void initrd_init(const struct boot_info *bi)
{
    add_dir("/");
    add_dir("/dev");
    for (int i = 0; i < bi->nmodules; i++) {
        const struct boot_module *m = &bi->modules[i];
        const uint8_t *data = P2V(m->start);
        uint32_t size = m->end - m->start;
        if (size >= TAR_BLOCK && memcmp(data + TAR_MAGIC, "ustar", 5) == 0)
            load_tar(data, size);
        else
            load_single(m, data);
    }
}

const struct file *initrd_lookup(const char *path)
{
    for (int i = bucket[path_hash(path)]; i; i = chain[i - 1])
        if (strcmp(files[i - 1].path, path) == 0)
            return &files[i - 1];
    return 0;
}

int initrd_count(void)
{
    return nfiles;
}

const struct file *initrd_file(int i)
{
    return i >= 0 && i < nfiles ? &files[i] : 0;
}

int initrd_dir_count(void)
{
    return ndirs;
}

const char *initrd_dir(int i)
{
    return i >= 0 && i < ndirs ? dirs[i] : 0;
}
