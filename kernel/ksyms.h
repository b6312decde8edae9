/* The kernel's own symbol table, for backtraces with function names. */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

/* The function containing addr and addr's offset in it, or NULL. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

#endif
