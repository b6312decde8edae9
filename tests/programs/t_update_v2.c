/*
 * The new program of t_update's live updates. It runs with the argv of
 * the program it replaces (t_update's), so argv[1] says what to do:
 *   write       say so on descriptor 9 (kept from the spawn), sleep
 *   ready       call ready(), sleep
 *   crashnext   crash at once: the update is rolled back
 *   neverready  sleep without calling ready()
 *   stash       find the page t_update stashed at STASH_AT, and write
 *               what it holds on descriptor 9
 */
#include "user/lib/runtime.h"

#define KEPT_FD 9
#define STASH_AT 0xB0000000u    /* t_update's: in the mmap area, so any program may have it */
#define PAGE 4096

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "crashnext") == 0)
        *(volatile int *)0 = 0;     /* cppcheck-suppress nullPointer ; on purpose */
    if (strcmp(mode, "write") == 0)
        write(KEPT_FD, "v2", 2);
    if (strcmp(mode, "ready") == 0)
        ready();
    if (strcmp(mode, "stash") == 0 && stash((void *)STASH_AT, PAGE) == 1)
        write(KEPT_FD, (const char *)STASH_AT, 8);     /* kept: the old program's words */
    for (;;)
        msleep(1000000);
}
