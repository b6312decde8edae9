/*
 * test_elf.c - host unit tests for kernel/proc/elf.c.
 *
 * elf_parse reads a file that nothing vouches for, so almost every case
 * here is a malformed executable. Each one starts from the same valid
 * image, built in memory by make_good(), and changes one thing. The image
 * is always handed to elf_parse in a heap block of exactly the file's
 * size, so that AddressSanitizer stops the program if the parser reads a
 * single byte past the end of the file.
 *
 * The good image, a static i386 ET_EXEC:
 *
 *   file 0x0000-0x03FF  ELF header, program headers, code
 *                       -> PT_LOAD R+X at 0x08048000, 0x400 bytes
 *   file 0x1000-0x107F  data; the rest of its 0x300 bytes is bss
 *                       -> PT_LOAD RW  at 0x0804a000
 *
 * The file ends with the last byte of the data segment, so every shorter
 * prefix of it is invalid.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/host/check.h"

#include "abi/errno.h"
#include "abi/memlayout.h"
#include "kernel/proc/elf.h"

/* ---- building images ---- */

/* Offsets of the fields of an ELF32 header (System V ABI, figure 4-3). */
enum {
    E_IDENT = 0,        /* 16 bytes: magic, class, data, version ... */
    E_TYPE = 16,
    E_MACHINE = 18,
    E_VERSION = 20,
    E_ENTRY = 24,
    E_PHOFF = 28,
    E_SHOFF = 32,
    E_FLAGS = 36,
    E_EHSIZE = 40,
    E_PHENTSIZE = 42,
    E_PHNUM = 44,
    E_SHENTSIZE = 46,
    E_SHNUM = 48,
    E_SHSTRNDX = 50,
    EHDR_SIZE = 52,
};

/* Offsets of the fields of an ELF32 program header. */
enum {
    P_TYPE = 0,
    P_OFFSET = 4,
    P_VADDR = 8,
    P_PADDR = 12,
    P_FILESZ = 16,
    P_MEMSZ = 20,
    P_FLAGS = 24,
    P_ALIGN = 28,
    PHDR_SIZE = 32,
};

#define PT_NULL     0
#define PT_LOAD     1
#define PT_DYNAMIC  2
#define PT_INTERP   3
#define PT_NOTE     4
#define PT_PHDR     6
#define PT_GNU_STACK    0x6474e551u
#define PF_X        1
#define PF_W        2
#define PF_R        4

#define TEXT_VADDR  0x08048000u
#define TEXT_SIZE   0x400u
#define ENTRY       0x08048200u
#define DATA_OFFSET 0x1000u
#define DATA_VADDR  0x0804a000u
#define DATA_FILESZ 0x80u
#define DATA_MEMSZ  0x300u
#define GOOD_SIZE   (DATA_OFFSET + DATA_FILESZ)
#define IMAGE_MAX   0x2000u

struct image {
    _Alignas(8) uint8_t b[IMAGE_MAX];
    uint32_t size;      /* the file's length */
};

static void put16(struct image *im, uint32_t off, uint16_t v)
{
    im->b[off] = (uint8_t)v;
    im->b[off + 1] = (uint8_t)(v >> 8);
}

static void put32(struct image *im, uint32_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        im->b[off + i] = (uint8_t)(v >> (8 * i));
}

/* Set field f (a P_ offset) of program header i. */
static void ph_set(struct image *im, int i, uint32_t f, uint32_t v)
{
    put32(im, EHDR_SIZE + (uint32_t)i * PHDR_SIZE + f, v);
}

/* Fill program header i completely. */
static void ph_fill(struct image *im, int i, uint32_t type, uint32_t offset,
            uint32_t vaddr, uint32_t filesz, uint32_t memsz,
            uint32_t flags, uint32_t align)
{
    ph_set(im, i, P_TYPE, type);
    ph_set(im, i, P_OFFSET, offset);
    ph_set(im, i, P_VADDR, vaddr);
    ph_set(im, i, P_PADDR, vaddr);
    ph_set(im, i, P_FILESZ, filesz);
    ph_set(im, i, P_MEMSZ, memsz);
    ph_set(im, i, P_FLAGS, flags);
    ph_set(im, i, P_ALIGN, align);
}

static void set_phnum(struct image *im, uint16_t n)
{
    put16(im, E_PHNUM, n);
}

/*
 * Move the first two program headers (all make_good writes) to offset off
 * of the file, zero where they were, and point e_phoff at them. Call this
 * last: ph_set and ph_fill still write at the usual place.
 */
