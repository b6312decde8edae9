/* Host tests for lib/words.c: splitting the command line and shell lines. */
#include "tests/host/check.h"
#include "lib/words.h"

static void splits(const char *name, const char *line, int max, int want_n,
                   const char *const *want)
{
    char buf[128], *words[8];
    strcpy(buf, line);
    int n = split_words(buf, words, max);
    check_int(name, n, want_n);
    for (int i = 0; i < n && i < want_n; i++)
        check_str(name, words[i], want[i]);
}

int main(void)
{
    splits("words/empty-line", "", 8, 0, 0);
    splits("words/only-spaces", "    ", 8, 0, 0);
    splits("words/one-word", "ps", 8, 1, (const char *const[]){ "ps" });
    splits("words/spaces-around", "  kill  3   9 ", 8, 3,
           (const char *const[]){ "kill", "3", "9" });
    splits("words/key-values", "/boot/kernel.elf hz=250 -- a", 8, 4,
           (const char *const[]){ "/boot/kernel.elf", "hz=250", "--", "a" });
    splits("words/tabs-separate", "echo\ta \t b\t", 8, 3,
           (const char *const[]){ "echo", "a", "b" });
    splits("words/stops-at-max", "a b c d e", 3, 3, (const char *const[]){ "a", "b", "c" });
    return check_exit_status();
}
