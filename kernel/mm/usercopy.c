/*
 * The checked path into user memory: every pointer a system call gets
 * from a program is tried against the page tables before the kernel
 * touches it (copy_from_user, copy_to_user, copy_string_from_user), and
 * a crash report reads another process's stack through that process's
 * own tables (vm_read). A bad pointer gets -EFAULT, never a kernel
 * fault. See docs/usermode.md, section 4.
 */
#include "kernel/mm/vm.h"
#include "kernel/x86/mmu.h"
#include "kernel/x86/io.h"
#include "abi/errno.h"
#include "lib/string.h"

/* The page-table entry of va, without making a table; NULL if none. */
static uint32_t *present_entry(pde_t *pgdir, uint32_t va)
{
    int err;
    return vm_page_entry(pgdir, va, 0, &err);
}

int vm_user_range_ok(uint32_t va, uint32_t n, int write)
{
    if (n == 0)
        return 1;
    if (va < USER_BASE || va >= USER_TOP || n > USER_TOP - va)
        return 0;
    pde_t *pgdir = P2V(read_cr3());
    uint32_t need = PTE_P | PTE_U | (write ? PTE_W : 0);
    for (uint32_t page = PAGE_ROUND_DOWN(va); page < va + n; page += PAGE_SIZE) {
        uint32_t *pte = present_entry(pgdir, page);
        if ((!pte || !(*pte & PTE_P)) && vm_grow_stack(pgdir, page) == 0)
            pte = present_entry(pgdir, page);     /* a stack page not touched yet */
        if (!pte || (*pte & need) != need)
            return 0;
    }
    return 1;
}

int copy_from_user(void *dst, uint32_t usrc, uint32_t n)
{
    if (!vm_user_range_ok(usrc, n, 0))
        return -EFAULT;
    memcpy(dst, (const void *)usrc, n);
    return 0;
}

int copy_to_user(uint32_t udst, const void *src, uint32_t n)
{
    if (!vm_user_range_ok(udst, n, 1))
        return -EFAULT;
    memcpy((void *)udst, src, n);
    return 0;
}

int vm_read(pde_t *pgdir, uint32_t va, void *dst, uint32_t n)
{
    if (va < USER_BASE || va >= USER_TOP || n > USER_TOP - va)
        return -EFAULT;
    uint8_t *out = dst;
    while (n > 0) {
        uint32_t *pte = present_entry(pgdir, va);
        if (!pte || (*pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
            return -EFAULT;
        uint32_t in_page = va % PAGE_SIZE;
        uint32_t chunk = PAGE_SIZE - in_page < n ? PAGE_SIZE - in_page : n;
        memcpy(out, (const uint8_t *)P2V(PAGE_ROUND_DOWN(*pte)) + in_page, chunk);
        out += chunk;
        va += chunk;
        n -= chunk;
    }
    return 0;
}

int copy_string_from_user(char *dst, uint32_t usrc, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++) {
        /* Check page by page: the string may end before an unmapped page. */
        if ((i == 0 || (usrc + i) % PAGE_SIZE == 0) && !vm_user_range_ok(usrc + i, 1, 0))
            return -EFAULT;
        dst[i] = ((const char *)usrc)[i];
        if (dst[i] == '\0')
            return (int)i;
    }
    return -E2BIG;
}
