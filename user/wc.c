/* wc [FILE]: count the lines, words and bytes of a file, or of standard
 * input when none is named. */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    int fd = 0;
    if (argc > 1 && (fd = open_arg("wc", argv[1])) < 0)
        return 1;
    static char buf[4096];
    uint32_t lines = 0, words = 0, bytes = 0;
    int n, in_word = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (int i = 0; i < n; i++) {
            char c = buf[i];
            lines += c == '\n';
            int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            words += !space && !in_word;
            in_word = !space;
        }
        bytes += (uint32_t)n;
    }
    if (n < 0) {
        dprintf(2, "wc: %s: %s\n", argc > 1 ? argv[1] : "-", error_text(n));
        return 1;
    }
    if (argc > 1)
        printf("%u %u %u %s\n", lines, words, bytes, argv[1]);
    else
        printf("%u %u %u\n", lines, words, bytes);
    return 0;
}
