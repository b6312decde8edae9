/*
 * TLS descriptors. A C library keeps a pointer to its thread's data in a
 * segment: it asks set_thread_area for a descriptor whose base is that
 * data, loads the selector into gs, and reads %gs:0 (glibc, musl).
 *
 * A program chooses the base, the limit and some flags; the kernel
 * chooses the rest. Every TLS descriptor is a present, ring 3 (DPL 3)
 * data segment, never code and never a system segment, so it gives
 * ring 3 nothing its flat data segment does not. The limit is not cut
 * down to user space: a C library reaches its TLS variables at negative
 * offsets from the base (%gs:-4), which only work through wrap-around
 * with a 4 GiB limit. That is safe for the same reason the flat user
 * segment is: paging keeps ring 3 out of kernel pages (a supervisor page
 * faults at CPL 3 whatever the segment). The base must lie in user
 * space, all the same: there is no reason for it to lie elsewhere.
 */
#include "kernel/x86/tls.h"
#include "abi/errno.h"
#include "abi/memlayout.h"
#include "lib/string.h"

#define ACC_PRESENT     0x80
#define ACC_DPL3        0x60
#define ACC_CODE_DATA   0x10    /* S: not a system segment */
#define ACC_WRITABLE    0x02    /* data type: read/write (else read-only) */
#define ACC_ACCESSED    0x01    /* set now, so the CPU never writes the GDT */
#define FLAG_AVL        0x1     /* "useable": free for software */
#define FLAG_DB         0x4     /* 32-bit segment */
#define FLAG_G          0x8     /* the limit counts 4 KiB pages */
#define LIMIT_MAX       0xFFFFFu  /* a descriptor's limit has 20 bits */

int tls_is_free(const struct gdt_entry *e)
{
    return !(e->access & ACC_PRESENT);
}

int tls_encode(const struct user_desc *u, struct gdt_entry *out)
{
    memset(out, 0, sizeof *out);
    if (u->flags & UD_SEG_NOT_PRESENT)
        return 0;                       /* clear the entry */
    if ((u->flags & UD_CONTENTS) != 0)
        return -EINVAL;                 /* only plain data segments */
    if (u->base_addr >= USER_TOP || u->limit > LIMIT_MAX)
        return -EINVAL;
    uint8_t flags = (u->flags & UD_SEG_32BIT ? FLAG_DB : 0) |
                    (u->flags & UD_LIMIT_IN_PAGES ? FLAG_G : 0) |
                    (u->flags & UD_USEABLE ? FLAG_AVL : 0);
    out->limit_low = (uint16_t)(u->limit & 0xFFFF);
    out->limit_high_flags = (uint8_t)(((u->limit >> 16) & 0x0F) | (flags << 4));
    out->base_low = (uint16_t)(u->base_addr & 0xFFFF);
    out->base_mid = (uint8_t)(u->base_addr >> 16);
    out->base_high = (uint8_t)(u->base_addr >> 24);
    out->access = ACC_PRESENT | ACC_DPL3 | ACC_CODE_DATA | ACC_ACCESSED |
                  (u->flags & UD_READ_EXEC_ONLY ? 0 : ACC_WRITABLE);
    return 0;
}

void tls_decode(const struct gdt_entry *e, uint32_t index, struct user_desc *u)
{
    uint8_t flags = e->limit_high_flags >> 4;
    u->entry_number = index;
    u->base_addr = e->base_low | (uint32_t)e->base_mid << 16 | (uint32_t)e->base_high << 24;
    u->limit = e->limit_low | (uint32_t)(e->limit_high_flags & 0x0F) << 16;
    u->flags = (flags & FLAG_DB ? UD_SEG_32BIT : 0) |
               (flags & FLAG_G ? UD_LIMIT_IN_PAGES : 0) |
               (flags & FLAG_AVL ? UD_USEABLE : 0) |
               (e->access & ACC_WRITABLE ? 0 : UD_READ_EXEC_ONLY) |
               (e->access & ACC_PRESENT ? 0 : UD_SEG_NOT_PRESENT);
}

/* Does selector sel name GDT entry index? (Bit 2 would mean the LDT.) */
static int names_entry(uint16_t sel, uint32_t index)
{
    return (sel & ~3u) == index << 3;
}

/*
 * trap_return pops ds, es, fs and gs, and iret loads ss, in ring 0: a
 * selector whose entry was just cleared (or made read-only, for ss)
 * would fault there, in the kernel. Such a selector becomes null (ds,
 * es, fs, gs: the program faults when it next uses it, in ring 3) or
 * the flat user data segment (ss, which cannot be null in ring 3).
 */
void tls_fix_selectors(struct trapframe *tf, uint32_t index, const struct gdt_entry *e)
{
    uint16_t *data_segs[] = { &tf->ds, &tf->es, &tf->fs, &tf->gs };
    for (int i = 0; i < 4; i++)
        if (names_entry(*data_segs[i], index) && tls_is_free(e))
            *data_segs[i] = 0;
    if (names_entry(tf->user_ss, index) && (tls_is_free(e) || !(e->access & ACC_WRITABLE)))
        tf->user_ss = SEG_UDATA;
}
