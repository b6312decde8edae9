/*
 * test_elfsym.c - host unit tests for lib/elfsym.c.
 *
 * The good case is a real program: build/initrd/bin/t_backtrace, the
 * ramdisk's copy (its debug information stripped, its symbol table kept),
 * checked against what the toolchain's nm says its functions are
 * (build/host/t_backtrace.nm). Its stripped copy has no names at all.
 *
 * Every other case is that file broken in one way: a file nothing vouches
 * for. Each is handed to elfsym_lookup in a heap block of exactly the
 * file's size, so that AddressSanitizer stops the test if the reader
 * looks a single byte past the end.
 *
 * lib/leafcall.c, which reads the program's code through elfsym_code, is
 * tested here on the same program.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/host/check.h"

#include "lib/elfsym.h"
#include "lib/leafcall.h"

#define PROGRAM  "build/initrd/bin/t_backtrace"
#define STRIPPED "build/host/t_backtrace.stripped"
#define NM_LIST  "build/host/t_backtrace.nm"

/* Offsets of the ELF32 fields the cases change (System V ABI, ch. 4). */
enum {
    E_CLASS = 4, E_DATA = 5, E_SHOFF = 32, E_SHENTSIZE = 46, E_SHNUM = 48,
    SH_SIZEOF = 40, SH_TYPE = 4, SH_OFFSET = 16, SH_SIZE = 20, SH_LINK = 24,
    SH_ENTSIZE = 36, ST_SIZEOF = 16, ST_NAME = 0, ST_VALUE = 4, ST_SIZE = 8, ST_INFO = 12,
    ST_SHNDX = 14,
};

struct file {
    uint8_t *data;
    uint32_t size;
};

static struct file read_file(const char *path)
{
    struct file f = { 0, 0 };
    FILE *in = fopen(path, "rb");
    if (!in)
        return f;
    fseek(in, 0, SEEK_END);
    long size = ftell(in);
    fseek(in, 0, SEEK_SET);
    f.data = malloc(size > 0 ? (size_t)size : 1);
    if (f.data && size > 0 && fread(f.data, 1, (size_t)size, in) == (size_t)size)
        f.size = (uint32_t)size;
    fclose(in);
    return f;
}

/* A copy in a block of exactly its size (the first len bytes). */
static struct file copy_of(const struct file *f, uint32_t len)
{
    struct file c = { malloc(len ? len : 1), len };
    memcpy(c.data, f->data, len);
    return c;
}

static uint32_t get32(const struct file *f, uint32_t off)
{
    return f->data[off] | (uint32_t)f->data[off + 1] << 8 |
           (uint32_t)f->data[off + 2] << 16 | (uint32_t)f->data[off + 3] << 24;
}

static uint32_t get16(const struct file *f, uint32_t off)
{
    return f->data[off] | (uint32_t)f->data[off + 1] << 8;
}

static void set32(struct file *f, uint32_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        f->data[off + i] = (uint8_t)(v >> (8 * i));
}

static void set16(struct file *f, uint32_t off, uint32_t v)
{
    f->data[off] = (uint8_t)v;
    f->data[off + 1] = (uint8_t)(v >> 8);
}

/* The offset of section header i, and of the symbol table's. */
static uint32_t section_header(const struct file *f, uint32_t i)
{
    return get32(f, E_SHOFF) + i * SH_SIZEOF;
}

static uint32_t symtab_header(const struct file *f)
{
    for (uint32_t i = 0; i < get16(f, E_SHNUM); i++)
        if (get32(f, section_header(f, i) + SH_TYPE) == 2)
            return section_header(f, i);
    return 0;
}

/* The offset of the first symbol named name in the symbol table. */
static uint32_t symbol_named(const struct file *f, const char *name)
{
    uint32_t sym = symtab_header(f);
    uint32_t strtab = section_header(f, get32(f, sym + SH_LINK));
    uint32_t names = get32(f, strtab + SH_OFFSET);
    uint32_t start = get32(f, sym + SH_OFFSET), end = start + get32(f, sym + SH_SIZE);
    for (uint32_t st = start; st < end; st += ST_SIZEOF)
        if (strcmp((const char *)f->data + names + get32(f, st + ST_NAME), name) == 0)
            return st;
    return 0;
}

/* The name lookup gives for addr, "-" for none. */
static const char *name_at(const struct file *f, uint32_t addr, uint32_t *offset)
{
    static struct elf_symbol sym;
    if (!elfsym_lookup(f->data, f->size, addr, &sym))
        return "-";
    if (offset)
        *offset = sym.offset;
    return sym.name;
}

