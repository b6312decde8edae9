/*
 * The VGA console's escape sequences (tests/scenarios/console_vt.scn):
 * one test a screen row, placed with CUP, so that the scenario can check
 * each row exactly, characters and colours. Also sequences split across
 * writes, cancelled ones, and hostile ones (a huge number, too many
 * parameters), which must neither crash nor leave the screen.
 */
#include "user/lib/runtime.h"

#define SCREEN_TIME_MS 3000     /* the scenario reads the screen meanwhile */

static void out(const char *s)
{
    write(1, s, strlen(s));
}

/* ED 2 first: the boot messages go. Then ED 1 and ED 0. */
static void erase_display(void)
{
    out("\033[2J\033[H");
    out("JUNK1JUNK1JUNK1\nJUNK2JUNK2\n");
    out("\033[2;3H\033[1J");            /* row 1 and "JUN" of row 2 */
    out("\033[1;1HED1 above");
    out("\033[22;1HED0: keepGONE\033[24;40HGONE24\033[25;1HGONE25");
    out("\033[22;10H\033[J");           /* from "GONE" to the end */
}

static void cursor_moves(void)
{
    out("\033[3;1HCUB: abcdef\033[3DXY");
    out("\033[4;1HCUF:\033[5Cx\033[Cy");
    out("\033[10;1Hmid\033[2Aup\033[4Bdn");  /* up on row 8, dn on row 12 */
    out("\033[13;20HP\033[13;30fQ");          /* CUP and HVP */
    out("\033[14;70H\033[999AT");             /* clamped at the top row */
    out("\033[1;1H\033[999B\033[59CB");       /* at the bottom row */
}

static void erase_lines(void)
{
    out("\033[5;1HEL0: keepGONE\033[4D\033[K!");
    out("\033[6;1HEL1: goneKEEP\033[5D\033[1K");
    out("\033[7;1HEL2: all of this goes\033[2K\rEL2: ok");
}

static void hostile(void)
{
    out("\033[14;1HHUGE:\033[99999999999999999999C|");
    out("\033[99999;99999HZ");                  /* the bottom right cell */
    /* 40 parameters: the first two place the cursor, the rest are
     * dropped; in the SGR, 31 is the 21st and is dropped too. */
    out("\033[15;3;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;9;"
        "9;9;9;9;9;9;9;9;9;9HM ");
    out("\033[0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;31mr\033[0m");
    out("\033[16;1HDSR:\033[6n\033[?25l\033[>c\033[3~ok"); /* all ignored */
    out("\033[17;1HESC:\033(B\033)0\033=\0337ok");
}

static void split_and_cancelled(void)
{
    out("\033[18;1HSPLIT: abc\033[");
    out("2Dx");
    out("\033");
    out("[");
    out("1");
    out("0Cy");
    out("\033[19;1HCAN: \033[3\030ok\033[12\033[1Cz");
    out("\033[20;1HCTL: ab\033[\b2Cx");     /* BS acts inside a sequence */
}

static void colours(void)
{
    out("\033[21;1HSGR:\033[31mR\033[1mB\033[0m \033[7mV\033[m\033[42;30mG"
        "\033[39;49mN\033[38;5;1mX\033[4;33mU\033[97mW\033[44mb"
        "\033[1;7;32mI\033[22;27;39;49mn\033[0m");
}

int main(void)
{
    erase_display();
    cursor_moves();
    erase_lines();
    hostile();
    split_and_cancelled();
    colours();
    out("\033[24;1Ht_vt: drawn\n");
    msleep(SCREEN_TIME_MS);
    return 0;
}
