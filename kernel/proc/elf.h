/*
 * Reading an ELF32 executable. elf_parse only reads and checks; it touches
 * no page table, so the host unit tests can feed it malformed files.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>

#define ELF_MAX_SEGMENTS 8

struct elf_segment {
    uint32_t vaddr, memsz;      /* where it goes, how big in memory */
    uint32_t offset, filesz;    /* which bytes of the file fill it */
    int writable;
};

struct elf_image {
    uint32_t entry;
    uint32_t phdr;              /* the program headers' address once loaded; 0 if
                                   no segment holds them (for AT_PHDR) */
    uint32_t phnum, phent;      /* their number and size */
    int nsegments;
    struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/* 0, or -ENOEXEC with *why set to a short explanation. */
int elf_parse(const void *data, uint32_t size, struct elf_image *out, const char **why);

#endif
