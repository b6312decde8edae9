/*
 * The escape sequences a program writes to the console, as the Linux
 * console reads them (console_codes(4)), for the VGA screen: the serial
 * line passes them on to the host's terminal, which reads them itself.
 *
 * A sequence is ESC and one byte (two after "ESC (", "ESC )", "ESC #"
 * and "ESC %"), or CSI: "ESC [", then parameters (decimal numbers split
 * by ';'), then a final byte from '@' to '~'. A '?' (or '<', '=', '>')
 * marks a private sequence, and bytes from ' ' to '/' are intermediates;
 * Warden acts on neither kind. The parser keeps its state between calls,
 * so a sequence may be split across writes, and it never stores more
 * than VT_MAX_PARAMS numbers of at most VT_PARAM_LIMIT, whatever comes.
 *
 * This file only reads: vt_feed says what a byte is, and the screen
 * (kernel/dev/vga.c) carries out a sequence. The colours are worked out
 * here too, so that the host tests can check all of it.
 */
#include "kernel/dev/vt.h"

#define ESC 0x1B
#define CAN 0x18        /* cancel: ends a sequence unfinished */
#define SUB 0x1A        /* substitute: the same */

enum vt_state { GROUND, ESCAPE, ESCAPE_ARG, CSI };

static void start_csi(struct vt_parser *p)
{
    p->state = CSI;
    p->ignored = 0;
    p->started = 0;
    for (int i = 0; i < VT_MAX_PARAMS; i++)
        p->params[i] = 0;
}

static enum vt_action escape(struct vt_parser *p, unsigned char c)
{
    if (c == '[') {
        start_csi(p);
        return VT_NONE;
    }
    /* A character set (G0, G1), a test pattern, a UTF-8 switch: one
     * more byte to swallow. Every other ESC + byte is ignored. */
    p->state = (c == '(' || c == ')' || c == '#' || c == '%') ? ESCAPE_ARG : GROUND;
    return VT_NONE;
}

/* Parameters past VT_MAX_PARAMS are read but not kept: started stops
 * at VT_MAX_PARAMS + 1, which no slot has. */
static void digit(struct vt_parser *p, int d)
{
    if (p->started == 0)
        p->started = 1;
    if (p->started > VT_MAX_PARAMS)
        return;
    int v = p->params[p->started - 1] * 10 + d;     /* at most 99,999 */
    p->params[p->started - 1] = (uint16_t)(v > VT_PARAM_LIMIT ? VT_PARAM_LIMIT : v);
}

static void next_param(struct vt_parser *p)
{
    if (p->started == 0)
        p->started = 1;         /* ";5H": the first one was left out */
    if (p->started <= VT_MAX_PARAMS)
        p->started++;
}

static enum vt_action csi(struct vt_parser *p, unsigned char c)
{
    if (c >= '0' && c <= '9') {
        digit(p, c - '0');
        return VT_NONE;
    }
    if (c == ';' || c == ':') {
        next_param(p);
        return VT_NONE;
    }
    if ((c >= '<' && c <= '?') || (c >= ' ' && c <= '/')) {
        p->ignored = 1;         /* private, or an intermediate byte */
        return VT_NONE;
    }
    p->state = GROUND;
    if (c >= '@' && c <= '~' && !p->ignored) {
        p->final = c;
        return VT_CSI;
    }
    return VT_NONE;             /* DEL or a byte above 0x7F: dropped with it */
}

enum vt_action vt_feed(struct vt_parser *p, unsigned char c)
{
    if (c == ESC) {             /* even inside a sequence: a new one */
        p->state = ESCAPE;
        return VT_NONE;
    }
    if (c == CAN || c == SUB) { /* never drawn, as on Linux */
        p->state = GROUND;
        return VT_NONE;
    }
    /* Control characters act in the middle of a sequence too. */
    if (p->state == GROUND || c < ' ')
        return VT_PRINT;
    if (p->state == ESCAPE)
        return escape(p, c);
    if (p->state == ESCAPE_ARG) {
        p->state = GROUND;
        return VT_NONE;
    }
    return csi(p, c);
}

int vt_nparams(const struct vt_parser *p)
{
    return p->started < VT_MAX_PARAMS ? p->started : VT_MAX_PARAMS;
}

int vt_param(const struct vt_parser *p, int i, int dflt)
{
    if (i < 0 || i >= vt_nparams(p) || p->params[i] == 0)
        return dflt;
    return p->params[i];
}

/* ---- SGR: Select Graphic Rendition ---- */

/* ANSI's colour order (black, red, green, yellow, blue, magenta, cyan,
 * white) in VGA's numbers, where blue is 1 and red 4. */
static const uint8_t ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

static void pen_reset(struct vt_pen *pen)
{
    *pen = (struct vt_pen){ VT_DEFAULT_FG, VT_DEFAULT_BG, 0, 0 };
}

/* "38;5;N" and "38;2;R;G;B" (48 for the background) choose one of 256
 * colours or any colour: VGA has 16, so the parameters are skipped. How
 * many follow parameter i. */
static int extended_colour_length(const struct vt_parser *p, int i, int n)
{
    if (i + 1 >= n)
        return 0;
    if (p->params[i + 1] == 5)
        return 2;
    if (p->params[i + 1] == 2)
        return 4;
    return 1;
}

void vt_sgr(struct vt_pen *pen, const struct vt_parser *p)
{
    int n = vt_nparams(p);
    if (n == 0)
        pen_reset(pen);                 /* "ESC [ m" is "ESC [ 0 m" */
    for (int i = 0; i < n; i++) {
        int v = p->params[i];
        if (v == 0)
            pen_reset(pen);
        else if (v == 1)
            pen->bold = 1;
        else if (v == 22)
            pen->bold = 0;
        else if (v == 7)
            pen->reverse = 1;
        else if (v == 27)
            pen->reverse = 0;
        else if (v >= 30 && v <= 37)
            pen->fg = ansi_to_vga[v - 30];
        else if (v == 39)
            pen->fg = VT_DEFAULT_FG;
        else if (v >= 40 && v <= 47)
            pen->bg = ansi_to_vga[v - 40];
        else if (v == 49)
            pen->bg = VT_DEFAULT_BG;
        else if (v >= 90 && v <= 97)
            pen->fg = ansi_to_vga[v - 90] | 8;     /* the bright colours */
        else if (v >= 100 && v <= 107)
            pen->bg = ansi_to_vga[v - 100];         /* as on Linux: not bright */
        else if (v == 38 || v == 48)
            i += extended_colour_length(p, i, n);
        /* Anything else (underline, blink, fonts...) is ignored. */
    }
}

/* Reverse video swaps the two colours but leaves the brightness bit
 * where it was, as Linux does: a bright background would blink on VGA. */
uint8_t vt_pen_attr(const struct vt_pen *pen)
{
    int fg = pen->fg & 15, bg = pen->bg & 15;
    if (pen->reverse) {
        int f = fg;
        fg = (fg & 8) | (bg & 7);
        bg = (bg & 8) | (f & 7);
    }
    if (pen->bold)
        fg |= 8;
    return (uint8_t)(bg << 4 | fg);
}
