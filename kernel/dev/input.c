/*
 * The console's input side: bytes from the serial line and the keyboard
 * (kernel/dev/console.c's console_intr, kernel/dev/kbd.c) arrive in a
 * small raw ring from the interrupt handlers; at a safe point
 * (console_catch_up) each one is looked at: Ctrl-C interrupts the
 * foreground process group, Ctrl-D at a line's start is end of file, the
 * rest goes into the input ring for console_read.
 */
#include "kernel/dev/console.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/preempt.h"
#include "abi/errno.h"
#include "abi/signal.h"

#define INPUT_SIZE   256
#define RAW_SIZE     1024       /* bytes from interrupts, not yet looked at: */
                                /* a pasted line while the kernel is busy */
#define CATCH_UP_PIECE 64       /* bytes looked at between interrupt windows */
#define INPUT_EOF    0x100      /* in the input ring: Ctrl-D at a line's start */
#define CTRL_C       3
#define CTRL_D       4

static uint16_t input[INPUT_SIZE];      /* a byte, or INPUT_EOF */
static uint32_t input_head, input_tail; /* read at head, write at tail */
static int at_line_start = 1;
static char raw[RAW_SIZE];
static uint32_t raw_head, raw_tail;
static struct proc *readers;    /* processes blocked in read */
static int foreground;          /* the process group Ctrl-C stops */

void console_set_foreground(int pgid)
{
    foreground = pgid;
}

void input_raw(char c)
{
    if (raw_tail - raw_head < RAW_SIZE)
        raw[raw_tail++ % RAW_SIZE] = c;     /* full: the byte is dropped */
    irq_work_pending = 1;
}

void console_key(char c)
{
    input_raw(c);
}

/* What one typed byte means: Ctrl-C interrupts the foreground job, as a
 * terminal does (with no job in the foreground it is an ordinary byte,
 * which the shell reads); Ctrl-D at the start of a line is end of file. */
static void input_byte(char c)
{
    if (c == CTRL_C && foreground > 0 && proc_signal_group(foreground, SIGINT, 0) > 0)
        return;
    if (input_tail - input_head == INPUT_SIZE)
        return;                             /* full: the byte is dropped */
    int eof = c == CTRL_D && at_line_start;
    input[input_tail++ % INPUT_SIZE] = eof ? INPUT_EOF : (uint8_t)c;
    at_line_start = eof || c == '\n';
    proc_wake_all(&readers);
    file_changed();             /* for poll */
}

void input_catch_up(void)
{
    for (int n = 1; raw_head != raw_tail; n++) {
        input_byte(raw[raw_head++ % RAW_SIZE]);
        if (n % CATCH_UP_PIECE == 0)
            irq_window();
    }
}

int console_input_ready(void)
{
    return input_head != input_tail;
}

int console_input_count(void)
{
    int n = 0;
    for (uint32_t i = input_head; i != input_tail && input[i % INPUT_SIZE] != INPUT_EOF; i++)
        n++;
    return n;
}

int console_read(uint32_t ubuf, uint32_t n)
{
    if (n == 0)
        return 0;
    if (!vm_user_range_ok(ubuf, n < INPUT_SIZE ? n : INPUT_SIZE, 1))
        return -EFAULT;             /* before blocking, not after */
    while (input_head == input_tail) {
        int r = proc_sleep_on(&readers);
        if (r < 0)
            return r;
    }
    if (input[input_head % INPUT_SIZE] == INPUT_EOF) {
        input_head++;
        return 0;
    }
    char chunk[INPUT_SIZE];
    uint32_t len = 0;
    for (; len < n && input_head + len != input_tail; len++) {
        uint16_t v = input[(input_head + len) % INPUT_SIZE];
        if (v == INPUT_EOF)
            break;                  /* the next read returns 0 */
        chunk[len] = (char)v;
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
