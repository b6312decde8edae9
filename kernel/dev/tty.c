/*
 * The console seen as a Linux terminal: its settings (struct termios,
 * for ioctl TCGETS and TCSETS) and its size. The line discipline
 * (kernel/dev/ldisc.c) and the console's output (kernel/dev/console.c)
 * obey the settings; this file keeps them.
 *
 * After boot they are Linux's usual cooked ones: canonical mode with
 * echo and line editing (ICANON, ECHO, ECHOE, ECHOK, ECHOCTL, ECHOKE,
 * IEXTEN), the signal keys (ISIG), a typed CR read as NL (ICRNL), NL
 * sent as CR NL (OPOST, ONLCR), 8 bits at 115200 baud. The control
 * characters are Linux's, less the ones Warden does not act on: VSUSP
 * (Ctrl-Z: there is no job stopping, so it is an ordinary byte), VSTART
 * and VSTOP (no flow control), VREPRINT, VDISCARD and VLNEXT are 0,
 * "disabled", so that what TCGETS reports is what the console does.
 */
#include "kernel/dev/tty.h"
#include "kernel/dev/ldisc.h"
#include "kernel/dev/vga.h"

#define CTRL(c) ((c) & 0x1F)
#define DEL     0x7F

static struct termios settings = {
    .c_iflag = ICRNL,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = B115200 | CS8 | CREAD,
    .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    .c_cc = {
        [VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = DEL,
        [VKILL] = CTRL('U'), [VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1,
        [VWERASE] = CTRL('W'),
    },
};

const struct termios *tty_settings(void)
{
    return &settings;
}

void tty_set_settings(const struct termios *t)
{
    struct termios old = settings;
    settings = *t;
    ldisc_mode_changed(&old);
}

int tty_output_crlf(void)
{
    return (settings.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);
}

void tty_window_size(struct winsize *w)
{
    *w = (struct winsize){ .ws_row = (uint16_t)vga_rows(), .ws_col = VGA_COLS };
}
