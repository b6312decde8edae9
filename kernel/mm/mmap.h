/*
 * The mmap area: a process's anonymous mappings, kept as a short sorted
 * list of regions (start, end, prot) beside its page tables. The list
 * says what is mapped, and with which protection, even for PROT_NONE
 * pages that have no frame; the page tables hold the frames.
 */
#ifndef KERNEL_MMAP_H
#define KERNEL_MMAP_H

#include <stdint.h>
#include "kernel/mm/vm.h"
#include "abi/mman.h"

struct mmap_region {
    uint32_t start, end;        /* page-aligned: [start, end) */
    uint32_t prot;              /* PROT_* */
};

struct mmap_list {
    int count;
    struct mmap_region region[MMAP_REGIONS];    /* sorted, disjoint */
};

/* Forget every mapping (the address space is new or gone). */
void mmap_reset(struct mmap_list *list);
/* Map len bytes (page-aligned, > 0) of zeroed pages with prot: at addr
 * exactly when fixed (replacing what was there; it must lie inside the
 * mmap area), else at the hint addr when that range is free and inside
 * the area, else at the highest free range. The address, or -ENOMEM (no
 * room, no region left, the memory limit, or no memory). */
int32_t mmap_map(pde_t *pgdir, struct mmap_list *list, uint32_t addr, uint32_t len,
                 uint32_t prot, int fixed);
/* Unmap [start, end), a page-aligned range inside the mmap area; what is
 * not mapped there is fine. 0, or -ENOMEM when it would split a region
 * and the list is full. */
int mmap_unmap(pde_t *pgdir, struct mmap_list *list, uint32_t start, uint32_t end);
/* Give [start, end), inside the mmap area, the protection prot. 0, or
 * -ENOMEM: a page of the range is not mapped, the list is full, or a
 * frame for a page leaving PROT_NONE could not be had. */
int mmap_protect(pde_t *pgdir, struct mmap_list *list, uint32_t start, uint32_t end,
                 uint32_t prot);
/* Enter [start, end), whose pages are mapped already (a stash's, put
 * back at a restart), in a list that has nothing there: 0, or -ENOMEM
 * when no region is left. */
int mmap_record(struct mmap_list *list, uint32_t start, uint32_t end, uint32_t prot);
/* Is every page of [start, end) mapped? */
int mmap_covered(const struct mmap_list *list, uint32_t start, uint32_t end);
/* The vm_alloc / vm_set_access flags for prot. */
int mmap_vm_flags(uint32_t prot);

#endif
