/*
 * test_format.c - host unit tests for lib/format.c.
 *
 * Most cases print the same thing with format_buf and with the host's
 * snprintf and expect identical results. Where this formatter deliberately
 * differs from the host's (%p, "(null)", unknown conversions), or where a
 * detail matters on its own (truncation), the expected text is spelled out.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "tests/host/check.h"

#include "lib/format.h"

/*
 * Format with both format_buf and the host's vsnprintf, and pass if the two
 * agree: on the text, on the returned length, and on the cut-off text when
 * the buffer is only 4 bytes long.
 */
__attribute__((format(printf, 2, 3)))
static void same_as_libc(const char *name, const char *fmt, ...)
{
    char got[256], want[256], got_short[4], want_short[4];
    va_list ap;

    va_start(ap, fmt);
    int got_len = format_buf_v(got, sizeof got, fmt, ap);
    va_end(ap);
    va_start(ap, fmt);
    int want_len = vsnprintf(want, sizeof want, fmt, ap);
    va_end(ap);
    va_start(ap, fmt);
    format_buf_v(got_short, sizeof got_short, fmt, ap);
    va_end(ap);
    va_start(ap, fmt);
    vsnprintf(want_short, sizeof want_short, fmt, ap);
    va_end(ap);

    if (strcmp(got, want) != 0)
        check_fail(name, "got \"%s\" want \"%s\"", got, want);
    else if (got_len != want_len)
        check_fail(name, "returned %d want %d", got_len, want_len);
    else if (strcmp(got_short, want_short) != 0)
        check_fail(name, "truncated to \"%s\" want \"%s\"", got_short,
               want_short);
    else
        check_pass(name);
}

/*
 * Format with format_buf and compare with an expected string. This has no
 * format attribute on purpose: some cases use formats that GCC would
 * rightly warn about, such as "%q".
 */
static void expect(const char *name, const char *want, const char *fmt, ...)
{
    char got[256];
    va_list ap;

    va_start(ap, fmt);
    int got_len = format_buf_v(got, sizeof got, fmt, ap);
    va_end(ap);

    if (strcmp(got, want) != 0)
        check_fail(name, "got \"%s\" want \"%s\"", got, want);
    else if (got_len != (int)strlen(want))
        check_fail(name, "returned %d want %zu", got_len, strlen(want));
    else
        check_pass(name);
}

static void test_integers(void)
{
    same_as_libc("format/plain-text", "hello, world");
    same_as_libc("format/d-zero", "%d", 0);
    same_as_libc("format/d-positive", "%d", 42);
    same_as_libc("format/d-negative", "%d", -42);
    same_as_libc("format/i-same-as-d", "%i", -7);
    same_as_libc("format/d-int-max", "%d", INT_MAX);
    same_as_libc("format/d-int-min", "%d", INT_MIN);
    same_as_libc("format/u-zero", "%u", 0u);
    same_as_libc("format/u-uint-max", "%u", UINT_MAX);
    same_as_libc("format/x-lowercase", "%x", 0xdeadbeefu);
    same_as_libc("format/X-uppercase", "%X", 0xdeadbeefu);
    same_as_libc("format/x-zero", "%x", 0u);
    same_as_libc("format/x-all-ones", "%x", UINT_MAX);
    same_as_libc("format/many-arguments-in-order",
             "%d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8,
             9, 10);
}

static void test_width_and_flags(void)
{
    same_as_libc("format/width-right-justifies", "[%5d]", 42);
    same_as_libc("format/width-right-justifies-negative", "[%5d]", -5);
    same_as_libc("format/width-smaller-than-number", "[%2d]", 12345);
    same_as_libc("format/left-justify", "[%-5d]", 42);
    same_as_libc("format/left-justify-negative", "[%-5d]", -42);
    same_as_libc("format/zero-pad", "[%05d]", 42);
    same_as_libc("format/zero-pad-negative", "[%05d]", -42);
    same_as_libc("format/zero-pad-int-min", "[%012d]", INT_MIN);
    same_as_libc("format/zero-pad-hex", "%08x", 0xbeefu);
    same_as_libc("format/zero-pad-upper-hex", "%08X", 0xbeefu);
    same_as_libc("format/left-justify-hex", "[%-8x]", 0xbeefu);
    same_as_libc("format/star-width", "[%*d]", 6, 42);
    same_as_libc("format/star-negative-width-left-justifies", "[%*d]", -6,
             42);
    same_as_libc("format/star-width-zero-pad", "[%0*x]", 6, 0xabu);
    /* GCC warns about '-' with '0', so this case is spelled out. */
    expect("format/left-justify-beats-zero-pad", "[42   ]", "[%-05d]", 42);
}

