/*
 * VGA text mode: the screen is an array of 80x25 16-bit cells at physical
 * 0xB8000, the low byte the character, the high byte the colours
 * (OSDev "Text UI"). The console scrolls rows [top, 25); rows above top
 * can be owned by a status band.
 *
 * The console does not draw on the screen directly. It writes into a
 * copy of its rows kept as a ring, where scrolling is moving the ring's
 * first row and clearing one row (80 cells), not copying the whole
 * screen up by one line. vga_flush copies the ring to the screen and
 * moves the hardware cursor; the console calls it once per tick and
 * before a panic, so a burst of a thousand lines costs one screen copy.
 *
 * Escape sequences (moving the cursor, erasing, colours) are read by the
 * parser in kernel/dev/vt.c and carried out here, on the ring's rows, so
 * they cost no more than drawing and are seen at the next flush too.
 */
#include "kernel/dev/vga.h"
#include "kernel/dev/vt.h"
#include "kernel/mm/vm.h"
#include "kernel/x86/io.h"
#include "lib/string.h"

#define VGA_TEXT_PHYS   0xB8000
#define CRTC_INDEX      0x3D4   /* CRT controller: cursor location registers */
#define CRTC_DATA       0x3D5
#define CRTC_CURSOR_HI  0x0E
#define CRTC_CURSOR_LO  0x0F
#define TAB_WIDTH       8

static uint16_t *const screen = (uint16_t *)P2V(VGA_TEXT_PHYS);
static uint16_t lines[VGA_ROWS][VGA_COLS];  /* the console's rows, a ring */
static int first;               /* the ring's row shown at screen row top */
static int nrows = VGA_ROWS;    /* rows the console owns: VGA_ROWS - top */
static int top;
static int row, col;            /* the cursor, in console rows (0 = top's) */
static int dirty;               /* the ring differs from the screen */
static uint32_t unblanked;      /* ring rows (bits) to be blanked before use */
static uint16_t blank[VGA_ROWS];    /* the blank cell each of them gets */
static struct vt_parser parser;     /* inside an escape sequence or not */
static struct vt_pen pen = { VT_DEFAULT_FG, VT_DEFAULT_BG, 0, 0 };
static uint8_t attr = VT_DEFAULT_FG | (VT_DEFAULT_BG << 4);     /* pen's */

static uint16_t cell(char c, uint8_t a)
{
    return (uint16_t)(uint8_t)c | (uint16_t)a << 8;
}

static int ring_row(int r)
{
    return (first + r) % nrows;
}

/* A row is blanked when it scrolls in or is erased whole, but only
 * marked then: the cells are written when something is drawn on it or
 * the screen is shown. So a flood of newlines, or of "erase the
 * screen" sequences, blanks a row once a flush at most, instead of once
 * a newline or a sequence. The blank keeps the colours of its moment. */
static void blank_later(int r)
{
    int i = ring_row(r);
    unblanked |= 1u << i;
    blank[i] = cell(' ', attr);
}

static void blank_now(int i)
{
    /* Two cells a step. */
    uint32_t two = blank[i] * 0x10001u;
    uint32_t *l = (uint32_t *)lines[i];
    for (int c = 0; c < VGA_COLS / 2; c++)
        l[c] = two;
    unblanked &= ~(1u << i);
}

/* Console row r, to be drawn on. */
static uint16_t *line(int r)
{
    int i = ring_row(r);
    if (unblanked & 1u << i)
        blank_now(i);
    return lines[i];
}

static void blank_all_marked(void)
{
    for (int i = 0; i < nrows; i++)
        if (unblanked & 1u << i)
            blank_now(i);
}

static void move_cursor(void)
{
    int c = col < VGA_COLS ? col : VGA_COLS - 1;    /* a wrap may be pending */
    uint16_t pos = (uint16_t)((top + row) * VGA_COLS + c);
    outb(CRTC_INDEX, CRTC_CURSOR_HI);
    outb(CRTC_DATA, pos >> 8);
    outb(CRTC_INDEX, CRTC_CURSOR_LO);
    outb(CRTC_DATA, pos & 0xFF);
}

void vga_init(void)
{
    top = row = col = first = 0;
    nrows = VGA_ROWS;
    for (int r = 0; r < nrows; r++)
        blank_later(r);
    dirty = 1;
    vga_flush();
}

/* The kernel's own colours (a guardian line, a panic) also end a bold
 * or reverse pen that a program left behind. */
void vga_set_color(enum vga_color fg, enum vga_color bg)
{
    pen = (struct vt_pen){ (uint8_t)fg, (uint8_t)bg, 0, 0 };
    attr = vt_pen_attr(&pen);
}

static void new_line(void)
{
    col = 0;
    if (++row < nrows)
        return;
    row = nrows - 1;
    first = (first + 1) % nrows;    /* the top row leaves; it becomes the bottom */
    blank_later(row);
}

/* A character written in the last column leaves the cursor just past
 * it (col == VGA_COLS): the wrap happens only when another character
 * comes, so a line of exactly 80 characters and its newline take one
 * row, not two. */
