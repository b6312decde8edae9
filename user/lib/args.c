/*
 * Checking a program's arguments, with one wording for every program:
 * "sleep: abc: not a number", "wc: nosuchfile: no such file".
 */
#include "user/lib/runtime.h"

int number_arg(const char *prog, const char *word, int32_t min, int32_t max, int32_t *out)
{
    int r = parse_number(word, min, max, out);
    if (r < 0)
        dprintf(2, "%s: %s: %s\n", prog, word, number_error(r));
    return r < 0 ? -1 : 0;
}

int open_arg(const char *prog, const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        dprintf(2, "%s: %s: %s\n", prog, path, error_text(fd));
    return fd < 0 ? -1 : fd;
}
