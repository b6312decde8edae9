/*
 * The line discipline: what a typed byte means, under the terminal
 * settings of kernel/dev/tty.c. input.c hands each byte here at a safe
 * point (after the interrupt put it in the raw ring); what comes out is
 * the queue that read takes from.
 *
 * A byte first meets the input flags (ISTRIP, IGNCR, ICRNL, INLCR), then
 * the signal keys (ISIG: VINTR sends SIGINT, VQUIT SIGQUIT to the
 * console's foreground group). In canonical mode (ICANON) the bytes of
 * the line being edited wait at the end of the queue, where ERASE, WERASE
 * and KILL take them back, until a NL, EOL or EOF ends the line and makes
 * it readable; a read then returns at most one line. In non-canonical
 * mode every byte is readable at once. Echo (ECHO, ECHOE, ECHOK, ECHOKE,
 * ECHOCTL, ECHONL) goes out on the kernel's message path, which never
 * sleeps.
 *
 * The queue is one ring of entries: a byte, or EOF_MARK (VEOF at a
 * line's start: a read returns 0). LINE_ENDS marks the last entry of a
 * line, so that a canonical read knows where to stop even when VEOF
 * ended the line without a byte of its own.
 *
 *   head      the next entry a read takes
 *   line_end  the end of what is readable (complete lines)
 *   tail      the end of the line being edited (== line_end when raw)
 */
#include "kernel/dev/ldisc.h"
#include "kernel/dev/tty.h"
#include "kernel/dev/console.h"
#include "kernel/dev/vga.h"
#include "kernel/proc/proc.h"
#include "kernel/preempt.h"
#include "abi/signal.h"

#define QUEUE_SIZE  4096        /* as Linux: the longest line is 4095 bytes + NL */
#define EOF_MARK    0x100
#define LINE_ENDS   0x200
#define BYTE(e)     ((uint8_t)((e) & 0xFF))
#define CTRL_H      8
#define DEL         0x7F
#define COOK_PIECE  64          /* bytes cooked again between interrupt windows */

static uint16_t queue[QUEUE_SIZE];
static uint32_t head, line_end, tail;

static int lflag(uint32_t flag)
{
    return (tty_settings()->c_lflag & flag) != 0;
}

/* Is c the control character cc[which]? (0 there: disabled) */
static int is_key(uint8_t c, int which)
{
    uint8_t key = tty_settings()->c_cc[which];
    return key != 0 && c == key;
}

/* ---- echo ---- */

/* Shown as ^X (two columns) under ECHOCTL: control bytes but TAB and
 * NL, and DEL (^?). */
static int shown_as_caret(uint8_t c)
{
    return lflag(ECHOCTL) && ((c < ' ' && c != '\t' && c != '\n') || c == DEL);
}

static void echo_byte(uint8_t c)
{
    if (shown_as_caret(c)) {
        char s[2] = { '^', c == DEL ? '?' : (char)(c + '@') };
        console_write(s, 2);
    } else {
        console_write((const char *)&c, 1);
    }
}

/* Rub out the columns byte c took on the screen. (A TAB counts as one
 * column: the line's columns are not tracked.) */
static void rub_out(uint8_t c)
{
    for (int n = shown_as_caret(c) ? 2 : 1; n > 0; n--)
        console_write("\b \b", 3);
}

/* ---- the queue ---- */

/* Room for one more entry? A byte that does not end a line leaves the
 * last slot free, so that a line can always be ended (termios(3): "the
 * terminal can always receive more input until at least one line can be
 * read"); the rest of a line too long is dropped. */
static int room(int ends_line)
{
    uint32_t used = tail - head;
    return ends_line ? used < QUEUE_SIZE : used < QUEUE_SIZE - 1;
}

static void put(uint16_t entry)
{
    queue[tail++ % QUEUE_SIZE] = entry;
}

/* The line being edited becomes readable. */
static void end_line(void)
{
    if (tail != line_end)
        queue[(tail - 1) % QUEUE_SIZE] |= LINE_ENDS;
    line_end = tail;
    input_changed();
}

static uint8_t edited(uint32_t back)     /* the byte back + 1 from the end */
{
    return BYTE(queue[(tail - 1 - back) % QUEUE_SIZE]);
}

/* Do the last n bytes of the line take at most a screen line's columns? */
static int fits_on_screen(uint32_t n)
{
    uint32_t columns = 0;
    for (uint32_t i = 0; i < n && columns <= VGA_COLS; i++)
        columns += shown_as_caret(edited(i)) ? 2 : 1;
    return columns <= VGA_COLS;
}

/* Take back the last n bytes of the line being edited (ERASE, WERASE,
 * KILL). Under echo they are rubbed out when rub asks for it and they
 * fit on a screen line; otherwise the key is echoed, then a new line
 * when newline asks for it or when rubbing out was asked for but the
 * bytes were too many: that much "\b \b" would be wrong where the line
 * has wrapped on the screen, and long, as echo never sleeps. */
static void take_back(uint32_t n, uint8_t key, int echo, int rub, int newline)
{
    if (n == 0)
        return;
    int too_many = rub && !fits_on_screen(n);
    if (echo && rub && !too_many) {
        for (uint32_t i = 0; i < n; i++)
            rub_out(edited(i));
    } else if (echo) {
        echo_byte(key);
        if (newline || too_many)
            console_write("\n", 1);
    }
    tail -= n;
}

static int is_blank(uint8_t c)
{
    return c == ' ' || c == '\t';
}

/* How many bytes WERASE takes: the blanks before the cursor, then the
 * word before them. */
