/*
 * The kernel's own part of every address space: the direct map of
 * physical memory (boot/entry.S builds it with 4 MiB pages), and the
 * kernel-stack area, one page table shared by all, in which each process
 * slot has a stack over a guard page. Nothing here changes per process.
 * See docs/boot.md, sections 4 and 9.
 */
#include "kernel/mm/vm.h"
#include "kernel/mm/frame.h"
#include "kernel/panic.h"
#include "kernel/x86/mmu.h"
#include "kernel/x86/io.h"

#define ENTRIES          1024
#define KSTACK_SLOT_SIZE (KSTACK_SIZE + PAGE_SIZE)  /* a guard page, then the stack */
#define KSTACK_SLOTS     (LARGE_PAGE_SIZE / KSTACK_SLOT_SIZE)

extern pde_t kernel_pgdir[];
/* The kernel-stack area's page table. boot/entry.S installs it, with the
 * boot stack in the last slot; process slots take the others. */
uint32_t kstack_table[ENTRIES] __attribute__((aligned(PAGE_SIZE)));

void kvm_init(void)
{
    /* The identity mapping of the first 4 MiB was only for the jump to
     * the higher half. Without it a kernel NULL dereference faults. */
    kernel_pgdir[0] = 0;
    write_cr3(V2P(kernel_pgdir));
}

uint32_t kstack_get(int slot)
{
    KASSERT(slot >= 0 && (uint32_t)slot < KSTACK_SLOTS - 1);    /* the last: boot's */
    uint32_t base = KSTACK_AREA + (uint32_t)slot * KSTACK_SLOT_SIZE + PAGE_SIZE;
    for (uint32_t va = base; va < base + KSTACK_SIZE; va += PAGE_SIZE) {
        uint32_t *pte = &kstack_table[PTX(va)];
        if (*pte & PTE_P)
            continue;               /* stacks are kept for the slot's next user */
        uint32_t pa = frame_alloc_ordinary();   /* the reserve is not for new slots */
        if (!pa)
            return 0;
        *pte = pa | PTE_P | PTE_W;
    }
    return base + KSTACK_SIZE;
}

int kvm_readable(uint32_t va)
{
    if (va >= KERNEL_BASE && va < KERNEL_BASE + DIRECT_MAP_SIZE)
        return 1;
    if (va >= KSTACK_AREA && va < KSTACK_AREA + LARGE_PAGE_SIZE)
        return kstack_table[PTX(va)] & PTE_P;
    return 0;
}
