/* Loading a program from the ramdisk into a fresh address space. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <stdint.h>
#include "kernel/mm/vm.h"
#include "kernel/fs/initrd.h"
#include "kernel/fs/node.h"

struct exec_image {
    pde_t *pgdir;
    uint32_t entry;         /* first instruction */
    uint32_t user_esp;      /* points at argc */
    uint32_t image_lo;      /* the program's lowest address */
    uint32_t brk;           /* first byte past the program: the heap starts here */
};

/* What a program starts with: argc strings (argv) and envc strings (the
 * environment), each set packed back to back. */
struct exec_args {
    const char *args;
    uint32_t args_len;
    int argc;
    const char *env;
    uint32_t env_len;
    int envc;
};

/* The one name of /proc there is: the caller's own program (readlink
 * says which; execve runs it again, as busybox does for its applets). */
#define PROC_SELF_EXE "/proc/self/exe"

/* The program file path names: a bare name ("sh") is /bin/NAME when
 * /bin has it (Warden's rule for spawn, and the quick case); any other
 * path is looked up from the directory cwd (an absolute one from "/").
 * 0 with *out set, or -ENOENT (also for ""), -ENOTDIR, -ENAMETOOLONG,
 * -EACCES (a directory or a device). */
int exec_lookup(const struct node *cwd, const char *path, const struct file **out);
/* Check the file is a loadable ELF: 0, or -ENOEXEC with a message. */
int exec_check(const struct file *f, const char **why);
/* Both: the program file path names, and loadable; 0 with *out set, or
 * exec_lookup's errors, or -ENOEXEC. */
int exec_find(const struct node *cwd, const char *path, const struct file **out);
/* Build the address space: segments, and the Linux initial stack with
 * argv, the environment and the auxiliary vector. Its frames are charged
 * to acct (kernel/mm/vm.h). 0, -ENOEXEC or -ENOMEM (the machine's memory
 * or acct's limit). */
int exec_load(const struct file *f, const struct exec_args *a, struct mem_account *acct,
              struct exec_image *out);

#endif
