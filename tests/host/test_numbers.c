/* Host tests for lib/numbers.c: whole words, signs, ranges, overflow. */
#include <stdint.h>
#include "tests/host/check.h"
#include "lib/numbers.h"

/* parse_number must give want_r, and want_value when want_r is 0. */
static void parses(const char *name, const char *s, int32_t min, int32_t max, int want_r,
                   int32_t want_value)
{
    int32_t value = 12345;
    int r = parse_number(s, min, max, &value);
    check_int(name, r, want_r);
    if (want_r == 0)
        check_int(name, value, want_value);
    else
        check_int(name, value, 12345);     /* untouched on failure */
}

int main(void)
{
    parses("numbers/zero", "0", 0, 10, 0, 0);
    parses("numbers/plain", "56", 0, 100, 0, 56);
    parses("numbers/leading-zeros", "007", 0, 100, 0, 7);
    parses("numbers/letters", "abc", 0, 100, NUMBER_BAD, 0);
    parses("numbers/empty", "", 0, 100, NUMBER_BAD, 0);
    parses("numbers/trailing-letter", "12x", 0, 100, NUMBER_BAD, 0);
    parses("numbers/leading-space", " 12", 0, 100, NUMBER_BAD, 0);
    parses("numbers/trailing-space", "12 ", 0, 100, NUMBER_BAD, 0);
    parses("numbers/plus-sign", "+5", 0, 100, NUMBER_BAD, 0);
    parses("numbers/sign-only", "-", -10, 10, NUMBER_BAD, 0);
    parses("numbers/minus-not-allowed", "-3", 0, 100, NUMBER_BAD, 0);
    parses("numbers/minus-allowed", "-3", -10, 10, 0, -3);
    parses("numbers/minus-zero", "-0", -10, 10, 0, 0);
    parses("numbers/above-max", "101", 0, 100, NUMBER_RANGE, 0);
    parses("numbers/below-min", "-11", -10, 10, NUMBER_RANGE, 0);
    parses("numbers/int32-max", "2147483647", INT32_MIN, INT32_MAX, 0, INT32_MAX);
    parses("numbers/int32-min", "-2147483648", INT32_MIN, INT32_MAX, 0, INT32_MIN);
    parses("numbers/int32-max-plus-1", "2147483648", INT32_MIN, INT32_MAX, NUMBER_RANGE, 0);
    parses("numbers/int32-min-minus-1", "-2147483649", INT32_MIN, INT32_MAX, NUMBER_RANGE, 0);
    parses("numbers/wraps-uint32", "4294967296", INT32_MIN, INT32_MAX, NUMBER_RANGE, 0);
    parses("numbers/huge", "99999999999999999999", 0, INT32_MAX, NUMBER_RANGE, 0);
    parses("numbers/huge-then-letter", "99999999999999999999x", 0, INT32_MAX, NUMBER_BAD, 0);

    int32_t v = 0;
    check_int("numbers/part-of-word", parse_number_n("5/10s", 1, 0, 100, &v), 0);
    check_int("numbers/part-of-word-value", v, 5);
    check_int("numbers/empty-part", parse_number_n("/10s", 0, 0, 100, &v), NUMBER_BAD);
    check_str("numbers/error-bad", number_error(NUMBER_BAD), "not a number");
    check_str("numbers/error-range", number_error(NUMBER_RANGE), "out of range");
    return check_exit_status();
}
