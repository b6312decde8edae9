/*
 * test_string.c - host unit tests for lib/string.c.
 *
 * The functions under test are called by their host names, lib_memcpy and
 * so on (see rename_libc.h). Where it helps, the host C library's own
 * versions are run on the same input as the reference answer.
 */
#include <stdint.h>
#include <string.h> /* the host C library: the oracle */

#include "tests/host/check.h"

/*
 * The host library's versions, captured under their real names before
 * rename_libc.h below turns those names into lib_ ones.
 */
static void *(*const libc_memmove)(void *, const void *, size_t) = memmove;
static int (*const libc_memcmp)(const void *, const void *, size_t) = memcmp;
static int (*const libc_strcmp)(const char *, const char *) = strcmp;
static int (*const libc_strncmp)(const char *, const char *, size_t) = strncmp;

/* The code under test, declared as lib_memset, lib_memcpy, ... */
#include "tests/host/rename_libc.h"
#include "lib/string.h"

/* -1, 0 or 1: comparison functions only promise the sign of their result. */
static int sign(int x)
{
    return (x > 0) - (x < 0);
}

/* A tiny deterministic pseudo-random generator, so failures repeat. */
static uint32_t random_state = 12345;

static uint32_t next_random(void)
{
    random_state = random_state * 1103515245u + 12345u;
    return random_state >> 16;
}

/*
 * Setup helpers. They are plain loops, so that preparing a test never
 * relies on the code under test (a bare memset here would be lib_memset).
 */
static void fill(char *buf, char c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = c;
}

/* Fill buf with a recognisable pattern: 1, 2, 3, ... */
static void fill_pattern(unsigned char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)(i + 1);
}

static void test_memset(void)
{
    char buf[8] = "abcdefg";

    CHECK("string/memset-returns-dst", lib_memset(buf, 'x', 3) == buf);
    check_str("string/memset-fills-only-n-bytes", buf, "xxxdefg");

    lib_memset(buf, 0x100 + 'y', 2);
    check_str("string/memset-uses-low-byte-of-value", buf, "yyxdefg");

    lib_memset(buf, 'z', 0);
    check_str("string/memset-zero-length-writes-nothing", buf, "yyxdefg");
}

static void test_memcpy(void)
{
    char dst[8] = "-------";

    CHECK("string/memcpy-returns-dst", lib_memcpy(dst, "abc", 3) == dst);
    check_str("string/memcpy-copies-only-n-bytes", dst, "abc----");

    lib_memcpy(dst, "XYZ", 0);
    check_str("string/memcpy-zero-length-writes-nothing", dst, "abc----");
}

/*
 * Move n bytes from offset from to offset to, with lib_memmove in one
 * buffer and the host memmove in an identical one. Reports a failure and
 * returns false if the buffers end up different.
 */
static bool memmove_matches_libc(const char *name, size_t to, size_t from,
                 size_t n)
{
    unsigned char ours[32], theirs[32];

    fill_pattern(ours, sizeof ours);
    fill_pattern(theirs, sizeof theirs);
    lib_memmove(ours + to, ours + from, n);
    libc_memmove(theirs + to, theirs + from, n);
    if (libc_memcmp(ours, theirs, sizeof ours) != 0) {
        check_fail(name, "differs for to=%zu from=%zu n=%zu", to, from,
               n);
        return false;
    }
    return true;
}

static void test_memmove(void)
{
    char buf[16];

    /* (strcpy is not in lib/string, so it is the host's.) */

    /* dst after src: a forward byte-by-byte copy would smear "ab" along. */
    strcpy(buf, "abcdef");
    CHECK("string/memmove-returns-dst", lib_memmove(buf + 2, buf,
          4) == buf + 2);
    check_str("string/memmove-overlap-forward", buf, "ababcd");

    /* dst before src. */
    strcpy(buf, "abcdef");
    lib_memmove(buf, buf + 2, 4);
    check_str("string/memmove-overlap-backward", buf, "cdefef");

    strcpy(buf, "abcdef");
    lib_memmove(buf, buf, 6);
    check_str("string/memmove-same-place", buf, "abcdef");

    /*
     * Every length and every pair of offsets within a small buffer,
     * compared against the host memmove.
     */
    const char *name = "string/memmove-matches-libc-all-overlaps";
    bool ok = true;

    for (size_t n = 0; n <= 16 && ok; n++) {
        for (size_t from = 0; from + n <= 32 && ok; from++) {
            for (size_t to = 0; to + n <= 32 && ok; to++)
                ok = memmove_matches_libc(name, to, from, n);
        }
    }
    if (ok)
        check_pass(name);
}

