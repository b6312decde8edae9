/*
 * Free frames are kept on a singly linked list threaded through the
 * frames themselves (each free frame's first word points to the next),
 * so allocation and release are O(1) and need no memory of their own.
 * RAM is what the multiboot memory map calls usable, less the first
 * MiB (BIOS data, VGA memory), the kernel image and the boot modules,
 * and only as much as the direct map reaches.
 */
#include "kernel/mm/frame.h"
#include "kernel/mm/vm.h"
#include "kernel/panic.h"
#include "lib/string.h"

#define LOW_MEMORY_END 0x100000u

struct free_frame {
    struct free_frame *next;
};

static struct free_frame *free_list;
static uint32_t free_count, total_count;
extern char kernel_end[];   /* linker.ld */

static int in_use_at_boot(const struct boot_info *bi, uint32_t pa)
{
    if (pa < LOW_MEMORY_END || pa < V2P(kernel_end))
        return 1;
    for (int i = 0; i < bi->nmodules; i++)
        if (pa + PAGE_SIZE > bi->modules[i].start && pa < bi->modules[i].end)
            return 1;
    return 0;
}

void frame_init(const struct boot_info *bi)
{
    for (int r = 0; r < bi->nregions; r++) {
        uint64_t base = (bi->regions[r].base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t end = bi->regions[r].base + bi->regions[r].len;
        if (end > DIRECT_MAP_SIZE)
            end = DIRECT_MAP_SIZE;
        for (uint64_t pa = base; pa + PAGE_SIZE <= end; pa += PAGE_SIZE) {
            if (in_use_at_boot(bi, (uint32_t)pa))
                continue;
            frame_free((uint32_t)pa);
            total_count++;
        }
    }
}

uint32_t frame_alloc(void)
{
    struct free_frame *f = free_list;
    if (!f)
        return 0;
    free_list = f->next;
    free_count--;
    return V2P(f);
}

uint32_t frame_alloc_zeroed(void)
{
    uint32_t pa = frame_alloc();
    if (pa)
        memset(P2V(pa), 0, PAGE_SIZE);
    return pa;
}

uint32_t frame_alloc_ordinary(void)
{
    return free_count > FRAME_RESERVE ? frame_alloc() : 0;
}

void frame_free(uint32_t pa)
{
    KASSERT(pa % PAGE_SIZE == 0 && pa >= LOW_MEMORY_END && pa < DIRECT_MAP_SIZE);
    struct free_frame *f = P2V(pa);
    f->next = free_list;
    free_list = f;
    free_count++;
}

uint32_t frame_free_count(void)
{
    return free_count;
}

uint32_t frame_total_count(void)
{
    return total_count;
}

void frame_check(void)
{
    uint32_t n = 0;
    for (struct free_frame *f = free_list; f; f = f->next) {
        if (++n > free_count)
            break;
        KASSERT((uint32_t)f % PAGE_SIZE == 0);
    }
    if (n != free_count)
        panic("frame_check: %u frames on the free list, count says %u", n, free_count);
}
