/*
 * string - the memory and string functions of C's <string.h>.
 *
 * The kernel has no C library, so it brings its own. They behave as the C
 * standard says. GCC may also call memcpy, memmove, memset and memcmp on its
 * own (to copy a large struct, say), even with -ffreestanding, so those
 * four must exist under exactly these names.
 *
 * strlcpy is not in standard C; it comes from BSD and is the safe way to copy
 * a string into a fixed-size buffer.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

/* Set the n bytes at dst to (unsigned char)c. Returns dst. */
void *memset(void *dst, int c, size_t n);

/* Copy n bytes from src to dst, which must not overlap. Returns dst. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

/* Copy n bytes from src to dst; they may overlap. Returns dst. */
void *memmove(void *dst, const void *src, size_t n);

/*
 * Compare n bytes as unsigned chars. Returns <0, 0 or >0 as a sorts
 * before, equal to or after b. The same goes for strcmp and strncmp.
 */
int memcmp(const void *a, const void *b, size_t n);

/* The number of characters before the terminating NUL. */
size_t strlen(const char *s);

/* Like strlen, but looks at no more than max characters. */
size_t strnlen(const char *s, size_t max);

int strcmp(const char *a, const char *b);

/* Like strcmp, but compares no more than n characters. */
int strncmp(const char *a, const char *b, size_t n);

/* The first of the n bytes at s equal to (unsigned char)c, or NULL. */
void *memchr(const void *s, int c, size_t n);

/*
 * The first (strchr) or last (strrchr) occurrence of (char)c in s, or NULL.
 * The terminating NUL counts as part of s, so c == '\0' finds the end.
 */
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

/*
 * Copy the string src into dst, which holds size bytes. Copies as much as
 * fits and always NUL-terminates when size > 0. Returns strlen(src), so a
 * result >= size means src was cut short.
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

#endif /* LIB_STRING_H */