static uint32_t last_word(void)
{
    uint32_t n = 0, len = tail - line_end;
    while (n < len && is_blank(edited(n)))
        n++;
    while (n < len && !is_blank(edited(n)))
        n++;
    return n;
}

/* ---- canonical and raw ---- */

/* One byte in canonical mode. echo: ECHO is on and the byte is being
 * typed now (not cooked again after a change of mode). */
static void cook(uint8_t c, int echo)
{
    uint32_t edited_len = tail - line_end;
    if (is_key(c, VERASE) || c == CTRL_H) {
        take_back(edited_len ? 1 : 0, c, echo, lflag(ECHOE), 0);
    } else if (is_key(c, VWERASE) && lflag(IEXTEN)) {
        take_back(last_word(), c, echo, lflag(ECHOE), 0);
    } else if (is_key(c, VKILL)) {                  /* the whole line */
        take_back(edited_len, c, echo, lflag(ECHOKE) && lflag(ECHOE), lflag(ECHOK));
    } else if (is_key(c, VEOF)) {
        if (tail == line_end && room(1))
            put(EOF_MARK);              /* at a line's start: end of file */
        end_line();                     /* in a line: hands it over, no NL */
    } else if (c == '\n' || is_key(c, VEOL) || (is_key(c, VEOL2) && lflag(IEXTEN))) {
        if (!room(1))
            return;
        put(c);
        if (echo || (c == '\n' && lflag(ECHONL)))
            echo_byte(c);
        end_line();
    } else if (room(0)) {
        put(c);
        if (echo)
            echo_byte(c);
    }
}

static void store_raw(uint8_t c)
{
    if (!room(1))
        return;
    put(c);
    line_end = tail;
    if (lflag(ECHO))
        echo_byte(c);
    input_changed();
}

/* VINTR or VQUIT: the pending input goes (unless NOFLSH), the key is
 * echoed as ^C, the foreground group gets the signal (none: no one). */
static void signal_key(uint8_t c, int sig)
{
    if (!lflag(NOFLSH))
        ldisc_flush();
    if (lflag(ECHO))
        echo_byte(c);
    int group = console_foreground();
    if (group > 0)
        proc_signal_group(group, sig, 0);
}

void ldisc_receive(char byte)
{
    const struct termios *t = tty_settings();
    uint8_t c = (uint8_t)byte;
    if (t->c_iflag & ISTRIP)
        c &= 0x7F;
    if (c == '\r') {
        if (t->c_iflag & IGNCR)
            return;
        if (t->c_iflag & ICRNL)
            c = '\n';
    } else if (c == '\n' && (t->c_iflag & INLCR)) {
        c = '\r';
    }
    if (lflag(ISIG) && is_key(c, VINTR))
        signal_key(c, SIGINT);
    else if (lflag(ISIG) && is_key(c, VQUIT))
        signal_key(c, SIGQUIT);
    else if (lflag(ICANON))
        cook(c, lflag(ECHO));
    else
        store_raw(c);
}

/* ---- a change of mode ---- */

/* Canonical to raw: everything is readable, the line being edited too;
 * an end-of-file mark becomes the VEOF byte it was typed as. */
static void to_raw(uint8_t veof)
{
    for (uint32_t i = head; i != tail; i++) {
        uint16_t e = queue[i % QUEUE_SIZE];
        queue[i % QUEUE_SIZE] = e & EOF_MARK ? veof : BYTE(e);
    }
    line_end = tail;
}

/* Raw to canonical: the bytes not read yet were typed for a raw reader
 * (a shell editing its own line) but will be read in canonical mode, so
 * they are cooked now, as if typed again but without echo or signals:
 * a line and a Ctrl-D typed ahead then mean what they say. (Linux hands
 * them over as they are, Ctrl-D as a byte.) */
static void to_canonical(void)
{
    static uint8_t ahead[QUEUE_SIZE];
    uint32_t n = 0;
    while (head != tail)
        ahead[n++] = BYTE(queue[head++ % QUEUE_SIZE]);
    line_end = tail = head;
    for (uint32_t i = 0; i < n; i++) {
        cook(ahead[i], 0);
        if (i % COOK_PIECE == COOK_PIECE - 1)
            irq_window();               /* up to 4 KiB: not all at once */
    }
}

void ldisc_mode_changed(const struct termios *old)
{
    int was = (old->c_lflag & ICANON) != 0, is = lflag(ICANON);
    if (was && !is)
        to_raw(old->c_cc[VEOF]);
    else if (!was && is)
        to_canonical();
    input_changed();                    /* VMIN, VTIME or the mode changed */
}

void ldisc_flush(void)
{
    head = line_end = tail;
    input_changed();
}

/* ---- what a read sees ---- */

uint32_t ldisc_readable(void)
{
    return line_end - head;
}

int ldisc_count(void)
{
    int n = 0;
    for (uint32_t i = head; i != line_end; i++)
        n += !(queue[i % QUEUE_SIZE] & EOF_MARK);
    return n;
}

int ldisc_take(char *buf, uint32_t n, int first, int *line_ended)
{
    *line_ended = 0;
    if (head != line_end && (queue[head % QUEUE_SIZE] & EOF_MARK)) {
        if (!first)
            return 0;                   /* the next read returns 0 */
        head++;
        return -1;
    }
    int canonical = lflag(ICANON);
    uint32_t len = 0;
    while (len < n && head != line_end && !*line_ended) {
        uint16_t e = queue[head % QUEUE_SIZE];
        if (e & EOF_MARK)
            break;
        buf[len++] = (char)BYTE(e);
        head++;
        *line_ended = canonical && (e & LINE_ENDS);     /* at most one line */
    }
    return (int)len;
}

void ldisc_give_back(uint32_t n)
{
    head -= n;
}
