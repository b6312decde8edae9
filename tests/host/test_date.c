/* Host tests for lib/date.c: the calendar, and the CMOS clock's registers
 * in BCD and binary, 24- and 12-hour form, and garbage. */
#include <stdint.h>
#include "tests/host/check.h"
#include "lib/date.h"

static void seconds(const char *name, struct date d, int64_t want)
{
    check_int(name, date_valid(&d), 1);
    check_int(name, date_to_seconds(&d), want);
}

static void invalid(const char *name, struct date d)
{
    check_int(name, date_valid(&d), 0);
}

/* date_from_cmos gives want (as seconds), or -1 for want_r. */
static void cmos(const char *name, struct cmos_time raw, int want_r, int64_t want)
{
    struct date d = { 1999, 1, 1, 0, 0, 0 };
    int r = date_from_cmos(&raw, &d);
    check_int(name, r, want_r);
    if (want_r == 0)
        check_int(name, date_to_seconds(&d), want);
    else
        check_int(name, d.year, 1999);      /* untouched on failure */
}

#define BCD_24 CMOS_B_24_HOUR
#define BIN_24 (CMOS_B_24_HOUR | CMOS_B_BINARY)

int main(void)
{
    seconds("date/epoch", (struct date){ 1970, 1, 1, 0, 0, 0 }, 0);
    seconds("date/2000", (struct date){ 2000, 1, 1, 0, 0, 0 }, 946684800);
    seconds("date/2000-leap-day-counted", (struct date){ 2000, 3, 1, 0, 0, 0 }, 951868800);
    seconds("date/2023-no-leap-day", (struct date){ 2023, 3, 1, 0, 0, 0 }, 1677628800);
    seconds("date/2024-feb-29", (struct date){ 2024, 2, 29, 12, 34, 56 }, 1709210096);
    seconds("date/last-second-2099", (struct date){ 2099, 12, 31, 23, 59, 59 }, 4102444799);
    invalid("date/2023-feb-29", (struct date){ 2023, 2, 29, 0, 0, 0 });
    invalid("date/2100-feb-29", (struct date){ 2100, 2, 29, 0, 0, 0 });
    invalid("date/before-epoch", (struct date){ 1969, 12, 31, 23, 59, 59 });
    invalid("date/month-13", (struct date){ 2024, 13, 1, 0, 0, 0 });
    invalid("date/day-0", (struct date){ 2024, 1, 0, 0, 0, 0 });
    invalid("date/april-31", (struct date){ 2024, 4, 31, 0, 0, 0 });
    invalid("date/hour-24", (struct date){ 2024, 1, 1, 24, 0, 0 });
    invalid("date/second-60", (struct date){ 2024, 1, 1, 0, 0, 60 });

    /* 2026-12-02 18:05:07 UTC = 1796234707 */
    cmos("cmos/bcd-24h", (struct cmos_time){ 0x07, 0x05, 0x18, 0x02, 0x12, 0x26, BCD_24 }, 0,
         1796234707);
    cmos("cmos/binary-24h", (struct cmos_time){ 7, 5, 18, 2, 12, 26, BIN_24 }, 0, 1796234707);
    cmos("cmos/bcd-12h-6pm", (struct cmos_time){ 0x07, 0x05, 0x86, 0x02, 0x12, 0x26, 0 }, 0,
         1796234707);
    cmos("cmos/binary-12h-6pm",
         (struct cmos_time){ 7, 5, 0x80 | 6, 2, 12, 26, CMOS_B_BINARY }, 0, 1796234707);
    cmos("cmos/12h-midnight-is-0",
         (struct cmos_time){ 0, 0, 0x12, 0x01, 0x01, 0x00, 0 }, 0, 946684800);
    cmos("cmos/12h-noon-is-12",
         (struct cmos_time){ 0, 0, 0x92, 0x01, 0x01, 0x00, 0 }, 0, 946684800 + 12 * 3600);
    cmos("cmos/12h-hour-0-is-bad", (struct cmos_time){ 0, 0, 0x00, 1, 1, 0, 0 }, -1, 0);
    cmos("cmos/bad-bcd-digit", (struct cmos_time){ 0x0A, 0, 0, 1, 1, 0, BCD_24 }, -1, 0);
    cmos("cmos/no-chip-all-ones",
         (struct cmos_time){ 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, -1, 0);
    cmos("cmos/binary-year-100", (struct cmos_time){ 0, 0, 0, 1, 1, 100, BIN_24 }, -1, 0);
    cmos("cmos/feb-30", (struct cmos_time){ 0, 0, 0, 0x30, 0x02, 0x24, BCD_24 }, -1, 0);
    return check_exit_status();
}
