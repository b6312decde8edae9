/*
 * malloc over brk: a first-fit free list of blocks, each with a header
 * giving its size. Enough for small programs; free blocks are reused but
 * never returned to the kernel.
 */
#include "user/lib/runtime.h"

#define ALIGN 8

struct block {
    size_t size;            /* bytes after the header */
    struct block *next;     /* next free block, when free */
};

static struct block *free_list;

void *malloc(size_t n)
{
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    for (struct block **b = &free_list; *b; b = &(*b)->next) {
        if ((*b)->size >= n) {
            struct block *found = *b;
            *b = found->next;
            return found + 1;
        }
    }
    char *top = brk(0);
    size_t need = sizeof(struct block) + n;
    if (brk(top + need) != top + need)      /* refused: the break stayed */
        return 0;
    struct block *blk = (struct block *)top;
    blk->size = n;
    return blk + 1;
}

void free(void *p)
{
    if (!p)
        return;
    struct block *blk = (struct block *)p - 1;
    blk->next = free_list;
    free_list = blk;
}
