/*
 * A small random-number generator: xoshiro128** (Blackman and Vigna),
 * four 32-bit words of state, 32-bit arithmetic only, which an i686 does
 * in a few instructions. It is seeded from the time-stamp counter on
 * first use, and the counter is stirred in again at every call, so the
 * bytes depend on exactly when each program started; under QEMU's
 * -icount that is repeatable, which the tests like.
 *
 * This is not a cryptographic generator: nothing in the kernel relies on
 * the bytes being secret. Its users are AT_RANDOM (kernel/proc/exec.c),
 * which a C library uses for its stack-protector canary and pointer
 * guard, and getrandom (kernel/sys/sysres.c). kmain mixes in the date
 * the CMOS clock gave at boot (random_mix).
 */
#include "kernel/random.h"
#include "kernel/x86/io.h"

static uint32_t s[4];

static uint32_t rotl(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

void random_mix(uint64_t bits)
{
    s[0] ^= (uint32_t)bits;
    s[1] ^= (uint32_t)(bits >> 32);
    if (!(s[0] | s[1] | s[2] | s[3]))
        s[2] = 0x9E3779B9u;             /* the state must never be all zero */
}

static uint32_t next_word(void)
{
    uint32_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
}

void random_bytes(void *buf, uint32_t n)
{
    random_mix(rdtsc());
    uint8_t *out = buf;
    uint32_t w = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i % 4 == 0)
            w = next_word();
        out[i] = (uint8_t)(w >> (8 * (i % 4)));
    }
}
