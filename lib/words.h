/* Splitting a line into words, for the kernel command line and the shell. */
#ifndef LIB_WORDS_H
#define LIB_WORDS_H

/* Cut s in place at its spaces and tabs; words[] points at up to max words.
 * Returns how many. */
int split_words(char *s, char **words, int max);

#endif
