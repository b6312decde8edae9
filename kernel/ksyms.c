/*
 * The build links the kernel twice. The first link has an empty symbol
 * table; tools/ksyms.sh turns that kernel's `nm -n` listing into
 * build/ksyms.S, sorted by address, and the second link puts it in the
 * .ksyms section, which linker.ld places last so that no other address
 * moves. So the running kernel can name its own functions.
 */
#include "kernel/ksyms.h"

struct ksym {
    uint32_t addr;
    const char *name;
};

extern const uint32_t ksyms_count;     /* build/ksyms.S */
extern const struct ksym ksyms[];

const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
    if (ksyms_count == 0 || addr < ksyms[0].addr)
        return 0;
    uint32_t lo = 0, hi = ksyms_count;      /* ksyms[lo].addr <= addr */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ksyms[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - ksyms[lo].addr;
    return ksyms[lo].name;
}
