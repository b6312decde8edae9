/*
 * The console as a terminal, for ioctl: the Linux i386 kernel's struct
 * termios (not the C library's, which is larger) and struct winsize, and
 * the request numbers.
 */
#ifndef ABI_TERMIOS_H
#define ABI_TERMIOS_H

#include <stdint.h>

#define TCGETS           0x5401
#define TCSETS           0x5402
#define TCSETSW          0x5403
#define TCSETSF          0x5404
#define TIOCGPGRP        0x540F
#define TIOCSPGRP        0x5410
#define TCFLSH           0x540B     /* arg: TCIFLUSH, TCOFLUSH or TCIOFLUSH */
#define TIOCGWINSZ       0x5413
#define FIONREAD         0x541B

#define NCCS             19

struct termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[NCCS];
};

struct winsize {
    uint16_t ws_row, ws_col;
    uint16_t ws_xpixel, ws_ypixel;
};

#define TCIFLUSH         0          /* TCFLSH: discard typed input */
#define TCOFLUSH         1          /*   ... output not yet sent */
#define TCIOFLUSH        2          /*   ... both */

/* c_iflag: what is done to a typed byte first */
#define ISTRIP           0000040    /* clear the eighth bit */
#define INLCR            0000100    /* NL reads as CR */
#define IGNCR            0000200    /* CR is dropped */
#define ICRNL            0000400    /* CR reads as NL */
/* c_oflag */
#define OPOST            0000001    /* output is processed ... */
#define ONLCR            0000004    /* ... NL goes out as CR NL */
/* c_cflag: only reported */
#define B115200          0010002    /* the serial line's speed */
#define CS8              0000060    /* eight data bits */
#define CREAD            0000200    /* the receiver is on */
/* c_lflag: the line discipline */
#define ISIG             0000001    /* VINTR, VQUIT send signals */
#define ICANON           0000002    /* canonical mode: line by line, edited */
#define ECHO             0000010    /* typed bytes are echoed */
#define ECHOE            0000020    /* ERASE and WERASE rub out with "\b \b" */
#define ECHOK            0000040    /* KILL is followed by a new line */
#define ECHONL           0000100    /* NL is echoed even without ECHO */
#define NOFLSH           0000200    /* a signal key does not discard input */
#define ECHOCTL          0001000    /* control bytes are echoed as ^X */
#define ECHOKE           0004000    /* KILL rubs out the line */
#define IEXTEN           0100000    /* WERASE (and Linux's other extensions) */

/* c_cc: the control characters (0: disabled) */
#define VINTR            0
#define VQUIT            1
#define VERASE           2
#define VKILL            3
#define VEOF             4
#define VTIME            5          /* non-canonical: tenths of a second */
#define VMIN             6          /* non-canonical: bytes a read waits for */
#define VSUSP            10
#define VEOL             11
#define VWERASE          14
#define VEOL2            16

#endif