static void move_phdrs(struct image *im, uint32_t off)
{
    memmove(im->b + off, im->b + EHDR_SIZE, 2 * PHDR_SIZE);
    memset(im->b + EHDR_SIZE, 0, 2 * PHDR_SIZE);
    put32(im, E_PHOFF, off);
}

/* The valid two-segment executable described at the top of this file. */
static void make_good(struct image *im)
{
    memset(im, 0, sizeof *im);
    im->size = GOOD_SIZE;

    static const uint8_t ident[] = { 0x7F, 'E', 'L', 'F', 1, 1, 1, 0 };
    memcpy(im->b + E_IDENT, ident, sizeof ident);
    put16(im, E_TYPE, 2);           /* ET_EXEC */
    put16(im, E_MACHINE, 3);        /* EM_386 */
    put32(im, E_VERSION, 1);
    put32(im, E_ENTRY, ENTRY);
    put32(im, E_PHOFF, EHDR_SIZE);
    put32(im, E_SHOFF, 0);
    put32(im, E_FLAGS, 0);
    put16(im, E_EHSIZE, EHDR_SIZE);
    put16(im, E_PHENTSIZE, PHDR_SIZE);
    put16(im, E_PHNUM, 2);
    put16(im, E_SHENTSIZE, 40);
    put16(im, E_SHNUM, 0);
    put16(im, E_SHSTRNDX, 0);

    ph_fill(im, 0, PT_LOAD, 0, TEXT_VADDR, TEXT_SIZE, TEXT_SIZE,
        PF_R | PF_X, 0x1000);
    ph_fill(im, 1, PT_LOAD, DATA_OFFSET, DATA_VADDR, DATA_FILESZ,
        DATA_MEMSZ, PF_R | PF_W, 0x1000);

    /* The code at the entry point: "1: jmp 1b". */
    im->b[ENTRY - TEXT_VADDR] = 0xEB;
    im->b[ENTRY - TEXT_VADDR + 1] = 0xFE;
    /* Some recognisable data. */
    for (uint32_t i = 0; i < DATA_FILESZ; i++)
        im->b[DATA_OFFSET + i] = (uint8_t)(0xA0 + i);
}

/* ---- running the parser ---- */

struct result {
    int rc;
    const char *why;
    struct elf_image out;
};

/*
 * Parse the first len bytes of the image from a heap block of exactly len
 * bytes, so that any read past the end of the file is caught.
 */
static struct result parse_len(const struct image *im, uint32_t len)
{
    struct result r;
    uint8_t *copy = malloc(len ? len : 1);

    if (copy == NULL) {
        perror("malloc");
        exit(2);
    }
    memcpy(copy, im->b, len);
    memset(&r.out, 0x5A, sizeof r.out);
    r.why = NULL;
    r.rc = elf_parse(copy, len, &r.out, &r.why);
    free(copy);
    return r;
}

static struct result parse(const struct image *im)
{
    return parse_len(im, im->size);
}

/*
 * The reason a rejection is unacceptable, or NULL if r is a proper
 * rejection: -ENOEXEC with a non-empty explanation.
 */
static const char *bad_rejection(const struct result *r)
{
    static char reason[160];

    if (r->rc == 0)
        return "accepted";
    if (r->rc != -ENOEXEC) {
        snprintf(reason, sizeof reason, "returned %d, want %d",
             r->rc, -ENOEXEC);
        return reason;
    }
    if (r->why == NULL)
        return "*why not set";
    if (r->why[0] == '\0')
        return "*why is empty";
    return NULL;
}

/*
 * Pass if the image is rejected properly and, when why_has is not NULL,
 * the explanation mentions it.
 */
static void expect_reject(const char *name, const struct image *im,
              const char *why_has)
{
    struct result r = parse(im);
    const char *bad = bad_rejection(&r);

    if (bad != NULL)
        check_fail(name, "%s", bad);
    else if (why_has != NULL && strstr(r.why, why_has) == NULL)
        check_fail(name, "*why is \"%s\", want it to mention \"%s\"",
               r.why, why_has);
    else
        check_pass(name);
}

/* Pass if the image parses, with the entry and segment count given. */
static bool expect_accept_quietly(const char *name, const struct image *im,
                  struct result *r, int nsegments)
{
    *r = parse(im);
    if (r->rc != 0) {
        check_fail(name, "returned %d (%s)", r->rc,
               r->why ? r->why : "no reason");
        return false;
    }
    if (r->out.entry != ENTRY) {
        check_fail(name, "entry 0x%08x want 0x%08x",
               (unsigned)r->out.entry, (unsigned)ENTRY);
        return false;
    }
    if (r->out.nsegments != nsegments) {
        check_fail(name, "%d segments want %d", r->out.nsegments,
               nsegments);
        return false;
    }
    return true;
}

