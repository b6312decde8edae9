/* The physical frame allocator: 4 KiB frames of RAM. */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdint.h>
#include "kernel/multiboot.h"

void frame_init(const struct boot_info *bi);
/*
 * The last FRAME_RESERVE free frames are kept for requests that must not
 * fail for an ordinary process's greed: init's memory and the guardian's
 * restarts (docs/hardening.md, "Memory limits and running out").
 */
#define FRAME_RESERVE 64

/* A frame's physical address, or 0 when memory is exhausted: any free
 * frame, the reserve included. */
uint32_t frame_alloc(void);
/* The same, filled with zeros. */
uint32_t frame_alloc_zeroed(void);
/* A frame only while more than FRAME_RESERVE are free; else 0. */
uint32_t frame_alloc_ordinary(void);
void frame_free(uint32_t pa);
uint32_t frame_free_count(void);
uint32_t frame_total_count(void);
/* Walks the free list and panics if it disagrees with the count. */
void frame_check(void);

#endif
