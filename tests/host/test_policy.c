/*
 * test_policy.c - host unit tests for lib/policy.c.
 *
 * The guardian's rules as pure functions: which specs are acceptable,
 * which ends count as failures or as deliberate stops, when each restart
 * policy restarts, how the backoff delay grows, and how the sliding window
 * counts recent restarts. There is no oracle here; the expected answers
 * are written out from the rules in lib/policy.h and include/abi/guard.h.
 */
#include <string.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tests/host/check.h"

#include "abi/errno.h"
#include "abi/guard.h"
#include "abi/signal.h"
#include "lib/policy.h"

/* ---- policy_check_spec ---- */

/* A spec any supervisor might ask for. */
static struct guard_spec good_spec(void)
{
    struct guard_spec s = {
        .restart = RESTART_ON_FAILURE,
        .max_restarts = 3,
        .window_ms = 10000,
        .backoff_ms = 100,
        .backoff_max_ms = 5000,
        .heartbeat_ms = 1000,
    };
    return s;
}

static void test_check_spec(void)
{
    struct guard_spec s;

    s = good_spec();
    check_int("policy/spec-typical-is-valid", policy_check_spec(&s), 0);

    s = (struct guard_spec){ 0 };
    check_int("policy/spec-all-zero-is-valid", policy_check_spec(&s), 0);

    s = good_spec();
    s.restart = RESTART_NEVER;
    check_int("policy/spec-restart-never-is-valid", policy_check_spec(&s), 0);
    s.restart = RESTART_ALWAYS;
    check_int("policy/spec-restart-always-is-valid", policy_check_spec(&s), 0);
    s.restart = RESTART_ALWAYS + 1;
    check_int("policy/spec-rejects-unknown-restart-3",
          policy_check_spec(&s), -EINVAL);
    s.restart = 0xFFFFFFFFu;
    check_int("policy/spec-rejects-unknown-restart-max",
          policy_check_spec(&s), -EINVAL);

    s = good_spec();
    s.stop_ms = GUARD_MAX_MS;
    check_int("policy/spec-accepts-stop-timeout-of-a-day", policy_check_spec(&s), 0);
    s.stop_ms = GUARD_MAX_MS + 1;
    check_int("policy/spec-rejects-stop-timeout-over-a-day", policy_check_spec(&s), -EINVAL);
    s = good_spec();
    s.ready_ms = GUARD_MAX_MS;
    check_int("policy/spec-accepts-start-timeout-of-a-day", policy_check_spec(&s), 0);
    s.ready_ms = GUARD_MAX_MS + 1;
    check_int("policy/spec-rejects-start-timeout-over-a-day", policy_check_spec(&s), -EINVAL);
    s = good_spec();
    strcpy(s.name, "web-1.a_b");
    check_int("policy/spec-accepts-a-service-name", policy_check_spec(&s), 0);
    strcpy(s.name, "a b");
    check_int("policy/spec-rejects-a-space-in-the-name", policy_check_spec(&s), -EINVAL);
    strcpy(s.name, "tab\t");
    check_int("policy/spec-rejects-a-control-character", policy_check_spec(&s), -EINVAL);
    memset(s.name, 'x', sizeof s.name);
    check_int("policy/spec-rejects-a-name-without-nul", policy_check_spec(&s), -EINVAL);
    memset(s.name, 'x', sizeof s.name - 1);
    s.name[sizeof s.name - 1] = 0;
    check_int("policy/spec-accepts-a-15-character-name", policy_check_spec(&s), 0);
    s.name[0] = (char)0xc3;
    check_int("policy/spec-rejects-a-non-ascii-name", policy_check_spec(&s), -EINVAL);

    s = good_spec();
    s.retry_ms = GUARD_MAX_MS;
    check_int("policy/spec-accepts-retry-delay-of-a-day", policy_check_spec(&s), 0);
    s.retry_ms = GUARD_MAX_MS + 1;
    check_int("policy/spec-rejects-retry-delay-over-a-day", policy_check_spec(&s), -EINVAL);

    s = good_spec();
    s.max_restarts = GUARD_MAX_RESTARTS;
    check_int("policy/spec-accepts-max-restarts-at-limit",
          policy_check_spec(&s), 0);
    s.max_restarts = GUARD_MAX_RESTARTS + 1;
    check_int("policy/spec-rejects-max-restarts-above-limit",
          policy_check_spec(&s), -EINVAL);
    s.max_restarts = 0xFFFFFFFFu;
    check_int("policy/spec-rejects-huge-max-restarts",
          policy_check_spec(&s), -EINVAL);

    /* A window of 0 cannot count restarts ... */
    s = good_spec();
    s.window_ms = 0;
    check_int("policy/spec-rejects-zero-window-with-restarts",
          policy_check_spec(&s), -EINVAL);
    s.restart = RESTART_ALWAYS;
    check_int("policy/spec-rejects-zero-window-restart-always",
          policy_check_spec(&s), -EINVAL);
    s.max_restarts = 1;
    check_int("policy/spec-rejects-zero-window-one-restart",
          policy_check_spec(&s), -EINVAL);
    /* ... but needs none when there will be no restart. */
    s = good_spec();
    s.window_ms = 0;
    s.restart = RESTART_NEVER;
    check_int("policy/spec-accepts-zero-window-restart-never",
          policy_check_spec(&s), 0);
    s = good_spec();
    s.window_ms = 0;
    s.max_restarts = 0;
    check_int("policy/spec-accepts-zero-window-zero-max-restarts",
          policy_check_spec(&s), 0);
    s.restart = RESTART_ALWAYS;
    check_int("policy/spec-accepts-zero-window-always-zero-max",
          policy_check_spec(&s), 0);

    /* Every duration is limited to a day. */
    static const struct {
        const char *at_limit, *above;
        size_t offset;
    } ms_fields[] = {
        { "policy/spec-accepts-window-of-a-day",
          "policy/spec-rejects-window-over-a-day",
          offsetof(struct guard_spec, window_ms) },
        { "policy/spec-accepts-backoff-of-a-day",
          "policy/spec-rejects-backoff-over-a-day",
          offsetof(struct guard_spec, backoff_ms) },
        { "policy/spec-accepts-backoff-max-of-a-day",
          "policy/spec-rejects-backoff-max-over-a-day",
          offsetof(struct guard_spec, backoff_max_ms) },
        { "policy/spec-accepts-heartbeat-of-a-day",
          "policy/spec-rejects-heartbeat-over-a-day",
          offsetof(struct guard_spec, heartbeat_ms) },
    };
    for (size_t i = 0; i < sizeof ms_fields / sizeof ms_fields[0]; i++) {
        s = good_spec();
        uint32_t *field = (uint32_t *)((char *)&s + ms_fields[i].offset);

        *field = GUARD_MAX_MS;
        check_int(ms_fields[i].at_limit, policy_check_spec(&s), 0);
        *field = GUARD_MAX_MS + 1;
        bool over = policy_check_spec(&s) == -EINVAL;
        *field = 0xFFFFFFFFu;
        bool huge = policy_check_spec(&s) == -EINVAL;
        if (over && huge)
            check_pass(ms_fields[i].above);
        else
            check_fail(ms_fields[i].above,
                   "%s accepted", over ? "0xFFFFFFFF" :
                   "GUARD_MAX_MS + 1");
    }

    /* The fields appended later: a memory limit up to GUARD_MAX_MEM_KB
     * (0 = the default) and the defined flags only. */
    s = good_spec();
    s.mem_limit_kb = GUARD_MAX_MEM_KB;
    check_int("policy/spec-accepts-mem-limit-at-max", policy_check_spec(&s), 0);
    s.mem_limit_kb = GUARD_MAX_MEM_KB + 1;
    check_int("policy/spec-rejects-mem-limit-above-max", policy_check_spec(&s), -EINVAL);
    s.mem_limit_kb = 0xFFFFFFFFu;
    check_int("policy/spec-rejects-huge-mem-limit", policy_check_spec(&s), -EINVAL);
    s = good_spec();
    s.flags = GUARD_CRITICAL;
    check_int("policy/spec-accepts-critical", policy_check_spec(&s), 0);
    s.flags = GUARD_QUIET;
    check_int("policy/spec-accepts-quiet", policy_check_spec(&s), 0);
    s.flags = GUARD_CRITICAL | GUARD_QUIET;
    check_int("policy/spec-accepts-both-flags", policy_check_spec(&s), 0);
    s.flags = 0x4;
    check_int("policy/spec-rejects-unknown-flag-4", policy_check_spec(&s), -EINVAL);
    s.flags = GUARD_CRITICAL | 0x80000000u;
    check_int("policy/spec-rejects-top-flag-bit", policy_check_spec(&s), -EINVAL);
    s = good_spec();
    s.restart = RESTART_NEVER;
    s.flags = 0x100;
    check_int("policy/spec-rejects-unknown-flag-with-restart-never",
          policy_check_spec(&s), -EINVAL);

    /* The limits hold whatever the policy: a spec that never restarts
     * still has its durations checked. */
    s = good_spec();
    s.restart = RESTART_NEVER;
    s.heartbeat_ms = GUARD_MAX_MS + 1;
    check_int("policy/spec-rejects-long-heartbeat-with-restart-never",
          policy_check_spec(&s), -EINVAL);
}

