/*
 * The values of the manifest's keys (lib/manifest.h): times, sizes,
 * limits, backoffs, names. Each parser reports its own error as
 * "KEY=VALUE: what is wrong" and returns false.
 */
#include "lib/manifest.h"
#include "lib/format.h"
#include "lib/numbers.h"
#include "lib/string.h"

/* A number then a unit from units[] (each with its multiplier), at most max. */
struct unit { const char *suffix; uint32_t times; };
enum { VALUE_OK, VALUE_BAD, VALUE_RANGE };

static int parse_with_unit(const char *s, size_t len, const struct unit *units,
                           uint32_t max, uint32_t *out)
{
    size_t digits = 0;
    while (digits < len && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    int32_t n;
    int r = parse_number_n(s, digits, 0, INT32_MAX, &n);
    if (r == NUMBER_BAD)
        return VALUE_BAD;
    for (const struct unit *u = units; u->suffix; u++) {
        if (strlen(u->suffix) != len - digits ||
            strncmp(s + digits, u->suffix, len - digits) != 0)
            continue;
        if (r == NUMBER_RANGE || (uint32_t)n > max / u->times)
            return VALUE_RANGE;
        *out = (uint32_t)n * u->times;
        return VALUE_OK;
    }
    return VALUE_BAD;
}

static const struct unit time_units[] = { { "ms", 1 }, { "s", 1000 }, { "m", 60000 }, { 0, 0 } };
static const struct unit size_units[] = { { "K", 1 }, { "M", 1024 }, { 0, 0 } };

/* Report a bad time in key=value; true if it was good. */
static bool time_ok(struct manifest *m, int r, const char *key, const char *value)
{
    if (r == VALUE_BAD)
        manifest_error(m, m->line, "%s=%s: bad time (a number then ms, s or m)", key, value);
    else if (r == VALUE_RANGE)
        manifest_error(m, m->line, "%s=%s: more than a day", key, value);
    return r == VALUE_OK;
}

bool manifest_parse_time(struct manifest *m, const char *key, const char *value, uint32_t *ms)
{
    return time_ok(m, parse_with_unit(value, strlen(value), time_units, GUARD_MAX_MS, ms),
                   key, value);
}

/* N/TIME: N restarts (at most GUARD_MAX_RESTARTS) within a window. */
bool manifest_parse_limit(struct manifest *m, const char *value, uint32_t *n, uint32_t *window)
{
    const char *slash = strchr(value, '/');
    int32_t count;
    int r = slash ? parse_number_n(value, (size_t)(slash - value), 0, INT32_MAX, &count)
                  : NUMBER_BAD;
    if (r == NUMBER_BAD) {
        manifest_error(m, m->line, "limit=%s: not N/TIME", value);
        return false;
    }
    if (r == NUMBER_RANGE || count > GUARD_MAX_RESTARTS) {
        manifest_error(m, m->line, "limit=%s: more than %d restarts", value, GUARD_MAX_RESTARTS);
        return false;
    }
    r = parse_with_unit(slash + 1, strlen(slash + 1), time_units, GUARD_MAX_MS, window);
    if (!time_ok(m, r, "limit", value))
        return false;
    if (count > 0 && *window == 0) {
        manifest_error(m, m->line, "limit=%s: a window of 0 cannot count restarts", value);
        return false;
    }
    *n = (uint32_t)count;
    return true;
}

/* TIME or TIME..TIME: the first delay and the cap it doubles up to. */
bool manifest_parse_backoff(struct manifest *m, const char *value, uint32_t *first, uint32_t *cap)
{
    const char *dots = strchr(value, '.');
    size_t len = dots ? (size_t)(dots - value) : strlen(value);
    int r = parse_with_unit(value, len, time_units, GUARD_MAX_MS, first);
    *cap = *first;
    if (r == VALUE_OK && dots) {
        if (dots[1] != '.')
            r = VALUE_BAD;
        else
            r = parse_with_unit(dots + 2, strlen(dots + 2), time_units, GUARD_MAX_MS, cap);
    }
    if (!time_ok(m, r, "backoff", value))
        return false;
    if (*cap < *first) {
        manifest_error(m, m->line, "backoff=%s: the cap is below the first delay", value);
        return false;
    }
    return true;
}

bool manifest_parse_size(struct manifest *m, const char *value, uint32_t *kb)
{
    int r = parse_with_unit(value, strlen(value), size_units, GUARD_MAX_MEM_KB, kb);
    if (r == VALUE_BAD)
        manifest_error(m, m->line, "mem=%s: bad size (a number then K or M)", value);
    else if (r == VALUE_RANGE)
        manifest_error(m, m->line, "mem=%s: more than %uM", value, GUARD_MAX_MEM_KB / 1024);
    return r == VALUE_OK;
}

/* The index of word in names[] (NULL-terminated), or -1. */
int manifest_word_index(const char *const *names, const char *word)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], word) == 0)
            return i;
    return -1;
}

const char *const manifest_strategies[] = { "one_for_one", "one_for_all", "rest_for_one", 0 };
const char *const manifest_restarts[] = { "never", "on-failure", "always", 0 };

const char *manifest_strategy_name(uint32_t s)
{
    return s <= STRATEGY_REST_FOR_ONE ? manifest_strategies[s] : "?";
}

const char *manifest_restart_name(uint32_t r)
{
    return r <= RESTART_ALWAYS ? manifest_restarts[r] : "?";
}

void manifest_format_time(char *buf, size_t size, uint32_t ms)
{
    if (ms == 0)
        format_buf(buf, size, "0s");
    else if (ms % 60000 == 0)
        format_buf(buf, size, "%um", ms / 60000);
    else if (ms % 1000 == 0)
        format_buf(buf, size, "%us", ms / 1000);
    else
        format_buf(buf, size, "%ums", ms);
}

/* ---- names ---- */

/* A name: 1 to 15 letters, digits, '_', '-' or '.'. what says whose. */
bool manifest_name_ok(struct manifest *m, const char *what, const char *name)
{
    size_t len = strlen(name);
    bool chars_ok = len > 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            chars_ok = false;
    }
    if (!chars_ok)
        manifest_error(m, m->line, "%sbad name '%s' (letters, digits, '_', '-', '.')", what, name);
    else if (len >= MANIFEST_NAME_LEN)
        manifest_error(m, m->line, "%sname '%s' too long (at most %d characters)", what, name,
                       MANIFEST_NAME_LEN - 1);
    return chars_ok && len < MANIFEST_NAME_LEN;
}