static void expect_accept(const char *name, const struct image *im,
              int nsegments)
{
    struct result r;

    if (expect_accept_quietly(name, im, &r, nsegments))
        check_pass(name);
}

/* Does segment s hold exactly these values? */
static bool segment_is(const struct elf_segment *s, uint32_t vaddr,
               uint32_t memsz, uint32_t offset, uint32_t filesz,
               int writable)
{
    return s->vaddr == vaddr && s->memsz == memsz && s->offset == offset &&
           s->filesz == filesz && s->writable == writable;
}

static void describe_segment(char *buf, size_t n, const struct elf_segment *s)
{
    snprintf(buf, n, "vaddr 0x%08x memsz 0x%x offset 0x%x filesz 0x%x "
         "writable %d", (unsigned)s->vaddr, (unsigned)s->memsz,
         (unsigned)s->offset, (unsigned)s->filesz, s->writable);
}

/* ---- valid files ---- */

static void test_valid(void)
{
    struct image im;
    struct result r;
    char text[128];

    make_good(&im);
    if (expect_accept_quietly("elf/accepts-static-i386-executable", &im,
                  &r, 2))
        check_pass("elf/accepts-static-i386-executable");

    const char *name = "elf/reports-text-segment-read-only";
    if (r.rc == 0 && segment_is(&r.out.seg[0], TEXT_VADDR, TEXT_SIZE, 0,
                    TEXT_SIZE, 0))
        check_pass(name);
    else {
        describe_segment(text, sizeof text, &r.out.seg[0]);
        check_fail(name, "got %s", text);
    }

    name = "elf/reports-data-segment-writable-with-bss";
    if (r.rc == 0 && segment_is(&r.out.seg[1], DATA_VADDR, DATA_MEMSZ,
                    DATA_OFFSET, DATA_FILESZ, 1))
        check_pass(name);
    else {
        describe_segment(text, sizeof text, &r.out.seg[1]);
        check_fail(name, "got %s", text);
    }

    /* A PT_LOAD with nothing in memory is skipped, whatever its address. */
    make_good(&im);
    set_phnum(&im, 3);
    ph_fill(&im, 2, PT_LOAD, 0, 0, 0, 0, PF_R | PF_W, 0x1000);
    expect_accept("elf/skips-zero-memsz-load-segment", &im, 2);

    make_good(&im);
    set_phnum(&im, 3);
    ph_fill(&im, 0, PT_LOAD, 0, 0xC0000000u, 0, 0, PF_R, 0);
    ph_fill(&im, 1, PT_LOAD, 0, TEXT_VADDR, TEXT_SIZE, TEXT_SIZE,
        PF_R | PF_X, 0x1000);
    ph_fill(&im, 2, PT_LOAD, DATA_OFFSET, DATA_VADDR, DATA_FILESZ,
        DATA_MEMSZ, PF_R | PF_W, 0x1000);
    name = "elf/skips-zero-memsz-load-segment-first";
    if (expect_accept_quietly(name, &im, &r, 2)) {
        if (segment_is(&r.out.seg[0], TEXT_VADDR, TEXT_SIZE, 0,
                   TEXT_SIZE, 0))
            check_pass(name);
        else
            check_fail(name, "segment 0 is not the text segment");
    }

    /* Other program headers are not loaded, so not checked either. */
    make_good(&im);
    set_phnum(&im, 5);
    ph_fill(&im, 2, PT_NOTE, 0x1F0, 0x080481F0u, 0x10, 0x10, PF_R, 4);
    ph_fill(&im, 3, PT_GNU_STACK, 0, 0, 0, 0, PF_R | PF_W, 0x10);
    ph_fill(&im, 4, PT_PHDR, EHDR_SIZE, TEXT_VADDR + EHDR_SIZE,
        5 * PHDR_SIZE, 5 * PHDR_SIZE, PF_R, 4);
    expect_accept("elf/ignores-note-gnu-stack-and-phdr", &im, 2);

    make_good(&im);
    set_phnum(&im, 4);
    ph_fill(&im, 2, PT_NOTE, 0xFFFFFFF0u, 0, 0x1000, 0x10, 0, 3);
    ph_fill(&im, 3, PT_NULL, 0xFFFFFFFFu, 0xC0000000u, 0xFFFFFFFFu,
        0xFFFFFFFFu, PF_R | PF_W | PF_X, 0);
    expect_accept("elf/ignores-nonsense-in-non-load-headers", &im, 2);

    /* align 0 and 1 both mean "no alignment". */
    make_good(&im);
    ph_set(&im, 0, P_ALIGN, 0);
    ph_set(&im, 1, P_ALIGN, 1);
    ph_set(&im, 1, P_VADDR, DATA_VADDR + 0x123);
    expect_accept("elf/accepts-align-0-and-1", &im, 2);

    /* A segment that starts part-way into a page, at the same place in
     * its page of the file. */
    make_good(&im);
    ph_set(&im, 1, P_VADDR, DATA_VADDR + 0x10);
    ph_set(&im, 1, P_OFFSET, DATA_OFFSET + 0x10);
    ph_set(&im, 1, P_FILESZ, DATA_FILESZ - 0x10);
    expect_accept("elf/accepts-congruent-vaddr-and-offset", &im, 2);

    /* Segments on neighbouring pages do not share one. */
    make_good(&im);
    ph_set(&im, 1, P_VADDR, TEXT_VADDR + 0x1000);
    expect_accept("elf/accepts-segments-on-adjacent-pages", &im, 2);

    make_good(&im);
    ph_set(&im, 1, P_VADDR, TEXT_VADDR - 0x1000);
    ph_set(&im, 1, P_MEMSZ, 0x1000);
    expect_accept("elf/accepts-segment-ending-at-next-page", &im, 2);

    /* The edges of user space. */
    make_good(&im);
    ph_set(&im, 1, P_VADDR, USER_BASE);
    expect_accept("elf/accepts-segment-at-user-base", &im, 2);

    make_good(&im);
    ph_set(&im, 1, P_VADDR, USER_HEAP_TOP - 0x1000);
    ph_set(&im, 1, P_MEMSZ, 0x1000);
    expect_accept("elf/accepts-segment-ending-below-the-stack-region", &im, 2);

    /* The entry point may be the last byte of the text, and the text may
     * be writable as well. */
    make_good(&im);
    put32(&im, E_ENTRY, TEXT_VADDR + TEXT_SIZE - 1);
    r = parse(&im);
    CHECK("elf/accepts-entry-at-last-byte-of-text",
          r.rc == 0 && r.out.entry == TEXT_VADDR + TEXT_SIZE - 1);

    make_good(&im);
    ph_set(&im, 0, P_FLAGS, PF_R | PF_W | PF_X);
    r = parse(&im);
    CHECK("elf/accepts-writable-executable-segment",
          r.rc == 0 && r.out.nsegments == 2 && r.out.seg[0].writable == 1);

    /* Exactly ELF_MAX_SEGMENTS loadable segments. */
    make_good(&im);
    set_phnum(&im, ELF_MAX_SEGMENTS);
    for (int i = 2; i < ELF_MAX_SEGMENTS; i++)
        ph_fill(&im, i, PT_LOAD, 0, 0x08050000u + 0x1000u * (uint32_t)i,
            0, 0x10, PF_R, 0x1000);
    expect_accept("elf/accepts-max-segments", &im, ELF_MAX_SEGMENTS);
}

