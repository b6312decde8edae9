/* wc: count the lines, words and bytes of standard input. A file name
 * is refused: there is no system call to open a file yet. */
#include "user/lib/runtime.h"

int main(int argc, char **argv)
{
    if (argc > 1)
        return refuse_file_arg("wc", argv[1]);
    static char buf[4096];
    uint32_t lines = 0, words = 0, bytes = 0;
    int n, in_word = 0;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (int i = 0; i < n; i++) {
            char c = buf[i];
            lines += c == '\n';
            int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            words += !space && !in_word;
            in_word = !space;
        }
        bytes += (uint32_t)n;
    }
    printf("%u %u %u\n", lines, words, bytes);
    return n < 0;
}
