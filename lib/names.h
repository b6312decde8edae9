/* Signal names, for messages in the kernel and in user programs. */
#ifndef LIB_SIGNAL_H
#define LIB_SIGNAL_H

/* "SIGSEGV" for 11, ...; "signal?" for a number without a name. */
const char *signal_name(int sig);

#endif