/* Every function nm lists is found by its address, under its own name or
 * another at the same address (aliases), at offset 0; and a byte in. */
static void test_real(const struct file *prog)
{
    FILE *nm = fopen(NM_LIST, "r");
    char line[256], name[128], type;
    unsigned addr;
    int functions = 0, wrong = 0, inside = 0;
    uint32_t first_text = 0xFFFFFFFF;
    while (nm && fgets(line, sizeof line, nm)) {
        if (sscanf(line, "%x %c %127s", &addr, &type, name) != 3 || (type != 'T' && type != 't'))
            continue;
        functions++;
        if (addr < first_text)
            first_text = addr;
        uint32_t off = 99;
        const char *got = name_at(prog, addr, &off);
        char want[160];
        snprintf(want, sizeof want, "%08x %c %s\n", addr, type, got);
        /* nm -n is sorted: the alias line, if any, is in the file */
        if (off != 0 || strcmp(got, "-") == 0)
            wrong++;
        else if (strcmp(got, name) != 0) {
            FILE *again = fopen(NM_LIST, "r");
            char other[256];
            int alias = 0;
            while (again && fgets(other, sizeof other, again))
                alias |= strcmp(other, want) == 0;
            if (again)
                fclose(again);
            wrong += !alias;
        }
    }
    if (nm)
        fclose(nm);
    check_true("real/nm-lists-functions", functions > 20, "functions > 20");
    check_int("real/every-function-by-its-address", wrong, 0);
    uint32_t off = 0;
    const char *got = name_at(prog, get32(prog, symbol_named(prog, "middle") + ST_VALUE) + 5, &off);
    inside = strcmp(got, "middle") == 0 && off == 5;
    CHECK("real/middle+5", inside);
    /* the padding after a function (its size says where it ends) is not it */
    uint32_t inner = symbol_named(prog, "inner");
    uint32_t past = get32(prog, inner + ST_VALUE) + get32(prog, inner + ST_SIZE);
    CHECK("real/past-the-end-of-inner", strcmp(name_at(prog, past, 0), "inner") != 0);
    check_str("real/below-the-code", name_at(prog, first_text - 1, 0), "-");
    check_str("real/address-0", name_at(prog, 0, 0), "-");
}

static void test_stripped(void)
{
    struct file s = read_file(STRIPPED);
    CHECK("stripped/read", s.size > 0);
    struct file c = copy_of(&s, s.size);
    check_str("stripped/no-names", name_at(&c, 0x08048080, 0), "-");
    free(c.data);
    free(s.data);
}

/* A broken copy: the change applied, then the lookup of middle's address. */
typedef void (*breakage)(struct file *f);

static const char *lookup_broken(const struct file *prog, breakage brk, uint32_t addr)
{
    static char result[ELFSYM_NAME_MAX];
    struct file c = copy_of(prog, prog->size);
    brk(&c);
    struct elf_symbol sym;
    int found = elfsym_lookup(c.data, c.size, addr, &sym);
    snprintf(result, sizeof result, "%s", found ? sym.name : "-");
    free(c.data);
    return result;
}

static void bad_magic(struct file *f) { f->data[1] = 'e'; }
static void class64(struct file *f) { f->data[E_CLASS] = 2; }
static void big_endian(struct file *f) { f->data[E_DATA] = 2; }
static void shentsize(struct file *f) { set16(f, E_SHENTSIZE, 64); }
static void shoff_huge(struct file *f) { set32(f, E_SHOFF, 0xFFFFFFF0); }
static void shnum_huge(struct file *f) { set16(f, E_SHNUM, 0xFFFF); }
static void symtab_wraps(struct file *f)
{
    set32(f, symtab_header(f) + SH_OFFSET, 0xFFFFFFF0);
    set32(f, symtab_header(f) + SH_SIZE, 0x20);
}
static void symtab_too_big(struct file *f) { set32(f, symtab_header(f) + SH_SIZE, f->size); }
static void symtab_entsize(struct file *f) { set32(f, symtab_header(f) + SH_ENTSIZE, 24); }
static void link_out_of_range(struct file *f) { set32(f, symtab_header(f) + SH_LINK, 0xFFFF); }
static void link_to_symtab(struct file *f)
{
    uint32_t h = symtab_header(f);
    set32(f, h + SH_LINK, (h - get32(f, E_SHOFF)) / SH_SIZEOF);
}
static void no_symtab(struct file *f) { set32(f, symtab_header(f) + SH_TYPE, 0); }
static void strtab_cut(struct file *f)
{
    /* the string table ends three bytes into "middle", with no NUL */
    uint32_t strtab = section_header(f, get32(f, symtab_header(f) + SH_LINK));
    set32(f, strtab + SH_SIZE, get32(f, symbol_named(f, "middle") + ST_NAME) + 3);
}
static void name_past_strtab(struct file *f) { set32(f, symbol_named(f, "middle") + ST_NAME, 0x7FFFFFFF); }
static void middle_absolute(struct file *f) { set16(f, symbol_named(f, "middle") + ST_SHNDX, 0xFFF1); }
static void middle_undefined(struct file *f) { set16(f, symbol_named(f, "middle") + ST_SHNDX, 0); }
static void middle_object(struct file *f) { f->data[symbol_named(f, "middle") + ST_INFO] = 0x11; }
static void middle_unprintable(struct file *f)
{
    uint32_t strtab = section_header(f, get32(f, symtab_header(f) + SH_LINK));
    uint32_t at = get32(f, strtab + SH_OFFSET) + get32(f, symbol_named(f, "middle") + ST_NAME);
    f->data[at + 1] = 0x1B;         /* "m\x1bddle": an escape for the terminal */
}

