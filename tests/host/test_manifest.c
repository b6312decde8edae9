/*
 * Host tests for lib/manifest.c and lib/manifest_check.c: every key,
 * every error with its exact message and line, cycles, the start order,
 * the limits of the tables, and lines and files far too long.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "tests/host/check.h"
#include "lib/manifest.h"

static struct manifest m;

/* The start order as "a b c". */
static const char *order_text(void)
{
    static char buf[MANIFEST_SERVICES_MAX * MANIFEST_NAME_LEN + 1];
    buf[0] = '\0';
    for (int i = 0; i < m.order_count; i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, m.services[m.order[i]].name);
    }
    return buf;
}

/* All error messages, one a line. */
static const char *errors_text(void)
{
    static char buf[MANIFEST_ERRORS_MAX * (MANIFEST_ERROR_LEN + 1) + 1];
    buf[0] = '\0';
    for (int i = 0; i < manifest_errors_kept(&m); i++) {
        strcat(buf, m.errors[i]);
        strcat(buf, "\n");
    }
    return buf;
}

static const struct manifest_service *service(const char *name)
{
    for (int i = 0; i < m.service_count; i++)
        if (strcmp(m.services[i].name, name) == 0)
            return &m.services[i];
    return NULL;
}

/* ---- every key, read right ---- */

static void test_keys(void)
{
    manifest_read(&m, "f",
        "# a comment line\n"
        "\n"
        "group g1 strategy=one_for_all limit=4/30s   # a comment after\n"
        "group g2 limit=0/0s strategy=rest_for_one\n"
        "service a restart=always limit=7/2m backoff=250ms..4s watchdog=1s ready=2s stop=3s"
        " retry=1m after=b group=g2 mem=512K -- /bin/prog one #two\n"
        "\t service  b -- prog\r\n"
        "service c mem=4M backoff=100ms restart=never -- x a#b\n");
    check_str("manifest/keys-no-errors", errors_text(), "");
    check_int("manifest/keys-groups", m.group_count, 2);
    check_str("manifest/keys-group-name", m.groups[0].name, "g1");
    check_int("manifest/keys-group-line", m.groups[0].line, 3);
    check_int("manifest/keys-strategy-all", m.groups[0].strategy, STRATEGY_ONE_FOR_ALL);
    check_int("manifest/keys-group-limit", m.groups[0].max_restarts, 4);
    check_int("manifest/keys-group-window", m.groups[0].window_ms, 30000);
    check_int("manifest/keys-strategy-rest", m.groups[1].strategy, STRATEGY_REST_FOR_ONE);
    check_int("manifest/keys-group-limit-0", m.groups[1].max_restarts, 0);
    check_int("manifest/keys-services", m.service_count, 3);
    const struct manifest_service *a = service("a");
    if (!a) {
        check_fail("manifest/keys-service-a", "not read");
        return;
    }
    check_int("manifest/keys-line", a->line, 5);
    check_int("manifest/keys-restart", a->restart, RESTART_ALWAYS);
    check_int("manifest/keys-limit", a->max_restarts, 7);
    check_int("manifest/keys-window-minutes", a->window_ms, 120000);
    check_int("manifest/keys-backoff", a->backoff_ms, 250);
    check_int("manifest/keys-backoff-cap", a->backoff_max_ms, 4000);
    check_int("manifest/keys-watchdog", a->watchdog_ms, 1000);
    check_int("manifest/keys-ready", a->ready_ms, 2000);
    check_int("manifest/keys-stop", a->stop_ms, 3000);
    check_int("manifest/keys-retry", a->retry_ms, 60000);
    check_int("manifest/keys-after-count", a->after_count, 1);
    check_str("manifest/keys-after", a->after[0], "b");
    check_int("manifest/keys-group", a->group, 1);
    check_int("manifest/keys-mem-k", a->mem_kb, 512);
    check_int("manifest/keys-argc-comment-cut", a->argc, 2);
    check_str("manifest/keys-program", a->argv[0], "/bin/prog");
    check_str("manifest/keys-argument", a->argv[1], "one");
    const struct manifest_service *b = service("b"), *c = service("c");
    check_int("manifest/keys-default-restart", b->restart, RESTART_ON_FAILURE);
    check_int("manifest/keys-default-limit", b->max_restarts, 3);
    check_int("manifest/keys-default-window", b->window_ms, 10000);
    check_int("manifest/keys-default-group", b->group, -1);
    check_int("manifest/keys-default-watchdog", b->watchdog_ms + b->ready_ms + b->stop_ms +
              b->retry_ms + b->mem_kb + b->backoff_ms, 0);
    check_str("manifest/keys-blanks-and-cr", b->argv[0], "prog");
    check_int("manifest/keys-never", c->restart, RESTART_NEVER);
    check_int("manifest/keys-mem-m", c->mem_kb, 4096);
    check_int("manifest/keys-backoff-alone-caps-itself", c->backoff_max_ms, 100);
    check_str("manifest/keys-hash-inside-word", c->argv[1], "a#b");
    check_str("manifest/keys-order", order_text(), "b a c");
}

