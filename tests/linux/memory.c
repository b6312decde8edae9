/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (build/initrd/bin/memory-glibc, memory-musl): memory as C programs use
 * it. malloc of small and big blocks (big ones are mmap'ed by both
 * libraries), mmap, munmap, mprotect and madvise called directly, and
 * brk's Linux semantics through the raw system call. Every line it
 * prints ends in "yes" when the check holds (on Linux too).
 *   memory          the checks, then exit status 0
 *   memory guard    touches a PROT_NONE guard page: must end with SIGSEGV
 * tests/scenarios/linux_memory_*.scn compare its output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SMALL_COUNT 100
#define BIG (200 * 1024)            /* past both libraries' mmap threshold */
#define HUGE (1024 * 1024)

static long page;

static const char *yes(int ok)
{
    return ok ? "yes" : "NO";
}

static int all_bytes(const char *p, size_t n, char c)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != c)
            return 0;
    return 1;
}

static void small_blocks(void)
{
    char *block[SMALL_COUNT];
    int ok = 1;
    for (int i = 0; i < SMALL_COUNT; i++) {
        block[i] = malloc(32 + (size_t)i);
        if (!block[i])
            ok = 0;
        else
            memset(block[i], i, 32 + (size_t)i);
    }
    for (int i = 0; i < SMALL_COUNT; i++)
        ok &= block[i] && all_bytes(block[i], 32 + (size_t)i, (char)i);
    printf("memory: 100 small blocks hold their bytes: %s\n", yes(ok));
    for (int i = 0; i < SMALL_COUNT; i += 2)
        free(block[i]);
    for (int i = 0; i < SMALL_COUNT; i += 2) {
        block[i] = malloc(40);
        ok &= block[i] != NULL;
        if (block[i])
            memset(block[i], 'x', 40);
    }
    for (int i = 1; i < SMALL_COUNT; i += 2)
        ok &= all_bytes(block[i], 32 + (size_t)i, (char)i);
    printf("memory: freed and allocated again, the others untouched: %s\n", yes(ok));
    for (int i = 0; i < SMALL_COUNT; i++)
        free(block[i]);
}

static void big_blocks(void)
{
    char *big = malloc(BIG), *huge = malloc(HUGE);
    int ok = big && huge;
    if (ok) {
        memset(big, 1, BIG);
        memset(huge, 2, HUGE);
        ok = all_bytes(big, BIG, 1) && all_bytes(huge, HUGE, 2);
    }
    printf("memory: malloc of 200 KiB and 1 MiB: %s\n", yes(ok));
    free(big);
    free(huge);
    char *again = malloc(HUGE);
    ok = again != NULL;
    if (again) {
        memset(again, 3, HUGE);
        ok = all_bytes(again, HUGE, 3);
    }
    printf("memory: freed, and 1 MiB again: %s\n", yes(ok));
    free(again);
    char *zeroed = calloc(1, BIG);
    printf("memory: calloc of 200 KiB is zeroed: %s\n", yes(zeroed && all_bytes(zeroed, BIG, 0)));
    free(zeroed);
}

static void mappings(void)
{
    size_t len = 4 * (size_t)page;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("memory: mmap of 4 pages: %s\n", yes(p != MAP_FAILED));
    if (p == MAP_FAILED)
        return;
    printf("memory: its pages read as zeros: %s\n", yes(all_bytes(p, len, 0)));
    memset(p, 'm', len);
    printf("memory: mprotect read-only: %s\n", yes(mprotect(p, len, PROT_READ) == 0));
    printf("memory: the bytes are kept: %s\n", yes(all_bytes(p, len, 'm')));
    printf("memory: mprotect read-write again: %s\n",
           yes(mprotect(p, len, PROT_READ | PROT_WRITE) == 0));
    p[0] = 'w';
    printf("memory: madvise MADV_DONTNEED zeroes: %s\n",
           yes(madvise(p, len, MADV_DONTNEED) == 0 && all_bytes(p, len, 0)));
    printf("memory: munmap of a middle page: %s\n", yes(munmap(p + page, (size_t)page) == 0));
    printf("memory: the hole cannot be protected (ENOMEM): %s\n",
           yes(mprotect(p, len, PROT_READ) == -1 && errno == ENOMEM));
    printf("memory: the rest is still there: %s\n",
           yes((p[0] = 1) == 1 && (p[3 * page] = 2) == 2));
    printf("memory: munmap of the rest: %s\n", yes(munmap(p, len) == 0));
    errno = 0;
    printf("memory: mmap of length 0 fails with EINVAL: %s\n",
           yes(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
               errno == EINVAL));
    errno = 0;
    printf("memory: munmap of an unaligned address fails with EINVAL: %s\n",
           yes(munmap((char *)p + 1, (size_t)page) == -1 && errno == EINVAL));
}

static void program_break(void)
{
    char on_the_stack = 0;
    long cur = syscall(SYS_brk, 0);
    long into_stack = (long)&on_the_stack & ~(page - 1);
    printf("memory: brk into the stack returns the old break: %s\n",
           yes(syscall(SYS_brk, into_stack) == cur && syscall(SYS_brk, 0) == cur));
    errno = 0;
    printf("memory: so sbrk into the stack fails with ENOMEM: %s\n",
           yes(sbrk(into_stack - cur) == (void *)-1 && errno == ENOMEM));
}

static int guard(void)
{
    char *p = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + page, (size_t)page, PROT_NONE) != 0)
        return 2;
    p[0] = 1;
    printf("memory: touching the guard page\n");
    fflush(stdout);
    return *(volatile char *)(p + page);        /* SIGSEGV */
}

int main(int argc, char **argv)
{
    page = sysconf(_SC_PAGESIZE);
    if (argc > 1 && strcmp(argv[1], "guard") == 0)
        return guard();
    small_blocks();
    big_blocks();
    mappings();
    program_break();
    printf("memory: done\n");
    return 0;
}
