/*
 * One console, two devices: the serial line (what tests and `make run`
 * in a terminal read) and the VGA screen (what a person in front of the
 * QEMU window reads). The printf formatter is lib/format.c, the same one
 * user programs use.
 *
 * Output goes into a ring that the UART's transmit interrupt drains, a
 * FIFO's worth at a time, so no one waits for the serial line with
 * interrupts off. A process that fills the ring sleeps until it drains,
 * as a pipe writer does, while others run. The kernel's own messages
 * never sleep: they may also use the last OUT_RESERVE bytes, which user
 * writes leave free, and in the worst case wait for the UART by polling,
 * a line's worth at most. One process writes at a time (the console is
 * its own until its write, or all the pieces of its writev, is done), so
 * the lines of one write are never mixed with another process's.
 *
 * Interrupt handlers only move bytes (console_intr, console_key); what
 * the bytes mean for processes (Ctrl-C, waking readers and writers) is
 * done later by console_catch_up, at a safe point (kernel/preempt.c).
 * The input side is kernel/dev/input.c and the line discipline
 * kernel/dev/ldisc.c. The kernel's messages and the echo of typed bytes
 * always send NL as CR NL; a process's writes do so under the terminal
 * settings OPOST and ONLCR (kernel/dev/tty.c). The screen starts a new
 * line at NL either way.
 */
#include "kernel/dev/console.h"
#include "kernel/dev/serial.h"
#include "kernel/dev/tty.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/preempt.h"
#include "kernel/x86/pit.h"
#include "lib/format.h"
#include "lib/string.h"
#include "abi/errno.h"
#include "abi/signal.h"

#define OUT_SIZE     4096       /* the output ring */
#define OUT_RESERVE  512        /* ... whose last bytes only the kernel uses */
#define OUT_LOW      (OUT_SIZE / 2)     /* a waiting writer wakes below this */
#define WRITE_CHUNK  128        /* bytes a user write moves at a time */
#define TX_BURSTS    8          /* FIFO loads handed to the UART at one time */

static char out[OUT_SIZE];
static uint32_t out_head, out_tail;     /* the UART takes at head */
static int tx_running;          /* 0: the transmit FIFO is empty and idle */
static int sync_output;         /* after a panic: every byte waits for the UART */
static struct proc *writer;     /* whose write owns the console */
static struct proc *writer_queue;       /* processes waiting for their turn */
static struct proc *space_queue;        /* the writer, waiting for room */
static int wanted_room;         /* a writer (or poll) found the ring full */
static struct proc *drain_queue;        /* waiting for all output to be sent */
static int wanted_drain;
static uint64_t flushed_tick;   /* the screen was last drawn at this tick */

/* ---- output ---- */

static uint32_t out_used(void)
{
    return out_tail - out_head;
}

/* Hand the UART what it takes now: a FIFO's worth each time it reports
 * its FIFO empty, up to TX_BURSTS loads (a real UART at 115200 baud
 * takes one; QEMU's sends at once and takes more). Call only when the
 * FIFO is empty. The transmit interrupt stays on while the UART has
 * bytes to send or the ring has more. */
static void tx_fill(void)
{
    for (int b = 0; b < TX_BURSTS && out_head != out_tail; b++) {
        if (b > 0 && !serial_tx_empty())
            break;
        uint32_t n = out_used() < SERIAL_FIFO_SIZE ? out_used() : SERIAL_FIFO_SIZE;
        uint32_t at = out_head % OUT_SIZE;
        uint32_t first = n < OUT_SIZE - at ? n : OUT_SIZE - at;   /* the ring wraps */
        serial_tx_fifo(out + at, (int)first);
        if (first < n)
            serial_tx_fifo(out, (int)(n - first));
        out_head += n;
    }
    int running = out_head != out_tail || !serial_tx_empty();
    if (running != tx_running) {
        tx_running = running;
        serial_tx_interrupt(running);
    }
}

/* Bytes went into the ring: start the transmitter if it is idle. */
static void tx_kick(void)
{
    if (!tx_running)
        tx_fill();
}

/* Wait for the UART, polling: for when no interrupt can help. */
static void tx_poll(void)
{
    while (!serial_tx_empty())
        ;
    tx_fill();
}

static void out_put(char c)
{
    if (sync_output) {
        serial_putc(c);
        return;
    }
    while (out_used() >= OUT_SIZE)
        tx_poll();
    out[out_tail++ % OUT_SIZE] = c;
}

/* Copy n bytes to the ring's tail; the caller made room. */
static void ring_copy(const char *s, uint32_t n)
{
    if (n == 0)
        return;
    uint32_t at = out_tail % OUT_SIZE;
    uint32_t first = n < OUT_SIZE - at ? n : OUT_SIZE - at;     /* the ring wraps */
    memcpy(out + at, s, first);
    memcpy(out, s + first, n - first);
    out_tail += n;
}

/* Bytes for the serial line, with a terminal's line ends. */
static void serial_out(const char *s, size_t n)
{
    if (sync_output || out_used() + 2 * n > OUT_SIZE) {
        for (size_t i = 0; i < n; i++) {        /* room made byte by byte */
            if (s[i] == '\n')
                out_put('\r');
            out_put(s[i]);
        }
        return;
    }
    while (n > 0) {                             /* room for all: line by line */
        const char *nl = memchr(s, '\n', n);
        size_t len = nl ? (size_t)(nl - s) : n;
        ring_copy(s, len);
        if (!nl)
            break;
        out[out_tail++ % OUT_SIZE] = '\r';
        out[out_tail++ % OUT_SIZE] = '\n';
        s += len + 1;
        n -= len + 1;
    }
}

