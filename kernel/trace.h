/*
 * The scheduling and guardian trace: with "trace" on the kernel command
 * line, each event is one compact line on the serial port, which
 * tools/timeline.py turns into a picture. The format (docs/debugging.md):
 *
 *     @T <microseconds> <event> <pid> <name> [detail...]
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

struct proc;

void trace_init(int on);

/* One event about p (NULL for the idle loop), with an optional detail.
 * A macro so that, with tracing off, a context switch pays one test and
 * no call. */
extern int trace_enabled;
#define trace_event(event, p, ...) \
    do { if (trace_enabled) trace_emit((event), (p), __VA_ARGS__); } while (0)
void trace_emit(const char *event, const struct proc *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
