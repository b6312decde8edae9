/* The guardian's event log: a ring of the most recent records. */
#ifndef KERNEL_GUARDLOG_H
#define KERNEL_GUARDLOG_H

#include "abi/guard.h"

#define GUARDLOG_SIZE GUARD_EVENTS_MAX

struct proc;

void guardlog_init(int quiet);
/* A record of p's end (p->end), its group's name; no decision yet. */
void guardlog_event_of(struct guard_event *e, const struct proc *p);
/* The trace line of a decision: "end PID NAME CAUSE:N DECISION DELAY_MS". */
void guardlog_trace(const struct proc *p, const struct guard_event *e);
/* Stamp e (about process p, which still holds its slot) with the next
 * sequence number, keep it with who may read it in full, print it. */
void guardlog_record_of(struct guard_event *e, const struct proc *p);
/* The same, finding the process by e->pid. */
void guardlog_record(struct guard_event *e);
/* Copy out up to max records with seq > since, oldest first. The
 * registers and fault addresses (eax..esp, eip, cr2, error_code) are
 * zero unless reader is the record's process or was one of its
 * ancestors when it was recorded; a NULL reader (the kernel) sees all. */
int guardlog_read(struct guard_event *out, int max, uint32_t since, const struct proc *reader);

#endif
