/*
 * The VGA console's rows (tests/scenarios/console_screen_rows.scn): lines
 * of exactly 80 characters take one row each (the wrap waits for the next
 * character), so all of them stay on the 25-row screen.
 */
#include "user/lib/runtime.h"

#define LINES 20
#define SCREEN_TIME_MS 3000     /* the scenario reads the screen meanwhile */

int main(void)
{
    char line[80 + 1];          /* the screen's width and a newline */
    for (int i = 1; i <= LINES; i++) {
        memset(line, '=', 80);
        format_buf(line, 4, "L%02d", i);
        line[3] = '=';                  /* format_buf's NUL */
        line[80] = '\n';
        write(1, line, 80 + 1);
    }
    msleep(SCREEN_TIME_MS);
    return 0;
}
