/*
 * Reading numbers from words typed by a user: the whole word must be a
 * decimal number inside the range the caller allows. atoi's habit of
 * reading "abc" as 0 made `kill abc` signal the shell's own group.
 */
#ifndef LIB_NUMBERS_H
#define LIB_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

#define NUMBER_BAD   (-1)   /* not a number: empty, a stray character, a sign not allowed */
#define NUMBER_RANGE (-2)   /* a number, but outside [min, max] (or int32_t) */

/* Read all of s as a decimal number in [min, max]: 0 with *out set, or
 * NUMBER_BAD or NUMBER_RANGE with *out untouched. A leading '-' is
 * allowed only when min < 0; no '+', no spaces. */
int parse_number(const char *s, int32_t min, int32_t max, int32_t *out);

/* The same for the first len characters of s (a part of a word). */
int parse_number_n(const char *s, size_t len, int32_t min, int32_t max, int32_t *out);

/* "not a number" or "out of range", for a result of the two above. */
const char *number_error(int r);

#endif
