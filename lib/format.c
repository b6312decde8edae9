/*
 * format.c - the printf-style formatter described in format.h.
 *
 * format_v walks the format string. Ordinary characters go straight to the
 * sink. At each '%' it reads a conversion specification into a struct spec,
 * fetches the argument, and prints it with the padding the spec asks for.
 */
#include "lib/format.h"

#include <stdbool.h>
#include <stdint.h>

/*
 * Widths and precisions are capped at this, so that adding them up can never
 * overflow an int, even for a silly format such as "%999999999999d".
 */
#define FIELD_MAX 1000000

/* Where the output goes, and how many characters have been sent there:
 * to a sink a character at a time, or (no sink) straight into a buffer,
 * which saves format_buf a call per character. */
struct out {
    format_sink sink;
    void *ctx;
    char *buf;     /* with no sink: at most size - 1 characters, then a NUL */
    size_t size;
    size_t len;    /* characters stored in buf */
    int count;
};

/* One parsed conversion specification, such as "%-08.3llx". */
struct spec {
    bool left;     /* '-' flag: pad on the right instead of the left */
    bool zero;     /* '0' flag: pad numbers with zeros instead of spaces */
    int width;     /* minimum field width; 0 if none was given */
    int precision; /* -1 if none was given */
    int longs;     /* number of 'l's: 0 int, 1 long, 2 long long */
};

static void put(struct out *o, char c)
{
    if (o->sink)
        o->sink(o->ctx, c);
    else if (o->len + 1 < o->size)
        o->buf[o->len++] = c;
    o->count++;
}

static void put_repeated(struct out *o, char c, int n)
{
    for (; n > 0; n--)
        put(o, c);
}

static void put_chars(struct out *o, const char *s, int len)
{
    for (int i = 0; i < len; i++)
        put(o, s[i]);
}

/*
 * The length of s, but never looking at more than max characters (if max is
 * not negative): "%.3s" may be given an array with no NUL terminator.
 */
static int bounded_length(const char *s, int max)
{
    int n = 0;

    while ((max < 0 || n < max) && s[n] != '\0')
        n++;
    return n;
}

/* Print the len characters of s, padded with spaces to the field width. */
static void put_text(struct out *o, const struct spec *sp, const char *s,
             int len)
{
    int pad = sp->width > len ? sp->width - len : 0;

    if (!sp->left)
        put_repeated(o, ' ', pad);
    put_chars(o, s, len);
    if (sp->left)
        put_repeated(o, ' ', pad);
}

/*
 * Divide *n by base (at most 16) in place and return the remainder.
 *
 * On i386 a plain 64-bit '/' makes GCC call a helper function from libgcc,
 * and not every program built with this file links libgcc. So this does
 * schoolbook long division, 16 bits at a time: each step divides
 * (remainder << 16) + next 16 bits, which is below 16 << 16 and so fits
 * easily in 32 bits.
 */
static unsigned divide(uint64_t *n, unsigned base)
{
    if (*n >> 32 == 0) {        /* the common case: one 32-bit division */
        uint32_t v = (uint32_t)*n;
        *n = v / base;
        return v % base;
    }
    uint64_t quotient = 0;
    uint32_t rem = 0;

    for (int shift = 48; shift >= 0; shift -= 16) {
        uint32_t piece = (uint32_t)(*n >> shift) & 0xffff;
        uint32_t part = (rem << 16) | piece;

        quotient |= (uint64_t)(part / base) << shift;
        rem = part % base;
    }
    *n = quotient;
    return rem;
}

/*
 * Print value in the given base (10 or 16) after a prefix: "-" for a
 * negative number, "0x" for a pointer, or "". The precision gives the
 * fewest digits, and the width is padded with spaces, or with zeros for the
 * '0' flag.
 */
static void put_number(struct out *o, const struct spec *sp, uint64_t value,
               unsigned base, bool upper, const char *prefix)
{
    const char *digit_chars = upper ? "0123456789ABCDEF"
                    : "0123456789abcdef";
    char digits[20]; /* 2^64 - 1 has 20 decimal digits */
    int ndigits = 0;

    /* Digits come out least significant first, so print them backwards. */
    while (value != 0)
        digits[ndigits++] = digit_chars[divide(&value, base)];

    /* At least one digit by default, but (as in C) "%.0d" of 0 has none. */
    int min_digits = sp->precision >= 0 ? sp->precision : 1;
    int zeros = min_digits > ndigits ? min_digits - ndigits : 0;
    int prefix_len = bounded_length(prefix, -1);
    int len = prefix_len + zeros + ndigits;
    int pad = sp->width > len ? sp->width - len : 0;

    /*
     * The '0' flag turns the padding into zeros after the sign ("-0042").
     * As in C, it is ignored when left-justifying or when a precision is
     * given.
     */
    if (sp->zero && !sp->left && sp->precision < 0) {
        zeros += pad;
        pad = 0;
    }

    if (!sp->left)
        put_repeated(o, ' ', pad);
    put_chars(o, prefix, prefix_len);
    put_repeated(o, '0', zeros);
    while (ndigits > 0)
        put(o, digits[--ndigits]);
    if (sp->left)
        put_repeated(o, ' ', pad);
}

/*
 * Fetch an integer argument of the size the length modifier says. Smaller
 * types are widened to 64 bits so that one routine can print them all.
 */
