/* The guardian's event log: a ring of the most recent records. */
#ifndef KERNEL_GUARDLOG_H
#define KERNEL_GUARDLOG_H

#include "abi/guard.h"

#define GUARDLOG_SIZE GUARD_EVENTS_MAX

void guardlog_init(int quiet);
/* Stamp e with the next sequence number, keep it, print it. */
void guardlog_record(struct guard_event *e);
/* Copy out up to max records with seq > since, oldest first. */
int guardlog_read(struct guard_event *out, int max, uint32_t since);

#endif
