/* The console: every kernel message goes to COM1 and the VGA screen. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include "kernel/vga.h"

void console_init(void);
void console_write(const char *s, size_t n);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* The process group that Ctrl-C interrupts (0: none). */
void console_set_foreground(int pgid);
/* The foreground process group (0: none). */
int console_foreground(void);
/* A byte of input arrived (from an interrupt handler). */
void console_input(char c);
/* COM1's interrupt: move received bytes into the input buffer. */
void console_intr(void);
/* read(0, ...): block until input is there, copy out up to n bytes.
 * The count, or -EFAULT. */
int console_read(uint32_t ubuf, uint32_t n);
/* Is there input waiting? (for poll) */
int console_input_ready(void);
/* Colour of the text that follows, on the screen (serial has none). */
void console_color(enum vga_color fg);

#endif
