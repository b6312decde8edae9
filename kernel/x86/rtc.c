/*
 * The CMOS real-time clock (Motorola MC146818 and its successors; OSDev
 * "CMOS" and "RTC"): a battery-backed chip that keeps the date while the
 * machine is off. Its registers are read through two ports: write the
 * register's number to 0x70, read its value from 0x71.
 *
 * The chip updates its registers once a second, and a read in the middle
 * of an update can mix the old and the new time (59 seconds with the
 * next minute). So: wait while status A says an update is in progress,
 * read everything, and read again until two readings agree. The clock is
 * read once, at boot; from then on the PIT counts (CLOCK_REALTIME is the
 * date at boot plus CLOCK_MONOTONIC), which is good to a second.
 *
 * The registers hold UTC here: QEMU's default (-rtc base=utc), and what
 * Linux expects of a machine it alone runs on. A PC clock kept in local
 * time (Windows' habit) would give a date off by the time zone.
 */
#include "kernel/x86/rtc.h"
#include "kernel/x86/io.h"
#include "kernel/x86/pit.h"
#include "kernel/dev/console.h"
#include "lib/date.h"

#define CMOS_INDEX      0x70
#define CMOS_DATA       0x71
#define REG_SECONDS     0x00
#define REG_MINUTES     0x02
#define REG_HOURS       0x04
#define REG_DAY         0x07    /* of the month */
#define REG_MONTH       0x08
#define REG_YEAR        0x09    /* two digits */
#define REG_STATUS_A    0x0A
#define REG_STATUS_B    0x0B
#define STATUS_A_UPDATING 0x80
/* An update takes under 2 ms; without a chip (all ones) the bit never
 * clears, and the boot must go on all the same. */
#define UPDATE_WAIT_MAX 1000000
#define READ_TRIES      5
#define NS_PER_S        1000000000ull

static uint64_t boot_ns;

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static void read_registers(struct cmos_time *t)
{
    for (int i = 0; i < UPDATE_WAIT_MAX && (cmos_read(REG_STATUS_A) & STATUS_A_UPDATING); i++)
        ;
    t->second = cmos_read(REG_SECONDS);
    t->minute = cmos_read(REG_MINUTES);
    t->hour = cmos_read(REG_HOURS);
    t->day = cmos_read(REG_DAY);
    t->month = cmos_read(REG_MONTH);
    t->year = cmos_read(REG_YEAR);
    t->status_b = cmos_read(REG_STATUS_B);
}

static int same_time(const struct cmos_time *a, const struct cmos_time *b)
{
    return a->second == b->second && a->minute == b->minute && a->hour == b->hour &&
           a->day == b->day && a->month == b->month && a->year == b->year;
}

void rtc_init(void)
{
    struct cmos_time now, again;
    read_registers(&now);
    for (int i = 0; i < READ_TRIES; i++) {
        read_registers(&again);
        if (same_time(&now, &again))
            break;
        now = again;
    }
    uint64_t since_boot = pit_ns();
    struct date d;
    if (date_from_cmos(&now, &d) < 0) {
        kprintf("clock: the CMOS clock gave no valid date: the date starts at 1970-01-01\n");
        return;
    }
    boot_ns = (uint64_t)date_to_seconds(&d) * NS_PER_S - since_boot;
    kprintf("clock: %d-%02d-%02d %02d:%02d:%02d UTC (CMOS clock)\n",
            d.year, d.month, d.day, d.hour, d.minute, d.second);
}

uint64_t rtc_boot_ns(void)
{
    return boot_ns;
}
