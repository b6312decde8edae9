/*
 * Looking an address up in an ELF32 file's symbol table (lib/elfsym.h).
 *
 * The section headers say where the symbol table (SHT_SYMTAB) is and,
 * through its sh_link, which string table holds its names. Each symbol
 * is 16 bytes: name offset, value, size, info (type in the low 4 bits),
 * other, section index. The best symbol for an address is the defined
 * function with the highest value at or below it, and, when the symbol
 * says how big it is, with the address inside it.
 *
 * The fields are read byte by byte, little-endian, at offsets checked
 * against the file's size: a file's structures need not be aligned, and
 * the same code must work in the kernel and on the build machine.
 */
#include "lib/elfsym.h"

/* Offsets in the ELF header and a section header (System V ABI, ch. 4). */
#define EH_SHOFF      32
#define EH_SHENTSIZE  46
#define EH_SHNUM      48
#define EH_SIZE       52
#define SH_TYPE        4
#define SH_FLAGS       8
#define SH_ADDR       12
#define SH_OFFSET     16
#define SH_SIZE       20
#define SH_LINK       24
#define SH_ENTSIZE    36
#define SH_SIZEOF     40
#define ST_NAME        0
#define ST_VALUE       4
#define ST_SIZE        8
#define ST_INFO       12
#define ST_SHNDX      14
#define ST_SIZEOF     16

#define SHT_PROGBITS   1
#define SHT_SYMTAB     2
#define SHT_STRTAB     3
#define SHF_EXECINSTR  0x4
#define STT_NOTYPE     0
#define STT_FUNC       2
#define ELFCLASS32     1
#define ELFDATA2LSB    1

struct elf_file {
    const uint8_t *data;
    uint32_t size;
};

/* Does [off, off + len) lie inside the file? (No overflow: off <= size
 * is checked first, then len against what is left.) */
static int inside(const struct elf_file *f, uint32_t off, uint32_t len)
{
    return off <= f->size && len <= f->size - off;
}

/* Callers check the range first. */
static uint32_t u32(const struct elf_file *f, uint32_t off)
{
    const uint8_t *p = f->data + off;
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t u16(const struct elf_file *f, uint32_t off)
{
    return f->data[off] | (uint32_t)f->data[off + 1] << 8;
}

/* A section: where its bytes are, checked to lie in the file. */
struct section {
    uint32_t type, flags, addr, offset, size, link, entsize;
};

struct sections {
    uint32_t offset, count;     /* the section header table */
};

/* Section i, 0 when i is out of range or its bytes leave the file. */
static int section(const struct elf_file *f, const struct sections *t, uint32_t i,
                   struct section *s)
{
    if (i >= t->count)
        return 0;
    uint32_t h = t->offset + i * SH_SIZEOF;     /* inside: checked for the table */
    s->type = u32(f, h + SH_TYPE);
    s->flags = u32(f, h + SH_FLAGS);
    s->addr = u32(f, h + SH_ADDR);
    s->offset = u32(f, h + SH_OFFSET);
    s->size = u32(f, h + SH_SIZE);
    s->link = u32(f, h + SH_LINK);
    s->entsize = u32(f, h + SH_ENTSIZE);
    return inside(f, s->offset, s->size);
}

/* The section header table, 0 when the file is no little-endian ELF32
 * or the table does not fit in it. */
static int section_table(const struct elf_file *f, struct sections *t)
{
    static const uint8_t magic[4] = { 0x7F, 'E', 'L', 'F' };
    if (!inside(f, 0, EH_SIZE))
        return 0;
    for (int i = 0; i < 4; i++)
        if (f->data[i] != magic[i])
            return 0;
    if (f->data[4] != ELFCLASS32 || f->data[5] != ELFDATA2LSB)
        return 0;
    t->offset = u32(f, EH_SHOFF);
    t->count = u16(f, EH_SHNUM);
    if (u16(f, EH_SHENTSIZE) != SH_SIZEOF)
        return 0;
    return inside(f, t->offset, t->count * SH_SIZEOF);     /* count < 65536: no overflow */
}

/* Is symbol st (at a checked offset) a defined function in code? */
static int is_code_symbol(const struct elf_file *f, const struct sections *t, uint32_t st)
{
    uint32_t type = f->data[st + ST_INFO] & 0xF;
    struct section s;
    if (type != STT_FUNC && type != STT_NOTYPE)
        return 0;
    /* Index 0 is "undefined"; the reserved ones (absolute and the like)
     * are above any real section count, so section() refuses them. */
    uint32_t shndx = u16(f, st + ST_SHNDX);
    return shndx != 0 && section(f, t, shndx, &s) && (s.flags & SHF_EXECINSTR);
}

/* The name at off in the string table, cut to fit and made printable:
 * the table may lack its final NUL. */
static void copy_name(const struct elf_file *f, const struct section *strtab, uint32_t off,
                      char *out)
{
    uint32_t n = 0;
    if (off < strtab->size) {
        const uint8_t *s = f->data + strtab->offset + off;
        uint32_t room = strtab->size - off;
        for (; n < room && n < ELFSYM_NAME_MAX - 1 && s[n]; n++)
            out[n] = s[n] >= 0x20 && s[n] < 0x7F ? (char)s[n] : '?';
    }
    if (n == 0)
        out[n++] = '?';             /* a function with no readable name */
    out[n] = '\0';
}

int elfsym_lookup(const void *file, uint32_t size, uint32_t addr, struct elf_symbol *out)
{
    struct elf_file f = { file, size };
    struct sections t;
    struct section symtab, strtab;
    if (!file || !section_table(&f, &t))
        return 0;
    uint32_t i = 0;
    while (i < t.count && !(section(&f, &t, i, &symtab) && symtab.type == SHT_SYMTAB))
        i++;
    if (i == t.count || symtab.entsize != ST_SIZEOF ||
        !section(&f, &t, symtab.link, &strtab) || strtab.type != SHT_STRTAB)
        return 0;
    uint32_t best = 0, best_value = 0;
    int found = 0;
    for (uint32_t st = symtab.offset; st + ST_SIZEOF <= symtab.offset + symtab.size;
         st += ST_SIZEOF) {
        uint32_t value = u32(&f, st + ST_VALUE), len = u32(&f, st + ST_SIZE);
        if (value > addr || (found && value <= best_value) || !is_code_symbol(&f, &t, st))
            continue;
        if (len != 0 && addr - value >= len)
            continue;               /* it ends before addr */
        best = st;
        best_value = value;
        found = 1;
    }
    if (!found)
        return 0;
    copy_name(&f, &strtab, u32(&f, best + ST_NAME), out->name);
    out->offset = addr - best_value;
    return 1;
}

int elfsym_code(const void *file, uint32_t size, uint32_t addr, uint8_t *out, uint32_t n)
{
    struct elf_file f = { file, size };
    struct sections t;
    struct section s;
    if (!file || !section_table(&f, &t))
        return 0;
    for (uint32_t i = 0; i < t.count; i++) {
        /* section() checked that its bytes lie in the file */
        if (!section(&f, &t, i, &s) || s.type != SHT_PROGBITS || !(s.flags & SHF_EXECINSTR))
            continue;
        if (addr < s.addr || addr - s.addr > s.size || n > s.size - (addr - s.addr))
            continue;
        for (uint32_t k = 0; k < n; k++)
            out[k] = f.data[s.offset + (addr - s.addr) + k];
        return 1;
    }
    return 0;
}
