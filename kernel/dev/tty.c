/*
 * The console seen as a Linux terminal (ioctl TCGETS, TCSETS,
 * TIOCGWINSZ). The console has no line discipline yet: a read returns
 * whatever bytes have been typed, as soon as there are any, and nothing
 * is echoed; the only processing is a serial CR read as NL, an NL sent
 * to the serial line as CR NL, Ctrl-C interrupting the foreground group
 * and Ctrl-D at the start of a line meaning end of file. The settings
 * below say exactly that: non-canonical (VMIN 1, VTIME 0), no echo,
 * ISIG, ICRNL, OPOST|ONLCR, 8 bits at 115200 baud. A program may set
 * other values; they are remembered and reported back, but change
 * nothing yet (a canonical mode and echo are a later step's work).
 */
#include "kernel/dev/tty.h"
#include "kernel/dev/vga.h"

#define CTRL(c) ((c) & 0x1F)
#define DEL     0x7F

static struct termios settings = {
    .c_iflag = ICRNL,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = B115200 | CS8 | CREAD,
    .c_lflag = ISIG,
    .c_cc = {
        [VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = DEL,
        [VKILL] = CTRL('U'), [VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1,
    },
};

void tty_get_settings(struct termios *t)
{
    *t = settings;
}

void tty_set_settings(const struct termios *t)
{
    settings = *t;
}

void tty_window_size(struct winsize *w)
{
    *w = (struct winsize){ .ws_row = (uint16_t)vga_rows(), .ws_col = VGA_COLS };
}
