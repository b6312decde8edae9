/*
 * The guardian's policy arithmetic. These are the rules of
 * docs/guardian.md written as functions of their inputs only.
 */
#include "lib/policy.h"
#include "abi/errno.h"
#include "abi/signal.h"

bool policy_name_ok(const char name[GUARD_NAME_LEN])
{
    int n = 0;
    while (n < GUARD_NAME_LEN && name[n])
        n++;
    if (n == 0 || n == GUARD_NAME_LEN)
        return false;               /* empty, or no NUL within the field */
    for (int i = 0; i < n; i++)
        if (name[i] <= ' ' || name[i] > '~')
            return false;
    return true;
}

int policy_check_spec(const struct guard_spec *s)
{
    if (s->restart > RESTART_ALWAYS)
        return -EINVAL;
    if (s->max_restarts > POLICY_WINDOW_MAX)
        return -EINVAL;
    if (s->window_ms > GUARD_MAX_MS || s->backoff_ms > GUARD_MAX_MS ||
        s->backoff_max_ms > GUARD_MAX_MS || s->heartbeat_ms > GUARD_MAX_MS ||
        s->stop_ms > GUARD_MAX_MS)
        return -EINVAL;
    if (s->ready_ms > GUARD_MAX_MS || s->retry_ms > GUARD_MAX_MS)
        return -EINVAL;
    if (s->mem_limit_kb > GUARD_MAX_MEM_KB || (s->flags & ~(uint32_t)GUARD_FLAGS))
        return -EINVAL;
    if (s->name[0] && !policy_name_ok(s->name))
        return -EINVAL;
    /* restarts allowed but no window to count them in: meaningless */
    if (s->restart != RESTART_NEVER && s->max_restarts > 0 && s->window_ms == 0)
        return -EINVAL;
    return 0;
}

bool policy_is_stop(int end, int signal, bool by_ancestor)
{
    return end == END_SIGNAL && by_ancestor && (signal == SIGTERM || signal == SIGKILL);
}

bool policy_is_failure(int end, int status, int signal, bool by_ancestor)
{
    if (end == END_EXIT)
        return WEXITSTATUS(status) != 0;
    return !policy_is_stop(end, signal, by_ancestor);
}

bool policy_wants_restart(uint32_t restart, bool failure)
{
    return restart == RESTART_ALWAYS || (restart == RESTART_ON_FAILURE && failure);
}

uint32_t policy_backoff_ms(const struct guard_spec *s, uint32_t n)
{
    uint32_t cap = s->backoff_max_ms > s->backoff_ms ? s->backoff_max_ms : s->backoff_ms;
    uint32_t delay = s->backoff_ms;
    if (delay == 0)
        return 0;                   /* nothing to double */
    for (uint32_t i = 1; i < n && delay < cap; i++)
        delay = delay > cap / 2 ? cap : delay * 2;
    return delay;
}

uint32_t policy_retry_ms(const struct guard_spec *s, uint32_t n)
{
    uint32_t delay = policy_backoff_ms(s, n);
    return delay > POLICY_RETRY_MIN_MS ? delay : POLICY_RETRY_MIN_MS;
}

uint32_t window_count(struct restart_window *w, uint32_t now_ms, uint32_t window_ms)
{
    while (w->count > 0 && now_ms - w->times[w->first] >= window_ms) {
        w->first = (w->first + 1) % POLICY_WINDOW_MAX;
        w->count--;
    }
    return w->count;
}

void window_add(struct restart_window *w, uint32_t now_ms)
{
    if (w->count == POLICY_WINDOW_MAX) {        /* forget the oldest */
        w->first = (w->first + 1) % POLICY_WINDOW_MAX;
        w->count--;
    }
    w->times[(w->first + w->count) % POLICY_WINDOW_MAX] = now_ms;
    w->count++;
}