/* ---- policy_is_failure, policy_is_stop ---- */

/* One way for an incarnation to end, with its expected classification. */
struct end_case {
    const char *name;
    int end, status, signal;
    bool by_ancestor;
    bool failure, stop;
};

static const struct end_case end_cases[] = {
    { "policy/exit-0-is-not-failure",
      END_EXIT, W_EXITCODE(0), 0, false, false, false },
    { "policy/exit-0-with-ancestor-flag-is-not-failure",
      END_EXIT, W_EXITCODE(0), 0, true, false, false },
    { "policy/exit-3-is-failure",
      END_EXIT, W_EXITCODE(3), 0, false, true, false },
    { "policy/exit-255-is-failure",
      END_EXIT, W_EXITCODE(255), 0, false, true, false },
    { "policy/segv-fault-is-failure",
      END_FAULT, W_SIGNALED(SIGSEGV), SIGSEGV, false, true, false },
    { "policy/fault-is-failure-even-with-ancestor-flag",
      END_FAULT, W_SIGNALED(SIGSEGV), SIGSEGV, true, true, false },
    { "policy/sigterm-by-ancestor-is-stop",
      END_SIGNAL, W_SIGNALED(SIGTERM), SIGTERM, true, false, true },
    { "policy/sigkill-by-ancestor-is-stop",
      END_SIGNAL, W_SIGNALED(SIGKILL), SIGKILL, true, false, true },
    { "policy/sigterm-by-self-is-failure",
      END_SIGNAL, W_SIGNALED(SIGTERM), SIGTERM, false, true, false },
    { "policy/sigkill-by-other-is-failure",
      END_SIGNAL, W_SIGNALED(SIGKILL), SIGKILL, false, true, false },
    { "policy/sigint-by-ancestor-is-failure",
      END_SIGNAL, W_SIGNALED(SIGINT), SIGINT, true, true, false },
    { "policy/sigsegv-sent-by-ancestor-is-failure",
      END_SIGNAL, W_SIGNALED(SIGSEGV), SIGSEGV, true, true, false },
    { "policy/watchdog-kill-is-failure",
      END_WATCHDOG, W_SIGNALED(SIGKILL), SIGKILL, false, true, false },
    { "policy/watchdog-kill-is-failure-even-with-ancestor-flag",
      END_WATCHDOG, W_SIGNALED(SIGKILL), SIGKILL, true, true, false },
    { "policy/oom-kill-is-failure",
      END_OOM, W_SIGNALED(SIGKILL), SIGKILL, false, true, false },
    { "policy/oom-kill-is-failure-even-with-ancestor-flag",
      END_OOM, W_SIGNALED(SIGKILL), SIGKILL, true, true, false },
};

