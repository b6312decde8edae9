/*
 * Function names from a program file's symbol table: which function of
 * an ELF32 executable holds an address, for crash reports ("inner+0x13").
 * The kernel uses it for its trace lines, `guardlog -v` for its reports,
 * the host tests with real and broken files.
 *
 * The file is not trusted: every offset, size and count in it is checked
 * against the file's size before anything is read, and a name is copied
 * out only as far as the string table goes. A file without a symbol
 * table (stripped) simply has no names.
 */
#ifndef LIB_ELFSYM_H
#define LIB_ELFSYM_H

#include <stdint.h>

#define ELFSYM_NAME_MAX 48      /* a longer name is cut short, with its NUL */

struct elf_symbol {
    char name[ELFSYM_NAME_MAX]; /* printable characters only ('?' for others) */
    uint32_t offset;            /* the address minus the symbol's value */
};

/* The function (a symbol of type FUNC or NOTYPE in an executable
 * section) holding addr in the ELF32 file of size bytes at file: 1 and
 * *out filled, or 0 when the file has no such symbol or is malformed. */
int elfsym_lookup(const void *file, uint32_t size, uint32_t addr, struct elf_symbol *out);

/* Copy the n bytes of code at addr (in an executable section, all n from
 * the file) to out: 1, or 0 when they are not all there. */
int elfsym_code(const void *file, uint32_t size, uint32_t addr, uint8_t *out, uint32_t n);

#endif
