/*
 * Is the word at esp the return address of a function without a frame?
 * (lib/leafcall.h)
 *
 * A function with a frame begins with the three bytes 55 89 e5:
 *
 *     push %ebp
 *     mov  %esp, %ebp
 *
 * After them, ebp is its own frame and the chain is complete. Before
 * them, on the first instruction, the return address is at esp. (On the
 * second, esp holds the caller's ebp and the return address is the word
 * above, which the report does not have: no guess then.) A function that
 * does not begin so has no frame at all, and as it calls nothing (GCC
 * leaves the frame out only of leaf functions), esp still points at its
 * return address, unless it saved registers on the stack first.
 *
 * So the word is checked to be a return address: the bytes before it
 * must be a call. A direct call (e8 and a 32-bit displacement) must call
 * the very function holding eip. An indirect call (ff /2: call through a
 * register or memory) can only be checked for its shape: an ff byte whose
 * ModRM byte says "call" (reg field 2) and whose length, from the ModRM
 * and SIB bytes, ends exactly at the word. (Intel SDM Vol. 2, 2.1: ModRM
 * is mod:2 reg:3 rm:3; rm 4 with mod != 3 brings a SIB byte; mod 1 adds
 * an 8-bit displacement, mod 2 a 32-bit one, and mod 0 with rm 5, or
 * with a SIB byte whose base is 5, a 32-bit one.)
 */
#include "lib/leafcall.h"
#include "lib/elfsym.h"

#define OP_PUSH_EBP  0x55
#define OP_MOV_RM    0x89
#define MODRM_ESP_EBP 0xe5      /* mov %esp, %ebp */
#define OP_CALL_REL  0xe8
#define OP_GROUP5    0xff       /* ff /2 is an indirect call */
#define CALL_REL_LEN 5
#define CALL_MAX_LEN 7          /* ff, ModRM, SIB, a 32-bit displacement */

/* The length of an ff /2 instruction from its ModRM (and SIB) byte, or 0
 * when ModRM's reg field is not 2. */
static uint32_t indirect_call_length(uint8_t modrm, uint8_t sib)
{
    uint32_t mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
    if (reg != 2)
        return 0;
    if (mod == 3)
        return 2;                               /* call *%reg */
    uint32_t len = 2 + (rm == 4);               /* opcode, ModRM, SIB */
    if (mod == 1)
        return len + 1;
    if (mod == 2)
        return len + 4;
    if (rm == 5 || (rm == 4 && (sib & 7) == 5))
        return len + 4;                         /* an absolute address */
    return len;
}

/* Do the bytes before ret end with a call (to target, when direct)? */
static int call_before(const void *file, uint32_t size, uint32_t ret, uint32_t target)
{
    uint8_t code[CALL_MAX_LEN];
    if (ret < CALL_MAX_LEN || !elfsym_code(file, size, ret - CALL_MAX_LEN, code, CALL_MAX_LEN))
        return 0;
    const uint8_t *end = code + CALL_MAX_LEN;   /* the byte at ret */
    if (end[-CALL_REL_LEN] == OP_CALL_REL) {
        uint32_t rel = end[-4] | (uint32_t)end[-3] << 8 | (uint32_t)end[-2] << 16 |
                       (uint32_t)end[-1] << 24;
        if (ret + rel == target)
            return 1;
    }
    for (uint32_t len = 2; len <= CALL_MAX_LEN; len++)
        if (end[-(int)len] == OP_GROUP5 &&
            indirect_call_length(end[1 - (int)len], len > 2 ? end[2 - (int)len] : 0) == len)
            return 1;
    return 0;
}

int leafcall_caller(const void *file, uint32_t size, uint32_t eip, uint32_t word_at_esp)
{
    struct elf_symbol fn, caller;
    uint8_t start[3];
    if (!elfsym_lookup(file, size, eip, &fn) || word_at_esp == 0 ||
        !elfsym_code(file, size, eip - fn.offset, start, sizeof start))
        return 0;
    int has_frame = start[0] == OP_PUSH_EBP && start[1] == OP_MOV_RM &&
                    start[2] == MODRM_ESP_EBP;
    if (has_frame && fn.offset != 0)
        return 0;               /* set up (or half: then the word is the saved ebp) */
    return elfsym_lookup(file, size, word_at_esp - 1, &caller) &&
           call_before(file, size, word_at_esp, eip - fn.offset);
}
