/*
 * format - a small printf-style formatter for the kernel and user programs.
 *
 * The formatter never writes anywhere by itself. Every character it produces
 * is handed to a "sink" function chosen by the caller, so the same code can
 * print to the screen, to a serial port, or into a buffer.
 *
 * A conversion is written %[flags][width][.precision][length]conversion:
 *
 *   flags      '-'  left-justify within the width (pad on the right)
 *              '0'  pad numbers with leading zeros instead of spaces
 *   width      minimum number of characters: decimal digits, or '*' to take
 *              it from the next int argument (negative means left-justify)
 *   precision  for %s: the most characters to print;
 *              for integers: the fewest digits to print.
 *              Decimal digits or '*', as for the width.
 *   length     'l'  the argument is a long (32 bits on i386)
 *              'll' the argument is a long long (64 bits, e.g. a TSC value)
 *   conversion d, i  signed decimal
 *              u     unsigned decimal
 *              x, X  unsigned hexadecimal, lowercase or uppercase
 *              p     pointer: "0x" and every hex digit of the address
 *                    (8 lowercase digits on i386), e.g. 0x000b8000
 *              s     string; a null pointer prints as "(null)"
 *              c     one character
 *              %     a literal '%'
 *
 * Anything else is printed exactly as written, so "%q" prints "%q". There is
 * no floating point: the kernel is built without floating-point registers.
 *
 * Only freestanding headers are used, so this needs no C library.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the output one character at a time; ctx is the caller's pointer. */
typedef void (*format_sink)(void *ctx, char c);

/*
 * The format attributes let GCC check every call's arguments against the
 * format string, just as it does for printf.
 */

/* Format into sink. Returns the number of characters emitted. */
int format_v(format_sink sink, void *ctx, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/*
 * Format into buf, which holds size bytes. Like C's snprintf: output that
 * does not fit is cut off, buf is always NUL-terminated when size > 0, and
 * the return value is the length the whole output would have had (so a
 * result >= size means it was truncated). buf may be NULL when size is 0.
 */
int format_buf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same as format_buf, with the arguments as a va_list. */
int format_buf_v(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

#endif /* LIB_FORMAT_H */
