/* The console's escape sequences: a parser fed one byte at a time, and
 * the colours that SGR sequences choose (kernel/dev/vt.c). */
#ifndef KERNEL_VT_H
#define KERNEL_VT_H

#include <stdint.h>

#define VT_MAX_PARAMS   16      /* more parameters are read and dropped */
#define VT_PARAM_LIMIT  9999    /* a bigger number counts as this one */

struct vt_parser {
    uint8_t state;              /* enum vt_state in vt.c; 0 = plain text */
    uint8_t ignored;            /* a '?' or an intermediate byte was seen */
    uint8_t final;              /* the last byte of a CSI sequence */
    uint8_t started;            /* parameters begun, up to VT_MAX_PARAMS + 1 */
    uint16_t params[VT_MAX_PARAMS];
};

/* What the caller does with the byte it fed. */
enum vt_action {
    VT_PRINT,       /* not part of a sequence: draw it or carry it out */
    VT_NONE,        /* swallowed */
    VT_CSI,         /* a CSI sequence ended: act on final and the params */
};

enum vt_action vt_feed(struct vt_parser *p, unsigned char c);
/* Parameter i of the last CSI sequence, or dflt when it was left out
 * or 0. */
int vt_param(const struct vt_parser *p, int i, int dflt);
/* The number of parameters the last CSI sequence had (at most
 * VT_MAX_PARAMS). */
int vt_nparams(const struct vt_parser *p);

/* The pen that draws characters: colours as VGA colour numbers (0-15). */
struct vt_pen {
    uint8_t fg, bg;
    uint8_t bold, reverse;
};

#define VT_DEFAULT_FG 7         /* VGA light grey */
#define VT_DEFAULT_BG 0         /* VGA black */

/* Apply the SGR sequence the parser has just read ("ESC [ ... m"). */
void vt_sgr(struct vt_pen *pen, const struct vt_parser *p);
/* The VGA attribute byte (background << 4 | foreground) for a pen. */
uint8_t vt_pen_attr(const struct vt_pen *pen);

#endif