/* ---- the ELF header ---- */

static void test_header(void)
{
    struct image im;

    make_good(&im);
    im.b[0] = 0x7E;
    expect_reject("elf/rejects-bad-magic-byte-0", &im, "magic");

    make_good(&im);
    im.b[3] = 'G';
    expect_reject("elf/rejects-bad-magic-byte-3", &im, "magic");

    make_good(&im);
    memcpy(im.b, "#!/bin/sh\n", 10);
    expect_reject("elf/rejects-shell-script", &im, "magic");

    make_good(&im);
    im.b[4] = 2;                /* ELFCLASS64 */
    expect_reject("elf/rejects-elfclass64", &im, "32-bit");

    make_good(&im);
    im.b[4] = 0;                /* ELFCLASSNONE */
    expect_reject("elf/rejects-elfclassnone", &im, NULL);

    make_good(&im);
    im.b[5] = 2;                /* ELFDATA2MSB */
    expect_reject("elf/rejects-big-endian", &im, "encoding");

    make_good(&im);
    im.b[6] = 2;
    expect_reject("elf/rejects-wrong-ident-version", &im, "version");

    make_good(&im);
    put32(&im, E_VERSION, 0);
    expect_reject("elf/rejects-wrong-header-version", &im, "version");

    make_good(&im);
    put16(&im, E_TYPE, 3);          /* ET_DYN */
    expect_reject("elf/rejects-et-dyn", &im, "ET_EXEC");

    make_good(&im);
    put16(&im, E_TYPE, 1);          /* ET_REL */
    expect_reject("elf/rejects-et-rel", &im, NULL);

    make_good(&im);
    put16(&im, E_MACHINE, 62);      /* EM_X86_64 */
    expect_reject("elf/rejects-em-x86-64", &im, "i386");

    make_good(&im);
    put16(&im, E_PHENTSIZE, 56);        /* an ELF64 program header */
    expect_reject("elf/rejects-wrong-phentsize", &im, NULL);

    make_good(&im);
    put16(&im, E_PHENTSIZE, 0);
    expect_reject("elf/rejects-zero-phentsize", &im, NULL);

    make_good(&im);
    set_phnum(&im, 0);
    expect_reject("elf/rejects-phnum-0", &im, NULL);

    make_good(&im);
    set_phnum(&im, 0xFFFF);
    expect_reject("elf/rejects-huge-phnum", &im, NULL);

    /*
     * A table the file does hold, after the data segment, padded with
     * PT_NULL entries: 64 entries (MAX_PHDRS in elf.c) are accepted, one
     * more is not, however large the file.
     */
    make_good(&im);
    set_phnum(&im, 64);
    move_phdrs(&im, GOOD_SIZE);
    im.size = GOOD_SIZE + 64 * PHDR_SIZE;
    expect_accept("elf/accepts-64-program-headers", &im, 2);

    make_good(&im);
    set_phnum(&im, 65);
    move_phdrs(&im, GOOD_SIZE);
    im.size = GOOD_SIZE + 65 * PHDR_SIZE;
    expect_reject("elf/rejects-65-program-headers-even-in-file", &im,
              "program header table");

    /* Within the parser's limit but more than the file holds. */
    make_good(&im);
    put32(&im, E_PHOFF, GOOD_SIZE - 2 * PHDR_SIZE);
    set_phnum(&im, 3);
    expect_reject("elf/rejects-program-headers-past-end", &im, "outside");

    make_good(&im);
    put32(&im, E_PHOFF, GOOD_SIZE + 4);
    expect_reject("elf/rejects-phoff-beyond-file", &im, "outside");

    make_good(&im);
    put32(&im, E_PHOFF, GOOD_SIZE);
    expect_reject("elf/rejects-phoff-at-end-of-file", &im, "outside");

    /* phoff + phnum * 32 wraps to a small number. */
    make_good(&im);
    put32(&im, E_PHOFF, 0xFFFFFFE0u);
    set_phnum(&im, 2);
    expect_reject("elf/rejects-phoff-plus-table-overflowing", &im,
              "outside");

    make_good(&im);
    put32(&im, E_PHOFF, 0xFFFFFFFCu);
    expect_reject("elf/rejects-phoff-near-4gib", &im, "outside");

    /* A copy of the table two bytes further on, so only the alignment is
     * wrong. */
    make_good(&im);
    memmove(im.b + EHDR_SIZE + 2, im.b + EHDR_SIZE, 2 * PHDR_SIZE);
    put32(&im, E_PHOFF, EHDR_SIZE + 2);
    expect_reject("elf/rejects-misaligned-phoff", &im, "misaligned");
}

