/*
 * The PS/2 keyboard, US layout. The controller hands us "scan code set
 * 1" bytes on port 0x60 (OSDev "PS/2 Keyboard"): one byte when a key goes
 * down, the same byte + 0x80 when it comes up. We track Shift, Ctrl and
 * Caps Lock ourselves and turn the rest into ASCII for the console, the
 * same input the serial line feeds. Ctrl+letter gives the control code
 * (Ctrl-C is 3, Ctrl-U is 21), as a terminal would; Enter sends CR and
 * Backspace DEL, as Linux's console does (the terminal settings, ICRNL
 * and VERASE, make them a new line and an erase).
 */
#include "kernel/dev/kbd.h"
#include "kernel/dev/console.h"
#include "kernel/x86/io.h"

#define KBD_DATA        0x60
#define KEY_RELEASED    0x80
#define SC_EXTENDED     0xE0    /* the next byte is an extended key: ignored */
#define SC_LSHIFT       0x2A
#define SC_RSHIFT       0x36
#define SC_CTRL         0x1D
#define SC_CAPS         0x3A
#define DEL             0x7F    /* what Backspace sends, as on Linux's console */

/* Scan code -> character, without and with Shift. 0: no character. */
static const char plain[0x3A] = {
    0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', DEL,
    '\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r',
    0, 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
    0, '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};

static const char shifted[0x3A] = {
    0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', DEL,
    '\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r',
    0, 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
    0, '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

static int shift, ctrl, caps, extended;

static char translate(uint8_t code)
{
    if (code >= sizeof plain)
        return 0;
    char c = shift ? shifted[code] : plain[code];
    int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter && caps)
        c ^= 0x20;              /* Caps Lock flips the case of letters only */
    if (letter && ctrl)
        c &= 0x1F;              /* Ctrl-A is 1 ... Ctrl-Z is 26 */
    return c;
}

void kbd_intr(void)
{
    uint8_t code = inb(KBD_DATA);
    if (code == SC_EXTENDED) {
        extended = 1;
        return;
    }
    if (extended) {             /* arrows, keypad Enter, ...: not handled */
        extended = 0;
        return;
    }
    int down = !(code & KEY_RELEASED);
    code &= ~KEY_RELEASED;
    if (code == SC_LSHIFT || code == SC_RSHIFT)
        shift = down;
    else if (code == SC_CTRL)
        ctrl = down;
    else if (code == SC_CAPS && down)
        caps = !caps;
    else if (down) {
        char c = translate(code);
        if (c)
            console_key(c);
    }
}
