/*
 * The new program of t_update's live updates. It runs with the argv of
 * the program it replaces (t_update's), so argv[1] says what to do:
 *   write       say so on descriptor 9 (kept from the spawn), sleep
 *   ready       call ready(), sleep
 *   crashnext   crash at once: the update is rolled back
 *   neverready  sleep without calling ready()
 */
#include "user/lib/runtime.h"

#define KEPT_FD 9

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "crashnext") == 0)
        *(volatile int *)0 = 0;     /* cppcheck-suppress nullPointer ; on purpose */
    if (strcmp(mode, "write") == 0)
        write(KEPT_FD, "v2", 2);
    if (strcmp(mode, "ready") == 0)
        ready();
    for (;;)
        msleep(1000000);
}