/* ---- program headers ---- */

static void test_segments(void)
{
    struct image im;

    /* All of it inside the file: only the sizes disagree. */
    make_good(&im);
    ph_set(&im, 1, P_MEMSZ, DATA_FILESZ - 1);
    expect_reject("elf/rejects-filesz-above-memsz", &im, "memory size");

    make_good(&im);
    ph_set(&im, 1, P_FILESZ, DATA_FILESZ + 1);
    expect_reject("elf/rejects-segment-data-past-end", &im, "file");

    make_good(&im);
    ph_set(&im, 1, P_OFFSET, GOOD_SIZE + 0x1000);
    ph_set(&im, 1, P_FILESZ, 0);
    expect_reject("elf/rejects-segment-offset-past-end", &im, "file");

    /* offset + filesz wraps around to a small number */
    make_good(&im);
    ph_set(&im, 1, P_FILESZ, 0u - DATA_OFFSET);
    ph_set(&im, 1, P_MEMSZ, 0u - DATA_OFFSET);
    expect_reject("elf/rejects-offset-plus-filesz-wrapping-to-0", &im,
              "file");

    make_good(&im);
    ph_set(&im, 1, P_OFFSET, 0x10);
    ph_set(&im, 1, P_FILESZ, 0xFFFFFFF8u);
    ph_set(&im, 1, P_MEMSZ, 0xFFFFFFF8u);
    ph_set(&im, 1, P_ALIGN, 0);
    expect_reject("elf/rejects-filesz-wrapping-from-inside-file", &im,
              "file");

    /* Addresses outside user space. */
    make_good(&im);
    ph_set(&im, 1, P_VADDR, 0);
    expect_reject("elf/rejects-segment-at-address-0", &im, "user space");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, USER_BASE - 0x1000);
    expect_reject("elf/rejects-segment-below-user-base", &im,
              "user space");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, USER_BASE - 0x1000);
    ph_set(&im, 1, P_MEMSZ, 0x2000);
    expect_reject("elf/rejects-segment-straddling-user-base", &im,
              "user space");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, KERNEL_BASE);
    expect_reject("elf/rejects-segment-in-kernel", &im, "user space");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, 0xFFFFF000u);
    expect_reject("elf/rejects-segment-at-top-of-memory", &im,
              "user space");

    /* vaddr + memsz wraps past 4 GiB to 0x1000. */
    make_good(&im);
    ph_set(&im, 1, P_MEMSZ, 0u - DATA_VADDR + 0x1000u);
    expect_reject("elf/rejects-segment-wrapping-past-4gib", &im,
              "user space");

    make_good(&im);
    ph_set(&im, 1, P_MEMSZ, 0xFFFFFFFFu);
    expect_reject("elf/rejects-segment-with-4gib-memsz", &im,
              "user space");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, USER_TOP - 0x1000);
    ph_set(&im, 1, P_MEMSZ, 0x1001);
    expect_reject("elf/rejects-segment-crossing-into-kernel", &im,
              "user space");

    make_good(&im);
    ph_set(&im, 1, P_MEMSZ, USER_TOP - DATA_VADDR + 1);
    expect_reject("elf/rejects-bss-reaching-into-kernel", &im,
              "user space");

    /* The stack's region (and the guard page below it) is the stack's:
     * a segment there would share pages with it. */
    make_good(&im);
    ph_set(&im, 1, P_VADDR, USER_TOP - 0x1000);
    ph_set(&im, 1, P_MEMSZ, 0x1000);
    expect_reject("elf/rejects-segment-in-the-stack-region", &im, "stack");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, USER_HEAP_TOP - 0x1000);
    ph_set(&im, 1, P_MEMSZ, 0x1001);
    expect_reject("elf/rejects-segment-reaching-the-stack-guard-page", &im, "stack");

    /* Alignment. */
    make_good(&im);
    ph_set(&im, 1, P_ALIGN, 0x1800);
    expect_reject("elf/rejects-non-power-of-two-align", &im, "align");

    make_good(&im);
    ph_set(&im, 1, P_ALIGN, 3);
    /* vaddr and offset agree modulo 3 */
    ph_set(&im, 1, P_VADDR,
           DATA_VADDR + (DATA_OFFSET % 3 + 3 - DATA_VADDR % 3) % 3);
    expect_reject("elf/rejects-align-3-even-if-congruent", &im, "align");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, DATA_VADDR + 0x10);
    expect_reject("elf/rejects-vaddr-offset-incongruent-mod-align", &im,
              "align");

    make_good(&im);
    ph_set(&im, 1, P_OFFSET, DATA_OFFSET - 0x800);
    expect_reject("elf/rejects-offset-incongruent-mod-align", &im,
              "align");
}

