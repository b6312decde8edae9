/*
 * Reading the multiboot information (Multiboot Specification 0.6.96,
 * section 3.3). The loader is trusted to exist, not to be right: every
 * length and address is checked before it is used, and everything we
 * keep is copied, so the loader's memory can be reused afterwards.
 */
#include "kernel/multiboot.h"
#include "kernel/dev/console.h"
#include "kernel/mm/vm.h"
#include "abi/errno.h"
#include "lib/string.h"

#define MB_BOOT_MAGIC   0x2BADB002
#define MB_INFO_MEMORY  (1 << 0)
#define MB_INFO_CMDLINE (1 << 2)
#define MB_INFO_MODS    (1 << 3)
#define MB_INFO_MMAP    (1 << 6)
#define MB_MMAP_RAM     1
#define MB_MMAP_MIN_ENTRY 20    /* base, length and type */
#define MIB             0x100000u

struct mb_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;      /* KiB below 1 MiB and above it */
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};

struct mb_module {
    uint32_t start, end, cmdline, reserved;
};

struct mb_mmap_entry {                  /* "size" does not count itself */
    uint32_t size;
    uint64_t base, len;
    uint32_t type;
} __attribute__((packed));

/* Only memory inside the direct map can be read at all. */
static int readable(uint32_t phys, uint32_t len)
{
    return phys + len >= phys && phys + len <= DIRECT_MAP_SIZE;
}

/* Copy a loader string into buf, truncated safely. */
static void copy_string(char *buf, uint32_t size, uint32_t phys)
{
    buf[0] = '\0';
    if (phys == 0 || !readable(phys, 1))
        return;
    uint32_t room = DIRECT_MAP_SIZE - phys;
    const char *s = P2V(phys);
    size_t n = strnlen(s, room < size ? room : size);
    if (n == size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

static void add_region(struct boot_info *bi, uint64_t base, uint64_t len)
{
    if (len == 0 || bi->nregions == BOOT_MAX_REGIONS)
        return;
    bi->regions[bi->nregions].base = base;
    bi->regions[bi->nregions].len = len;
    bi->nregions++;
    bi->usable_bytes += len;
}

static int parse_mmap(const struct mb_info *mb, struct boot_info *bi)
{
    if (!readable(mb->mmap_addr, mb->mmap_length))
        return -EINVAL;
    uint32_t off = 0;
    while (off + sizeof(struct mb_mmap_entry) <= mb->mmap_length) {
        const struct mb_mmap_entry *e = P2V(mb->mmap_addr + off);
        if (e->size < MB_MMAP_MIN_ENTRY || e->size > mb->mmap_length)
            return -EINVAL;
        if (e->type == MB_MMAP_RAM && e->base + e->len > e->base)
            add_region(bi, e->base, e->len);
        off += e->size + sizeof e->size;
    }
    return 0;
}

static int parse_modules(const struct mb_info *mb, struct boot_info *bi)
{
    if (mb->mods_count > BOOT_MAX_MODULES ||
        !readable(mb->mods_addr, mb->mods_count * sizeof(struct mb_module)))
        return -EINVAL;
    const struct mb_module *m = P2V(mb->mods_addr);
    for (uint32_t i = 0; i < mb->mods_count; i++) {
        if (m[i].end < m[i].start || !readable(m[i].start, m[i].end - m[i].start))
            return -EINVAL;
        bi->modules[i].start = m[i].start;
        bi->modules[i].end = m[i].end;
        copy_string(bi->modules[i].cmdline, BOOT_MODNAME_MAX, m[i].cmdline);
    }
    bi->nmodules = (int)mb->mods_count;
    return 0;
}

int multiboot_parse(uint32_t magic, uint32_t info_phys, struct boot_info *bi)
{
    memset(bi, 0, sizeof *bi);
    if (magic != MB_BOOT_MAGIC) {
        kprintf("multiboot: bad magic 0x%08x: not started by a multiboot loader\n", magic);
        return -EINVAL;
    }
    if (!readable(info_phys, sizeof(struct mb_info))) {
        kprintf("multiboot: information at 0x%08x is out of reach\n", info_phys);
        return -EINVAL;
    }
    const struct mb_info *mb = P2V(info_phys);

    if (mb->flags & MB_INFO_CMDLINE)
        copy_string(bi->cmdline, BOOT_CMDLINE_MAX, mb->cmdline);

    if (mb->flags & MB_INFO_MMAP) {
        if (parse_mmap(mb, bi) < 0) {
            kprintf("multiboot: malformed memory map\n");
            return -EINVAL;
        }
    } else if (mb->flags & MB_INFO_MEMORY) {
        add_region(bi, 0, (uint64_t)mb->mem_lower * 1024);
        add_region(bi, MIB, (uint64_t)mb->mem_upper * 1024);
    }
    if (bi->nregions == 0) {
        kprintf("multiboot: no memory information\n");
        return -EINVAL;
    }

    if ((mb->flags & MB_INFO_MODS) && parse_modules(mb, bi) < 0) {
        kprintf("multiboot: malformed module list\n");
        return -EINVAL;
    }
    return 0;
}
