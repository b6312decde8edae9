/*
 * The console line of a guardian event: the full line for the serial
 * port, with every detail of the cause and the decision, e.g.
 *
 *   guardian: worker[7] #3 killed by SIGSEGV (page fault, vector 14,
 *     error 0x6, address 0x00000000, eip 0x08048123)
 *     -> restart in 200 ms (3/5 in 10s)
 *
 * and a brief one that fits the screen's 80 columns.
 */
#include "kernel/guard/eventline.h"
#include "kernel/dev/console.h"
#include "kernel/x86/trap.h"
#include "abi/signal.h"
#include "lib/names.h"
#include "lib/string.h"

/* A console line, built whole and written at once. The line is on the
 * path of every restart, which `make bench` measures, so it is made of
 * plain appends (a string, a decimal, a hex word) rather than a dozen
 * passes through the printf formatter. */
#define LINE_MAX 256

struct line {
    char text[LINE_MAX];
    size_t len;
};

static void put(struct line *l, const char *s)
{
    while (*s && l->len < sizeof l->text - 1)
        l->text[l->len++] = *s++;
}

static void put_dec(struct line *l, uint32_t n)
{
    char digits[10];
    int i = 0;
    do
        digits[i++] = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    while (i > 0 && l->len < sizeof l->text - 1)
        l->text[l->len++] = digits[--i];
}

/* The newline, even after a line cut short. */
static void end_line(struct line *l)
{
    if (l->len == sizeof l->text - 1)
        l->len--;
    l->text[l->len++] = '\n';
}

