/*
 * check.h - the little shared harness for the host unit tests.
 *
 * Every test case prints exactly one line, which a runner counts:
 *
 *     PASS: <name>
 *     FAIL: <name>: <reason>
 *
 * Name cases after the behaviour they check, e.g. "string/memmove-overlap".
 * main() ends with "return check_exit_status();", which is 0 if every case
 * passed and 1 otherwise.
 *
 * Include this before tests/host/rename_libc.h, so that the strcmp used here
 * is the host C library's and not the code under test.
 */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* How many cases have failed so far. */
static int check_failures;

static inline void check_pass(const char *name)
{
    printf("PASS: %s\n", name);
    /* Flush now, so the line survives if a later case crashes. */
    fflush(stdout);
}

/* Report a failed case; the reason is formatted like printf. */
__attribute__((format(printf, 2, 3)))
static inline void check_fail(const char *name, const char *fmt, ...)
{
    va_list ap;

    printf("FAIL: %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    check_failures++;
}

/* A case that passes when a condition holds; a failure quotes the condition. */
#define CHECK(name, cond) check_true((name), (cond), #cond)

static inline void check_true(const char *name, bool ok, const char *cond_text)
{
    if (ok)
        check_pass(name);
    else
        check_fail(name, "expected %s", cond_text);
}

/* A case that passes when two strings are equal. */
static inline void check_str(const char *name, const char *got,
                 const char *want)
{
    if (strcmp(got, want) == 0)
        check_pass(name);
    else
        check_fail(name, "got \"%s\" want \"%s\"", got, want);
}

/* A case that passes when two integers are equal. */
static inline void check_int(const char *name, long long got, long long want)
{
    if (got == want)
        check_pass(name);
    else
        check_fail(name, "got %lld want %lld", got, want);
}

/* The exit status for main: 0 if every case passed, 1 otherwise. */
static inline int check_exit_status(void)
{
    return check_failures == 0 ? 0 : 1;
}

#endif /* TESTS_HOST_CHECK_H */
