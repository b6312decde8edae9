/*
 * What t_memory and t_oom share: the numbers the kernel reports (free
 * frames, the reserve, a process's frames and limit, the event log), and
 * the small steps the tests and their children are made of. Include it
 * after tests/programs/check.h.
 */
#ifndef TESTS_MEMORY_H
#define TESTS_MEMORY_H

#define KIB 1024
#define MIB (1024 * 1024)
#define PAGE 4096
#define CYCLES 1000

static struct guard_event events[GUARD_EVENTS_MAX];

static __attribute__((unused)) uint32_t free_frames(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.free_frames;
}

/* Free frames plus init's own: the page tables init made for its heap
 * stay when the heap shrinks (they go with the address space), so this
 * is what must come back after each test. */
static int my_frames(void);
static __attribute__((unused)) uint32_t unowned(void)
{
    return free_frames() + (uint32_t)my_frames();
}

static __attribute__((unused)) uint32_t reserve_frames(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.reserve_frames;
}

/* The listing's entry for pid, or NULL. Not proc_info_of: that one
 * mallocs, and these programs move brk themselves. */
static __attribute__((unused)) const struct proc_info *info_of(int pid)
{
    static struct proc_info list[64];
    int n = proclist(list, 64);
    for (int i = 0; i < n; i++)
        if (list[i].pid == pid)
            return &list[i];
    return 0;
}

static __attribute__((unused)) int my_frames(void)
{
    return (int)info_of(getpid())->frames;
}

static __attribute__((unused)) int my_limit_kb(void)
{
    return (int)info_of(getpid())->mem_limit_kb;
}

/* The newest event of pid with the given decision (0: any): its index in
 * events[], or -1. */
static __attribute__((unused)) int find_event(int pid, int decision)
{
    int n = guardlog(events, GUARD_EVENTS_MAX, 0);
    for (int i = n - 1; i >= 0; i--)
        if (events[i].pid == pid && (decision == 0 || events[i].decision == decision))
            return i;
    return -1;
}

static __attribute__((unused)) int count_events(int pid, int end, uint32_t reason)
{
    int n = guardlog(events, GUARD_EVENTS_MAX, 0), count = 0;
    for (int i = 0; i < n; i++)
        count += events[i].pid == pid && events[i].end == end && events[i].reason == reason;
    return count;
}

static __attribute__((unused)) int run(char **argv, const struct guard_spec *spec)
{
    int status = -1;
    waitpid(spawn("t_memory", argv, spec), &status, 0);
    return status;
}

/* Use the stack a page at a time, pages deep (0: until something stops
 * it); each page keeps its depth, checked on the way back. */
static __attribute__((unused, noinline)) int dig(int depth, int pages)
{
    volatile char page[PAGE - 64];
    page[0] = (char)depth;
    page[sizeof page - 1] = (char)(depth >> 8);
    int bad = 0;
    if (pages == 0 || depth + 1 < pages)
        bad = dig(depth + 1, pages);
    return bad + (page[0] != (char)depth || page[sizeof page - 1] != (char)(depth >> 8));
}

static __attribute__((unused)) int wait_byte(int fd)
{
    char c;
    return read(fd, &c, 1) == 1 ? 0 : 1;
}

static __attribute__((unused)) void send_byte(int fd)
{
    write(fd, "x", 1);
}

/* Grow the heap until only a few frames above the reserve are free:
 * the machine is full, and nobody has been chosen yet. */
static __attribute__((unused)) void fill_to_reserve(uint32_t margin)
{
    char *top = brk(0);
    uint32_t floor = reserve_frames() + margin;
    while (free_frames() > floor + 300 && brk(top + MIB) == top + MIB)
        top += MIB;
    while (free_frames() > floor && brk(top + PAGE) == top + PAGE)
        top += PAGE;
}

/* Grow the heap by what brk gives, until refused (the break stays).
 * Returns the pages. */
static __attribute__((unused)) int take_everything(char **top)
{
    int pages = 0;
    while (brk(*top + 64 * KIB) == *top + 64 * KIB) {
        *top += 64 * KIB;
        pages += 16;
    }
    while (brk(*top + PAGE) == *top + PAGE) {
        *top += PAGE;
        pages++;
    }
    return pages;
}

static __attribute__((unused)) char *num(int n)
{
    static char bufs[4][12];
    static int next;
    char *b = bufs[next++ % 4];
    format_buf(b, sizeof bufs[0], "%d", n);
    return b;
}

#endif
