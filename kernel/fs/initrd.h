/* The initial ramdisk: read-only files the boot loader brought along. */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include <stdint.h>
#include "kernel/multiboot.h"

#define INITRD_PATH_MAX 128
#define INITRD_MAX_FILES 128
#define INITRD_MAX_DIRS 32

struct file {
    char path[INITRD_PATH_MAX];     /* absolute: "/bin/init" */
    const uint8_t *data;
    uint32_t size;
};

void initrd_init(const struct boot_info *bi);
/* The file at an absolute path, or NULL. */
const struct file *initrd_lookup(const char *path);
int initrd_count(void);
const struct file *initrd_file(int i);
/* The directories, by index: 0 is "/", 1 is "/dev". */
int initrd_dir_count(void);
const char *initrd_dir(int i);

#endif
