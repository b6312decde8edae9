/*
 * Loading a program. The ELF file is checked by kernel/elf.c; here its
 * segments are copied into fresh pages (bss is simply the zeroed rest),
 * text and read-only data are made read-only, and the stack is prepared
 * as the SysV i386 ABI describes it for _start:
 *
 *     esp -> argc
 *            argv[0] ... argv[argc-1], NULL
 *            envp: NULL (empty)
 *            the argument strings themselves, up to USER_TOP
 */
#include "kernel/exec.h"
#include "kernel/elf.h"
#include "abi/errno.h"
#include "abi/syscall.h"
#include "lib/string.h"

#define BIN_DIR "/bin/"

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

static int load_segments(pde_t *pgdir, const struct file *f, const struct elf_image *img,
                         uint32_t *end)
{
    *end = 0;
    for (int i = 0; i < img->nsegments; i++) {
        const struct elf_segment *s = &img->seg[i];
        if (vm_alloc(pgdir, s->vaddr, s->memsz, VM_WRITE) < 0)
            return -ENOMEM;
        vm_write(pgdir, s->vaddr, f->data + s->offset, s->filesz);
        if (!s->writable)
            vm_protect_readonly(pgdir, s->vaddr, s->memsz);
        if (s->vaddr + s->memsz > *end)
            *end = s->vaddr + s->memsz;
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
              int argc, struct exec_image *out)
{
    struct elf_image img;
    const char *why;
    if (elf_parse(f->data, f->size, &img, &why) < 0)
        return -ENOEXEC;
    pde_t *pgdir = vm_create();
    if (!pgdir)
        return -ENOMEM;
    uint32_t end;
    if (load_segments(pgdir, f, &img, &end) < 0 ||
        build_stack(pgdir, args, args_len, argc, &out->user_esp) < 0) {
        vm_destroy(pgdir);
        return -ENOMEM;
    }
    out->pgdir = pgdir;
    out->entry = img.entry;
    out->brk = PAGE_ROUND_UP(end);
    return 0;
}
