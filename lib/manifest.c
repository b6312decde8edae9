/*
 * Reading the service manifest, line by line (lib/manifest.h). A line
 * is cut into words; a word starting with # ends it. The first word says
 * what the line declares, the name follows, then KEY=VALUE words, and for
 * a service "--" and the program with its arguments. Anything wrong
 * skips the whole line with one message: half a service is worse than none.
 */
#include <stdarg.h>
#include "lib/manifest.h"
#include "lib/format.h"
#include "lib/string.h"

#define WORDS_MAX (MANIFEST_LINE_MAX / 2 + 1)   /* "a b c ...": every other character */

void manifest_error(struct manifest *m, int line, const char *fmt, ...)
{
    if (m->error_count++ >= MANIFEST_ERRORS_MAX)
        return;                         /* counted, not kept */
    char *msg = m->errors[m->error_count - 1];
    int n = format_buf(msg, MANIFEST_ERROR_LEN, "%s:%d: ", m->file, line);
    if (n >= MANIFEST_ERROR_LEN)
        return;
    va_list ap;
    va_start(ap, fmt);
    format_buf_v(msg + n, MANIFEST_ERROR_LEN - (size_t)n, fmt, ap);
    va_end(ap);
}

int manifest_errors_kept(const struct manifest *m)
{
    return m->error_count < MANIFEST_ERRORS_MAX ? m->error_count : MANIFEST_ERRORS_MAX;
}

/* ---- groups and after= ---- */

static int find_group(const struct manifest *m, const char *name)
{
    for (int i = 0; i < m->group_count; i++)
        if (strcmp(m->groups[i].name, name) == 0)
            return i;
    return -1;
}

/* after=a,b,c: up to MANIFEST_AFTER_MAX names, checked later. */
static bool parse_after(struct manifest *m, char *value, struct manifest_service *s)
{
    char prefix[MANIFEST_ERROR_LEN];
    format_buf(prefix, sizeof prefix, "after=%s: ", value);
    s->after_count = 0;
    for (char *name = value, *comma; name; name = comma) {
        comma = strchr(name, ',');
        if (comma)
            *comma++ = '\0';
        if (s->after_count == MANIFEST_AFTER_MAX) {
            manifest_error(m, m->line, "%smore than %d names", prefix, MANIFEST_AFTER_MAX);
            return false;
        }
        if (!manifest_name_ok(m, prefix, name))
            return false;
        strlcpy(s->after[s->after_count++], name, MANIFEST_NAME_LEN);
    }
    return true;
}

/* ---- declarations ---- */

/* key=value in place: false (with a message) if word has no '='. */
static bool split_key(struct manifest *m, char *word, char **value)
{
    char *eq = strchr(word, '=');
    if (!eq || eq == word) {
        manifest_error(m, m->line, "'%s': not KEY=VALUE", word);
        return false;
    }
    *eq = '\0';
    *value = eq + 1;
    return true;
}

/* Was key already given on this line? seen holds a bit per key. */
static bool first_time(struct manifest *m, uint32_t *seen, int key, const char *name)
{
    if (*seen & (1u << key)) {
        manifest_error(m, m->line, "%s= given twice", name);
        return false;
    }
    *seen |= 1u << key;
    return true;
}

static const char *const group_keys[] = { "strategy", "limit", 0 };

