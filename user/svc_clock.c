/* A healthy demo service: heartbeats twice a second, forever. */
#include "user/lib/runtime.h"

int main(void)
{
    for (;;) {
        heartbeat();
        msleep(500);
    }
}
