/* cat: copy standard input to standard output. */
#include "user/lib/runtime.h"

int main(void)
{
    static char buf[4096];
    int n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        if (write(1, buf, (size_t)n) != n)
            return 1;
    return n < 0;
}
