/* A demo service that crashes now and then, each time a different way.
 * It says it is ready at once (for a service with ready=). */
#include "user/lib/runtime.h"

static uint32_t random_below(uint32_t n)
{
    uint64_t t;
    __asm__ volatile("rdtsc" : "=A"(t));
    return (uint32_t)(t ^ (t >> 17)) % n;
}

int main(void)
{
    ready();
    msleep(1000 + random_below(3000));      /* a few seconds of good service */
    switch (random_below(4)) {
    case 0:
        return *(volatile int *)0;  /* cppcheck-suppress nullPointer ; NOLINT: SIGSEGV */
    case 1: {
        volatile int seven = 7, zero = 0;
        return seven / zero;        /* cppcheck-suppress zerodiv ; NOLINT: SIGFPE */
    }
    case 2:
        __asm__ volatile("ud2");                    /* SIGILL */
        return 0;
    default:
        *(volatile int *)0xC0000000 = 1;            /* SIGSEGV: the kernel */
        return 0;
    }
}