static void test_layout(void)
{
    struct image im;

    /* The data segment in the text segment's page, after its end. */
    make_good(&im);
    ph_set(&im, 1, P_VADDR, TEXT_VADDR + 0x800);
    ph_set(&im, 1, P_ALIGN, 0x800);
    expect_reject("elf/rejects-segments-sharing-a-page", &im, "overlap");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, TEXT_VADDR);
    expect_reject("elf/rejects-segments-at-same-address", &im, "overlap");

    make_good(&im);
    ph_set(&im, 1, P_VADDR, TEXT_VADDR + 0x200);
    ph_set(&im, 1, P_ALIGN, 0x200);
    expect_reject("elf/rejects-segments-overlapping-bytes", &im,
              "overlap");

    /*
     * The bss of the data segment ends at 0x0804b100, in the page of a
     * third segment at 0x0804b800, without touching its bytes. Checked
     * with the third segment listed after the data segment and before.
     */
    make_good(&im);
    set_phnum(&im, 3);
    ph_set(&im, 1, P_MEMSZ, 0x1100);
    ph_fill(&im, 2, PT_LOAD, 0, DATA_VADDR + 0x1800, 0, 0x100,
        PF_R | PF_W, 0x800);
    expect_reject("elf/rejects-bss-sharing-page-with-later-segment", &im,
              "overlap");

    make_good(&im);
    set_phnum(&im, 3);
    ph_set(&im, 1, P_MEMSZ, 0x1100);
    memmove(im.b + EHDR_SIZE + 2 * PHDR_SIZE, im.b + EHDR_SIZE + PHDR_SIZE,
        PHDR_SIZE);
    ph_fill(&im, 1, PT_LOAD, 0, DATA_VADDR + 0x1800, 0, 0x100,
        PF_R | PF_W, 0x800);
    expect_reject("elf/rejects-bss-sharing-page-with-earlier-segment", &im,
              "overlap");

    /* ... whereas a bss ending just below that page is fine. */
    make_good(&im);
    set_phnum(&im, 3);
    ph_set(&im, 1, P_MEMSZ, 0x1000);
    ph_fill(&im, 2, PT_LOAD, 0, DATA_VADDR + 0x1800, 0, 0x100,
        PF_R | PF_W, 0x800);
    expect_accept("elf/accepts-bss-ending-below-next-segment-page", &im, 3);

    make_good(&im);
    set_phnum(&im, 3);
    ph_fill(&im, 2, PT_INTERP, 0x1F0, 0x080481F0u, 0x10, 0x10, PF_R, 1);
    expect_reject("elf/rejects-pt-interp", &im, "dynamic");

    /* PT_INTERP first, then the loads, as a linker writes them */
    make_good(&im);
    set_phnum(&im, 3);
    memmove(im.b + EHDR_SIZE + PHDR_SIZE, im.b + EHDR_SIZE, 2 * PHDR_SIZE);
    ph_fill(&im, 0, PT_INTERP, 0x1F0, 0, 0x10, 0, PF_R, 1);
    expect_reject("elf/rejects-pt-interp-before-loads", &im, "dynamic");

    make_good(&im);
    ph_set(&im, 0, P_TYPE, PT_NOTE);
    ph_set(&im, 1, P_TYPE, PT_DYNAMIC);
    expect_reject("elf/rejects-no-pt-load", &im, "no loadable");

    make_good(&im);
    ph_set(&im, 0, P_MEMSZ, 0);
    ph_set(&im, 0, P_FILESZ, 0);
    ph_set(&im, 1, P_MEMSZ, 0);
    ph_set(&im, 1, P_FILESZ, 0);
    expect_reject("elf/rejects-only-empty-pt-load", &im, "no loadable");

    /* The entry point. */
    make_good(&im);
    put32(&im, E_ENTRY, 0x08060000u);
    expect_reject("elf/rejects-entry-outside-segments", &im, "entry");

    make_good(&im);
    put32(&im, E_ENTRY, 0);
    expect_reject("elf/rejects-entry-0", &im, "entry");

    make_good(&im);
    put32(&im, E_ENTRY, TEXT_VADDR + TEXT_SIZE);
    expect_reject("elf/rejects-entry-just-past-text", &im, "entry");

    make_good(&im);
    put32(&im, E_ENTRY, TEXT_VADDR - 1);
    expect_reject("elf/rejects-entry-just-before-text", &im, "entry");

    make_good(&im);
    put32(&im, E_ENTRY, DATA_VADDR + 0x10);
    expect_reject("elf/rejects-entry-in-data-segment", &im, "entry");

    make_good(&im);
    put32(&im, E_ENTRY, DATA_VADDR + DATA_MEMSZ - 1);
    expect_reject("elf/rejects-entry-in-bss", &im, "entry");

    make_good(&im);
    ph_set(&im, 0, P_FLAGS, PF_R);
    expect_reject("elf/rejects-entry-in-non-executable-text", &im,
              "entry");

    /* One loadable segment more than the parser has room for. */
    make_good(&im);
    set_phnum(&im, ELF_MAX_SEGMENTS + 1);
    for (int i = 2; i < ELF_MAX_SEGMENTS + 1; i++)
        ph_fill(&im, i, PT_LOAD, 0, 0x08050000u + 0x1000u * (uint32_t)i,
            0, 0x10, PF_R, 0x1000);
    expect_reject("elf/rejects-too-many-segments", &im, "too many");
}

