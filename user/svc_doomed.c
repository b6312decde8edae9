/* A demo service that can never start: it fails at once, every time,
 * until the guardian gives up on it. */
#include "user/lib/runtime.h"

int main(void)
{
    dprintf(2, "svc_doomed: missing configuration, giving up\n");
    return 1;
}
