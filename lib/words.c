/* Words are separated by one or more spaces; each space becomes a NUL. */
#include "lib/words.h"

int split_words(char *s, char **words, int max)
{
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ')
            *s++ = '\0';
        if (!*s)
            break;
        words[n++] = s;
        while (*s && *s != ' ')
            s++;
        if (*s)
            *s++ = '\0';       /* end this word, even if it is the last kept */
    }
    return n;
}