/* ---- short files ---- */

static void test_truncated(void)
{
    struct image im;
    char name_below[] = "elf/rejects-file-shorter-than-header";
    char name_short[] = "elf/rejects-every-truncated-file";
    bool ok = true;

    make_good(&im);
    for (uint32_t len = 0; len < EHDR_SIZE && ok; len++) {
        struct result r = parse_len(&im, len);
        const char *bad = bad_rejection(&r);

        if (bad != NULL) {
            check_fail(name_below, "length %u: %s", (unsigned)len,
                   bad);
            ok = false;
        }
    }
    if (ok)
        check_pass(name_below);

    ok = true;
    for (uint32_t len = EHDR_SIZE; len < GOOD_SIZE && ok; len++) {
        struct result r = parse_len(&im, len);
        const char *bad = bad_rejection(&r);

        if (bad != NULL) {
            check_fail(name_short, "length %u: %s", (unsigned)len,
                   bad);
            ok = false;
        }
    }
    if (ok)
        check_pass(name_short);

    struct result r = parse_len(&im, GOOD_SIZE);
    CHECK("elf/accepts-untruncated-file", r.rc == 0);

    /* Trailing bytes after the last segment are harmless. */
    im.size = GOOD_SIZE + 0x100;
    r = parse(&im);
    CHECK("elf/accepts-trailing-bytes", r.rc == 0 && r.out.nsegments == 2);
}