static void test_ends(void)
{
    for (size_t i = 0; i < sizeof end_cases / sizeof end_cases[0]; i++) {
        const struct end_case *c = &end_cases[i];
        bool failure = policy_is_failure(c->end, c->status, c->signal,
                         c->by_ancestor);
        bool stop = policy_is_stop(c->end, c->signal, c->by_ancestor);

        if (failure != c->failure)
            check_fail(c->name, "policy_is_failure gave %d want %d",
                   failure, c->failure);
        else if (stop != c->stop)
            check_fail(c->name, "policy_is_stop gave %d want %d",
                   stop, c->stop);
        else
            check_pass(c->name);
    }
}

/* ---- policy_wants_restart ---- */

static void test_wants_restart(void)
{
    CHECK("policy/never-does-not-restart-after-failure",
          !policy_wants_restart(RESTART_NEVER, true));
    CHECK("policy/never-does-not-restart-after-clean-end",
          !policy_wants_restart(RESTART_NEVER, false));
    CHECK("policy/on-failure-restarts-after-failure",
          policy_wants_restart(RESTART_ON_FAILURE, true));
    CHECK("policy/on-failure-does-not-restart-after-clean-end",
          !policy_wants_restart(RESTART_ON_FAILURE, false));
    CHECK("policy/always-restarts-after-failure",
          policy_wants_restart(RESTART_ALWAYS, true));
    CHECK("policy/always-restarts-after-clean-end",
          policy_wants_restart(RESTART_ALWAYS, false));
    CHECK("policy/unknown-policy-does-not-restart",
          !policy_wants_restart(RESTART_ALWAYS + 1, true) &&
          !policy_wants_restart(RESTART_ALWAYS + 1, false));
}

