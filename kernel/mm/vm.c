/*
 * Virtual memory.
 *
 * boot/entry.S built the kernel's page directory: the first 768 MiB of
 * physical memory mapped at KERNEL_BASE with 4 MiB global pages. Every
 * address space copies those directory entries, and the one for the
 * kernel-stack area, which points to a single shared page table; none of
 * them ever changes afterwards, so the kernel looks the same from every
 * process and nothing is rebuilt per process.
 *
 * User pages are 4 KiB pages in per-process page tables.
 *
 * Every frame an address space owns (its pages, tables and directory) is
 * taken by charge() and given back by uncharge(), which keep the count
 * of the space's struct mem_account (vm.h) and enforce its limit. The
 * account's address sits in the directory entry of the first 4 MiB:
 * user space starts at USER_BASE (4 MiB), so that entry is never a page
 * table, and with its present bit clear the MMU ignores what it holds.
 *
 * Loops over many pages call irq_window() every IRQ_WINDOW_PAGES pages,
 * so a big address space does not hold interrupts off for long.
 */
#include "kernel/mm/vm.h"
#include "kernel/mm/frame.h"
#include "kernel/panic.h"
#include "kernel/x86/mmu.h"
#include "kernel/x86/io.h"
#include "kernel/preempt.h"
#include "abi/errno.h"
#include "lib/string.h"

#define ENTRIES          1024
#define KERNEL_PDE_FIRST PDX(KERNEL_BASE)
#define IRQ_WINDOW_PAGES 16
#define ACCOUNT_PDE      0      /* covers 0 - 4 MiB: below USER_BASE */

extern pde_t kernel_pgdir[];
/* ---- charging frames to an account ---- */

/* A frame for asker, zeroed when asked (a copy overwrites it anyway). */
static uint32_t frame_for(struct mem_account *asker, int zeroed)
{
    for (;;) {
        uint32_t pa = asker->may_use_reserve ? frame_alloc() : frame_alloc_ordinary();
        if (pa) {
            if (zeroed)
                memset(P2V(pa), 0, PAGE_SIZE);
            return pa;
        }
        if (!oom_reclaim(asker))
            return 0;
    }
}

uint32_t vm_frame_for(struct mem_account *asker)
{
    return frame_for(asker, 1);
}

/* A frame for acct, zeroed unless it is for a copy: 0, VM_OVER_LIMIT or
 * -ENOMEM. */
static int charge_frame(struct mem_account *acct, uint32_t *pa, int zeroed)
{
    if (acct->limit && acct->frames >= acct->limit)
        return VM_OVER_LIMIT;
    if (!(*pa = frame_for(acct, zeroed)))
        return -ENOMEM;
    acct->frames++;
    return 0;
}

static int charge(struct mem_account *acct, uint32_t *pa)
{
    return charge_frame(acct, pa, 1);
}

static void uncharge(struct mem_account *acct, uint32_t pa)
{
    KASSERT(acct->frames > 0);
    acct->frames--;
    frame_free(pa);
}

static struct mem_account *account_of(pde_t *pgdir)
{
    return (struct mem_account *)pgdir[ACCOUNT_PDE];
}

pde_t *vm_create(struct mem_account *acct)
{
    uint32_t pa;
    if (charge(acct, &pa) < 0)
        return 0;
    pde_t *pgdir = P2V(pa);                 /* zeroed: no user mappings */
    KASSERT(((uint32_t)acct & PTE_P) == 0); /* aligned: never "present" */
    pgdir[ACCOUNT_PDE] = (uint32_t)acct;
    memcpy(&pgdir[KERNEL_PDE_FIRST], &kernel_pgdir[KERNEL_PDE_FIRST],
           (ENTRIES - KERNEL_PDE_FIRST) * sizeof(pde_t));
    return pgdir;
}

/* The page-table entry for va, creating its table when asked; NULL, and
 * the reason in *err, when there is none. */
static uint32_t *walk_err(pde_t *pgdir, uint32_t va, int create, int *err)
{
    pde_t *pde = &pgdir[PDX(va)];
    *err = -ENOMEM;
    if (!(*pde & PTE_P)) {
        uint32_t pa;
        if (!create || (*err = charge(account_of(pgdir), &pa)) < 0)
            return 0;
        *pde = pa | PTE_P | PTE_W | PTE_U;
    }
    uint32_t *table = P2V(PAGE_ROUND_DOWN(*pde));
    return &table[PTX(va)];
}

uint32_t *vm_page_entry(pde_t *pgdir, uint32_t va, int create, int *err)
{
    return walk_err(pgdir, va, create, err);
}

static uint32_t *walk(pde_t *pgdir, uint32_t va, int create)
{
    int err;
    return walk_err(pgdir, va, create, &err);
}

/* Free the page tables covering [va, end). */
static void free_tables(pde_t *pgdir, uint32_t va, uint32_t end)
{
    if (end <= va)
        return;
    for (uint32_t i = PDX(va); i <= PDX(end - 1); i++) {
        if (pgdir[i] & PTE_P)
            uncharge(account_of(pgdir), PAGE_ROUND_DOWN(pgdir[i]));
        pgdir[i] = 0;
        if (i % IRQ_WINDOW_PAGES == 0)
            irq_window();
    }
}

