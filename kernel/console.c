/*
 * One console, two devices: the serial line (what tests and `make run`
 * in a terminal read) and the VGA screen (what a person in front of the
 * QEMU window reads). The printf formatter is lib/format.c, the same one
 * user programs use.
 */
#include "kernel/console.h"
#include "kernel/serial.h"
#include "kernel/proc.h"
#include "kernel/file.h"
#include "lib/format.h"
#include "abi/errno.h"
#include "abi/signal.h"

#define INPUT_SIZE 256

/* Console input: bytes from the serial line (and later the keyboard),
 * kept until a process reads them. */
static char input[INPUT_SIZE];
static uint32_t input_head, input_tail;     /* read at head, write at tail */
static struct proc *readers;                /* processes blocked in read */
static int foreground;                      /* the process group Ctrl-C stops */

#define CTRL_C 3

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

void console_set_foreground(int pgid)
{
    foreground = pgid;
}

void console_input(char c)
{
    /* Ctrl-C interrupts the foreground job, as a terminal does; with no
     * job in the foreground it is an ordinary byte (the shell reads it). */
    if (c == CTRL_C && foreground > 0 && proc_signal_group(foreground, SIGINT, 0) > 0)
        return;
    if (input_tail - input_head == INPUT_SIZE)
        return;                             /* full: the byte is dropped */
    input[input_tail++ % INPUT_SIZE] = c;
    proc_wake_all(&readers);
    file_changed();             /* for poll */
}

void console_intr(void)
{
    int c;
    while ((c = serial_getc()) >= 0)
        console_input(c == '\r' ? '\n' : (char)c);
}

int console_input_ready(void)
{
    return input_head != input_tail;
}

int console_read(uint32_t ubuf, uint32_t n)
{
    if (n == 0)
        return 0;
    if (!vm_user_range_ok(ubuf, n < INPUT_SIZE ? n : INPUT_SIZE, 1))
        return -EFAULT;             /* before blocking, not after */
    while (input_head == input_tail)
        proc_sleep_on(&readers);
    char chunk[INPUT_SIZE];
    uint32_t len = 0;
    while (len < n && input_head + len != input_tail) {
        chunk[len] = input[(input_head + len) % INPUT_SIZE];
        len++;
    }
    if (copy_to_user(ubuf, chunk, len) < 0)
        return -EFAULT;    /* the bytes stay for the next read */
    input_head += len;
    return (int)len;
}

int console_foreground(void)
{
    return foreground;
}
