/* The console: every kernel message goes to COM1 and the VGA screen. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include "kernel/dev/vga.h"

struct proc;

void console_init(void);
/* The kernel's own output: never sleeps, never lost. */
void console_write(const char *s, size_t n);
/* One message in two forms: the serial line's, and the screen's. */
void console_write_split(const char *serial, size_t n, const char *screen, size_t m);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* The same to the serial line only (the trace). */
int console_serial_printf(const char *fmt, va_list ap);
/* Colour of the text that follows, on the screen (serial has none). */
void console_color(enum vga_color fg);
/* Send everything still in the ring, and draw the screen, now. */
void console_drain(void);
/* From now on every byte goes out at once, polled: for a panic. */
void console_panic(void);

/* write(1, ...) by the current process: the count written, or -EFAULT
 * (nothing written), or -EAGAIN (non-blocking and no room). */
int console_write_user(uint32_t ubuf, uint32_t n, int nonblock);
/* The same from kernel memory (sendfile's bytes of the ramdisk). */
int console_write_kernel(const char *buf, uint32_t n, int nonblock);
/* writev: the console is the caller's for several console_write_user
 * calls in a row, so that no other process's bytes come between them.
 * console_hold: 0, or -EAGAIN (non-blocking, another writer has it), or
 * -ERESTARTSYS (a signal came while it waited). */
int console_hold(int nonblock);
void console_release(void);
/* p ends: if its write held the console, the console is free again. */
void console_forget(struct proc *p);
/* Would a write find room now? (for poll) */
int console_writable(void);
/* Sleep until every byte in the output ring has gone to the UART
 * (TCSETSW): 0, or -ERESTARTSYS when a signal came first. */
int console_wait_drained(void);

/* The process group the signal keys (Ctrl-C, Ctrl-\) reach (0: none). */
void console_set_foreground(int pgid);
/* The foreground process group (0: none). */
int console_foreground(void);
/* Interrupt handlers: COM1's (received bytes, transmitter empty) and
 * a typed key. They only move bytes; console_catch_up acts on them. */
void console_intr(void);
void console_key(char c);
/* The input side (kernel/dev/input.c) for console.c: a byte from an
 * interrupt handler, and the bytes handed to the line discipline, at a
 * safe point. */
void input_raw(char c);
void input_catch_up(void);
/* At a safe point (kernel/preempt.c): typed bytes go through the line
 * discipline (signal keys, editing, echo, waking readers), writers
 * waiting for room wake, and the screen is redrawn once a tick. */
void console_catch_up(void);
/* read(0, ...): wait as the terminal settings say (a line, or VMIN
 * and VTIME), copy out up to n bytes. The count, 0 at end of file
 * (Ctrl-D at the start of a line) or when VTIME ran out, -EFAULT, or
 * -EAGAIN (non-blocking, it would wait). */
int console_read(uint32_t ubuf, uint32_t n, int nonblock);
/* Would a read return without waiting? (for poll) */
int console_input_ready(void);
/* The bytes readable now: of complete lines in canonical mode (FIONREAD). */
int console_input_count(void);
/* Discard the typed input not read yet (TCSETSF, TCFLSH). */
void console_flush_input(void);

#endif
