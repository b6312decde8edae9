/* The kernel's own symbol table, for backtraces with function names. */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

/* The function containing addr and addr's offset in it, or NULL. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);
/* The address of a function by name, or 0 (tests use it). */
uint32_t ksym_address(const char *name);

#endif
