/* Packing strings, and init's environment. */
#ifndef KERNEL_ENV_H
#define KERNEL_ENV_H

#include <stdint.h>
#include "kernel/proc/exec.h"

/* Pack n strings back to back into out (max bytes, *len of them used):
 * 0, or -E2BIG. */
int pack_strings(const char *const *v, int n, char *out, uint32_t max, uint32_t *len);
/* init's environment into buf (ENV_MAX_LEN bytes), and a->env, env_len,
 * envc: PATH=/bin, HOME=/, TERM=linux, then the n strings of extra (the
 * command line's), each replacing a default of the same name. What does
 * not fit (ENV_MAX_VARS strings, ENV_MAX_LEN bytes) is left out, with a
 * line on the console. */
void env_for_init(const char *const *extra, int n, struct exec_args *a, char *buf);

#endif
