/* What the boot loader told us, checked and copied into kernel memory. */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include <stdint.h>

#define BOOT_MAX_REGIONS   32
#define BOOT_MAX_MODULES   16
#define BOOT_CMDLINE_MAX   256
#define BOOT_MODNAME_MAX   64

struct boot_region {            /* usable RAM, [base, base + len) */
    uint64_t base, len;
};

struct boot_module {            /* a file the loader put in memory */
    uint32_t start, end;        /* physical, [start, end) */
    char cmdline[BOOT_MODNAME_MAX];
};

struct boot_info {
    struct boot_region regions[BOOT_MAX_REGIONS];
    int nregions;
    struct boot_module modules[BOOT_MAX_MODULES];
    int nmodules;
    char cmdline[BOOT_CMDLINE_MAX];
    uint64_t usable_bytes;
};

/* Returns 0, or a negative errno with a message printed. */
int multiboot_parse(uint32_t magic, uint32_t info_phys, struct boot_info *out);

#endif