static void written(void)
{
    if (sync_output)
        vga_flush();
    else
        tx_kick();
}

void console_init(void)
{
    serial_init();
    vga_init();
}

void console_write(const char *s, size_t n)
{
    serial_out(s, n);
    vga_write(s, n);
    written();
}

void console_write_split(const char *serial, size_t n, const char *screen, size_t m)
{
    serial_out(serial, n);
    vga_write(screen, m);
    written();
}

static void format_sink_console(void *ctx, char c)
{
    (void)ctx;
    console_write(&c, 1);
}

/* Formatted, a line at a time: most messages fit in the buffer, and are
 * then written in one go; a longer one goes out byte by byte. */
#define PRINTF_BUFFER 160

int kvprintf(const char *fmt, va_list ap)
{
    char buf[PRINTF_BUFFER];
    va_list again;
    va_copy(again, ap);
    int n = format_buf_v(buf, sizeof buf, fmt, ap);
    if (n < (int)sizeof buf)
        console_write(buf, (size_t)n);
    else
        format_v(format_sink_console, NULL, fmt, again);
    va_end(again);
    return n;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

int console_serial_printf(const char *fmt, va_list ap)
{
    char buf[PRINTF_BUFFER];
    int n = format_buf_v(buf, sizeof buf, fmt, ap);
    serial_out(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
    written();
    return n;
}

void console_color(enum vga_color fg)
{
    vga_set_color(fg, VGA_BLACK);
}

void console_drain(void)
{
    while (out_head != out_tail)
        tx_poll();
    vga_flush();
}

void console_panic(void)
{
    console_drain();
    sync_output = 1;
}

/* ---- a process's write ---- */

static void release_writer(void)
{
    writer = 0;
    proc_wake_all(&writer_queue);
}

/* Room for a chunk in the user's part of the ring, waiting if need be.
 * 0, or -EAGAIN for a non-blocking writer. */
static int wait_for_room(uint32_t len, int nonblock)
{
    while (out_used() + 2 * len > OUT_SIZE - OUT_RESERVE) {   /* \n is \r\n */
        wanted_room = 1;
        if (nonblock)
            return -EAGAIN;
        int r = proc_sleep_on(&space_queue);
        if (r < 0)
            return r;
    }
    return 0;
}

int console_hold(int nonblock)
{
    while (writer && writer != current) {
        if (nonblock)
            return -EAGAIN;
        int r = proc_sleep_on(&writer_queue);
        if (r < 0)
            return r;
    }
    writer = current;
    return 0;
}

void console_release(void)
{
    if (writer == current)
        release_writer();
}

/* A write from user memory at ubuf, or from the kernel at kbuf when it
 * is not NULL (sendfile's bytes of the ramdisk). */
static int write_from(const char *kbuf, uint32_t ubuf, uint32_t n, int nonblock)
{
    int held = writer == current;       /* a writev holds it for all its pieces */
    int r = held ? 0 : console_hold(nonblock);
    if (r < 0)
        return r;
    char chunk[WRITE_CHUNK];
    uint32_t done = 0;
    while (done < n) {
        uint32_t len = n - done < WRITE_CHUNK ? n - done : WRITE_CHUNK;
        if ((r = wait_for_room(len, nonblock)) < 0)
            break;
        if (kbuf)
            memcpy(chunk, kbuf + done, len);
        else if ((r = copy_from_user(chunk, ubuf + done, len)) < 0)
            break;
        if (tty_output_crlf())
            serial_out(chunk, len);
        else
            ring_copy(chunk, len);      /* OPOST or ONLCR off: NL as it is */
        vga_write(chunk, len);
        tx_kick();
        done += len;
        if (done < n && (r = preempt_point()) < 0)
            break;
    }
    if (!held)
        release_writer();
    return done ? (int)done : r;
}

int console_write_user(uint32_t ubuf, uint32_t n, int nonblock)
{
    return write_from(0, ubuf, n, nonblock);
}

int console_write_kernel(const char *buf, uint32_t n, int nonblock)
{
    return write_from(buf, 0, n, nonblock);
}

void console_forget(struct proc *p)
{
    if (writer == p)
        release_writer();
}

int console_wait_drained(void)
{
    while (tx_running) {
        wanted_drain = 1;
        int r = proc_sleep_on(&drain_queue);
        if (r < 0)
            return r;
    }
    return 0;
}

int console_writable(void)
{
    if (out_used() + 2 * WRITE_CHUNK <= OUT_SIZE - OUT_RESERVE)
        return 1;
    wanted_room = 1;
    return 0;
}

/* ---- interrupts and catching up ---- */

/* COM1's interrupt: received bytes to the input side, and the next
 * FIFO loads to the transmitter. */
void console_intr(void)
{
    int c;
    while ((c = serial_getc()) >= 0)
        input_raw((char)c);     /* CR stays CR: ICRNL is the line discipline's */
    if (tx_running && serial_tx_empty())
        tx_fill();
    if ((wanted_room && out_used() <= OUT_LOW) || (wanted_drain && !tx_running))
        irq_work_pending = 1;
}

void console_catch_up(void)
{
    input_catch_up();
    if (wanted_room && out_used() <= OUT_LOW) {
        wanted_room = 0;
        proc_wake_all(&space_queue);
        file_changed();
    }
    if (wanted_drain && !tx_running) {
        wanted_drain = 0;
        proc_wake_all(&drain_queue);
    }
    uint64_t now = pit_ticks();
    if (now != flushed_tick) {              /* the screen: once a tick at most */
        flushed_tick = now;
        vga_flush();
    }
}