static void test_memcmp(void)
{
    CHECK("string/memcmp-equal", lib_memcmp("abc", "abc", 3) == 0);
    CHECK("string/memcmp-less", lib_memcmp("abc", "abd", 3) < 0);
    CHECK("string/memcmp-greater", lib_memcmp("abd", "abc", 3) > 0);
    CHECK("string/memcmp-stops-after-n", lib_memcmp("abX", "abY", 2) == 0);
    CHECK("string/memcmp-zero-length-is-equal", lib_memcmp("a", "b",
          0) == 0);
    CHECK("string/memcmp-does-not-stop-at-nul",
          lib_memcmp("a\0b", "a\0c", 3) < 0);
    /* 0x80 is negative as a signed char but must compare as 128. */
    CHECK("string/memcmp-bytes-are-unsigned",
          lib_memcmp("\x80", "\x01", 1) > 0);

    /* Random short buffers over a small alphabet, so many are equal. */
    const char *name = "string/memcmp-sign-matches-libc";
    bool ok = true;

    for (int round = 0; round < 2000 && ok; round++) {
        unsigned char a[6], b[6];

        for (size_t i = 0; i < sizeof a; i++) {
            a[i] = (unsigned char)(0x7f + next_random() % 3);
            b[i] = (unsigned char)(0x7f + next_random() % 3);
        }
        size_t n = next_random() % (sizeof a + 1);
        int got = sign(lib_memcmp(a, b, n));
        int want = sign(libc_memcmp(a, b, n));

        if (got != want) {
            check_fail(name, "round %d: sign %d want %d", round,
                   got, want);
            ok = false;
        }
    }
    if (ok)
        check_pass(name);
}

static void test_strlen(void)
{
    check_int("string/strlen-empty", (long long)lib_strlen(""), 0);
    check_int("string/strlen-counts-to-nul", (long long)lib_strlen("hello"),
          5);
    check_int("string/strlen-stops-at-first-nul",
          (long long)lib_strlen("ab\0cd"), 2);

    check_int("string/strnlen-shorter-than-max",
          (long long)lib_strnlen("abc", 10), 3);
    check_int("string/strnlen-stops-at-max",
          (long long)lib_strnlen("abcdef", 4), 4);
    check_int("string/strnlen-zero-max", (long long)lib_strnlen("abc", 0),
          0);

    /* No NUL at all: AddressSanitizer would catch a read past the array. */
    char no_nul[4] = { 'w', 'x', 'y', 'z' };
    check_int("string/strnlen-reads-no-further-than-max",
          (long long)lib_strnlen(no_nul, sizeof no_nul), 4);
}

static void test_strcmp(void)
{
    CHECK("string/strcmp-equal", lib_strcmp("abc", "abc") == 0);
    CHECK("string/strcmp-empty-strings-equal", lib_strcmp("", "") == 0);
    CHECK("string/strcmp-less", lib_strcmp("abc", "abd") < 0);
    CHECK("string/strcmp-greater", lib_strcmp("b", "abc") > 0);
    CHECK("string/strcmp-prefix-sorts-first", lib_strcmp("ab", "abc") < 0);
    CHECK("string/strcmp-longer-sorts-after", lib_strcmp("abc", "ab") > 0);
    CHECK("string/strcmp-chars-are-unsigned", lib_strcmp("\xe9", "a") > 0);

    CHECK("string/strncmp-equal-within-n", lib_strncmp("abcX", "abcY",
          3) == 0);
    CHECK("string/strncmp-differs-within-n", lib_strncmp("abX", "abY",
          3) < 0);
    CHECK("string/strncmp-zero-length-is-equal", lib_strncmp("a", "b",
          0) == 0);
    CHECK("string/strncmp-stops-at-nul",
          lib_strncmp("ab\0X", "ab\0Y", 4) == 0);
    CHECK("string/strncmp-prefix-sorts-first", lib_strncmp("ab", "abc",
          5) < 0);
    CHECK("string/strncmp-chars-are-unsigned", lib_strncmp("\xe9", "a",
          1) > 0);

    /* Random short strings: some are prefixes of others; bytes >= 0x80. */
    const char *name = "string/strcmp-strncmp-sign-matches-libc";
    bool ok = true;

    for (int round = 0; round < 2000 && ok; round++) {
        char a[5] = { 0 }, b[5] = { 0 };

        for (size_t i = 0, len = next_random() % 5; i < len; i++)
            a[i] = (char)(0x7f + next_random() % 3);
        for (size_t i = 0, len = next_random() % 5; i < len; i++)
            b[i] = (char)(0x7f + next_random() % 3);
        size_t n = next_random() % 6;

        if (sign(lib_strcmp(a, b)) != sign(libc_strcmp(a, b)) ||
            sign(lib_strncmp(a, b, n)) != sign(libc_strncmp(a, b, n))) {
            check_fail(name, "round %d: signs differ (n=%zu)",
                   round, n);
            ok = false;
        }
    }
    if (ok)
        check_pass(name);
}