static void test_integer_precision(void)
{
    same_as_libc("format/precision-min-digits", "%.5d", 42);
    same_as_libc("format/precision-min-digits-negative", "%.5d", -42);
    same_as_libc("format/precision-shorter-than-number", "%.2d", 12345);
    same_as_libc("format/precision-with-width", "[%8.5d]", -42);
    same_as_libc("format/precision-with-left-justify", "[%-8.5d]", 42);
    /* GCC warns about '0' with a precision, so this case is spelled out. */
    expect("format/precision-disables-zero-pad", "[     042]", "[%08.3d]",
           42);
    same_as_libc("format/precision-zero-prints-no-digits-for-zero",
             "[%.0d]", 0);
    same_as_libc("format/precision-zero-with-width", "[%3.0d]", 0);
    same_as_libc("format/precision-dot-alone-is-zero", "[%.d]", 0);
    same_as_libc("format/precision-zero-nonzero-value", "[%.0d]", 7);
    same_as_libc("format/precision-hex", "%.4x", 0xau);
    same_as_libc("format/star-precision", "%.*d", 4, 7);
    same_as_libc("format/star-negative-precision-is-ignored", "[%.*d]", -3,
             7);
}

static void test_long_sizes(void)
{
    same_as_libc("format/ld-long-min", "%ld", LONG_MIN);
    same_as_libc("format/ld-long-max", "%ld", LONG_MAX);
    same_as_libc("format/lu-ulong-max", "%lu", ULONG_MAX);
    same_as_libc("format/lx-long-hex", "%lx", 0x12345678ul);
    same_as_libc("format/lld-llong-min", "%lld", LLONG_MIN);
    same_as_libc("format/lld-llong-max", "%lld", LLONG_MAX);
    same_as_libc("format/lld-negative-one", "%lld", -1ll);
    same_as_libc("format/llu-ullong-max", "%llu", ULLONG_MAX);
    same_as_libc("format/llx-64-bit-hex", "%llx", 0x123456789abcdef0ull);
    same_as_libc("format/llX-64-bit-upper-hex", "%llX",
             0xfedcba9876543210ull);
    same_as_libc("format/llu-tsc-value", "tsc=%llu",
             1234567890123456789ull);
    same_as_libc("format/llu-just-above-32-bits", "%llu", 4294967296ull);
    same_as_libc("format/zero-pad-long-long", "[%024llu]",
             98765432109876ull);
    same_as_libc("format/ll-then-int-stays-aligned", "%lld %d %llx %d",
             -5ll, 6, 0xffffffffffull, 7);
}

static void test_strings_and_chars(void)
{
    same_as_libc("format/s-plain", "%s", "text");
    same_as_libc("format/s-empty", "[%s]", "");
    same_as_libc("format/s-width", "[%10s]", "right");
    same_as_libc("format/s-left-justify", "[%-10s]", "left");
    same_as_libc("format/s-precision-cuts", "[%.3s]", "abcdef");
    same_as_libc("format/s-precision-longer-than-string", "[%.10s]", "abc");
    same_as_libc("format/s-star-precision", "[%.*s]", 2, "abcdef");
    same_as_libc("format/s-width-and-precision", "[%6.2s]", "abcdef");
    same_as_libc("format/c-char", "%c", 'A');
    same_as_libc("format/c-width", "[%3c]", 'B');
    same_as_libc("format/c-left-justify", "[%-3c]", 'C');
    same_as_libc("format/percent-literal", "100%%");
    same_as_libc("format/mixed", "%s=%d (0x%04X)%c", "irq", 14, 0x2eu, '!');

    /* The precision bounds the read: this array has no NUL terminator. */
    char no_nul[3] = { 'x', 'y', 'z' };
    expect("format/s-precision-reads-no-further", "[xy]", "[%.2s]", no_nul);

    expect("format/s-null-prints-null", "(null)", "%s", (char *)NULL);
    expect("format/s-null-with-width", "[  (null)]", "[%8s]", (char *)NULL);
}

