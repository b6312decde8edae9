/*
 * Paths to nodes. The ramdisk holds at most a few hundred paths, so a
 * lookup compares the whole normalised path with each of them: no
 * directory structures to keep, and "." and ".." are only string work.
 */
#include "kernel/fs/node.h"
#include "kernel/fs/initrd.h"
#include "kernel/mm/vm.h"
#include "kernel/preempt.h"
#include "abi/stat.h"
#include "abi/syscall.h"
#include "abi/errno.h"
#include "lib/string.h"

#define INO_DIR     0x100u      /* + the directory's index; "/" is 0x100 */
#define INO_FILE    0x200u      /* + the file's index */
#define INO_DEV     0x400u      /* + the device's number */

static const struct device_node {
    const char *path;
    uint32_t mode, major, minor;
} devices[] = {
    [DEV_CONSOLE] = { "/dev/console", S_IFCHR | 0620, 5, 1 },
    [DEV_NULL] = { "/dev/null", S_IFCHR | 0666, 1, 3 },
    [DEV_TTY] = { "/dev/tty", S_IFCHR | 0666, 5, 0 },
};
#define NDEVICES ((int)(sizeof devices / sizeof devices[0]))

struct node node_root(void)
{
    return (struct node){ NODE_DIR, 0 };
}

const char *node_path(const struct node *n)
{
    switch (n->kind) {
    case NODE_DIR:
        return initrd_dir(n->index);
    case NODE_FILE:
        return initrd_file(n->index)->path;
    case NODE_DEV:
        return devices[n->index].path;
    }
    return "";
}

/* The node at an absolute, normalised path: 1, or 0 for none. */
static int find(const char *path, struct node *out)
{
    for (int i = 0; i < initrd_dir_count(); i++)
        if (strcmp(initrd_dir(i), path) == 0)
            return *out = (struct node){ NODE_DIR, i }, 1;
    for (int i = 0; i < initrd_count(); i++)
        if (strcmp(initrd_file(i)->path, path) == 0)
            return *out = (struct node){ NODE_FILE, i }, 1;
    for (int i = 0; i < NDEVICES; i++)
        if (strcmp(devices[i].path, path) == 0)
            return *out = (struct node){ NODE_DEV, i }, 1;
    return 0;
}

/* Cut the last component off an absolute path ("/bin/x" -> "/bin"). */
static void cut_last(char *path)
{
    char *slash = strrchr(path, '/');
    if (slash == path)
        path[1] = '\0';
    else if (slash)
        *slash = '\0';
}

int node_lookup(const struct node *base, const char *path, struct node *out)
{
    char abs[INITRD_PATH_MAX];
    struct node at = path[0] == '/' ? node_root() : *base;
    strlcpy(abs, node_path(&at), sizeof abs);
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        size_t len = 0;
        while (p[len] && p[len] != '/')
            len++;
        if (len > NAME_MAX_LEN)
            return -ENAMETOOLONG;
        if (len == 0)
            break;
        if (at.kind != NODE_DIR)
            return -ENOTDIR;            /* "/bin/true/x" */
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            cut_last(abs);
        } else if (!(len == 1 && p[0] == '.')) {
            size_t have = strlen(abs) - (strcmp(abs, "/") == 0);
            if (have + 1 + len >= sizeof abs)
                return -ENOENT;         /* longer than any path there is */
            abs[have] = '/';
            memcpy(abs + have + 1, p, len);
            abs[have + 1 + len] = '\0';
        }
        if (!find(abs, &at))
            return -ENOENT;
        p += len;
    }
    size_t plen = strlen(path);
    if (plen > 0 && path[plen - 1] == '/' && at.kind != NODE_DIR)
        return -ENOTDIR;                /* "/bin/true/" */
    *out = at;
    return 0;
}

static int is_elf(const struct file *f)
{
    return f->size >= 4 && memcmp(f->data, "\177ELF", 4) == 0;
}

void node_facts(const struct node *n, struct node_facts *out)
{
    *out = (struct node_facts){ .nlink = 1 };
    switch (n->kind) {
    case NODE_DIR:
        out->mode = S_IFDIR | 0555;
        out->nlink = 2;
        out->ino = INO_DIR + (uint32_t)n->index;
        return;
    case NODE_FILE: {
        const struct file *f = initrd_file(n->index);
        out->mode = S_IFREG | (is_elf(f) ? 0555 : 0444);
        out->ino = INO_FILE + (uint32_t)n->index;
        out->size = f->size;
        return;
    }
    case NODE_DEV:
        out->mode = devices[n->index].mode;
        out->major = devices[n->index].major;
        out->minor = devices[n->index].minor;
        out->ino = INO_DEV + (uint32_t)n->index;
        return;
    }
}

/* Whether child's path lies directly in the directory dir. */
static int directly_in(const char *dir, const char *child)
{
    size_t dlen = strcmp(dir, "/") == 0 ? 0 : strlen(dir);
    if (strncmp(dir, child, dlen) != 0 || child[dlen] != '/' || child[dlen + 1] == '\0')
        return 0;
    return strchr(child + dlen + 1, '/') == 0;
}

/* The node numbered i of all: directories, then files, then devices. */
static int nth_node(int i, struct node *out)
{
    if (i < initrd_dir_count())
        return *out = (struct node){ NODE_DIR, i }, 1;
    i -= initrd_dir_count();
    if (i < initrd_count())
        return *out = (struct node){ NODE_FILE, i }, 1;
    i -= initrd_count();
    if (i < NDEVICES)
        return *out = (struct node){ NODE_DEV, i }, 1;
    return 0;
}

static uint8_t dt_type(const struct node *n)
{
    return n->kind == NODE_DIR ? DT_DIR : n->kind == NODE_FILE ? DT_REG : DT_CHR;
}

int node_dir_entry(const struct node *dir, uint32_t cookie, const char **name,
                   uint64_t *ino, uint8_t *type, uint32_t *next)
{
    struct node_facts k;
    const char *path = node_path(dir);
    if (cookie < 2) {
        struct node n = *dir;
        if (cookie == 1) {
            char parent[INITRD_PATH_MAX];
            strlcpy(parent, path, sizeof parent);
            cut_last(parent);
            find(parent, &n);
        }
        node_facts(&n, &k);
        *name = cookie == 0 ? "." : "..";
        *ino = k.ino;
        *type = DT_DIR;
        *next = cookie + 1;
        return 1;
    }
    struct node n;
    for (uint32_t i = cookie - 2; nth_node((int)i, &n); i++) {
        const char *child = node_path(&n);
        if (!directly_in(path, child))
            continue;
        node_facts(&n, &k);
        *name = strrchr(child, '/') + 1;
        *ino = k.ino;
        *type = dt_type(&n);
        *next = i + 3;
        return 1;
    }
    return 0;
}

/* Bytes copied between two preemption points: a 2 MiB program read in
 * one call must not keep interrupts off (docs/hardening.md, section 14). */
#define READ_CHUNK (16 * 1024)

int node_read(const struct node *file, uint64_t pos, uint32_t ubuf, uint32_t n)
{
    const struct file *f = initrd_file(file->index);
    if (pos >= f->size)
        return 0;
    uint32_t left = f->size - (uint32_t)pos;
    if (n > left)
        n = left;
    uint32_t done = 0;
    while (done < n) {
        uint32_t len = n - done < READ_CHUNK ? n - done : READ_CHUNK;
        if (copy_to_user(ubuf + done, f->data + pos + done, len) < 0)
            return done ? (int)done : -EFAULT;
        done += len;
        if (done < n && preempt_point() < 0)
            break;                  /* the process is ending */
    }
    return (int)done;
}
