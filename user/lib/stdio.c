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