/* ---- random damage ---- */

/* A tiny deterministic pseudo-random generator, so failures repeat. */
static uint32_t random_state = 20240601;

static uint32_t next_random(void)
{
    random_state = random_state * 1103515245u + 12345u;
    return random_state >> 16;
}

/*
 * What an accepted file must satisfy, or NULL if it does: every segment
 * inside user space and its data inside the file, no two sharing a page,
 * and the entry point inside one of them.
 */
static const char *accepted_but_unsafe(const struct elf_image *out,
                       uint32_t size)
{
    if (out->nsegments < 1 || out->nsegments > ELF_MAX_SEGMENTS)
        return "segment count out of range";
    bool entry_in = false;
    for (int i = 0; i < out->nsegments; i++) {
        const struct elf_segment *s = &out->seg[i];
        uint64_t end = (uint64_t)s->vaddr + s->memsz;

        if (s->memsz == 0)
            return "empty segment";
        if (s->vaddr < USER_BASE || end > USER_HEAP_TOP)
            return "segment outside user space";
        if ((uint64_t)s->offset + s->filesz > size)
            return "segment data outside the file";
        if (s->filesz > s->memsz)
            return "filesz above memsz";
        if (out->entry >= s->vaddr && out->entry < end)
            entry_in = true;
        for (int j = 0; j < i; j++) {
            const struct elf_segment *t = &out->seg[j];
            uint64_t s0 = s->vaddr / PAGE_SIZE;
            uint64_t s1 = (end - 1) / PAGE_SIZE;
            uint64_t t0 = t->vaddr / PAGE_SIZE;
            uint64_t t1 = ((uint64_t)t->vaddr + t->memsz - 1) /
                      PAGE_SIZE;
            if (s0 <= t1 && t0 <= s1)
                return "two segments share a page";
        }
    }
    if (!entry_in)
        return "entry point in no segment";
    return NULL;
}

static void test_fuzz(void)
{
    const char *name = "elf/survives-random-byte-mutations";
    const uint32_t rounds = 20000;
    /* Most mutations go where the parser looks: the headers. */
    const uint32_t headers_end = EHDR_SIZE + 2 * PHDR_SIZE;
    struct image good, im;
    uint32_t accepted = 0;

    make_good(&good);
    for (uint32_t round = 0; round < rounds; round++) {
        im = good;
        uint32_t pick = next_random();
        uint32_t off = (pick & 3) != 0 ? next_random() % headers_end
                           : next_random() % good.size;
        uint8_t old = im.b[off];
        uint8_t flip = (uint8_t)(1 + next_random() % 255);
        im.b[off] ^= flip;

        struct result r = parse(&im);
        const char *bad = NULL;
        if (r.rc == 0) {
            accepted++;
            bad = accepted_but_unsafe(&r.out, im.size);
        } else {
            bad = bad_rejection(&r);
        }
        if (bad != NULL) {
            check_fail(name, "round %u, byte 0x%x 0x%02x->0x%02x: %s",
                   (unsigned)round, (unsigned)off, old,
                   im.b[off], bad);
            return;
        }
    }
    /* Many mutations are harmless (padding, code), many are fatal. */
    if (accepted == 0 || accepted == rounds)
        check_fail(name, "%u of %u accepted: the mutations missed",
               (unsigned)accepted, (unsigned)rounds);
    else
        check_pass(name);
}

int main(void)
{
    test_valid();
    test_header();
    test_segments();
    test_layout();
    test_truncated();
    test_fuzz();
    return check_exit_status();
}
