/*
 * Loading a program. The ELF file is checked by kernel/proc/elf.c; here its
 * segments go into the address space and the stack is prepared.
 *
 * Writable segments (data, bss) get fresh pages: the file's bytes, then
 * zeros. Read-only segments (text, read-only data) are never written by
 * anyone, so their pages are prepared once per file, kept in a cache, and
 * mapped read-only into every process and incarnation that runs the file
 * (the initrd never changes, so they never go stale). A restart or a
 * second copy of a program costs no copying for its code.
 *
 * The stack is laid out as the SysV i386 ABI describes it for _start:
 *
 *     esp -> argc
 *            argv[0] ... argv[argc-1], NULL
 *            envp: NULL (empty)
 *            the argument strings themselves, up to USER_TOP
 */
#include "kernel/proc/exec.h"
#include "kernel/preempt.h"
#include "kernel/proc/elf.h"
#include "kernel/mm/frame.h"
#include "abi/errno.h"
#include "abi/syscall.h"
#include "lib/string.h"

#define BIN_DIR "/bin/"
#define CACHE_FILES     64      /* programs whose code is cached */
#define CACHE_PAGES     32      /* the most read-only pages cached per file */

struct cached_image {
    const struct file *file;
    uint32_t base;                  /* its first read-only page */
    uint32_t frames[CACHE_PAGES];   /* 0 until prepared */
};

static struct cached_image cache[CACHE_FILES];

const struct file *exec_lookup(const char *path)
{
    if (strchr(path, '/'))
        return initrd_lookup(path);
    char full[INITRD_PATH_MAX] = BIN_DIR;
    if (strlen(path) >= sizeof full - sizeof BIN_DIR)
        return 0;
    strlcpy(full + strlen(BIN_DIR), path, sizeof full - strlen(BIN_DIR));
    return initrd_lookup(full);
}

int exec_check(const struct file *f, const char **why)
{
    struct elf_image img;
    return elf_parse(f->data, f->size, &img, why);
}

/* The cache entry for f's read-only pages, made on first use; NULL when
 * the cache is full or the pages span too much. */
static struct cached_image *cache_for(const struct file *f, const struct elf_image *img)
{
    uint32_t lo = USER_TOP, hi = 0;
    for (int i = 0; i < img->nsegments; i++) {
        const struct elf_segment *s = &img->seg[i];
        if (s->writable)
            continue;
        lo = PAGE_ROUND_DOWN(s->vaddr) < lo ? PAGE_ROUND_DOWN(s->vaddr) : lo;
        hi = s->vaddr + s->memsz > hi ? s->vaddr + s->memsz : hi;
    }
    if (hi <= lo || hi - lo > CACHE_PAGES * PAGE_SIZE)
        return 0;
    for (int i = 0; i < CACHE_FILES; i++) {
        if (cache[i].file == f)
            return &cache[i];
        if (!cache[i].file) {
            cache[i].file = f;
            cache[i].base = lo;
            return &cache[i];
        }
    }
    return 0;
}

/* The frame holding the page at va of read-only segment s, prepared
 * (the file's bytes, zeros after them) the first time it is asked for. */
static uint32_t cached_page(struct cached_image *c, const struct file *f,
                            const struct elf_segment *s, uint32_t va,
                            struct mem_account *acct)
{
    uint32_t *frame = &c->frames[(va - c->base) / PAGE_SIZE];
    if (*frame == 0 && (*frame = vm_frame_for(acct)) != 0) {
        uint32_t from = va > s->vaddr ? va : s->vaddr;          /* the file's bytes */
        uint32_t to = va + PAGE_SIZE < s->vaddr + s->filesz ? va + PAGE_SIZE : s->vaddr + s->filesz;
        if (from < to)
            memcpy((uint8_t *)P2V(*frame) + (from - va),
                   f->data + s->offset + (from - s->vaddr), to - from);
    }
    return *frame;
}

