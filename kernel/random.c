/*
 * Random bytes: a small generator, seeded on first use from the date
 * the CMOS clock gave at boot and the CPU's time-stamp counter, which
 * differs from boot to boot by how long the firmware and the loader
 * took. Each call also stirs in the counter again, so processes that
 * ask at different moments get different streams.
 *
 * The generator is the "splitmix" construction: a 64-bit state that
 * steps by a fixed odd constant, each step scrambled by multiplications
 * and shifts into 8 output bytes. It is fast, tiny and statistically
 * good, but NOT cryptographic: whoever sees enough output can work out
 * the state. Good enough for hash seeds, stack canaries against
 * accidents and test data; a kernel that must resist attackers needs a
 * real entropy pool and a cipher-based generator (exercise).
 */
#include "kernel/random.h"
#include "kernel/x86/rtc.h"
#include "kernel/x86/io.h"
#include "lib/string.h"

#define STEP 0x9E3779B97F4A7C15ull     /* 2^64 / golden ratio, odd */

static uint64_t state;
static int seeded;

static uint64_t next(void)
{
    uint64_t z = (state += STEP);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void random_bytes(void *buf, uint32_t n)
{
    if (!seeded) {
        state = rtc_boot_ns();
        seeded = 1;
    }
    state ^= rdtsc();
    uint8_t *out = buf;
    while (n > 0) {
        uint64_t v = next();
        uint32_t k = n < sizeof v ? n : sizeof v;
        memcpy(out, &v, k);
        out += k;
        n -= k;
    }
}