/* group NAME strategy=S limit=N/TIME */
static void parse_group(struct manifest *m, char **words, int n)
{
    if (m->group_count == MANIFEST_GROUPS_MAX) {
        manifest_error(m, m->line, "too many groups (at most %d)", MANIFEST_GROUPS_MAX);
        return;
    }
    struct manifest_group *g = &m->groups[m->group_count];
    memset(g, 0, sizeof *g);
    if (n < 2) {
        manifest_error(m, m->line, "group: missing name");
        return;
    }
    if (!manifest_name_ok(m, "group: ", words[1]))
        return;
    int other = find_group(m, words[1]);
    if (other >= 0) {
        manifest_error(m, m->line, "duplicate group '%s' (first on line %d)", words[1],
                       m->groups[other].line);
        return;
    }
    uint32_t seen = 0;
    for (int i = 2; i < n; i++) {
        char *value;
        if (!split_key(m, words[i], &value))
            return;
        int key = manifest_word_index(group_keys, words[i]);
        if (key < 0) {
            manifest_error(m, m->line, "%s=%s: unknown key", words[i], value);
            return;
        }
        if (!first_time(m, &seen, key, words[i]))
            return;
        int strategy = manifest_word_index(manifest_strategies, value);
        if (key == 0 && strategy < 0) {
            manifest_error(m, m->line, "strategy=%s: not one_for_one, one_for_all or rest_for_one", value);
            return;
        }
        if (key == 0)
            g->strategy = (uint32_t)strategy;
        if (key == 1 && !manifest_parse_limit(m, value, &g->max_restarts, &g->window_ms))
            return;
    }
    for (int key = 0; group_keys[key]; key++)
        if (!(seen & (1u << key))) {
            manifest_error(m, m->line, "group %s: missing %s=", words[1], group_keys[key]);
            return;
        }
    strlcpy(g->name, words[1], MANIFEST_NAME_LEN);
    g->line = m->line;
    m->group_count++;
}

enum { K_RESTART, K_LIMIT, K_BACKOFF, K_WATCHDOG, K_READY, K_STOP, K_RETRY, K_AFTER, K_GROUP, K_MEM };
static const char *const service_keys[] = {
    "restart", "limit", "backoff", "watchdog", "ready", "stop", "retry", "after", "group", "mem", 0
};

static bool set_service_key(struct manifest *m, struct manifest_service *s, int key, char *value)
{
    switch (key) {
    case K_RESTART: {
        int restart = manifest_word_index(manifest_restarts, value);
        if (restart < 0) {
            manifest_error(m, m->line, "restart=%s: not never, on-failure or always", value);
            return false;
        }
        s->restart = (uint32_t)restart;
        return true;
    }
    case K_LIMIT:    return manifest_parse_limit(m, value, &s->max_restarts, &s->window_ms);
    case K_BACKOFF:  return manifest_parse_backoff(m, value, &s->backoff_ms, &s->backoff_max_ms);
    case K_WATCHDOG: return manifest_parse_time(m, "watchdog", value, &s->watchdog_ms);
    case K_READY:    return manifest_parse_time(m, "ready", value, &s->ready_ms);
    case K_STOP:     return manifest_parse_time(m, "stop", value, &s->stop_ms);
    case K_RETRY:    return manifest_parse_time(m, "retry", value, &s->retry_ms);
    case K_AFTER:    return parse_after(m, value, s);
    case K_MEM:      return manifest_parse_size(m, value, &s->mem_kb);
    default:                                    /* K_GROUP */
        if ((s->group = find_group(m, value)) >= 0)
            return true;
        manifest_error(m, m->line, "group=%s: unknown group (declare it on a line above)", value);
        return false;
    }
}

/* The program and its arguments, copied into s->args. */
static bool set_arguments(struct manifest *m, struct manifest_service *s, char **words, int n)
{
    if (n == 0) {
        manifest_error(m, m->line, "missing program after '--'");
        return false;
    }
    if (n > MANIFEST_ARGS_MAX) {
        manifest_error(m, m->line, "too many arguments (at most %d words after '--')",
                       MANIFEST_ARGS_MAX);
        return false;
    }
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(words[i]) + 1;
        if (len > sizeof s->args - used) {
            manifest_error(m, m->line, "arguments too long (at most %d characters)",
                           MANIFEST_ARGS_LEN - 1);
            return false;
        }
        s->argv[i] = memcpy(s->args + used, words[i], len);
        used += len;
    }
    s->argc = n;
    return true;
}