/* The mmap area begins and ends on 4 MiB boundaries, so it shares no
 * table with the heap or the stack, and only its present tables hold
 * anything: most processes have none, and this costs a glance at 127
 * directory entries. */
static void free_mmap_area(pde_t *pgdir)
{
    for (uint32_t i = PDX(MMAP_BASE); i < PDX(MMAP_TOP); i++) {
        if (!(pgdir[i] & PTE_P))
            continue;
        vm_free_range(pgdir, i * LARGE_PAGE_SIZE, (i + 1) * LARGE_PAGE_SIZE);
        free_tables(pgdir, i * LARGE_PAGE_SIZE, (i + 1) * LARGE_PAGE_SIZE);
    }
}

void vm_destroy(pde_t *pgdir, uint32_t lo, uint32_t hi)
{
    struct mem_account *acct = account_of(pgdir);
    lo = PAGE_ROUND_DOWN(lo);
    hi = PAGE_ROUND_UP(hi);
    /* The pages first, then the tables (the program's lowest table may
     * be the one its highest part uses too). */
    free_mmap_area(pgdir);
    vm_free_range(pgdir, lo, hi);
    vm_free_range(pgdir, USER_STACK_LOW, USER_TOP);
    free_tables(pgdir, lo, hi);
    free_tables(pgdir, USER_STACK_LOW, USER_TOP);
    pgdir[ACCOUNT_PDE] = 0;
    uncharge(acct, V2P(pgdir));
    KASSERT(acct->frames == 0);     /* nothing is mapped anywhere else */
}

void vm_set_account(pde_t *pgdir, struct mem_account *acct)
{
    pgdir[ACCOUNT_PDE] = (uint32_t)acct;
}

/* fork's copy of [va, end): each present page of src gets its own frame
 * in dst, with the same bytes and access bits; a shared code page is
 * shared again. */
static int copy_range(pde_t *dst, pde_t *src, uint32_t va, uint32_t end)
{
    int err;
    for (va = PAGE_ROUND_DOWN(va); va < end && va >= USER_BASE; va += PAGE_SIZE) {
        if (!(src[PDX(va)] & PTE_P)) {          /* no table: skip its 4 MiB */
            va = (va | (LARGE_PAGE_SIZE - 1)) - PAGE_SIZE + 1;
            continue;
        }
        uint32_t *from = walk(src, va, 0);
        if (!(*from & PTE_P))
            continue;
        uint32_t *to = walk_err(dst, va, 1, &err);
        if (!to)
            return err;
        uint32_t pa = PAGE_ROUND_DOWN(*from), bits = *from & (PAGE_SIZE - 1);
        if (!(*from & PTE_SHARED)) {
            uint32_t copy;
            if ((err = charge_frame(account_of(dst), &copy, 0)) < 0)
                return err;
            memcpy(P2V(copy), P2V(pa), PAGE_SIZE);
            pa = copy;
        }
        *to = pa | (bits & (PTE_P | PTE_W | PTE_U | PTE_SHARED));
        irq_window();           /* a page copied: long work in pieces */
    }
    return 0;
}

int vm_copy_space(pde_t *dst, pde_t *src, uint32_t lo, uint32_t hi)
{
    int r = copy_range(dst, src, lo, PAGE_ROUND_UP(hi));
    if (r == 0)
        r = copy_range(dst, src, MMAP_BASE, MMAP_TOP);
    if (r == 0)
        r = copy_range(dst, src, USER_STACK_LOW, USER_TOP);
    return r;
}

void vm_activate(pde_t *pgdir)
{
    uint32_t pa = V2P(pgdir);
    if (read_cr3() != pa)
        write_cr3(pa);
}

/* The user and write bits of a page-table entry, for vm_alloc's flags. */
static uint32_t access_bits(int flags)
{
    if (flags & VM_HIDDEN)
        return 0;
    return PTE_U | ((flags & VM_WRITE) ? PTE_W : 0);
}

int vm_alloc(pde_t *pgdir, uint32_t va, uint32_t len, int flags)
{
    uint32_t end = PAGE_ROUND_UP(va + len);
    int err;
    for (va = PAGE_ROUND_DOWN(va); va < end; va += PAGE_SIZE) {
        if ((va / PAGE_SIZE) % IRQ_WINDOW_PAGES == 0)
            irq_window();
        uint32_t *pte = walk_err(pgdir, va, 1, &err);
        if (!pte)
            return err;
        if (*pte & PTE_P) {
            if ((flags & VM_WRITE) && (*pte & PTE_SHARED))
                return -EFAULT;     /* a shared code page is never writable */
            if (flags & VM_WRITE)
                *pte |= PTE_W;
            continue;
        }
        uint32_t pa;
        if ((err = charge(account_of(pgdir), &pa)) < 0)
            return err;
        *pte = pa | PTE_P | access_bits(flags);
    }
    return 0;
}

