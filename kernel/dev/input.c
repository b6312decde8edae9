/*
 * The console's input side. A typed byte flows
 *
 *   interrupt (console_intr for COM1, kbd_intr for the keyboard)
 *     -> the raw ring here (input_raw: only stores it)
 *     -> at a safe point, input_catch_up hands it to the line discipline
 *        (kernel/dev/ldisc.c: input flags, signal keys, editing, echo)
 *     -> the line discipline's queue
 *     -> console_read, which waits as the settings say: a whole line in
 *        canonical mode; VMIN bytes and the VTIME timer otherwise.
 */
#include "kernel/dev/console.h"
#include "kernel/dev/ldisc.h"
#include "kernel/dev/tty.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/timer.h"
#include "kernel/fs/file.h"
#include "kernel/preempt.h"
#include "kernel/x86/pit.h"
#include "abi/errno.h"

#define RAW_SIZE     1024       /* bytes from interrupts, not yet looked at: */
                                /* a pasted line while the kernel is busy */
#define CATCH_UP_PIECE 64       /* bytes looked at between interrupt windows */
#define READ_CHUNK   256        /* bytes a read moves at a time */
#define VTIME_MS     100        /* VTIME counts tenths of a second */

static char raw[RAW_SIZE];
static uint32_t raw_head, raw_tail;
static struct proc *readers;    /* processes blocked in read */
static int foreground;          /* the process group the signal keys reach */

void console_set_foreground(int pgid)
{
    foreground = pgid;
}

int console_foreground(void)
{
    return foreground;
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

void input_catch_up(void)
{
    for (int n = 1; raw_head != raw_tail; n++) {
        ldisc_receive(raw[raw_head++ % RAW_SIZE]);
        if (n % CATCH_UP_PIECE == 0)
            irq_window();
    }
}

void input_changed(void)
{
    proc_wake_all(&readers);
    file_changed();             /* for poll */
}

void console_flush_input(void)
{
    raw_head = raw_tail;        /* typed, not looked at yet: discarded too */
    ldisc_flush();
}

/* How many readable entries a read asking for n bytes waits for when
 * raw, with VTIME 0: VMIN, or n when that is less. */
static uint32_t raw_wants(uint32_t n)
{
    uint32_t vmin = tty_settings()->c_cc[VMIN];
    return vmin < n ? vmin : n;
}

int console_input_ready(void)
{
    const struct termios *t = tty_settings();
    uint32_t want = 1;
    if (!(t->c_lflag & ICANON) && t->c_cc[VTIME] == 0 && t->c_cc[VMIN] > 0)
        want = t->c_cc[VMIN];   /* what a read would wait for */
    return ldisc_readable() >= want;
}

int console_input_count(void)
{
    return ldisc_count();
}

/* Wait until a read of n bytes may return, as termios(3) says:
 *   canonical             a complete line (or an end of file)
 *   VMIN 0, VTIME 0       nothing: returns what is there, maybe nothing
 *   VMIN > 0, VTIME 0     VMIN bytes (n, when fewer are asked for)
 *   VMIN 0, VTIME > 0     a byte, or VTIME tenths from the call
 *   VMIN > 0, VTIME > 0   VMIN bytes, or VTIME tenths after the last
 *                         byte, the timer starting with the first byte
 * 1: the read takes what is there; 0: it returns 0 (no byte in time);
 * -EAGAIN: a non-blocking read would have to wait. The settings may
 * change while the reader sleeps (another process's TCSETS): each turn
 * reads them again. */
static int wait_for_input(uint32_t n, int nonblock)
{
    uint64_t deadline = 0;
    uint32_t seen = 0;
    for (;;) {
        const struct termios *t = tty_settings();
        uint32_t have = ldisc_readable(), vtime = t->c_cc[VTIME];
        if (t->c_lflag & ICANON) {
            if (have > 0)
                return 1;
        } else if (vtime == 0) {
            if (have >= raw_wants(n))
                return have > 0;
        } else {
            if (have > 0 && have >= raw_wants(n))
                return 1;
            if (t->c_cc[VMIN] == 0 && deadline == 0)
                deadline = timer_tick_after_ms(vtime * VTIME_MS);
            if (t->c_cc[VMIN] > 0 && have > seen) {     /* a new byte */
                seen = have;
                deadline = timer_tick_after_ms(vtime * VTIME_MS);
            }
            if (deadline && pit_ticks() >= deadline)
                return have > 0;
        }
        if (nonblock)
            return -EAGAIN;
        int r = proc_sleep_until(&readers, deadline);
        if (r < 0)
            return r;               /* a signal: -ERESTARTSYS */
    }
}

int console_read(uint32_t ubuf, uint32_t n, int nonblock)
{
    if (n == 0)
        return 0;
    if (!vm_user_range_ok(ubuf, n < READ_CHUNK ? n : READ_CHUNK, 1))
        return -EFAULT;             /* before blocking, not after */
    int r = wait_for_input(n, nonblock);
    if (r <= 0)
        return r;
    char chunk[READ_CHUNK];
    uint32_t done = 0;
    int line_ended = 0;
    while (done < n && !line_ended) {
        uint32_t want = n - done < READ_CHUNK ? n - done : READ_CHUNK;
        int len = ldisc_take(chunk, want, done == 0, &line_ended);
        if (len < 0)
            return 0;               /* an end of file */
        if (len == 0)
            break;
        if (copy_to_user(ubuf + done, chunk, (uint32_t)len) < 0) {
            ldisc_give_back((uint32_t)len);    /* they stay for the next read */
            return done ? (int)done : -EFAULT;
        }
        done += (uint32_t)len;
    }
    return (int)done;
}