static int64_t arg_signed(va_list *ap, int longs)
{
    if (longs >= 2)
        return va_arg(*ap, long long);
    if (longs == 1)
        return va_arg(*ap, long);
    return va_arg(*ap, int);
}

static uint64_t arg_unsigned(va_list *ap, int longs)
{
    if (longs >= 2)
        return va_arg(*ap, unsigned long long);
    if (longs == 1)
        return va_arg(*ap, unsigned long);
    return va_arg(*ap, unsigned int);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * Read a width or precision at *p and move *p past it: decimal digits, or
 * '*' to take the value from the next int argument. The result may be
 * negative only in the '*' case.
 */
static int read_field(const char **p, va_list *ap)
{
    int n = 0;

    if (**p == '*') {
        (*p)++;
        n = va_arg(*ap, int);
    } else {
        for (; is_digit(**p); (*p)++) {
            if (n <= FIELD_MAX) /* stop growing once too big */
                n = n * 10 + (**p - '0');
        }
    }
    return n > FIELD_MAX ? FIELD_MAX : n;
}

/* Read the flags, width, precision and length at *p (just after the '%'). */
static void read_spec(const char **p, va_list *ap, struct spec *sp)
{
    sp->left = false;
    sp->zero = false;
    sp->width = 0;
    sp->precision = -1;
    sp->longs = 0;

    for (;; (*p)++) {
        if (**p == '-')
            sp->left = true;
        else if (**p == '0')
            sp->zero = true;
        else
            break;
    }

    if (**p == '*' || is_digit(**p)) {
        int width = read_field(p, ap);

        /* As in C, a negative '*' width means '-' and its size. */
        if (width < 0) {
            sp->left = true;
            width = width < -FIELD_MAX ? FIELD_MAX : -width;
        }
        sp->width = width;
    }

    if (**p == '.') {
        (*p)++;
        /* '.' alone means 0; a negative '*' means no precision. */
        int precision = read_field(p, ap);

        sp->precision = precision < 0 ? -1 : precision;
    }

    while (**p == 'l' && sp->longs < 2) {
        sp->longs++;
        (*p)++;
    }
}

/*
 * Print one argument according to conversion letter conv.
 * Returns false for a letter this formatter does not know.
 */
static bool convert(struct out *o, const struct spec *sp, char conv,
            va_list *ap)
{
    switch (conv) {
    case 'd':
    case 'i': {
        int64_t v = arg_signed(ap, sp->longs);

        /*
         * Negate in unsigned arithmetic: -v itself would overflow for
         * the most negative value, such as INT_MIN.
         */
        if (v < 0)
            put_number(o, sp, 0 - (uint64_t)v, 10, false, "-");
        else
            put_number(o, sp, (uint64_t)v, 10, false, "");
        return true;
    }
    case 'u':
        put_number(o, sp, arg_unsigned(ap, sp->longs), 10, false, "");
        return true;
    case 'x':
    case 'X':
        put_number(o, sp, arg_unsigned(ap, sp->longs), 16, conv == 'X',
               "");
        return true;
    case 'p': {
        /* Show every digit: addresses then line up in columns. */
        struct spec pointer_spec = *sp;

        pointer_spec.precision = (int)(2 * sizeof(void *));
        put_number(o, &pointer_spec, (uintptr_t)va_arg(*ap, void *), 16,
               false, "0x");
        return true;
    }
    case 's': {
        const char *s = va_arg(*ap, const char *);

        if (s == NULL)
            s = "(null)";
        put_text(o, sp, s, bounded_length(s, sp->precision));
        return true;
    }
    case 'c': {
        /* A char argument arrives promoted to an int. */
        char c = (char)va_arg(*ap, int);

        put_text(o, sp, &c, 1);
        return true;
    }
    case '%':
        put(o, '%');
        return true;
    default:
        return false;
    }
}

static int format_out(struct out *out, const char *fmt, va_list ap)
{
    struct out o = *out;
    const char *p = fmt;
    va_list args;

    /*
     * The helpers take a pointer to the argument list. Taking the address
     * of the parameter ap is not portable (va_list is an array type on
     * some machines), but the address of a local copy is.
     */
    va_copy(args, ap);

    while (*p != '\0') {
        if (*p != '%') {
            put(&o, *p++);
            continue;
        }

        const char *start = p++;
        struct spec sp;

        read_spec(&p, &args, &sp);
        if (*p == '\0') {
            /* The format ends inside a conversion: print it. */
            put_chars(&o, start, (int)(p - start));
            break;
        }

        char conv = *p++;

        if (!convert(&o, &sp, conv, &args)) {
            /* Unknown conversion: print it as written ("%q"). */
            put_chars(&o, start, (int)(p - start));
        }
    }

    va_end(args);
    *out = o;
    return o.count;
}

int format_v(format_sink sink, void *ctx, const char *fmt, va_list ap)
{
    struct out o = { sink, ctx, NULL, 0, 0, 0 };
    return format_out(&o, fmt, ap);
}

int format_buf_v(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { NULL, NULL, buf, size, 0, 0 };
    int n = format_out(&o, fmt, ap);

    if (size > 0)
        buf[o.len] = '\0';
    return n;
}

int format_buf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = format_buf_v(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