/* ---- policy_backoff_ms ---- */

static struct guard_spec backoff_spec(uint32_t base, uint32_t cap)
{
    struct guard_spec s = good_spec();

    s.backoff_ms = base;
    s.backoff_max_ms = cap;
    return s;
}

/* Pass if restarts 1, 2, ... of s wait want[0], want[1], ... */
static void expect_backoffs(const char *name, const struct guard_spec *s,
                const uint32_t *want, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t got = policy_backoff_ms(s, i + 1);

        if (got != want[i]) {
            check_fail(name, "restart %u: got %u want %u",
                   (unsigned)(i + 1), (unsigned)got,
                   (unsigned)want[i]);
            return;
        }
    }
    check_pass(name);
}

static void test_backoff(void)
{
    struct guard_spec s = backoff_spec(100, 5000);
    static const uint32_t doubling[] = {
        100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000,
    };
    expect_backoffs("policy/backoff-doubles-up-to-cap", &s, doubling,
            sizeof doubling / sizeof doubling[0]);
    check_int("policy/backoff-first-restart-waits-base",
          policy_backoff_ms(&s, 1), 100);
    check_int("policy/backoff-stays-at-cap-after-1000-failures",
          policy_backoff_ms(&s, 1000), 5000);
    check_int("policy/backoff-stays-at-cap-after-4g-failures",
          policy_backoff_ms(&s, 0xFFFFFFFFu), 5000);

    /* A cap that is a power-of-two multiple of the base is reached
     * exactly. */
    s = backoff_spec(100, 800);
    static const uint32_t exact[] = { 100, 200, 400, 800, 800 };
    expect_backoffs("policy/backoff-reaches-exact-cap", &s, exact,
            sizeof exact / sizeof exact[0]);

    s = backoff_spec(300, 100);
    static const uint32_t below[] = { 300, 300, 300, 300 };
    expect_backoffs("policy/backoff-cap-below-base-gives-base", &s, below,
            sizeof below / sizeof below[0]);

    s = backoff_spec(300, 0);
    expect_backoffs("policy/backoff-cap-0-gives-base", &s, below,
            sizeof below / sizeof below[0]);

    s = backoff_spec(300, 300);
    expect_backoffs("policy/backoff-cap-equal-to-base-gives-base", &s,
            below, sizeof below / sizeof below[0]);

    s = backoff_spec(0, 5000);
    static const uint32_t zero[] = { 0, 0, 0, 0, 0 };
    expect_backoffs("policy/backoff-base-0-restarts-at-once", &s, zero,
            sizeof zero / sizeof zero[0]);
    check_int("policy/backoff-base-0-after-1000-failures",
          policy_backoff_ms(&s, 1000), 0);

    /* No overflow, however large the numbers. */
    s = backoff_spec(GUARD_MAX_MS, GUARD_MAX_MS);
    check_int("policy/backoff-max-base-1000-failures",
          policy_backoff_ms(&s, 1000), GUARD_MAX_MS);

    s = backoff_spec(GUARD_MAX_MS - 1, GUARD_MAX_MS);
    static const uint32_t near[] = {
        GUARD_MAX_MS - 1, GUARD_MAX_MS, GUARD_MAX_MS,
    };
    expect_backoffs("policy/backoff-near-max-base-caps-not-overflows", &s,
            near, sizeof near / sizeof near[0]);
    check_int("policy/backoff-near-max-base-1000-failures",
          policy_backoff_ms(&s, 1000), GUARD_MAX_MS);

    s = backoff_spec(GUARD_MAX_MS / 2 + 1, GUARD_MAX_MS);
    check_int("policy/backoff-just-over-half-cap-jumps-to-cap",
          policy_backoff_ms(&s, 2), GUARD_MAX_MS);

    /* Even outside the limits policy_check_spec enforces. */
    s = backoff_spec(0x80000001u, 0xFFFFFFFFu);
    check_int("policy/backoff-unchecked-huge-values-cap",
          policy_backoff_ms(&s, 1000), 0xFFFFFFFFu);

    s = backoff_spec(1, GUARD_MAX_MS);
    uint32_t prev = 0;
    bool ok = true;
    for (uint32_t n = 1; n <= 1000 && ok; n++) {
        uint32_t d = policy_backoff_ms(&s, n);

        if (d < prev || d > GUARD_MAX_MS ||
            (n <= 28 && d != (n <= 27 ? 1u << (n - 1) : GUARD_MAX_MS))) {
            check_fail("policy/backoff-from-1-ms-grows-to-cap",
                   "restart %u: %u ms after %u", (unsigned)n,
                   (unsigned)d, (unsigned)prev);
            ok = false;
        }
        prev = d;
    }
    if (ok)
        check_pass("policy/backoff-from-1-ms-grows-to-cap");
}

