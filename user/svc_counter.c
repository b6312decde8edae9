/*
 * svc_counter: a service that remembers across its crashes
 * (docs/guardian.md, section 14).
 *
 * Its stash, one page of its bss, counts its incarnations and records
 * the work each did before it crashed; a pipe it hands to the kernel
 * with fdstore, at descriptors NOTE_READ and NOTE_WRITE, carries a note
 * from each incarnation to the next. The first CRASHES incarnations
 * crash on purpose after a little work; the next one settles down and
 * works on, as a healthy service does: for good, or, given a number N
 * (svc_counter N, for the tests), for N units, then it exits 0.
 *
 * The page starts with a layout version: a program whose stash layout
 * changes (a new version of it, after an update) finds an old layout by
 * its number and starts the page over instead of misreading it.
 */
#include "user/lib/runtime.h"

#define STASH_VERSION   1
#define CRASHES         3
#define WORK_MAX        64          /* incarnations recorded */
#define LINE_MAX        1024        /* the report line, with the work of every one */
#define NOTE_READ       8           /* the kept pipe's descriptors */
#define NOTE_WRITE      9
#define NOTE_MAX        64
#define WORK_TICK_MS    100         /* one unit of work */

struct counter {
    uint32_t version;               /* STASH_VERSION; 0 in a fresh page */
    uint32_t incarnations;          /* this one included */
    uint32_t work[WORK_MAX];        /* units each did before it crashed */
};

static union {
    struct counter c;
    uint8_t page[PAGE_SIZE];
} stash_page __attribute__((aligned(PAGE_SIZE)));

/* The kept pipe: made and handed over by the first incarnation, found
 * at the same numbers by the others. 1 when it was there already. */
static int keep_pipe(void)
{
    if (fcntl(NOTE_READ, F_GETFD, 0) >= 0)
        return 1;
    int p[2];
    if (pipe(p) < 0 || dup2(p[0], NOTE_READ) < 0 || dup2(p[1], NOTE_WRITE) < 0)
        return -1;
    close(p[0]);
    close(p[1]);
    if (fdstore(NOTE_READ, NOTE_READ) < 0 || fdstore(NOTE_WRITE, NOTE_WRITE) < 0)
        return -1;
    return 0;
}

static void read_note(void)
{
    char note[NOTE_MAX];
    struct pollfd pfd = { .fd = NOTE_READ, .events = POLLIN };
    if (poll(&pfd, 1, 0) != 1)
        return;                     /* the last one left none */
    int n = read(NOTE_READ, note, sizeof note - 1);
    if (n > 0) {
        note[n] = '\0';
        printf("svc_counter: the kept pipe says: %s\n", note);
    }
}

static void work(struct counter *c, uint32_t units)
{
    uint32_t me = c->incarnations - 1;
    for (uint32_t i = 0; i < units; i++) {
        msleep(WORK_TICK_MS);
        if (me < WORK_MAX)
            c->work[me] = i + 1;    /* in the stash at once: a crash keeps it */
    }
}

int main(int argc, char **argv)
{
    struct counter *c = &stash_page.c;
    int kept = stash(c, sizeof stash_page);
    if (kept < 0) {
        printf("svc_counter: stash: %s\n", error_text(-kept));
        return 1;
    }
    if (c->version != STASH_VERSION) {      /* fresh, or another layout */
        memset(stash_page.page, 0, sizeof stash_page);
        c->version = STASH_VERSION;
    }
    c->incarnations++;
    /* One write for the line: another process's line cannot cut it. */
    char line[LINE_MAX];
    int at = format_buf(line, sizeof line, "svc_counter: incarnation %u, stash %s",
                        c->incarnations, kept ? "kept" : "new");
    for (uint32_t i = 0; i + 1 < c->incarnations && i < WORK_MAX && at < LINE_MAX; i++)
        at += format_buf(line + at, sizeof line - (size_t)at, "%s%u",
                         i == 0 ? "; work before each crash: " : " ", c->work[i]);
    if (at > LINE_MAX - 2)
        at = LINE_MAX - 2;                  /* cut off, still a line */
    line[at++] = '\n';
    write(1, line, (size_t)at);
    int had_pipe = keep_pipe();
    if (had_pipe < 0)
        printf("svc_counter: no pipe to keep\n");
    else if (had_pipe)
        read_note();
    if (c->incarnations <= CRASHES) {
        work(c, c->incarnations + 1);
        dprintf(NOTE_WRITE, "incarnation %u did %u units", c->incarnations,
                c->work[c->incarnations - 1]);
        *(volatile int *)0 = 0;     /* cppcheck-suppress nullPointer ; NOLINT: on purpose */
    }
    printf("svc_counter: settled after %u crashes\n", c->incarnations - 1);
    if (argc > 1) {
        work(c, (uint32_t)atoi(argv[1]));
        printf("svc_counter: done\n");
        return 0;
    }
    for (;;)
        work(c, 1);
}
