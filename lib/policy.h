/*
 * The guardian's arithmetic, as pure functions: no clock, no process,
 * no kernel. kernel/guard/guardian.c feeds them; host unit tests check them.
 */
#ifndef LIB_POLICY_H
#define LIB_POLICY_H

#include <stdint.h>
#include <stdbool.h>
#include "abi/guard.h"

#define POLICY_WINDOW_MAX GUARD_MAX_RESTARTS

/* The restart times (ms) within the sliding window, oldest first. */
struct restart_window {
    uint32_t times[POLICY_WINDOW_MAX];
    uint32_t first, count;      /* a ring: count entries from first */
};

/* A service's or a group's name: 1-15 printable characters, no spaces,
 * NUL-terminated within the field. */
bool policy_name_ok(const char name[GUARD_NAME_LEN]);
/* 0, or -EINVAL for a spec the guardian cannot honour. */
int policy_check_spec(const struct guard_spec *spec);

/* Does this end count as a failure? A clean exit(0) does not, nor does
 * SIGTERM or SIGKILL sent by the process's supervisor or an ancestor. */
bool policy_is_failure(int end, int status, int signal, bool by_ancestor);
/* Was it a deliberate stop (SIGTERM or SIGKILL from an ancestor)? */
bool policy_is_stop(int end, int signal, bool by_ancestor);
/* Should the policy restart after an end of this kind? */
bool policy_wants_restart(uint32_t restart, bool failure);

/* The delay before restart number n of a run of consecutive failures
 * (n = 1, 2, ...): backoff_ms doubled n - 1 times, capped at
 * backoff_max_ms (or at backoff_ms when the cap is below it). */
uint32_t policy_backoff_ms(const struct guard_spec *spec, uint32_t n);

/* The delay before trying again a restart that found no memory: the
 * backoff of restart n, but at least POLICY_RETRY_MIN_MS, so a spec
 * without a backoff does not retry as fast as the CPU allows. */
#define POLICY_RETRY_MIN_MS 100
uint32_t policy_retry_ms(const struct guard_spec *spec, uint32_t n);

/* Forget restarts older than window_ms before now; how many remain. */
uint32_t window_count(struct restart_window *w, uint32_t now_ms, uint32_t window_ms);
void window_add(struct restart_window *w, uint32_t now_ms);

#endif