/* ---- one bad line: its message, and the rest kept ---- */

struct bad_line {
    const char *name, *line, *message;
};

static const struct bad_line bad_lines[] = {
    { "manifest/err-declaration", "serve x -- p",
      "f:2: unknown declaration 'serve' (group or service)" },
    { "manifest/err-unknown-key", "service x colour=red -- p", "f:2: colour=red: unknown key" },
    { "manifest/err-not-key-value", "service x always -- p", "f:2: 'always': not KEY=VALUE" },
    { "manifest/err-empty-key", "service x =1 -- p", "f:2: '=1': not KEY=VALUE" },
    { "manifest/err-key-twice", "service x stop=1s stop=2s -- p", "f:2: stop= given twice" },
    { "manifest/err-restart", "service x restart=sometimes -- p",
      "f:2: restart=sometimes: not never, on-failure or always" },
    { "manifest/err-limit-no-slash", "service x limit=3 -- p", "f:2: limit=3: not N/TIME" },
    { "manifest/err-limit-bad-number", "service x limit=x/1s -- p", "f:2: limit=x/1s: not N/TIME" },
    { "manifest/err-limit-too-many", "service x limit=101/1s -- p",
      "f:2: limit=101/1s: more than 100 restarts" },
    { "manifest/err-limit-huge", "service x limit=99999999999/1s -- p",
      "f:2: limit=99999999999/1s: more than 100 restarts" },
    { "manifest/err-limit-bad-time", "service x limit=3/10 -- p",
      "f:2: limit=3/10: bad time (a number then ms, s or m)" },
    { "manifest/err-limit-zero-window", "service x limit=3/0s -- p",
      "f:2: limit=3/0s: a window of 0 cannot count restarts" },
    { "manifest/err-time-no-unit", "service x watchdog=5 -- p",
      "f:2: watchdog=5: bad time (a number then ms, s or m)" },
    { "manifest/err-time-bad-unit", "service x ready=5h -- p",
      "f:2: ready=5h: bad time (a number then ms, s or m)" },
    { "manifest/err-time-empty", "service x stop= -- p",
      "f:2: stop=: bad time (a number then ms, s or m)" },
    { "manifest/err-time-negative", "service x retry=-1s -- p",
      "f:2: retry=-1s: bad time (a number then ms, s or m)" },
    { "manifest/err-time-over-a-day", "service x retry=1441m -- p", "f:2: retry=1441m: more than a day" },
    { "manifest/err-time-overflow", "service x retry=4294968s -- p",
      "f:2: retry=4294968s: more than a day" },
    { "manifest/err-backoff-single-dot", "service x backoff=1s.2s -- p",
      "f:2: backoff=1s.2s: bad time (a number then ms, s or m)" },
    { "manifest/err-backoff-cap-below", "service x backoff=2s..1s -- p",
      "f:2: backoff=2s..1s: the cap is below the first delay" },
    { "manifest/err-size", "service x mem=512 -- p", "f:2: mem=512: bad size (a number then K or M)" },
    { "manifest/err-size-unit", "service x mem=1G -- p", "f:2: mem=1G: bad size (a number then K or M)" },
    { "manifest/err-size-big", "service x mem=4097M -- p", "f:2: mem=4097M: more than 4096M" },
    { "manifest/err-unknown-group", "service x group=g9 -- p",
      "f:2: group=g9: unknown group (declare it on a line above)" },
    { "manifest/err-after-too-many", "service x after=a,b,c,d,e -- p",
      "f:2: after=a,b,c,d,e: more than 4 names" },
    { "manifest/err-after-empty-name", "service x after=a,,b -- p",
      "f:2: after=a,,b: bad name '' (letters, digits, '_', '-', '.')" },
    { "manifest/err-missing-dashes", "service x restart=always", "f:2: service x: missing '--' and program" },
    { "manifest/err-missing-program", "service x --", "f:2: missing program after '--'" },
    { "manifest/err-program-comment-only", "service x -- #p", "f:2: missing program after '--'" },
    { "manifest/err-missing-name", "service -- p", "f:2: service: missing name" },
    { "manifest/err-missing-name-end", "service", "f:2: service: missing name" },
    { "manifest/err-bad-name", "service a/b -- p",
      "f:2: service: bad name 'a/b' (letters, digits, '_', '-', '.')" },
    { "manifest/err-long-name", "service abcdefghijklmnop -- p",
      "f:2: service: name 'abcdefghijklmnop' too long (at most 15 characters)" },
    { "manifest/err-duplicate-service", "service ok -- p", "f:2: duplicate service 'ok' (first on line 1)" },
    { "manifest/err-too-many-args", "service x -- p 1 2 3 4 5 6 7 8",
      "f:2: too many arguments (at most 8 words after '--')" },
    { "manifest/err-args-too-long", "service x -- p "
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
      "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "f:2: arguments too long (at most 127 characters)" },
    { "manifest/err-group-strategy", "group g strategy=one_for_some limit=1/1s",
      "f:2: strategy=one_for_some: not one_for_one, one_for_all or rest_for_one" },
    { "manifest/err-group-no-strategy", "group g limit=1/1s", "f:2: group g: missing strategy=" },
    { "manifest/err-group-no-limit", "group g strategy=one_for_all", "f:2: group g: missing limit=" },
    { "manifest/err-group-key", "group g strategy=one_for_all limit=1/1s after=a",
      "f:2: after=a: unknown key" },
    { "manifest/err-group-no-name", "group", "f:2: group: missing name" },
    { "manifest/err-group-program", "group g strategy=one_for_all limit=1/1s -- p",
      "f:2: '--': not KEY=VALUE" },
};

static void test_bad_lines(void)
{
    for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
        char text[1024], want[256];
        snprintf(text, sizeof text, "service ok -- p\n%s\nservice ok2 after=ok -- p\n",
                 bad_lines[i].line);
        snprintf(want, sizeof want, "%s\n", bad_lines[i].message);
        manifest_read(&m, "f", text);
        check_str(bad_lines[i].name, errors_text(), want);
        if (m.service_count != 2 || m.group_count != 0 || strcmp(order_text(), "ok ok2"))
            check_fail(bad_lines[i].name, "the other lines were not kept: %d services, order %s",
                       m.service_count, order_text());
    }
}