/* ---- window_count, window_add ---- */

static void test_window(void)
{
    struct restart_window w = { 0 };

    check_int("policy/window-starts-empty", window_count(&w, 0, 1000), 0);

    window_add(&w, 0);
    window_add(&w, 100);
    window_add(&w, 200);
    check_int("policy/window-counts-recent-restarts",
          window_count(&w, 200, 1000), 3);
    check_int("policy/window-keeps-restart-window-minus-1-ago",
          window_count(&w, 999, 1000), 3);
    check_int("policy/window-drops-restart-exactly-window-ago",
          window_count(&w, 1000, 1000), 2);
    check_int("policy/window-keeps-second-until-its-time",
          window_count(&w, 1099, 1000), 2);
    check_int("policy/window-drops-second-at-1100",
          window_count(&w, 1100, 1000), 1);
    check_int("policy/window-drops-last-at-1200",
          window_count(&w, 1200, 1000), 0);
    check_int("policy/window-stays-empty",
          window_count(&w, 5000, 1000), 0);

    /* Counting again at a later time only forgets more. */
    w = (struct restart_window){ 0 };
    window_add(&w, 0);
    window_add(&w, 100);
    window_add(&w, 200);
    check_int("policy/window-jump-forward-drops-several",
          window_count(&w, 1150, 1000), 1);

    /* A new restart after some were forgotten. */
    window_add(&w, 1150);
    check_int("policy/window-add-after-forgetting",
          window_count(&w, 1150, 1000), 2);
    check_int("policy/window-add-after-forgetting-ages",
          window_count(&w, 2149, 1000), 1);
    check_int("policy/window-add-after-forgetting-expires",
          window_count(&w, 2150, 1000), 0);

    /* A window of 0 ms holds nothing, not even a restart made now. */
    w = (struct restart_window){ 0 };
    window_add(&w, 500);
    check_int("policy/window-of-0-forgets-everything",
          window_count(&w, 500, 0), 0);

    /* The uptime clock in ms wraps after 49.7 days; ages are computed
     * modulo 2^32, so the window works across the wrap. */
    w = (struct restart_window){ 0 };
    window_add(&w, 0xFFFFFF80u);
    window_add(&w, 0xFFFFFFF0u);
    window_add(&w, 0x00000020u);
    check_int("policy/window-counts-across-clock-wrap",
          window_count(&w, 0x50, 0x100), 3);
    check_int("policy/window-keeps-pre-wrap-restart-until-its-time",
          window_count(&w, 0x7F, 0x100), 3);
    check_int("policy/window-drops-pre-wrap-restart-after-wrap",
          window_count(&w, 0x80, 0x100), 2);
    check_int("policy/window-keeps-second-pre-wrap-restart",
          window_count(&w, 0xEF, 0x100), 2);
    check_int("policy/window-drops-second-pre-wrap-restart",
          window_count(&w, 0xF0, 0x100), 1);
    check_int("policy/window-keeps-post-wrap-restart",
          window_count(&w, 0x11F, 0x100), 1);
    check_int("policy/window-drops-post-wrap-restart",
          window_count(&w, 0x120, 0x100), 0);

    /* An old restart made before the wrap expires after it, although its
     * time plus the window does not wrap. */
    w = (struct restart_window){ 0 };
    window_add(&w, 0xFFFFFF00u);
    check_int("policy/window-keeps-restart-until-just-before-wrap",
          window_count(&w, 0xFFFFFF7Fu, 0x80), 1);
    check_int("policy/window-drops-old-restart-after-clock-wrap",
          window_count(&w, 0x10, 0x80), 0);

    /* A full ring forgets its oldest entry to make room. */
    w = (struct restart_window){ 0 };
    const uint32_t adds = POLICY_WINDOW_MAX + 50;
    for (uint32_t t = 0; t < adds; t++)
        window_add(&w, t);
    check_int("policy/window-holds-at-most-window-max",
          window_count(&w, adds - 1, 100000), POLICY_WINDOW_MAX);
    /* If the newest were kept, the oldest left is t = 50: at
     * now = 50 + 1000 only it has aged out. */
    check_int("policy/window-full-keeps-newest",
          window_count(&w, 50 + 999, 1000), POLICY_WINDOW_MAX);
    check_int("policy/window-full-oldest-kept-is-first-of-newest",
          window_count(&w, 50 + 1000, 1000), POLICY_WINDOW_MAX - 1);

    bool in_order = true;
    for (uint32_t k = 0; k < w.count; k++)
        if (w.times[(w.first + k) % POLICY_WINDOW_MAX] != 51 + k)
            in_order = false;
    CHECK("policy/window-full-ring-oldest-first", in_order &&
          w.count == POLICY_WINDOW_MAX - 1);

    /* Keep adding well past many turns of the ring. */
    w = (struct restart_window){ 0 };
    for (uint32_t t = 0; t < 10 * POLICY_WINDOW_MAX + 7; t++)
        window_add(&w, t * 10);
    uint32_t newest = (10 * POLICY_WINDOW_MAX + 6) * 10;
    check_int("policy/window-after-many-turns-counts-recent",
          window_count(&w, newest, 55), 6);
    check_int("policy/window-after-many-turns-ends-with-newest",
          w.times[(w.first + w.count - 1) % POLICY_WINDOW_MAX], newest);
}

/* ---- policy_retry_ms: a restart that found no memory ---- */

static void test_retry(void)
{
    struct guard_spec s = backoff_spec(300, 5000);
    check_int("policy/retry-waits-the-backoff", policy_retry_ms(&s, 1), 300);
    check_int("policy/retry-waits-the-doubled-backoff", policy_retry_ms(&s, 3), 1200);
    s = backoff_spec(0, 0);
    check_int("policy/retry-without-backoff-waits-the-minimum",
          policy_retry_ms(&s, 1), POLICY_RETRY_MIN_MS);
    s = backoff_spec(POLICY_RETRY_MIN_MS - 1, 0);
    check_int("policy/retry-below-minimum-waits-the-minimum",
          policy_retry_ms(&s, 1), POLICY_RETRY_MIN_MS);
    s = backoff_spec(GUARD_MAX_MS, GUARD_MAX_MS);
    check_int("policy/retry-caps-as-backoff", policy_retry_ms(&s, 1000), GUARD_MAX_MS);
}

int main(void)
{
    test_check_spec();
    test_ends();
    test_wants_restart();
    test_backoff();
    test_retry();
    test_window();
    return check_exit_status();
}
