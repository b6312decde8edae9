/* Kernel self tests, chosen with test=NAME on the command line. */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

/* Runs the named test; most end by powering off. Unknown names panic. */
void selftest_run(const char *name);

#endif
