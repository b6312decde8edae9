/*
 * Dates: a calendar date and time of day in UTC, turned into seconds
 * since 1970-01-01 00:00:00 UTC (the Unix epoch, what CLOCK_REALTIME
 * counts), and the CMOS real-time clock's registers turned into a date.
 * Pure functions, so the host tests check them (tests/host/test_date.c).
 */
#ifndef LIB_DATE_H
#define LIB_DATE_H

#include <stdint.h>

struct date {
    int year;           /* 1970 and later */
    int month;          /* 1-12 */
    int day;            /* 1-31 */
    int hour, minute, second;   /* 0-23, 0-59, 0-59 */
};

/* Is d a real date and time, in 1970-2099? 1 or 0. */
int date_valid(const struct date *d);
/* Seconds since the epoch; d must be valid. */
int64_t date_to_seconds(const struct date *d);

/* The CMOS clock's registers as read from the chip. The clock counts in
 * binary-coded decimal or in binary, and 12- or 24-hour time, as status
 * register B says; the year has two digits (20xx assumed). */
struct cmos_time {
    uint8_t second, minute, hour, day, month, year;
    uint8_t status_b;
};
#define CMOS_B_24_HOUR  0x02    /* status B: hours 0-23 (else 1-12 and a PM bit) */
#define CMOS_B_BINARY   0x04    /* status B: binary numbers (else BCD) */
#define CMOS_HOUR_PM    0x80    /* in 12-hour mode, the hour's PM bit */

/* Decode the registers: 0 with *out filled, or -1 when they do not
 * make a valid date (no clock, a dead battery, bad digits). */
int date_from_cmos(const struct cmos_time *raw, struct date *out);

#endif
