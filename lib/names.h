/* Names for messages in the kernel and in user programs: signals, and the
 * process states of the listing (ps, the status band). */
#ifndef LIB_NAMES_H
#define LIB_NAMES_H

/* "SIGSEGV" for 11, ...; "signal?" for a number without a name. */
const char *signal_name(int sig);
/* "ready", "run", "sleep", "backoff", "zombie" for PSTATE_*; else "?". */
const char *pstate_name(int state);

#endif
