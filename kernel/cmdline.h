/* The kernel command line: words of the form key=value. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdint.h>

void cmdline_init(const char *line);
/* The value of key=value; "" for a bare word "key"; NULL when absent. */
const char *cmdline_get(const char *key);
/* A decimal value, or dflt when absent or not a number. */
uint32_t cmdline_uint(const char *key, uint32_t dflt);
/* The words NAME=value before "--" whose NAME is upper case (LANG=C):
 * init's environment variables. Returns how many. */
int cmdline_env(const char **out, int max);
/* The words after "--": init's argv[1], argv[2], ... Returns how many. */
int cmdline_init_args(const char **out, int max);

#endif
