/* Words are separated by one or more spaces or tabs; each separator
 * becomes a NUL. */
#include "lib/words.h"

static int is_separator(char c)
{
    return c == ' ' || c == '\t';
}

int split_words(char *s, char **words, int max)
{
    int n = 0;
    while (*s && n < max) {
        while (is_separator(*s))
            *s++ = '\0';
        if (!*s)
            break;
        words[n++] = s;
        while (*s && !is_separator(*s))
            s++;
        if (*s)
            *s++ = '\0';       /* end this word, even if it is the last kept */
    }
    return n;
}