static void test_duplicate_group(void)
{
    manifest_read(&m, "etc/x", "group g strategy=one_for_one limit=1/1s\n"
                               "group g strategy=one_for_all limit=1/1s\n");
    check_str("manifest/err-duplicate-group", errors_text(),
              "etc/x:2: duplicate group 'g' (first on line 1)\n");
    check_int("manifest/duplicate-group-first-kept", m.groups[0].strategy, STRATEGY_ONE_FOR_ONE);
}

/* ---- the check pass ---- */

static void checks(const char *name, const char *text, const char *errors, const char *order)
{
    char label[128];
    manifest_read(&m, "f", text);
    snprintf(label, sizeof label, "%s-errors", name);
    check_str(label, errors_text(), errors);
    snprintf(label, sizeof label, "%s-order", name);
    check_str(label, order_text(), order);
}

static void test_check(void)
{
    checks("manifest/order-file", "service a -- p\nservice b -- p\nservice c -- p\n", "", "a b c");
    checks("manifest/order-after",
           "service a after=c -- p\nservice b -- p\nservice c -- p\n", "", "b c a");
    checks("manifest/order-chain",
           "service a after=b -- p\nservice b after=c -- p\nservice c -- p\nservice d -- p\n",
           "", "c b a d");
    checks("manifest/order-two-after",
           "service top after=x,y -- p\nservice y -- p\nservice x after=y -- p\n", "", "y x top");
    checks("manifest/unknown-after",
           "service a -- p\nservice b after=a,nosuch -- p\nservice c after=b -- p\nservice d -- p\n",
           "f:2: service b dropped: after nosuch, which is not declared\n"
           "f:3: service c dropped: after b, which is dropped\n", "a d");
    checks("manifest/after-a-refused-line",
           "service a restart=bad -- p\nservice b after=a -- p\n",
           "f:1: restart=bad: not never, on-failure or always\n"
           "f:2: service b dropped: after a, which is not declared\n", "");
    checks("manifest/cycle-self", "service a after=a -- p\nservice b -- p\n",
           "f:1: dependency cycle, dropped: a (line 1) -> a\n", "b");
    checks("manifest/cycle-2",
           "service a after=b -- p\nservice b after=a -- p\nservice c -- p\n",
           "f:1: dependency cycle, dropped: a (line 1) -> b (line 2) -> a\n", "c");
    checks("manifest/cycle-3",
           "service x -- p\nservice a after=x,c -- p\nservice b after=a -- p\nservice c after=b -- p\n"
           "service d after=c -- p\nservice e after=x -- p\n",
           "f:2: dependency cycle, dropped: a (line 2) -> c (line 4) -> b (line 3) -> a\n"
           "f:5: service d dropped: after c, which is dropped\n", "x e");
    checks("manifest/cycle-two-cycles",
           "service a after=b -- p\nservice b after=a -- p\nservice c after=d -- p\n"
           "service d after=c -- p\n",
           "f:1: dependency cycle, dropped: a (line 1) -> b (line 2) -> a\n"
           "f:3: dependency cycle, dropped: c (line 3) -> d (line 4) -> c\n", "");
    checks("manifest/dropped-chain-in-rounds",
           "service c after=b -- p\nservice b after=a -- p\nservice a after=zz -- p\n",
           "f:3: service a dropped: after zz, which is not declared\n"
           "f:2: service b dropped: after a, which is dropped\n"
           "f:1: service c dropped: after b, which is dropped\n", "");
    checks("manifest/last-line-without-newline", "service a -- p\nservice b -- q", "", "a b");
    static const char nul[] = "service a -- p\nservice b -- q\0x\nservice c -- p\n";
    manifest_begin(&m, "f");
    manifest_feed(&m, nul, sizeof nul - 1);
    manifest_end(&m);
    check_str("manifest/nul-in-line-errors", errors_text(), "f:2: a NUL character in the line\n");
    check_str("manifest/nul-in-line-order", order_text(), "a c");
}

