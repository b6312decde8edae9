/*
 * For the guardian's tests: the events its log has for one process,
 * a call at a time. Include after check.h.
 */
#ifndef TESTS_EVENTS_H
#define TESTS_EVENTS_H

static uint32_t seen;           /* the last event seq already looked at */

/* The new events for pid since the last call, oldest first. */
static int events_for(int pid, struct guard_event *out, int max)
{
    static struct guard_event all[GUARD_EVENTS_MAX];
    int n = guardlog(all, GUARD_EVENTS_MAX, seen), k = 0;
    for (int i = 0; i < n; i++) {
        seen = all[i].seq;
        if (all[i].pid == pid && k < max)
            out[k++] = all[i];
    }
    return k;
}

#endif
