/*
 * Trace lines go to the serial port only (not the screen): they are for
 * a program to read. Each starts with "@T" so the reader can pick them
 * out of the ordinary console output.
 */
#include <stdarg.h>
#include "kernel/trace.h"
#include "kernel/proc/proc.h"
#include "kernel/dev/console.h"
#include "kernel/x86/pit.h"
#include "lib/format.h"

int trace_enabled;

void trace_init(int on)
{
    trace_enabled = on;
}

static void emit(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_serial_printf(fmt, ap);
    va_end(ap);
}

void trace_emit(const char *event, const struct proc *p, const char *fmt, ...)
{
    emit("@T %u %s %d %s", (uint32_t)(pit_ns() / 1000), event,
         p ? p->pid : 0, p ? p->name : "idle");
    if (fmt) {
        emit(" ");
        va_list ap;
        va_start(ap, fmt);
        console_serial_printf(fmt, ap);
        va_end(ap);
    }
    emit("\n");
}
