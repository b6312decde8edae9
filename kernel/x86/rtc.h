/* The CMOS real-time clock: the date, read once at boot. */
#ifndef X86_RTC_H
#define X86_RTC_H

#include <stdint.h>

/* Read the clock and remember the date; says it on the console. Call
 * after pit_init: the date at boot is the date read minus the time the
 * kernel had already run. */
void rtc_init(void);
/* Nanoseconds since 1970-01-01 00:00:00 UTC at boot (pit_ns() == 0);
 * 0 when the clock gave no valid date. */
uint64_t rtc_boot_ns(void);

#endif
