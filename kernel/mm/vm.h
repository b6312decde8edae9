/*
 * Virtual memory: the kernel's mapping, per-process address spaces, and
 * the one checked path by which the kernel touches user memory.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdint.h>
#include <stddef.h>
#include "abi/memlayout.h"
#include "abi/errno.h"

/* Physical <-> kernel virtual, through the direct map. */
#define P2V(pa) ((void *)((uintptr_t)(pa) + KERNEL_BASE))
#define V2P(va) ((uintptr_t)(va) - KERNEL_BASE)

#define PAGE_ROUND_DOWN(a) ((a) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_UP(a)   (((a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

/* Flags for vm_alloc and vm_set_access: the user may write the pages;
 * the pages are the kernel's to keep but the user's to touch never
 * (present, without the user bit: how a PROT_NONE page keeps its frame). */
#define VM_WRITE  0x2
#define VM_HIDDEN 0x4

typedef uint32_t pde_t;

/*
 * Whom an address space's frames are charged to. vm.c keeps the count,
 * as it maps and unmaps, so reading it costs nothing; the owner (a
 * process, for kernel/proc/proc.c) sets the limit and the right to the
 * reserve. vm_create records the account in the new directory (in the
 * entry for the first 4 MiB, which user space never maps), so every
 * function below that is handed a directory knows whom to charge without
 * being told, and without vm.c knowing what a process is.
 */
struct mem_account {
    uint32_t frames;        /* owned now: pages, page tables, the directory */
    uint32_t limit;         /* the most it may own; 0 = no limit */
    uint32_t kept;          /* held for it outside any address space: a stash
                               between incarnations (kernel/proc/stash.c); ps
                               shows them, and they come back as pages of the
                               next incarnation, within the limit */
    int may_use_reserve;    /* init, and a restart in progress (kernel/mm/frame.h) */
};

/* An allocation refused because the account is at its limit (not because
 * the machine is out of memory, which is -ENOMEM). */
#define VM_OVER_LIMIT (-EDQUOT)

/* When the machine has no frame for an account, vm.c asks this (kernel/
 * oom.c) to free some by ending a process; 1 when frames were freed and
 * the allocation is worth retrying, 0 when not. */
int oom_reclaim(struct mem_account *asker);

void kvm_init(void);
/* A kernel stack of KSTACK_SIZE for slot i, above an unmapped guard page;
 * returns the stack's top, or 0 when memory is exhausted. */
uint32_t kstack_get(int slot);
/* Is this kernel address safe to read (for backtraces)? */
int kvm_readable(uint32_t va);

/* A zeroed frame for asker's sake, not charged to it (the code cache's),
 * taken as charged frames are: the reserve only when asker may use it,
 * and oom_reclaim when the machine is out. 0 when there is none. */
uint32_t vm_frame_for(struct mem_account *asker);
/* A new address space holding only the kernel's mapping, or NULL; its
 * frames (the directory first) are charged to acct from now on. */
pde_t *vm_create(struct mem_account *acct);
/* Free the address space: the pages and tables of [lo, hi) (the program
 * and the highest its heap ever reached), of the mmap area and of the
 * stack region, then the directory. Nothing else is ever mapped, so
 * walking just these is enough, and much cheaper than scanning every
 * table entry. */
void vm_destroy(pde_t *pgdir, uint32_t lo, uint32_t hi);
void vm_activate(pde_t *pgdir);
/* Charge pgdir's frames to acct from now on (execve moves the old
 * space to a scratch account to free it). */
void vm_set_account(pde_t *pgdir, struct mem_account *acct);
/* fork: copy the pages of src in [lo, hi) (program and heap), the mmap
 * area and the stack region into dst, a fresh space: a frame of dst's
 * account for each private page, the same frame for a shared code page,
 * the same access bits. 0, -ENOMEM or VM_OVER_LIMIT (what was copied
 * stays in dst, for vm_destroy). */
int vm_copy_space(pde_t *dst, pde_t *src, uint32_t lo, uint32_t hi);
/* Map fresh zeroed pages over [va, va + len); 0, -ENOMEM or VM_OVER_LIMIT
 * (what was mapped before the failure stays mapped). */
int vm_alloc(pde_t *pgdir, uint32_t va, uint32_t len, int flags);
/* Map a frame the address space does not own (a cached, read-only page
 * of a program image) at va, read-only. 0 or -ENOMEM. */
int vm_map_shared(pde_t *pgdir, uint32_t va, uint32_t pa);
/* Unmap [va, end) and free the frames it owns. */
void vm_free_range(pde_t *pgdir, uint32_t va, uint32_t end);
/* Copy bytes into the address space (not necessarily the current one)
 * at va, which must be mapped. Used by the ELF loader. */
void vm_write(pde_t *pgdir, uint32_t va, const void *src, uint32_t n);
/* Make the pages of [va, va+len) read-only for the user. */
void vm_protect_readonly(pde_t *pgdir, uint32_t va, uint32_t len);
/* Give the present pages of [va, end) the access flags say (VM_WRITE,
 * VM_HIDDEN; 0: read-only); pages not present stay so. 0, or -EACCES,
 * with nothing changed, when VM_WRITE is asked of a shared code page. */
int vm_set_access(pde_t *pgdir, uint32_t va, uint32_t end, int flags);
/* Fill the frames the address space owns in [va, end) with zeros. */
void vm_zero_range(pde_t *pgdir, uint32_t va, uint32_t end);
/* The stack grows on demand: map a page for va when it lies in the
 * stack's region. 0, -EFAULT (not the stack), -ENOMEM or VM_OVER_LIMIT. */
int vm_grow_stack(pde_t *pgdir, uint32_t va);
/* The page-table entry of va, its table made (and charged) when create
 * is set; NULL, and -ENOMEM or VM_OVER_LIMIT in *err, when there is none.
 * For code that moves frames between spaces (kernel/proc/stash.c). */
uint32_t *vm_page_entry(pde_t *pgdir, uint32_t va, int create, int *err);
/* How many frames the address space owns (directory and tables too),
 * counted by scanning every table: the check of the account's count. */
uint32_t vm_frames(pde_t *pgdir);

/*
 * The checked copies between the kernel and the current process's user
 * memory. Each returns 0, or -EFAULT when any byte of the range is not
 * mapped for the user (or not writable, for copy_to_user), lies outside
 * user space, or wraps around.
 */
int copy_from_user(void *dst, uint32_t usrc, uint32_t n);
int copy_to_user(uint32_t udst, const void *src, uint32_t n);
/* Is [va, va + n) user memory of the current process, mapped for the
 * user, and writable when asked? 1 or 0. */
int vm_user_range_ok(uint32_t va, uint32_t n, int write);
/* Copy n bytes at va of any address space (not necessarily the current
 * one: a watchdog's victim) into dst, through its page tables: 0, or
 * -EFAULT when a byte is outside user space or on a page not mapped for
 * the user. Maps nothing, not even a stack page: for reports only. */
int vm_read(pde_t *pgdir, uint32_t va, void *dst, uint32_t n);
/* A NUL-terminated string of at most max - 1 chars: its length, -EFAULT,
 * or -E2BIG when no NUL comes within max bytes. */
int copy_string_from_user(char *dst, uint32_t usrc, uint32_t max);

#endif
