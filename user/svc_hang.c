/* A demo service that hangs: alive for two seconds, then it stops its
 * heartbeat and spins, and the guardian's watchdog catches it. The spin
 * is a function of its own, so that the report names where it hung
 * ("hung in spin_forever", guardlog -v and the timeline). */
#include "user/lib/runtime.h"

/* The counter on the stack gives the function a frame of its own: GCC
 * leaves the frame pointer out of a leaf function that needs no stack,
 * and the report would then skip it. */
__attribute__((noinline, noreturn)) static void spin_forever(void)
{
    volatile uint32_t spins = 0;
    for (;;)
        spins++;
}

int main(void)
{
    for (int i = 0; i < 4; i++) {
        heartbeat();
        msleep(500);
    }
    spin_forever();
}