/* "0x" and at least `width` hex digits. */
static void put_hex(struct line *l, uint32_t n, int width)
{
    put(l, "0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        if (shift < 4 * width || n >> shift)
            if (l->len < sizeof l->text - 1)
                l->text[l->len++] = "0123456789abcdef"[(n >> shift) & 0xF];
}

/* The cause in full, for the serial line and the log reader. */
static void put_cause(struct line *l, const struct guard_event *e)
{
    const char *memory = end_reason_name(e->end, (int)e->reason);
    if (e->end == END_EXIT) {
        put(l, "exited with status ");
        put_dec(l, (uint32_t)(e->status >> 8) & 0xFF);
        return;
    }
    put(l, "killed by ");
    put(l, signal_name(e->signal));
    if (e->end == END_ESCALATED) {
        put(l, " (group ");
        put(l, e->others);
        put(l, " gave up)");
    } else if (e->end == END_WATCHDOG) {
        put(l, " (watchdog: no heartbeat)");
    } else if (e->end == END_START_TIMEOUT) {
        put(l, " (start timeout: no ready())");
    } else if (e->end == END_OOM) {
        put(l, " (");
        put(l, memory);
        put(l, ")");
    } else if (e->end == END_FAULT) {
        put(l, " (");
        if (memory) {
            put(l, memory);
            put(l, ": ");
        }
        put(l, trap_name(e->vector));
        put(l, ", vector ");
        put_dec(l, e->vector);
        put(l, ", error ");
        put_hex(l, e->error_code, 1);
        if (e->vector == T_PAGE_FAULT) {
            put(l, ", address ");
            put_hex(l, e->cr2, 8);
        }
        put(l, ", eip ");
        put_hex(l, e->eip, 8);
        put(l, ")");
    }
}

/* The cause in a word or two, for the 80 columns of the screen. */
static void put_short_cause(struct line *l, const struct guard_event *e)
{
    const char *memory = end_reason_name(e->end, (int)e->reason);
    if (e->end == END_EXIT) {
        put(l, "exit ");
        put_dec(l, (uint32_t)(e->status >> 8) & 0xFF);
    } else if (e->end == END_ESCALATED) {
        put(l, "group ");
        put(l, e->others);
        put(l, " gave up");
    } else {
        put(l, e->end == END_WATCHDOG ? "watchdog" :
               e->end == END_START_TIMEOUT ? "start timeout" :
               memory ? memory : signal_name(e->signal));
    }
}

/* "10s" for whole seconds, "300 ms" otherwise. */
static void put_duration(struct line *l, uint32_t ms)
{
    put_dec(l, ms % 1000 == 0 ? ms / 1000 : ms);
    put(l, ms % 1000 == 0 ? "s" : " ms");
}

/* " (2/5 in 10s)": the restarts in the window, this one included. */
static void put_count(struct line *l, const struct guard_event *e, int full)
{
    put(l, " (");
    put_dec(l, e->restarts);
    put(l, "/");
    put_dec(l, e->max_restarts);
    if (full) {
        put(l, " in ");
        put_duration(l, e->window_ms);
    }
    put(l, ")");
}

/* "restarting b, c: one_for_all after a failed, in 200 ms (1/3 in 10s)" */
static void put_group_restart(struct line *l, const struct guard_event *e, int full)
{
    put(l, "restarting ");
    put(l, e->others[0] ? e->others : "it alone");
    put(l, ": ");
    put(l, strategy_name((int)e->strategy));
    put(l, " after ");
    put(l, e->name);
    put(l, e->end == END_EXIT && e->status == 0 ? " ended" : " failed");
    if (e->delay_ms) {
        put(l, ", in ");
        put_duration(l, e->delay_ms);
    }
    put_count(l, e, full);
}

/* "group web gave up: more than 3 restarts in 10s" */
static void put_escalation(struct line *l, const struct guard_event *e, int full)
{
    put(l, "group ");
    put(l, e->group);
    put(l, " gave up");
    if (full) {
        put(l, ": more than ");
        put_dec(l, e->max_restarts);
        put(l, e->max_restarts == 1 ? " restart in " : " restarts in ");
        put_duration(l, e->window_ms);
        put(l, "; its members stop, then its supervisor");
    }
}

static void put_decision(struct line *l, const struct guard_event *e, int full)
{
    switch (e->decision) {
    case DECIDE_GROUP_RESTART:
        put_group_restart(l, e, full);
        break;
    case DECIDE_ESCALATE:
        put_escalation(l, e, full);
        break;
    case DECIDE_UPDATE:
        put(l, "updated: ");
        put(l, e->others);
        put(l, " starts");
        if (e->reason == REASON_STOP_KILL && full) {
            put(l, " (killed ");
            put_duration(l, e->delay_ms);
            put(l, " after SIGTERM)");
        }
        break;
    case DECIDE_ROLLBACK:
        put(l, full ? "update rolled back, it failed on probation: " : "rolled back: ");
        put(l, e->others);
        put(l, " starts again");
        break;
    case DECIDE_RESTART:
        if (e->delay_ms) {
            put(l, "restart in ");
            put_dec(l, e->delay_ms);
            put(l, " ms");
        } else {
            put(l, "restart now");
        }
        put_count(l, e, full);
        break;
    case DECIDE_GAVE_UP:
    case DECIDE_RETRY_LATER:
        put(l, "gave up");
        if (full) {
            put(l, ": more than ");
            put_dec(l, e->max_restarts);
            put(l, e->max_restarts == 1 ? " restart in " : " restarts in ");
            put_duration(l, e->window_ms);
        }
        if (e->decision == DECIDE_RETRY_LATER) {
            put(l, "; start again in ");
            put_duration(l, e->delay_ms);
        }
        break;
    case DECIDE_STOPPED:
        put(l, "stopped");
        if (e->reason == REASON_AFTER_TERM) {
            put(l, " after SIGTERM");
        } else if (e->reason == REASON_STOP_KILL) {
            put(l, ": killed ");
            put_duration(l, e->delay_ms);
            put(l, " after SIGTERM");
        }
        if (e->flags & EVENT_BY_GROUP) {
            put(l, " (");
            put(l, strategy_name((int)e->strategy));
            put(l, " in group ");
            put(l, e->group);
            put(l, ")");
        }
        break;
    case DECIDE_RETRY:
        put(l, full ? "cannot restart (out of memory): retry in " : "no memory: retry in ");
        put_dec(l, e->delay_ms);
        put(l, " ms");
        break;
    default:
        put(l, "ends");
    }
}

void eventline_print(const struct guard_event *e)
{
    /* The serial line gets every detail; the screen a line that fits its
     * 80 columns, so that a busy guardian does not push the prompt away. */
    struct line full = { .len = 0 }, brief = { .len = 0 };
    put(&full, "guardian: ");
    put(&full, e->name);
    put(&full, "[");
    put_dec(&full, (uint32_t)e->pid);
    put(&full, "] #");
    put_dec(&full, e->incarnation);
    put(&full, " ");
    memcpy(brief.text, full.text, full.len);
    brief.len = full.len;
    put_cause(&full, e);
    put_short_cause(&brief, e);
    put(&full, " -> ");
    put(&brief, " -> ");
    put_decision(&full, e, 1);
    put_decision(&brief, e, 0);
    end_line(&full);
    end_line(&brief);
    console_color(VGA_YELLOW);
    console_write_split(full.text, full.len, brief.text, brief.len);
    console_color(VGA_LIGHT_GREY);
}