/* service NAME [KEY=VALUE...] -- PROGRAM ARG... */
static void parse_service(struct manifest *m, char **words, int n)
{
    if (m->service_count == MANIFEST_SERVICES_MAX) {
        manifest_error(m, m->line, "too many services (at most %d)", MANIFEST_SERVICES_MAX);
        return;
    }
    struct manifest_service *s = &m->services[m->service_count];
    memset(s, 0, sizeof *s);
    s->restart = MANIFEST_DEFAULT_RESTART;
    s->max_restarts = MANIFEST_DEFAULT_RESTARTS;
    s->window_ms = MANIFEST_DEFAULT_WINDOW;
    s->group = -1;
    if (n < 2 || strcmp(words[1], "--") == 0) {
        manifest_error(m, m->line, "service: missing name");
        return;
    }
    if (!manifest_name_ok(m, "service: ", words[1]))
        return;
    for (int i = 0; i < m->service_count; i++)
        if (strcmp(m->services[i].name, words[1]) == 0) {
            manifest_error(m, m->line, "duplicate service '%s' (first on line %d)", words[1],
                           m->services[i].line);
            return;
        }
    uint32_t seen = 0;
    int i = 2;
    for (; i < n && strcmp(words[i], "--") != 0; i++) {
        char *value;
        if (!split_key(m, words[i], &value))
            return;
        int key = manifest_word_index(service_keys, words[i]);
        if (key < 0) {
            manifest_error(m, m->line, "%s=%s: unknown key", words[i], value);
            return;
        }
        if (!first_time(m, &seen, key, words[i]) || !set_service_key(m, s, key, value))
            return;
    }
    if (i == n) {
        manifest_error(m, m->line, "service %s: missing '--' and program", words[1]);
        return;
    }
    if (!set_arguments(m, s, words + i + 1, n - i - 1))
        return;
    strlcpy(s->name, words[1], MANIFEST_NAME_LEN);
    s->line = m->line;
    m->service_count++;
}

/* ---- lines ---- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Cut the line into words in place, up to a word that starts with #. */
static int split_line(char *s, char **words)
{
    int n = 0;
    for (;;) {
        while (is_blank(*s))
            *s++ = '\0';
        if (*s == '\0' || *s == '#')
            return n;
        words[n++] = s;                 /* cannot overflow: see WORDS_MAX */
        while (*s && !is_blank(*s))
            s++;
    }
}

static void parse_line(struct manifest *m)
{
    char *words[WORDS_MAX];
    if (m->too_long) {
        manifest_error(m, m->line, "line too long (more than %d characters)", MANIFEST_LINE_MAX);
        return;
    }
    m->text[m->text_len] = '\0';
    if (strlen(m->text) != m->text_len) {
        manifest_error(m, m->line, "a NUL character in the line");
        return;
    }
    int n = split_line(m->text, words);
    if (n == 0)
        return;
    if (strcmp(words[0], "group") == 0)
        parse_group(m, words, n);
    else if (strcmp(words[0], "service") == 0)
        parse_service(m, words, n);
    else
        manifest_error(m, m->line, "unknown declaration '%s' (group or service)", words[0]);
}

void manifest_begin(struct manifest *m, const char *file)
{
    memset(m, 0, sizeof *m);
    m->file = file;
}

void manifest_feed(struct manifest *m, const char *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (data[i] == '\n') {
            m->line++;
            parse_line(m);
            m->text_len = 0;
            m->too_long = false;
        } else if (m->text_len == MANIFEST_LINE_MAX) {
            m->too_long = true;
        } else {
            m->text[m->text_len++] = data[i];
        }
    }
}

void manifest_end(struct manifest *m)
{
    if (m->text_len > 0 || m->too_long) {   /* a last line without its newline */
        m->line++;
        parse_line(m);
        m->text_len = 0;
        m->too_long = false;
    }
    manifest_check(m);
}

void manifest_read(struct manifest *m, const char *file, const char *text)
{
    manifest_begin(m, file);
    manifest_feed(m, text, strlen(text));
    manifest_end(m);
}