static void test_broken(const struct file *prog)
{
    uint32_t middle = get32(prog, symbol_named(prog, "middle") + ST_VALUE);
    check_str("broken/bad-magic", lookup_broken(prog, bad_magic, middle), "-");
    check_str("broken/elfclass64", lookup_broken(prog, class64, middle), "-");
    check_str("broken/big-endian", lookup_broken(prog, big_endian, middle), "-");
    check_str("broken/shentsize", lookup_broken(prog, shentsize, middle), "-");
    check_str("broken/shoff-huge", lookup_broken(prog, shoff_huge, middle), "-");
    check_str("broken/shnum-huge", lookup_broken(prog, shnum_huge, middle), "-");
    check_str("broken/symtab-wraps", lookup_broken(prog, symtab_wraps, middle), "-");
    check_str("broken/symtab-past-end", lookup_broken(prog, symtab_too_big, middle), "-");
    check_str("broken/symtab-entsize", lookup_broken(prog, symtab_entsize, middle), "-");
    check_str("broken/link-out-of-range", lookup_broken(prog, link_out_of_range, middle), "-");
    check_str("broken/link-not-strtab", lookup_broken(prog, link_to_symtab, middle), "-");
    check_str("broken/no-symtab", lookup_broken(prog, no_symtab, middle), "-");
    check_str("broken/strtab-cut-in-a-name", lookup_broken(prog, strtab_cut, middle), "mid");
    check_str("broken/name-past-strtab", lookup_broken(prog, name_past_strtab, middle), "?");
    check_str("broken/name-unprintable", lookup_broken(prog, middle_unprintable, middle), "m?ddle");
    CHECK("broken/absolute-symbol-skipped",
          strcmp(lookup_broken(prog, middle_absolute, middle), "middle") != 0);
    CHECK("broken/undefined-symbol-skipped",
          strcmp(lookup_broken(prog, middle_undefined, middle), "middle") != 0);
    CHECK("broken/data-symbol-skipped",
          strcmp(lookup_broken(prog, middle_object, middle), "middle") != 0);
    struct elf_symbol none;
    check_int("broken/null-file", elfsym_lookup(0, 100, middle, &none), 0);
}

/* Every prefix shorter than the end of the section headers has no names. */
static void test_truncated(const struct file *prog)
{
    uint32_t middle = get32(prog, symbol_named(prog, "middle") + ST_VALUE);
    uint32_t need = get32(prog, E_SHOFF) + get16(prog, E_SHNUM) * SH_SIZEOF;
    int found = 0;
    for (uint32_t len = 0; len < need; len += len < 256 ? 1 : 61) {
        struct file c = copy_of(prog, len);
        found += strcmp(name_at(&c, middle, 0), "-") != 0;
        free(c.data);
    }
    check_int("truncated/every-prefix", found, 0);
}

static uint32_t random_state = 20261202;

static uint32_t next_random(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state;
}

/* Random bytes over the headers, section headers and symbol table: the
 * lookup never leaves the file (ASan) and names stay printable. */
