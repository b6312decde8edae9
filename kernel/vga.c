/*
 * VGA text mode: the screen is an array of 80x25 16-bit cells at physical
 * 0xB8000, the low byte the character, the high byte the colours
 * (OSDev "Text UI"). The console scrolls rows [top, 25); rows above top
 * can be owned by a status band.
 */
#include "kernel/vga.h"
#include "kernel/vm.h"
#include "kernel/x86/io.h"
#include "lib/string.h"

#define VGA_TEXT_PHYS   0xB8000
#define CRTC_INDEX      0x3D4
#define CRTC_DATA       0x3D5
#define CRTC_CURSOR_HI  0x0E
#define CRTC_CURSOR_LO  0x0F
#define TAB_WIDTH       8

static uint16_t *const screen = (uint16_t *)P2V(VGA_TEXT_PHYS);
static int row, col, top;
static uint8_t attr = VGA_LIGHT_GREY | (VGA_BLACK << 4);

static uint16_t cell(char c, uint8_t a)
{
    return (uint16_t)(uint8_t)c | (uint16_t)a << 8;
}

static void move_cursor(void)
{
    uint16_t pos = (uint16_t)(row * VGA_COLS + col);
    outb(CRTC_INDEX, CRTC_CURSOR_HI);
    outb(CRTC_DATA, pos >> 8);
    outb(CRTC_INDEX, CRTC_CURSOR_LO);
    outb(CRTC_DATA, pos & 0xFF);
}

static void clear_rows(int from, int to)
{
    for (int i = from * VGA_COLS; i < to * VGA_COLS; i++)
        screen[i] = cell(' ', attr);
}

static void scroll(void)
{
    memmove(&screen[top * VGA_COLS], &screen[(top + 1) * VGA_COLS],
            (size_t)(VGA_ROWS - top - 1) * VGA_COLS * sizeof screen[0]);
    clear_rows(VGA_ROWS - 1, VGA_ROWS);
    row = VGA_ROWS - 1;
}

void vga_init(void)
{
    row = col = top = 0;
    clear_rows(0, VGA_ROWS);
    move_cursor();
}

void vga_set_color(enum vga_color fg, enum vga_color bg)
{
    attr = (uint8_t)(fg | bg << 4);
}

void vga_putc(char c)
{
    switch (c) {
    case '\n':
        col = 0;
        row++;
        break;
    case '\r':
        col = 0;
        break;
    case '\b':
        if (col > 0)
            screen[row * VGA_COLS + --col] = cell(' ', attr);
        break;
    case '\t':
        col = (col + TAB_WIDTH) & ~(TAB_WIDTH - 1);
        break;
    default:
        screen[row * VGA_COLS + col++] = cell(c, attr);
    }
    if (col >= VGA_COLS) {
        col = 0;
        row++;
    }
    if (row >= VGA_ROWS)
        scroll();
    move_cursor();
}

void vga_reserve_top(int rows)
{
    top = rows;
    if (row < top)
        row = top;
}

void vga_write_at(int r, int c, const char *s, uint8_t a)
{
    for (; *s && c < VGA_COLS; s++, c++)
        screen[r * VGA_COLS + c] = cell(*s, a);
}
