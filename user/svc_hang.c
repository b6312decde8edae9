/* A demo service that hangs: alive for two seconds, then it stops its
 * heartbeat and spins, and the guardian's watchdog catches it. */
#include "user/lib/runtime.h"

int main(void)
{
    for (int i = 0; i < 4; i++) {
        heartbeat();
        msleep(500);
    }
    for (;;)
        ;
}
