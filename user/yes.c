/* yes [WORD]: print WORD (default y) forever, until the reader goes away
 * (then SIGPIPE ends it, as on Linux). */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    char line[128];
    int n = format_buf(line, sizeof line, "%s\n", argc > 1 ? argv[1] : "y");
    if (n >= (int)sizeof line)
        n = sizeof line - 1;
    static char buf[4096];
    int len = 0;
    while (len + n <= (int)sizeof buf) {    /* whole lines, a page at a time */
        memcpy(buf + len, line, (size_t)n);
        len += n;
    }
    for (;;)
        if (write(1, buf, (size_t)len) < 0)
            return 1;
}