static void put(char c)
{
    switch (c) {
    case '\n':
        new_line();
        return;
    case '\r':
        col = 0;
        return;
    case '\b':                 /* only moves, as on Linux: "\b \b" erases */
        if (col > 0)
            col--;
        return;
    case '\t':
        col = (col + TAB_WIDTH) & ~(TAB_WIDTH - 1);
        if (col > VGA_COLS)
            col = VGA_COLS;
        return;
    default:
        if (col >= VGA_COLS)
            new_line();
        line(row)[col++] = cell(c, attr);
    }
}

static int plain(char c)
{
    return c >= ' ';
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The cursor's column for a sequence to act on: a pending wrap (col ==
 * VGA_COLS) is given up, and the cursor stays on the last column. */
static int cursor_col(void)
{
    if (col >= VGA_COLS)
        col = VGA_COLS - 1;
    return col;
}

/* Cells [from, to) of row r. */
static void erase(int r, int from, int to)
{
    uint16_t space = cell(' ', attr);
    uint16_t *l = line(r);
    for (int c = from; c < to; c++)
        l[c] = space;
}

/* ED, "ESC [ n J": 0 from the cursor to the end of the screen, 1 from
 * the start to the cursor, 2 all of it. The cursor does not move. */
static void erase_display(int how)
{
    int c = cursor_col();
    if (how == 0) {
        erase(row, c, VGA_COLS);
        for (int r = row + 1; r < nrows; r++)
            blank_later(r);
    } else if (how == 1) {
        for (int r = 0; r < row; r++)
            blank_later(r);
        erase(row, 0, c + 1);
    } else if (how == 2) {
        for (int r = 0; r < nrows; r++)
            blank_later(r);
    }
}

/* EL, "ESC [ n K": the same within the cursor's row. */
static void erase_in_line(int how)
{
    int c = cursor_col();
    if (how == 0)
        erase(row, c, VGA_COLS);
    else if (how == 1)
        erase(row, 0, c + 1);
    else if (how == 2)
        erase(row, 0, VGA_COLS);
}

/* A CSI sequence has ended. Numbers are at most VT_PARAM_LIMIT, and
 * every move is clamped, so the cursor stays on the console's rows. */
static void act(void)
{
    int n = vt_param(&parser, 0, 1);
    switch (parser.final) {
    case 'A':                   /* CUU: up */
        row = clamp(row - n, 0, nrows - 1);
        cursor_col();
        break;
    case 'B':                   /* CUD: down */
        row = clamp(row + n, 0, nrows - 1);
        cursor_col();
        break;
    case 'C':                   /* CUF: right */
        col = clamp(cursor_col() + n, 0, VGA_COLS - 1);
        break;
    case 'D':                   /* CUB: left */
        col = clamp(cursor_col() - n, 0, VGA_COLS - 1);
        break;
    case 'H':                   /* CUP: to row;column, counted from 1 */
    case 'f':                   /* HVP: the same */
        row = clamp(n - 1, 0, nrows - 1);
        col = clamp(vt_param(&parser, 1, 1) - 1, 0, VGA_COLS - 1);
        break;
    case 'J':
        erase_display(vt_param(&parser, 0, 0));
        break;
    case 'K':
        erase_in_line(vt_param(&parser, 0, 0));
        break;
    case 'm':                   /* SGR: colours, bold, reverse */
        vt_sgr(&pen, &parser);
        attr = vt_pen_attr(&pen);
        break;
    default:
        /* Ignored. Among them DSR, "ESC [ 6 n", which asks where the
         * cursor is: a terminal answers with input ("ESC [ row ; col R"),
         * but this console does not, so a program that asks reads no
         * answer (busybox's sh asks before each prompt and goes on). */
        break;
    }
}

/* A byte that is not plain text, or any byte inside a sequence. */
static void control(unsigned char c)
{
    enum vt_action a = vt_feed(&parser, c);
    if (a == VT_PRINT)
        put((char)c);
    else if (a == VT_CSI)
        act();
}

void vga_write(const char *s, size_t n)
{
    dirty = 1;
    for (size_t i = 0; i < n;) {
        if (parser.state != 0 || !plain(s[i])) {
            control((unsigned char)s[i++]);
            continue;
        }
        if (col >= VGA_COLS)
            new_line();                 /* the wrap that was pending */
        uint16_t *l = line(row);        /* a run of plain characters: */
        while (i < n && col < VGA_COLS && plain(s[i]))
            l[col++] = cell(s[i++], attr);
    }
}

void vga_flush(void)
{
    if (!dirty)
        return;
    blank_all_marked();
    for (int r = 0; r < nrows; r++)
        memcpy(&screen[(top + r) * VGA_COLS], line(r), sizeof lines[0]);
    move_cursor();
    dirty = 0;
}

/* The console gives up the top rows: show what it has, then take its
 * rows back from the screen as a ring that starts at row 0 again. */
void vga_reserve_top(int rows)
{
    vga_flush();
    top = rows;
    nrows = VGA_ROWS - top;
    first = 0;
    unblanked = 0;
    for (int r = 0; r < nrows; r++)
        memcpy(lines[r], &screen[(top + r) * VGA_COLS], sizeof lines[0]);
    row = row > top ? row - top : 0;
}

void vga_write_at(int r, int c, const char *s, uint8_t a)
{
    for (; *s && c < VGA_COLS; s++, c++)
        screen[r * VGA_COLS + c] = cell(*s, a);
}

int vga_rows(void)
{
    return nrows;
}
