/*
 * One console, two devices: the serial line (what tests and `make run`
 * in a terminal read) and the VGA screen (what a person in front of the
 * QEMU window reads). The printf formatter is lib/format.c, the same one
 * user programs use.
 */
#include "kernel/console.h"
#include "kernel/serial.h"
#include "lib/format.h"

static void console_putc(char c)
{
    serial_putc(c);
    vga_putc(c);
}

static void format_sink_console(void *ctx, char c)
{
    (void)ctx;
    console_putc(c);
}

void console_init(void)
{
    serial_init();
    vga_init();
}

void console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        console_putc(s[i]);
}

int kvprintf(const char *fmt, va_list ap)
{
    return format_v(format_sink_console, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

void console_color(enum vga_color fg)
{
    vga_set_color(fg, VGA_BLACK);
}
