/* A healthy demo service: warms up for a moment, says it is ready (for
 * a service with ready=, its dependents start then), and heartbeats
 * twice a second, forever. */
#include "user/lib/runtime.h"

#define WARM_UP_MS 300

int main(void)
{
    heartbeat();
    msleep(WARM_UP_MS);
    ready();
    for (;;) {
        heartbeat();
        msleep(500);
    }
}
