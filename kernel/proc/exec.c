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
 * The stack is laid out as Linux lays it out for _start (the SysV i386
 * ABI, plus the auxiliary vector a C library needs): see build_stack.
 */
#include "kernel/proc/exec.h"
#include "kernel/preempt.h"
#include "kernel/proc/elf.h"
#include "kernel/mm/frame.h"
#include "abi/errno.h"
#include "abi/syscall.h"
#include "abi/auxv.h"
#include "kernel/random.h"
#include "lib/string.h"

#define BIN_DIR "/bin/"
#define CACHE_FILES     64      /* programs whose code is cached */
#define CACHE_PAGES     32      /* the most read-only pages cached per file */
#define AUX_PAIRS       16      /* the auxiliary vector's entries, AT_NULL included */
#define RANDOM_BYTES    16      /* at AT_RANDOM */
#define CLOCK_TICKS     100     /* AT_CLKTCK: Linux's USER_HZ, whatever hz= says */

struct cached_image {
    const struct file *file;
    uint32_t base;                  /* its first read-only page */
    uint32_t frames[CACHE_PAGES];   /* 0 until prepared */
};

static struct cached_image cache[CACHE_FILES];

int exec_lookup(const struct node *cwd, const char *path, const struct file **out)
{
    struct node n;
    if (path[0] == '\0')
        return -ENOENT;
    if (!strchr(path, '/') && strlen(path) < INITRD_PATH_MAX - sizeof BIN_DIR) {
        char full[INITRD_PATH_MAX] = BIN_DIR;
        strlcpy(full + strlen(BIN_DIR), path, sizeof full - strlen(BIN_DIR));
        if ((*out = initrd_lookup(full)) != 0)
            return 0;               /* one hash lookup: spawn's fast path */
    }
    int r = node_lookup(cwd, path, &n);
    if (r < 0)
        return r;
    if (n.kind != NODE_FILE)
        return -EACCES;
    *out = initrd_file(n.index);
    return 0;
}

int exec_check(const struct file *f, const char **why)
{
    struct elf_image img;
    return elf_parse(f->data, f->size, &img, why);
}

int exec_find(const struct node *cwd, const char *path, const struct file **out)
{
    const char *why;
    int r = exec_lookup(cwd, path, out);
    if (r < 0)
        return r;
    return exec_check(*out, &why) < 0 ? -ENOEXEC : 0;
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

/* CPUID leaf 1, EDX: the feature bits a C library reads from AT_HWCAP. */
static uint32_t cpu_features(void)
{
    static uint32_t edx, known;
    if (!known) {
        uint32_t a = 1, b, c;
        __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(edx));
        known = 1;
    }
    return edx;
}

/* Point ptrs[0..n-1] at n strings packed back to back from address at. */
static void string_pointers(uint32_t *ptrs, const char *packed, int n, uint32_t at)
{
    const char *s = packed;
    for (int i = 0; i < n; i++) {
        ptrs[i] = at + (uint32_t)(s - packed);
        s += strlen(s) + 1;
    }
}

/* Copy n bytes below *sp in the new address space; returns the address. */
static uint32_t push_bytes(pde_t *pgdir, uint32_t *sp, const void *src, uint32_t n)
{
    *sp -= n;
    vm_write(pgdir, *sp, src, n);
    return *sp;
}

/*
 * The Linux initial stack (docs/linux.md draws it): argc, argv, NULL,
 * envp, NULL, the auxiliary vector, and above them the strings and 16
 * random bytes they point at, up to USER_TOP. esp ends 16-byte aligned.
 */
static int build_stack(pde_t *pgdir, const struct file *f, const struct elf_image *img,
                       const struct exec_args *a, uint32_t *esp_out)
{
    static const char platform[] = "i686";
    static uint32_t words[1 + SPAWN_MAX_ARGS + 1 + ENV_MAX_VARS + 1 + 2 * AUX_PAIRS];
    uint32_t path_len = (uint32_t)strlen(f->path) + 1;
    uint32_t strings = path_len + a->env_len + a->args_len + sizeof platform;
    uint32_t nwords = 1 + (uint32_t)a->argc + 1 + (uint32_t)a->envc + 1 + 2 * AUX_PAIRS;
    uint32_t random_at = (USER_TOP - strings - RANDOM_BYTES) & ~15u;
    uint32_t esp = (random_at - nwords * 4) & ~15u;
    if (vm_alloc(pgdir, esp, USER_TOP - esp, VM_WRITE) < 0)
        return -ENOMEM;

    uint32_t sp = USER_TOP;
    uint32_t execfn = push_bytes(pgdir, &sp, f->path, path_len);
    uint32_t env_at = push_bytes(pgdir, &sp, a->env, a->env_len);
    uint32_t args_at = push_bytes(pgdir, &sp, a->args, a->args_len);
    uint32_t platform_at = push_bytes(pgdir, &sp, platform, sizeof platform);
    uint8_t random[RANDOM_BYTES];
    random_bytes(random, sizeof random);
    sp = random_at + RANDOM_BYTES;
    push_bytes(pgdir, &sp, random, sizeof random);

    uint32_t *w = words;
    *w++ = (uint32_t)a->argc;
    string_pointers(w, a->args, a->argc, args_at);
    w += a->argc;
    *w++ = 0;                                   /* end of argv */
    string_pointers(w, a->env, a->envc, env_at);
    w += a->envc;
    *w++ = 0;                                   /* end of envp */
    const uint32_t aux[2 * AUX_PAIRS] = {
        AT_PHDR, img->phdr, AT_PHENT, img->phent, AT_PHNUM, img->phnum,
        AT_PAGESZ, PAGE_SIZE, AT_ENTRY, img->entry,
        AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_SECURE, 0,
        AT_RANDOM, random_at, AT_HWCAP, cpu_features(), AT_CLKTCK, CLOCK_TICKS,
        AT_EXECFN, execfn, AT_PLATFORM, platform_at, AT_NULL, 0,
    };
    memcpy(w, aux, sizeof aux);
    vm_write(pgdir, esp, words, nwords * 4);
    *esp_out = esp;
    return 0;
}

int exec_load(const struct file *f, const struct exec_args *a, struct mem_account *acct,
              struct exec_image *out)
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
        build_stack(pgdir, f, &img, a, &out->user_esp) < 0) {
        vm_destroy(pgdir, lo, end);
        return -ENOMEM;
    }
    out->pgdir = pgdir;
    out->image_lo = lo;
    out->entry = img.entry;
    out->brk = PAGE_ROUND_UP(end);
    return 0;
}
