/* printf for user programs: the kernel's formatter (lib/format.c) writing
 * into a small buffer that is flushed with write(). */
#include "user/lib/runtime.h"

struct out {
    int fd;
    int len;
    char buf[256];
};

static void flush(struct out *o)
{
    if (o->len > 0)
        write(o->fd, o->buf, (size_t)o->len);
    o->len = 0;
}

static void sink(void *ctx, char c)
{
    struct out *o = ctx;
    if (o->len == (int)sizeof o->buf)
        flush(o);
    o->buf[o->len++] = c;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct out o = { .fd = fd, .len = 0 };
    int n = format_v(sink, &o, fmt, ap);
    flush(&o);
    return n;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(1, fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *s)
{
    return printf("%s\n", s);
}

int atoi(const char *s)
{
    int sign = 1, n = 0;
    if (*s == '-') {
        sign = -1;
        s++;
    }
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (*s++ - '0');
    return sign * n;
}

int proc_info_of(int pid, struct proc_info *out)
{
    /* From the heap, not a static array: every program links this file,
     * and a static listing would make each one's data 14 KiB bigger. */
    struct proc_info *list = malloc(PROC_LIST_MAX * sizeof *list);
    int n = list ? proclist(list, PROC_LIST_MAX) : 0, r = -ESRCH;
    for (int i = 0; i < n; i++) {
        if (list[i].pid == pid) {
            *out = list[i];
            r = 0;
            break;
        }
    }
    free(list);
    return r;
}

int msleep(uint32_t ms)
{
    struct timespec ts = { (int32_t)(ms / 1000), (int32_t)(ms % 1000) * 1000000 };
    return nanosleep(&ts, 0);
}

uint32_t uptime_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)ts.tv_sec * 1000 + (uint32_t)ts.tv_nsec / 1000000;
}

