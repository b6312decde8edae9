/*
 * The ramdisk as a tree: a node is a directory, a regular file or a
 * device, found by its path. Directories and files come from the
 * ramdisk (kernel/fs/initrd.c); the devices /dev/console, /dev/null and
 * /dev/tty are built in. Everything is read-only, except that /dev/null
 * swallows writes and the console is the console.
 */
#ifndef KERNEL_NODE_H
#define KERNEL_NODE_H

#include <stdint.h>

enum node_kind { NODE_DIR = 1, NODE_FILE, NODE_DEV };

struct node {
    enum node_kind kind;
    int index;                  /* in the ramdisk's dirs or files, or the devices */
};

enum device { DEV_CONSOLE, DEV_NULL, DEV_TTY };

#define NAME_MAX_LEN    255     /* a longer component is -ENAMETOOLONG */

/* What stat tells about a node. */
struct node_facts {
    uint32_t mode, nlink, major, minor;
    uint64_t ino, size;
};

/* The root directory. */
struct node node_root(void);
/* Follow path from base (a directory) when it is relative, from "/"
 * when it begins with '/'. "." and ".." and repeated slashes work as
 * usual; a trailing slash asks for a directory. 0 with *out set, or
 * -ENOENT, -ENOTDIR (a file used as a directory), -ENAMETOOLONG. */
int node_lookup(const struct node *base, const char *path, struct node *out);
const char *node_path(const struct node *n);
void node_facts(const struct node *n, struct node_facts *out);
/* The directory's entries after cookie, in a stable order: 0 is ".",
 * 1 "..", then the children. 1 with the entry's name, inode, DT_* type
 * and the cookie of the next one; 0 at the end. */
int node_dir_entry(const struct node *dir, uint32_t cookie, const char **name,
                   uint64_t *ino, uint8_t *type, uint32_t *next);
/* Copy up to n bytes of a file from offset pos to user space: the
 * count, 0 at or past the end, or -EFAULT. */
int node_read(const struct node *file, uint64_t pos, uint32_t ubuf, uint32_t n);

#endif
