/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (build/initrd/bin/basics-glibc, basics-musl): the first steps of every
 * C program. tests/scenarios/linux_basics_*.scn compare its output.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BIG (200 * 1024)            /* past malloc's mmap threshold */
#define JAN_1_2024 1704067200

static long ms_between(const struct timespec *a, const struct timespec *b)
{
    return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

int main(int argc, char **argv)
{
    printf("basics: argc %d, argv[1] %s\n", argc, argc > 1 ? argv[1] : "(none)");
    printf("basics: HOME=%s PATH=%s TERM=%s\n", getenv("HOME"), getenv("PATH"), getenv("TERM"));

    char *small = malloc(100);
    strcpy(small, "small");
    char *big = malloc(BIG);
    memset(big, 7, BIG);
    printf("basics: malloc %s and %s\n", small, big && big[BIG - 1] == 7 ? "big" : "FAILED");
    free(big);
    free(small);

    printf("basics: the date is after 2024: %s\n", time(NULL) > JAN_1_2024 ? "yes" : "no");
    struct timespec a, b, nap = { 0, 50 * 1000000 };
    clock_gettime(CLOCK_MONOTONIC, &a);
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("basics: nanosleep 50 ms took at least 50 ms: %s\n", ms_between(&a, &b) >= 50 ? "yes" : "no");
    clock_gettime(CLOCK_MONOTONIC, &a);
    sleep(1);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("basics: sleep 1 took at least 1000 ms: %s\n", ms_between(&a, &b) >= 1000 ? "yes" : "no");
    printf("basics: getpid %s\n", getpid() > 0 ? "positive" : "FAILED");
    return 3;
}
