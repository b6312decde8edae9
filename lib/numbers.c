/* Strict decimal numbers (lib/numbers.h). */
#include "lib/numbers.h"
#include "lib/string.h"

#define MAGNITUDE_MAX 0x80000000u   /* -INT32_MIN: the largest any int32_t needs */

int parse_number_n(const char *s, size_t len, int32_t min, int32_t max, int32_t *out)
{
    size_t i = 0;
    int negative = len > 0 && s[0] == '-';
    if (negative) {
        if (min >= 0)
            return NUMBER_BAD;
        i++;
    }
    if (i == len)
        return NUMBER_BAD;
    /* Check every character before the range, so "99999999999x" is not
     * a number rather than out of range. */
    uint32_t magnitude = 0;
    int too_big = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return NUMBER_BAD;
        uint32_t digit = (uint32_t)(s[i] - '0');
        if (magnitude > (MAGNITUDE_MAX - digit) / 10)
            too_big = 1;
        else
            magnitude = magnitude * 10 + digit;
    }
    if (too_big || (!negative && magnitude > (uint32_t)INT32_MAX))
        return NUMBER_RANGE;
    /* 0u - magnitude wraps to the two's complement, INT32_MIN included. */
    int32_t value = negative ? (int32_t)(0u - magnitude) : (int32_t)magnitude;
    if (value < min || value > max)
        return NUMBER_RANGE;
    *out = value;
    return 0;
}

int parse_number(const char *s, int32_t min, int32_t max, int32_t *out)
{
    return parse_number_n(s, strlen(s), min, max, out);
}

const char *number_error(int r)
{
    return r == NUMBER_RANGE ? "out of range" : "not a number";
}