/* ---- limits: tables, long lines, long files ---- */

static void test_limits(void)
{
    char text[64];
    manifest_begin(&m, "big");
    for (int i = 0; i < 1000; i++) {
        snprintf(text, sizeof text, "service s%d -- prog %d\n", i, i);
        manifest_feed(&m, text, strlen(text));
    }
    manifest_end(&m);
    check_int("manifest/1000-lines-services-kept", m.service_count, MANIFEST_SERVICES_MAX);
    check_int("manifest/1000-lines-errors-counted", m.error_count, 1000 - MANIFEST_SERVICES_MAX);
    check_int("manifest/1000-lines-errors-kept", manifest_errors_kept(&m), MANIFEST_ERRORS_MAX);
    check_str("manifest/1000-lines-first-error", m.errors[0],
              "big:33: too many services (at most 32)");
    check_str("manifest/1000-lines-last-kept", m.errors[MANIFEST_ERRORS_MAX - 1],
              "big:56: too many services (at most 32)");
    check_int("manifest/1000-lines-line-count", m.line, 1000);
    check_int("manifest/1000-lines-order", m.order_count, MANIFEST_SERVICES_MAX);

    manifest_begin(&m, "f");
    for (int i = 0; i < MANIFEST_GROUPS_MAX + 1; i++) {
        snprintf(text, sizeof text, "group g%d strategy=one_for_one limit=1/1s\n", i);
        manifest_feed(&m, text, strlen(text));
    }
    manifest_end(&m);
    check_str("manifest/too-many-groups", errors_text(), "f:9: too many groups (at most 8)\n");

    /* A line of 10,000 characters, fed in pieces, between two good ones. */
    char *long_text = malloc(10100);
    strcpy(long_text, "service a -- p\nservice b -- ");
    size_t len = strlen(long_text);
    memset(long_text + len, 'x', 10000);
    strcpy(long_text + len + 10000, "\nservice c -- p\n");
    manifest_begin(&m, "f");
    for (size_t at = 0; at < strlen(long_text); at += 333) {
        size_t piece = strlen(long_text) - at < 333 ? strlen(long_text) - at : 333;
        manifest_feed(&m, long_text + at, piece);
    }
    manifest_end(&m);
    check_str("manifest/10000-character-line", errors_text(),
              "f:2: line too long (more than 256 characters)\n");
    check_str("manifest/10000-character-line-rest-kept", order_text(), "a c");
    /* The same at the end, without a newline. */
    long_text[len + 10000] = '\0';
    manifest_read(&m, "f", long_text);
    check_str("manifest/long-last-line", errors_text(),
              "f:2: line too long (more than 256 characters)\n");
    free(long_text);

    /* Exactly MANIFEST_LINE_MAX characters is a line; one more is not. */
    char edge[MANIFEST_LINE_MAX + 3];
    memset(edge, ' ', sizeof edge);
    memcpy(edge, "service a -- p", 14);
    edge[MANIFEST_LINE_MAX] = '\0';
    manifest_read(&m, "f", edge);
    check_str("manifest/line-at-limit", errors_text(), "");
    edge[MANIFEST_LINE_MAX] = ' ';
    edge[MANIFEST_LINE_MAX + 1] = '\0';
    manifest_read(&m, "f", edge);
    check_str("manifest/line-over-limit", errors_text(), "f:1: line too long (more than 256 characters)\n");

    /* A line of 128 one-letter words: the most words a line can hold. */
    char words[MANIFEST_LINE_MAX + 1];
    for (int i = 0; i < MANIFEST_LINE_MAX; i++)
        words[i] = i % 2 ? ' ' : 'w';
    words[MANIFEST_LINE_MAX] = '\0';
    manifest_read(&m, "f", words);
    check_str("manifest/most-words", errors_text(),
              "f:1: unknown declaration 'w' (group or service)\n");
}

static void test_format_time(void)
{
    char buf[16];
    manifest_format_time(buf, sizeof buf, 0);
    check_str("manifest/time-0", buf, "0s");
    manifest_format_time(buf, sizeof buf, 250);
    check_str("manifest/time-ms", buf, "250ms");
    manifest_format_time(buf, sizeof buf, 2000);
    check_str("manifest/time-s", buf, "2s");
    manifest_format_time(buf, sizeof buf, 120000);
    check_str("manifest/time-m", buf, "2m");
    manifest_format_time(buf, sizeof buf, 61000);
    check_str("manifest/time-61s", buf, "61s");
}

int main(void)
{
    test_keys();
    test_bad_lines();
    test_duplicate_group();
    test_check();
    test_limits();
    test_format_time();
    return check_exit_status();
}
