/* Host tests for kernel/dev/vt.c: the console's escape sequence parser
 * (what each byte is, the parameters, hostile input) and the colours
 * that SGR chooses. */
#include <stdlib.h>
#include "tests/host/check.h"
#include "kernel/dev/vt.h"

/* The actions for the bytes of s, one letter a byte: p print, n none,
 * c CSI; the parser is not reset first. */
static const char *feed(struct vt_parser *p, const char *s)
{
    static char acts[256];
    size_t i = 0;
    for (; s[i] && i < sizeof acts - 1; i++) {
        enum vt_action a = vt_feed(p, (unsigned char)s[i]);
        acts[i] = a == VT_PRINT ? 'p' : a == VT_CSI ? 'c' : 'n';
    }
    acts[i] = 0;
    return acts;
}

static void parse(const char *name, const char *s, const char *want)
{
    struct vt_parser p = { 0 };
    check_str(name, feed(&p, s), want);
}

static void sequences(void)
{
    parse("vt/text-prints", "ab\n", "ppp");
    parse("vt/csi", "\033[2J", "nnnc");
    parse("vt/csi-no-params", "\033[Hx", "nncp");
    parse("vt/private-ignored", "\033[?25lx", "nnnnnnp");
    parse("vt/intermediate-ignored", "\033[1 qx", "nnnnnp");
    parse("vt/esc-one-byte", "\0337x", "nnp");
    parse("vt/esc-charset-two-bytes", "\033(Bx", "nnnp");
    parse("vt/esc-restarts", "\033[12\033[Dx", "nnnnnncp");
    parse("vt/can-cancels", "\033[3\030x", "nnnnp");
    parse("vt/sub-cancels", "\033[\032x", "nnnp");
    parse("vt/can-alone-swallowed", "\030x", "np");
    parse("vt/control-acts-inside", "\033[\b2C", "nnpnc");
    parse("vt/high-byte-drops-sequence", "\033[2\xc3x", "nnnnp");
    parse("vt/high-byte-prints", "\xc3", "p");

    struct vt_parser p = { 0 };
    feed(&p, "\033[");
    feed(&p, "1");
    check_str("vt/split-across-feeds", feed(&p, "0;5Hx"), "nnncp");
    check_int("vt/split-final", p.final, 'H');
    check_int("vt/split-param-0", vt_param(&p, 0, 1), 10);
    check_int("vt/split-param-1", vt_param(&p, 1, 1), 5);
}

static void parameters(void)
{
    struct vt_parser p = { 0 };
    feed(&p, "\033[;7H");
    check_int("vt/left-out-first", vt_nparams(&p), 2);
    check_int("vt/left-out-is-default", vt_param(&p, 0, 1), 1);
    check_int("vt/second-after-empty", vt_param(&p, 1, 1), 7);
    feed(&p, "\033[0A");
    check_int("vt/zero-is-default", vt_param(&p, 0, 1), 1);
    check_int("vt/past-the-end-is-default", vt_param(&p, 5, 3), 3);
    check_int("vt/negative-index-is-default", vt_param(&p, -1, 3), 3);

    feed(&p, "\033[");
    for (int i = 0; i < 100000; i++)
        feed(&p, "9");
    check_str("vt/huge-number-ends", feed(&p, "C"), "c");
    check_int("vt/huge-number-clamped", vt_param(&p, 0, 1), VT_PARAM_LIMIT);

    feed(&p, "\033[");
    for (int i = 1; i <= 1000; i++)
        feed(&p, i % 2 ? "3;" : "4;");
    feed(&p, "5m");
    check_int("vt/too-many-params-kept", vt_nparams(&p), VT_MAX_PARAMS);
    check_int("vt/too-many-params-last-kept", vt_param(&p, VT_MAX_PARAMS - 1, 0), 4);
}

/* Random bytes: the parser's fields stay in their bounds (and ASan
 * watches every store). */
static void random_bytes(void)
{
    struct vt_parser p = { 0 };
    int ok = 1;
    srand(7);
    for (int i = 0; i < 1000000 && ok; i++) {
        int r = rand();
        /* Mostly sequence bytes, so that long sequences happen. */
        unsigned char c = (unsigned char)(r % 4 == 0 ? 0x1B : r % 4 == 1 ? '0' + r / 4 % 10
                                          : r % 4 == 2 ? ';' : r / 4);
        vt_feed(&p, c);
        ok = p.started <= VT_MAX_PARAMS + 1 && vt_nparams(&p) <= VT_MAX_PARAMS;
        for (int k = 0; k < VT_MAX_PARAMS; k++)
            ok = ok && p.params[k] <= VT_PARAM_LIMIT;
    }
    CHECK("vt/random-bytes-in-bounds", ok);
}

/* The attribute after SGR "ESC [ s m" from the default pen. */
static int sgr(const char *s)
{
    struct vt_parser p = { 0 };
    struct vt_pen pen = { VT_DEFAULT_FG, VT_DEFAULT_BG, 0, 0 };
    feed(&p, "\033[");
    feed(&p, s);
    feed(&p, "m");
    vt_sgr(&pen, &p);
    return vt_pen_attr(&pen);
}

static void colours(void)
{
    check_int("sgr/empty-is-default", sgr(""), 0x07);
    check_int("sgr/red", sgr("31"), 0x04);
    check_int("sgr/yellow-is-brown", sgr("33"), 0x06);
    check_int("sgr/blue", sgr("34"), 0x01);
    check_int("sgr/cyan", sgr("36"), 0x03);
    check_int("sgr/bold-red", sgr("1;31"), 0x0C);
    check_int("sgr/bold-off", sgr("1;31;22"), 0x04);
    check_int("sgr/bright-green", sgr("92"), 0x0A);
    check_int("sgr/on-magenta", sgr("45"), 0x57);
    check_int("sgr/on-red-bright-not-bright", sgr("101"), 0x47);
    check_int("sgr/reverse", sgr("7"), 0x70);
    check_int("sgr/reverse-off", sgr("7;27"), 0x07);
    check_int("sgr/reverse-keeps-brightness", sgr("1;7;34;42"), 0x1A);
    check_int("sgr/reverse-bright-stays-in-front", sgr("92;7"), 0x28);
    check_int("sgr/defaults", sgr("31;44;39;49"), 0x07);
    check_int("sgr/reset-in-the-middle", sgr("1;31;0;32"), 0x02);
    check_int("sgr/256-colours-skipped", sgr("38;5;1"), 0x07);
    check_int("sgr/rgb-skipped", sgr("48;2;1;1;1;31"), 0x04);
    check_int("sgr/cut-38-harmless", sgr("38"), 0x07);
    check_int("sgr/unknown-ignored", sgr("4;5;8;31"), 0x04);
}

int main(void)
{
    sequences();
    parameters();
    random_bytes();
    colours();
    return check_exit_status();
}
