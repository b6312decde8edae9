/* The physical frame allocator: 4 KiB frames of RAM. */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdint.h>
#include "kernel/multiboot.h"

void frame_init(const struct boot_info *bi);
/* A frame's physical address, or 0 when memory is exhausted. */
uint32_t frame_alloc(void);
/* The same, filled with zeros. */
uint32_t frame_alloc_zeroed(void);
void frame_free(uint32_t pa);
uint32_t frame_free_count(void);
uint32_t frame_total_count(void);
/* Walks the free list and panics if it disagrees with the count. */
void frame_check(void);

#endif
