/*
 * The service manifest (/etc/services): one declaration a line, read
 * into fixed-size tables with no allocation, so the same code runs in a
 * user program and in the host tests. The format and its errors are in
 * docs/guardian.md, "The manifest".
 *
 * Feed the text in pieces of any size; a line longer than
 * MANIFEST_LINE_MAX is refused whole, whatever its length. Every error is
 * a message "FILE:LINE: what is wrong", and the line is skipped. At the
 * end the services' after= names are checked (an unknown name or a cycle
 * drops the services concerned, and those after them) and the start
 * order is computed.
 */
#ifndef LIB_MANIFEST_H
#define LIB_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "abi/guard.h"

#define MANIFEST_SERVICES_MAX 32
#define MANIFEST_GROUPS_MAX   8
#define MANIFEST_NAME_LEN     GUARD_NAME_LEN   /* with its NUL: 15 characters */
#define MANIFEST_AFTER_MAX    4                /* names in one after= */
#define MANIFEST_ARGS_MAX     8                /* the program and its arguments */
#define MANIFEST_ARGS_LEN     128              /* their characters, NULs included */
#define MANIFEST_LINE_MAX     256              /* characters in a line, newline excluded */
#define MANIFEST_ERRORS_MAX   24               /* messages kept; the rest are counted */
#define MANIFEST_ERROR_LEN    128

/* A service's settings when the line does not give them. */
#define MANIFEST_DEFAULT_RESTART  RESTART_ON_FAILURE
#define MANIFEST_DEFAULT_RESTARTS 3
#define MANIFEST_DEFAULT_WINDOW   10000

struct manifest_group {
    char name[MANIFEST_NAME_LEN];
    int line;
    uint32_t strategy;                  /* STRATEGY_* */
    uint32_t max_restarts, window_ms;
};

struct manifest_service {
    char name[MANIFEST_NAME_LEN];
    int line;
    uint32_t restart;                   /* RESTART_* */
    uint32_t max_restarts, window_ms;
    uint32_t backoff_ms, backoff_max_ms;
    uint32_t watchdog_ms, ready_ms, stop_ms, retry_ms;   /* 0 = not asked for */
    uint32_t mem_kb;                    /* 0 = the default */
    int group;                          /* index in groups[], or -1 */
    int after_count;
    char after[MANIFEST_AFTER_MAX][MANIFEST_NAME_LEN];
    int after_index[MANIFEST_AFTER_MAX];        /* set by the check */
    int argc;
    char *argv[MANIFEST_ARGS_MAX];      /* into args[] */
    char args[MANIFEST_ARGS_LEN];
    bool dropped;                       /* refused by the check */
};

struct manifest {
    const char *file;
    int line;                           /* lines read so far */
    struct manifest_group groups[MANIFEST_GROUPS_MAX];
    int group_count;
    struct manifest_service services[MANIFEST_SERVICES_MAX];
    int service_count;
    int order[MANIFEST_SERVICES_MAX];   /* start order: indexes of kept services */
    int order_count;                    /* stop in reverse */
    char errors[MANIFEST_ERRORS_MAX][MANIFEST_ERROR_LEN];
    int error_count;                    /* all errors, kept or not */
    /* the line being read */
    char text[MANIFEST_LINE_MAX + 1];
    size_t text_len;
    bool too_long;
};

/* Start reading the manifest called file (kept for the messages). */
void manifest_begin(struct manifest *m, const char *file);
/* The next n characters of the text. */
void manifest_feed(struct manifest *m, const char *data, size_t n);
/* The last line (even without a newline), then the check and the order. */
void manifest_end(struct manifest *m);
/* begin, feed and end for a whole NUL-terminated text. */
void manifest_read(struct manifest *m, const char *file, const char *text);

/* How many error messages are in errors[] (at most MANIFEST_ERRORS_MAX). */
int manifest_errors_kept(const struct manifest *m);

/* "one_for_all", "on-failure" ... as the manifest spells them. */
const char *manifest_strategy_name(uint32_t strategy);
const char *manifest_restart_name(uint32_t restart);
/* A time as the manifest writes it: "2m", "3s" or "250ms". */
void manifest_format_time(char *buf, size_t size, uint32_t ms);

/* Between lib/manifest.c, lib/manifest_values.c and lib/manifest_check.c:
 * an error on a line, the check pass, and the parsers of values (each
 * reports its own error on the current line and returns false). */
void manifest_error(struct manifest *m, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void manifest_check(struct manifest *m);
extern const char *const manifest_strategies[];     /* NULL-terminated */
extern const char *const manifest_restarts[];
int manifest_word_index(const char *const *names, const char *word);
bool manifest_parse_time(struct manifest *m, const char *key, const char *value, uint32_t *ms);
bool manifest_parse_limit(struct manifest *m, const char *value, uint32_t *n, uint32_t *window);
bool manifest_parse_backoff(struct manifest *m, const char *value, uint32_t *first, uint32_t *cap);
bool manifest_parse_size(struct manifest *m, const char *value, uint32_t *kb);
/* A name: 1 to 15 letters, digits, '_', '-' or '.'; what prefixes the message. */
bool manifest_name_ok(struct manifest *m, const char *what, const char *name);

#endif