static void test_memchr(void)
{
    const char s[] = "ab\0cb";
    CHECK("string/memchr-finds-first", lib_memchr(s, 'b', 5) == s + 1);
    CHECK("string/memchr-passes-nul", lib_memchr(s, 'c', 5) == s + 3);
    CHECK("string/memchr-stops-at-n", lib_memchr(s, 'c', 3) == NULL);
    CHECK("string/memchr-zero-length", lib_memchr(s, 'a', 0) == NULL);
    CHECK("string/memchr-high-byte", lib_memchr("\xff", 0xff, 1) != NULL);
}

static void test_strchr(void)
{
    const char *s = "hello";

    CHECK("string/strchr-finds-first", lib_strchr(s, 'l') == s + 2);
    CHECK("string/strchr-missing-is-null", lib_strchr(s, 'z') == NULL);
    CHECK("string/strchr-nul-finds-terminator", lib_strchr(s,
          '\0') == s + 5);
    CHECK("string/strchr-empty-string", lib_strchr("", 'a') == NULL);
    /* c arrives as an int such as 0xe9 and is compared as a char. */
    const char *accent = "caf\xe9";
    CHECK("string/strchr-high-byte", lib_strchr(accent,
          0xe9) == accent + 3);

    CHECK("string/strrchr-finds-last", lib_strrchr(s, 'l') == s + 3);
    CHECK("string/strrchr-single-match", lib_strrchr(s, 'h') == s);
    CHECK("string/strrchr-missing-is-null", lib_strrchr(s, 'z') == NULL);
    CHECK("string/strrchr-nul-finds-terminator", lib_strrchr(s,
          '\0') == s + 5);
}

static void test_strlcpy(void)
{
    char buf[8];

    fill(buf, '#', sizeof buf);
    check_int("string/strlcpy-returns-source-length",
          (long long)lib_strlcpy(buf, "abc", sizeof buf), 3);
    check_str("string/strlcpy-copies-when-it-fits", buf, "abc");

    fill(buf, '#', sizeof buf);
    check_int("string/strlcpy-truncation-returns-full-length",
          (long long)lib_strlcpy(buf, "abcdefghijk", sizeof buf), 11);
    check_str("string/strlcpy-truncates-and-terminates", buf, "abcdefg");

    fill(buf, '#', sizeof buf);
    lib_strlcpy(buf, "abcdefg", sizeof buf);
    check_str("string/strlcpy-exact-fit", buf, "abcdefg");

    fill(buf, '#', sizeof buf);
    lib_strlcpy(buf, "abc", 1);
    CHECK("string/strlcpy-size-one-gives-empty-string",
          buf[0] == '\0' && buf[1] == '#');

    fill(buf, '#', sizeof buf);
    check_int("string/strlcpy-size-zero-returns-length",
          (long long)lib_strlcpy(buf, "abc", 0), 3);
    CHECK("string/strlcpy-size-zero-writes-nothing", buf[0] == '#');
}

int main(void)
{
    test_memset();
    test_memcpy();
    test_memmove();
    test_memcmp();
    test_strlen();
    test_strcmp();
    test_memchr();
    test_strchr();
    test_strlcpy();
    return check_exit_status();
}
