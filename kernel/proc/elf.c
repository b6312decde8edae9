/*
 * Validating an ELF32 executable (System V ABI, "ELF" chapter, and its
 * Intel386 supplement). Only static i386 ET_EXEC files are accepted, and
 * nothing in the file is trusted: every offset, size and address is
 * checked, with overflow in mind, before anything is loaded.
 */
#include "kernel/proc/elf.h"
#include "abi/errno.h"
#include "abi/memlayout.h"

#define EI_NIDENT    16
#define ELFCLASS32   1
#define ELFDATA2LSB  1
#define EV_CURRENT   1
#define ET_EXEC      2
#define EM_386       3
#define PT_LOAD      1
#define PT_INTERP    3
#define PF_X         1
#define PF_W         2
#define MAX_PHDRS    64

struct elf_header {
    uint8_t  ident[EI_NIDENT];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static int fail(const char **why, const char *reason)
{
    *why = reason;
    return -ENOEXEC;
}

static int check_header(const struct elf_header *h, uint32_t size, const char **why)
{
    if (h->ident[0] != 0x7F || h->ident[1] != 'E' || h->ident[2] != 'L' || h->ident[3] != 'F')
        return fail(why, "not an ELF file (bad magic)");
    if (h->ident[4] != ELFCLASS32)
        return fail(why, "not a 32-bit ELF file");
    if (h->ident[5] != ELFDATA2LSB || h->ident[6] != EV_CURRENT || h->version != EV_CURRENT)
        return fail(why, "unsupported ELF encoding or version");
    if (h->type != ET_EXEC)
        return fail(why, "not an executable (ET_EXEC)");
    if (h->machine != EM_386)
        return fail(why, "not an i386 executable");
    if (h->phentsize != sizeof(struct elf_phdr) || h->phnum == 0 || h->phnum > MAX_PHDRS)
        return fail(why, "bad program header table size");
    if (h->phoff > size || (uint32_t)h->phnum * sizeof(struct elf_phdr) > size - h->phoff)
        return fail(why, "program headers lie outside the file");
    if (h->phoff % 4 != 0)
        return fail(why, "misaligned program headers");
    return 0;
}

static int check_segment(const struct elf_phdr *p, uint32_t size, const char **why)
{
    if (p->filesz > p->memsz)
        return fail(why, "segment file size exceeds its memory size");
    if (p->offset > size || p->filesz > size - p->offset)
        return fail(why, "segment data lies outside the file");
    if (p->vaddr < USER_BASE || p->vaddr >= USER_TOP || p->memsz > USER_TOP - p->vaddr)
        return fail(why, "segment lies outside user space");
    if (p->vaddr + p->memsz > USER_HEAP_TOP)
        return fail(why, "segment lies in the stack's region");
    if (p->align > 1 && ((p->align & (p->align - 1)) != 0 ||
                         p->vaddr % p->align != p->offset % p->align))
        return fail(why, "bad segment alignment");
    return 0;
}

/* Where the program headers appear in memory: inside the loaded segment
 * whose file bytes include them, if any. A C library reads them there
 * (AT_PHDR) to find, for example, its thread-local storage template. */
static uint32_t phdr_address(const struct elf_header *h, const struct elf_phdr *p)
{
    uint32_t table_end = h->phoff + (uint32_t)h->phnum * sizeof *p;
    if (p->type != PT_LOAD || h->phoff < p->offset || table_end > p->offset + p->filesz)
        return 0;
    return p->vaddr + (h->phoff - p->offset);
}

/* Two segments may not share a page: each page has one set of rights. */
static int overlaps(const struct elf_segment *a, const struct elf_segment *b)
{
    uint32_t a0 = a->vaddr & ~(PAGE_SIZE - 1), a1 = a->vaddr + a->memsz;
    uint32_t b0 = b->vaddr & ~(PAGE_SIZE - 1), b1 = b->vaddr + b->memsz;
    return a0 < b1 && b0 < a1;
}

int elf_parse(const void *data, uint32_t size, struct elf_image *out, const char **why)
{
    const struct elf_header *h = data;
    if (size < sizeof *h)
        return fail(why, "file too short for an ELF header");
    if (check_header(h, size, why) < 0)
        return -ENOEXEC;

    const struct elf_phdr *ph = (const struct elf_phdr *)((const uint8_t *)data + h->phoff);
    int entry_ok = 0;
    out->nsegments = 0;
    out->phdr = 0;
    for (int i = 0; i < h->phnum; i++) {
        if (ph[i].type == PT_INTERP)
            return fail(why, "dynamically linked executables are not supported");
        if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
            continue;
        if (check_segment(&ph[i], size, why) < 0)
            return -ENOEXEC;
        if (!out->phdr)
            out->phdr = phdr_address(h, &ph[i]);
        if (out->nsegments == ELF_MAX_SEGMENTS)
            return fail(why, "too many segments");
        struct elf_segment *s = &out->seg[out->nsegments];
        s->vaddr = ph[i].vaddr;
        s->memsz = ph[i].memsz;
        s->offset = ph[i].offset;
        s->filesz = ph[i].filesz;
        s->writable = (ph[i].flags & PF_W) != 0;
        for (int j = 0; j < out->nsegments; j++)
            if (overlaps(s, &out->seg[j]))
                return fail(why, "segments overlap");
        out->nsegments++;
        if ((ph[i].flags & PF_X) && h->entry >= s->vaddr && h->entry - s->vaddr < s->memsz)
            entry_ok = 1;
    }
    if (out->nsegments == 0)
        return fail(why, "no loadable segment");
    if (!entry_ok)
        return fail(why, "entry point is not in an executable segment");
    out->entry = h->entry;
    out->phnum = h->phnum;
    out->phent = h->phentsize;
    return 0;
}
