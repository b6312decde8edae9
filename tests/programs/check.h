/*
 * The test programs' one assertion: check(what, got, want) prints
 * "NAME: what: ok" or "NAME: what: FAIL: got G, want W" (the scenarios
 * look for these lines), and checks_done() prints "NAME: all ok" or
 * "NAME: FAILED" and gives the exit status. Define TEST_NAME first.
 */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include "user/lib/runtime.h"

static int failures;

static void check(const char *what, long got, long want)
{
    if (got != want) {
        printf("%s: %s: FAIL: got %ld, want %ld\n", TEST_NAME, what, got, want);
        failures++;
    } else {
        printf("%s: %s: ok\n", TEST_NAME, what);
    }
}

static int checks_done(void)
{
    printf("%s: %s\n", TEST_NAME, failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}

#endif
