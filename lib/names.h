/* Names for messages in the kernel and in user programs: signals, the
 * process states of the listing (ps, the status band), memory's ends. */
#ifndef LIB_NAMES_H
#define LIB_NAMES_H

/* "SIGSEGV" for 11, ...; "signal?" for a number without a name. */
const char *signal_name(int sig);
/* "ready" (runnable), "run", "sleep", "backoff", "zombie", "starting",
 * "retrying", "stopping" for PSTATE_*; else "?". */
const char *pstate_name(int state);
/* The words for an end the kernel chose for memory's sake: "out of
 * memory" (END_OOM), "memory limit" (REASON_MEM_LIMIT); else NULL. */
const char *end_reason_name(int end, int reason);

/* "one_for_one", "one_for_all", "rest_for_one" for STRATEGY_*; else "?". */
const char *strategy_name(int strategy);

#endif
