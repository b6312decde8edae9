/* cat [FILE...]: copy each file, or standard input when none is named,
 * to standard output. */
#include "user/lib/runtime.h"

static int copy(int fd)
{
    static char buf[4096];
    int n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(1, buf, (size_t)n) != n)
            return -1;
    return n;
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return copy(0) < 0;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int fd = open_arg("cat", argv[i]);
        if (fd < 0) {
            status = 1;
            continue;
        }
        int r = copy(fd);
        if (r < 0) {
            dprintf(2, "cat: %s: %s\n", argv[i], error_text(r));
            status = 1;
        }
        close(fd);
    }
    return status;
}