static int map_readonly(pde_t *pgdir, struct cached_image *c, const struct file *f,
                        const struct elf_segment *s, struct mem_account *acct)
{
    for (uint32_t va = PAGE_ROUND_DOWN(s->vaddr); va < s->vaddr + s->memsz; va += PAGE_SIZE) {
        uint32_t pa = cached_page(c, f, s, va, acct);
        if (!pa || vm_map_shared(pgdir, va, pa) < 0)
            return -ENOMEM;
        irq_window();           /* a first use copies the page: bounded work */
    }
    return 0;
}

/* A private copy: for writable segments, and read-only ones the cache
 * cannot hold. */
static int copy_segment(pde_t *pgdir, const struct file *f, const struct elf_segment *s)
{
    if (vm_alloc(pgdir, s->vaddr, s->memsz, VM_WRITE) < 0)
        return -ENOMEM;
    vm_write(pgdir, s->vaddr, f->data + s->offset, s->filesz);
    if (!s->writable)
        vm_protect_readonly(pgdir, s->vaddr, s->memsz);
    return 0;
}

static int load_segments(pde_t *pgdir, const struct file *f, const struct elf_image *img,
                         struct mem_account *acct, uint32_t *end)
{
    struct cached_image *c = cache_for(f, img);
    *end = 0;       /* grows as segments are mapped: what to free on failure */
    for (int i = 0; i < img->nsegments; i++) {
        const struct elf_segment *s = &img->seg[i];
        if (s->vaddr + s->memsz > *end)
            *end = s->vaddr + s->memsz;
        int r = (c && !s->writable) ? map_readonly(pgdir, c, f, s, acct) : copy_segment(pgdir, f, s);
        if (r < 0)
            return r;
    }
    return 0;
}

/* Lay out argc, argv and envp under the strings at the top of the stack. */
static int build_stack(pde_t *pgdir, const char *args, uint32_t args_len, int argc,
                       uint32_t *esp_out)
{
    uint32_t words[1 + SPAWN_MAX_ARGS + 1 + 1];     /* argc, argv, NULL, NULL */
    uint32_t strings = (USER_TOP - args_len) & ~3u;
    uint32_t nwords = (uint32_t)argc + 3;
    uint32_t esp = (strings - nwords * 4) & ~15u;   /* 16-byte aligned, as the ABI wants */
    if (vm_alloc(pgdir, esp, USER_TOP - esp, VM_WRITE) < 0)
        return -ENOMEM;

    words[0] = (uint32_t)argc;
    uint32_t at = strings;
    for (int i = 0; i < argc; i++) {
        words[1 + i] = at;
        at += (uint32_t)strlen(args + (at - strings)) + 1;
    }
    words[1 + argc] = 0;                            /* end of argv */
    words[2 + argc] = 0;                            /* envp: empty */
    vm_write(pgdir, strings, args, args_len);
    vm_write(pgdir, esp, words, nwords * 4);
    *esp_out = esp;
    return 0;
}

int exec_load(const struct file *f, const char *args, uint32_t args_len,
              int argc, struct mem_account *acct, struct exec_image *out)
{
    struct elf_image img;
    const char *why;
    if (elf_parse(f->data, f->size, &img, &why) < 0)
        return -ENOEXEC;
    pde_t *pgdir = vm_create(acct);
    if (!pgdir)
        return -ENOMEM;
    uint32_t end, lo = img.seg[0].vaddr;
    for (int i = 1; i < img.nsegments; i++)
        lo = img.seg[i].vaddr < lo ? img.seg[i].vaddr : lo;
    if (load_segments(pgdir, f, &img, acct, &end) < 0 ||
        build_stack(pgdir, args, args_len, argc, &out->user_esp) < 0) {
        vm_destroy(pgdir, lo, end);
        return -ENOMEM;
    }
    out->pgdir = pgdir;
    out->image_lo = lo;
    out->entry = img.entry;
    out->brk = PAGE_ROUND_UP(end);
    return 0;
}