static void test_pointers(void)
{
    /* "0x" and every hex digit: 8 on i386, 16 on a 64-bit host. */
    bool small = sizeof(void *) == 4;

    expect("format/p-zero-padded-lowercase",
           small ? "0x00abcdef" : "0x0000000000abcdef", "%p",
           (void *)(uintptr_t)0xabcdef);
    expect("format/p-null", small ? "0x00000000" : "0x0000000000000000",
           "%p", (void *)NULL);
    expect("format/p-left-justify",
           small ? "[0x00001234  ]" : "[0x0000000000001234  ]",
           small ? "[%-12p]" : "[%-20p]", (void *)(uintptr_t)0x1234);
}

static void test_unknown_conversions(void)
{
    expect("format/unknown-conversion-printed-literally", "%q", "%q");
    expect("format/unknown-conversion-in-text", "a%qb", "a%qb");
    expect("format/unknown-conversion-keeps-flags-and-width", "%-5q",
           "%-5q");
    expect("format/unknown-conversion-uses-no-argument", "%q 5", "%q %d",
           5);
    expect("format/trailing-percent", "50%", "50%");
    expect("format/trailing-incomplete-conversion", "x%-5", "x%-5");
    expect("format/empty-format", "", "");
}

static void test_buffer_truncation(void)
{
    char buf[8];
    int n;

    memset(buf, 'X', sizeof buf);
    n = format_buf(buf, 0, "hello");
    CHECK("format_buf/size-zero-writes-nothing", buf[0] == 'X');
    check_int("format_buf/size-zero-returns-full-length", n, 5);

    check_int("format_buf/size-zero-null-buffer-measures",
          format_buf(NULL, 0, "%d", 12345), 5);

    memset(buf, 'X', sizeof buf);
    n = format_buf(buf, 1, "hello");
    CHECK("format_buf/size-one-gives-empty-string",
          buf[0] == '\0' && buf[1] == 'X');
    check_int("format_buf/size-one-returns-full-length", n, 5);

    memset(buf, 'X', sizeof buf);
    n = format_buf(buf, 6, "hello");
    CHECK("format_buf/exact-fit", strcmp(buf,
          "hello") == 0 && buf[6] == 'X');
    check_int("format_buf/exact-fit-returns-length", n, 5);

    memset(buf, 'X', sizeof buf);
    n = format_buf(buf, 5, "hello");
    CHECK("format_buf/one-short-truncates-and-terminates",
          strcmp(buf, "hell") == 0 && buf[5] == 'X');
    check_int("format_buf/one-short-returns-full-length", n, 5);

    memset(buf, 'X', sizeof buf);
    n = format_buf(buf, 4, "%d|%s", 123456, "abc");
    CHECK("format_buf/truncates-inside-conversion", strcmp(buf,
          "123") == 0);
    check_int("format_buf/truncated-returns-full-length", n, 10);
}

/* A sink that counts characters, to check format_v's return value. */
static void count_sink(void *ctx, char c)
{
    (void)c;
    ++*(int *)ctx;
}

static int count_with_format_v(int *seen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = format_v(count_sink, seen, fmt, ap);
    va_end(ap);
    return n;
}

static void test_sink(void)
{
    int seen = 0;
    int n = count_with_format_v(&seen, "[%5d|%-3s|%%]", 42, "ab");

    CHECK("format_v/returns-characters-emitted", n == 13 && seen == 13);

    /* %c of '\0' is a real character: it is emitted and counted. */
    seen = 0;
    n = count_with_format_v(&seen, "a%cb", '\0');
    CHECK("format_v/c-nul-is-emitted", n == 3 && seen == 3);
}

int main(void)
{
    test_integers();
    test_width_and_flags();
    test_integer_precision();
    test_long_sizes();
    test_strings_and_chars();
    test_pointers();
    test_unknown_conversions();
    test_buffer_truncation();
    test_sink();
    return check_exit_status();
}
