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

/* The flags and control characters the console's settings use. */
#define ICRNL            0000400    /* c_iflag: a typed CR reads as NL */
#define OPOST            0000001    /* c_oflag: output is processed ... */
#define ONLCR            0000004    /* ... NL goes out as CR NL */
#define B115200          0010002    /* c_cflag: the serial line's speed */
#define CS8              0000060    /*   eight data bits */
#define CREAD            0000200    /*   the receiver is on */
#define ISIG             0000001    /* c_lflag: Ctrl-C sends SIGINT */
#define VINTR            0
#define VQUIT            1
#define VERASE           2
#define VKILL            3
#define VEOF             4
#define VTIME            5
#define VMIN             6

#endif
