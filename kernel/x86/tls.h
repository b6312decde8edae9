/* Thread-local storage descriptors: struct user_desc <-> GDT entries. */
#ifndef X86_TLS_H
#define X86_TLS_H

#include "kernel/x86/gdt.h"
#include "kernel/x86/trap.h"
#include "abi/syscall.h"

/* The descriptor u asks for, made safe (DPL 3, data): 0, or -EINVAL for
 * what this kernel refuses (docs/linux.md). A request with
 * seg_not_present set clears the entry. */
int tls_encode(const struct user_desc *u, struct gdt_entry *out);
/* The user_desc describing entry e, GDT index index. */
void tls_decode(const struct gdt_entry *e, uint32_t index, struct user_desc *u);
/* Is e a free (cleared) entry? */
int tls_is_free(const struct gdt_entry *e);
/* After GDT entry index changed to e: make sure tf's segment selectors
 * can still be loaded on the way back to ring 3. */
void tls_fix_selectors(struct trapframe *tf, uint32_t index, const struct gdt_entry *e);

#endif
