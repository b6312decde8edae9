/* Crash and hang reports for user programs (user/lib/report.c). */
#ifndef USER_LIB_REPORT_H
#define USER_LIB_REPORT_H

#include "abi/guard.h"

#define REPORT_LINE_MAX 128

/* The report of e, a line at a time through emit (no newlines): 1, or
 * 0 when e has none (not a fault or a watchdog kill, or withheld from
 * this reader). */
int report_lines(const struct guard_event *e, void (*emit)(const char *line));

#endif
