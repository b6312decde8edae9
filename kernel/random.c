/*
 * A small random-number generator: a 64-bit counter that moves by an odd
 * constant, scrambled by two multiply-xorshift rounds (the "splitmix"
 * construction). The time-stamp counter is added at every call, so the
 * sequence depends on exactly when each program started; under QEMU's
 * -icount that is repeatable, which the tests like.
 *
 * This is not a cryptographic generator: nothing in the kernel relies on
 * the bytes being secret. Its one user is AT_RANDOM (kernel/proc/exec.c),
 * which a C library uses for its stack-protector canary and pointer
 * guard. A better seed (the real-time clock, say) goes in through
 * random_mix.
 */
#include "kernel/random.h"
#include "kernel/x86/io.h"

#define STEP 0x9E3779B97F4A7C15ull      /* 2^64 / golden ratio, odd */

static uint64_t state;

void random_mix(uint64_t bits)
{
    state ^= bits;
}

static uint64_t next_word(void)
{
    state += STEP + rdtsc();
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void random_bytes(void *buf, uint32_t n)
{
    uint8_t *out = buf;
    uint64_t word = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i % 8 == 0)
            word = next_word();
        out[i] = (uint8_t)(word >> (8 * (i % 8)));
    }
}