int vm_map_shared(pde_t *pgdir, uint32_t va, uint32_t pa)
{
    int err;
    uint32_t *pte = walk_err(pgdir, va, 1, &err);
    if (!pte)
        return err;
    *pte = pa | PTE_P | PTE_U | PTE_SHARED;     /* the cache's frame: not charged */
    return 0;
}

/* Table by table: a missing table skips its 4 MiB, and an empty entry
 * costs a test (a stack region is 256 entries, mostly empty, on every
 * exit). A window every IRQ_WINDOW_PAGES pages freed. */
void vm_free_range(pde_t *pgdir, uint32_t va, uint32_t end)
{
    uint32_t freed = 0;
    for (va = PAGE_ROUND_DOWN(va); va < end && va >= USER_BASE;) {
        uint32_t stop = (va | (LARGE_PAGE_SIZE - 1)) + 1;  /* this table's end */
        if (stop == 0 || stop > end)
            stop = end;
        if (!(pgdir[PDX(va)] & PTE_P)) {
            va = stop;
            continue;
        }
        uint32_t *table = P2V(PAGE_ROUND_DOWN(pgdir[PDX(va)]));
        for (; va < stop; va += PAGE_SIZE) {
            uint32_t *pte = &table[PTX(va)];
            if (!(*pte & PTE_P))
                continue;
            if (!(*pte & PTE_SHARED))
                uncharge(account_of(pgdir), PAGE_ROUND_DOWN(*pte));
            *pte = 0;
            invlpg(va);
            if (++freed % IRQ_WINDOW_PAGES == 0)
                irq_window();
        }
    }
}

void vm_write(pde_t *pgdir, uint32_t va, const void *src, uint32_t n)
{
    const uint8_t *s = src;
    while (n > 0) {
        uint32_t *pte = walk(pgdir, va, 0);
        KASSERT(pte && (*pte & PTE_P));
        uint32_t off = va % PAGE_SIZE, chunk = PAGE_SIZE - off;
        if (chunk > n)
            chunk = n;
        memcpy((uint8_t *)P2V(PAGE_ROUND_DOWN(*pte)) + off, s, chunk);
        va += chunk;
        s += chunk;
        n -= chunk;
        irq_window();           /* a page copied: a big program loads in pieces */
    }
}

void vm_protect_readonly(pde_t *pgdir, uint32_t va, uint32_t len)
{
    uint32_t end = PAGE_ROUND_UP(va + len);
    for (va = PAGE_ROUND_DOWN(va); va < end; va += PAGE_SIZE) {
        uint32_t *pte = walk(pgdir, va, 0);
        if (pte)
            *pte &= ~PTE_W;
    }
}

/* The present page-table entry of va, or NULL. */
static uint32_t *present_pte(pde_t *pgdir, uint32_t va)
{
    if (!(pgdir[PDX(va)] & PTE_P))
        return 0;
    uint32_t *pte = walk(pgdir, va, 0);
    return (*pte & PTE_P) ? pte : 0;
}

int vm_set_access(pde_t *pgdir, uint32_t va, uint32_t end, int flags)
{
    /* Check first, so that a refusal changes nothing. */
    for (uint32_t page = va; (flags & VM_WRITE) && page < end; page += PAGE_SIZE) {
        uint32_t *pte = present_pte(pgdir, page);
        if (pte && (*pte & PTE_SHARED))
            return -EACCES;         /* the image cache's frame: never writable */
        if (page / PAGE_SIZE % IRQ_WINDOW_PAGES == 0)
            irq_window();
    }
    for (; va < end; va += PAGE_SIZE) {
        uint32_t *pte = present_pte(pgdir, va);
        if (pte) {
            *pte = (*pte & ~(uint32_t)(PTE_U | PTE_W)) | access_bits(flags);
            invlpg(va);
        }
        if (va / PAGE_SIZE % IRQ_WINDOW_PAGES == 0)
            irq_window();
    }
    return 0;
}

void vm_zero_range(pde_t *pgdir, uint32_t va, uint32_t end)
{
    for (; va < end; va += PAGE_SIZE) {
        uint32_t *pte = present_pte(pgdir, va);
        if (pte && !(*pte & PTE_SHARED))
            memset(P2V(PAGE_ROUND_DOWN(*pte)), 0, PAGE_SIZE);
        if (va / PAGE_SIZE % IRQ_WINDOW_PAGES == 0)
            irq_window();
    }
}

uint32_t vm_frames(pde_t *pgdir)
{
    uint32_t n = 1;
    for (uint32_t i = 0; i < KERNEL_PDE_FIRST; i++) {
        if (!(pgdir[i] & PTE_P))
            continue;
        irq_window();               /* each table is 1,024 entries of work */
        n++;
        uint32_t *table = P2V(PAGE_ROUND_DOWN(pgdir[i]));
        for (int j = 0; j < ENTRIES; j++)
            n += (table[j] & (PTE_P | PTE_SHARED)) == PTE_P;
    }
    return n;
}

int vm_grow_stack(pde_t *pgdir, uint32_t va)
{
    if (va < USER_STACK_LOW || va >= USER_TOP)
        return -EFAULT;
    return vm_alloc(pgdir, PAGE_ROUND_DOWN(va), PAGE_SIZE, VM_WRITE);
}
