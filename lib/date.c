/*
 * Calendar arithmetic for the real-time clock (lib/date.h). The
 * Gregorian rules: a year has 365 days, 366 when it divides by 4 but not
 * by 100, or divides by 400 (2000 was a leap year, 2100 will not be).
 */
#include "lib/date.h"

#define SECONDS_PER_DAY 86400

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int date_valid(const struct date *d)
{
    if (d->year < 1970 || d->year > 2099 || d->month < 1 || d->month > 12)
        return 0;
    if (d->day < 1 || d->day > days_in_month(d->year, d->month))
        return 0;
    return d->hour >= 0 && d->hour <= 23 && d->minute >= 0 && d->minute <= 59 &&
           d->second >= 0 && d->second <= 59;
}

int64_t date_to_seconds(const struct date *d)
{
    /* Whole years, then whole months, then the days of this month: a
     * loop of at most 130 years is clearer than a closed formula. */
    int64_t days = 0;
    for (int y = 1970; y < d->year; y++)
        days += is_leap(y) ? 366 : 365;
    for (int m = 1; m < d->month; m++)
        days += days_in_month(d->year, m);
    days += d->day - 1;
    return days * SECONDS_PER_DAY + (int64_t)d->hour * 3600 + (int64_t)d->minute * 60 +
           d->second;
}

/* A BCD byte (0x59 is 59) as a number, or -1 for a digit above 9. */
static int from_bcd(uint8_t v)
{
    int hi = v >> 4, lo = v & 0x0F;
    return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
}

static int cmos_number(uint8_t v, int binary)
{
    return binary ? v : from_bcd(v);
}

int date_from_cmos(const struct cmos_time *raw, struct date *out)
{
    int binary = (raw->status_b & CMOS_B_BINARY) != 0;
    int pm = 0;
    uint8_t hour = raw->hour;
    if (!(raw->status_b & CMOS_B_24_HOUR)) {
        pm = (hour & CMOS_HOUR_PM) != 0;
        hour &= (uint8_t)~CMOS_HOUR_PM;
    }
    struct date d = {
        .year = cmos_number(raw->year, binary),
        .month = cmos_number(raw->month, binary),
        .day = cmos_number(raw->day, binary),
        .hour = cmos_number(hour, binary),
        .minute = cmos_number(raw->minute, binary),
        .second = cmos_number(raw->second, binary),
    };
    if (d.year < 0 || d.year > 99)
        return -1;
    d.year += 2000;
    if (!(raw->status_b & CMOS_B_24_HOUR)) {
        if (d.hour < 1 || d.hour > 12)
            return -1;
        d.hour = d.hour % 12 + (pm ? 12 : 0);      /* 12 AM is 0, 12 PM is 12 */
    }
    if (!date_valid(&d))
        return -1;
    *out = d;
    return 0;
}
