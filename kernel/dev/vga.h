/* The VGA text screen: 80x25 cells of character + colour. */
#ifndef KERNEL_VGA_H
#define KERNEL_VGA_H

#include <stddef.h>
#include <stdint.h>

#define VGA_COLS 80
#define VGA_ROWS 25

enum vga_color {
    VGA_BLACK = 0, VGA_BLUE = 1, VGA_GREEN = 2, VGA_CYAN = 3, VGA_RED = 4,
    VGA_MAGENTA = 5, VGA_BROWN = 6, VGA_LIGHT_GREY = 7, VGA_DARK_GREY = 8,
    VGA_LIGHT_BLUE = 9, VGA_LIGHT_GREEN = 10, VGA_LIGHT_CYAN = 11,
    VGA_LIGHT_RED = 12, VGA_PINK = 13, VGA_YELLOW = 14, VGA_WHITE = 15,
};

void vga_init(void);
/* Draw n bytes at the cursor, in the console's rows (seen at the next
 * flush). */
void vga_write(const char *s, size_t n);
/* Show what vga_write drew since the last flush, and move the cursor. */
void vga_flush(void);
void vga_set_color(enum vga_color fg, enum vga_color bg);
/* Rows [0, rows) are left alone by the console (a status band). */
void vga_reserve_top(int rows);
/* The rows the console scrolls in (VGA_ROWS less a status band). */
int vga_rows(void);
/* Write a string at a fixed place, outside the scrolling console. */
void vga_write_at(int row, int col, const char *s, uint8_t attr);

#endif