static void test_fuzz(const struct file *prog)
{
    uint32_t sym = symtab_header(prog);
    uint32_t areas[3][2] = {
        { 0, 52 },
        { get32(prog, E_SHOFF), get16(prog, E_SHNUM) * SH_SIZEOF },
        { get32(prog, sym + SH_OFFSET), get32(prog, sym + SH_SIZE) },
    };
    int bad_names = 0;
    for (int round = 0; round < 3000; round++) {
        struct file c = copy_of(prog, prog->size);
        for (int k = 0; k < 6; k++) {
            uint32_t *area = areas[next_random() % 3];
            c.data[area[0] + next_random() % area[1]] = (uint8_t)next_random();
        }
        struct elf_symbol s;
        if (elfsym_lookup(c.data, c.size, 0x08048000 + next_random() % 0x4000, &s))
            for (size_t i = 0; i < sizeof s.name && s.name[i]; i++)
                bad_names += s.name[i] < 0x20 || s.name[i] >= 0x7F || i == sizeof s.name - 1;
        free(c.data);
    }
    check_int("fuzz/3000-broken-copies", bad_names, 0);
}

/* The return address of the first direct call to target within the
 * function at from (its first 256 bytes), or 0. */
static uint32_t return_of_call(const struct file *f, uint32_t from, uint32_t target)
{
    uint8_t code[256];
    if (!elfsym_code(f->data, f->size, from, code, sizeof code))
        return 0;
    for (uint32_t i = 0; i + 5 <= sizeof code; i++) {
        uint32_t rel = code[i + 1] | (uint32_t)code[i + 2] << 8 | (uint32_t)code[i + 3] << 16 |
                       (uint32_t)code[i + 4] << 24;
        if (code[i] == 0xe8 && from + i + 5 + rel == target)
            return from + i + 5;
    }
    return 0;
}

static uint32_t value_of(const struct file *f, const char *name)
{
    return get32(f, symbol_named(f, name) + ST_VALUE);
}

/* lib/leafcall.c on the real program: frameless_leaf (no frame) called
 * by leaf_caller, inner (a frame) called by middle. */
static void test_leafcall(const struct file *prog)
{
    uint32_t leaf = value_of(prog, "frameless_leaf"), inner = value_of(prog, "inner");
    uint32_t into_caller = return_of_call(prog, value_of(prog, "leaf_caller"), leaf);
    uint32_t into_middle = return_of_call(prog, value_of(prog, "middle"), inner);
    CHECK("leafcall/call-sites-found", into_caller != 0 && into_middle != 0);
    const void *d = prog->data;
    uint32_t n = prog->size;
    check_int("leafcall/frameless-leaf", leafcall_caller(d, n, leaf + 5, into_caller), 1);
    check_int("leafcall/not-after-a-call", leafcall_caller(d, n, leaf + 5, into_caller + 1), 0);
    check_int("leafcall/a-call-to-another-function",
              leafcall_caller(d, n, leaf + 5, into_middle), 0);
    check_int("leafcall/no-word", leafcall_caller(d, n, leaf + 5, 0), 0);
    check_int("leafcall/first-instruction-of-a-framed-function",
              leafcall_caller(d, n, inner, into_middle), 1);
    check_int("leafcall/after-push-ebp", leafcall_caller(d, n, inner + 1, into_middle), 0);
    check_int("leafcall/frame-set-up", leafcall_caller(d, n, inner + 5, into_middle), 0);
    check_int("leafcall/eip-without-symbol", leafcall_caller(d, n, 0x1000, into_middle), 0);
    uint8_t b[4];
    check_int("leafcall/code-wraps", elfsym_code(d, n, 0xFFFFFFFE, b, sizeof b), 0);
    check_int("leafcall/code-at-0", elfsym_code(d, n, 0, b, sizeof b), 0);
    int bad = 0;
    for (uint32_t len = 0; len < prog->size; len += len < 256 ? 1 : 509) {
        struct file c = copy_of(prog, len);
        bad += leafcall_caller(c.data, c.size, leaf + 5, into_caller) != 0 &&
               len < get32(prog, E_SHOFF);
        free(c.data);
    }
    check_int("leafcall/truncated", bad, 0);
}

int main(void)
{
    struct file prog = read_file(PROGRAM);
    if (prog.size == 0 || !symtab_header(&prog) || !symbol_named(&prog, "middle")) {
        check_fail("real/read", "%s: missing or without symbols (run make first)", PROGRAM);
        return check_exit_status();
    }
    struct file exact = copy_of(&prog, prog.size);
    test_real(&exact);
    test_stripped();
    test_broken(&prog);
    test_truncated(&prog);
    test_fuzz(&prog);
    test_leafcall(&exact);
    free(exact.data);
    free(prog.data);
    return check_exit_status();
}
