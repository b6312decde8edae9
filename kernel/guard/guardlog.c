/*
 * Every termination the guardian sees, and what it decided, is one
 * record here and one line on the console, e.g.
 *
 *   guardian: worker[7] #3 killed by SIGSEGV (page fault, vector 14,
 *     error 0x6, address 0x00000000, eip 0x08048123)
 *     -> restart in 200 ms (3/5 in 10s)
 *
 * (one line on the screen). The ring keeps the last GUARDLOG_SIZE
 * records; guardlog() copies them out for the `guardlog` program.
 *
 * A record's registers and fault addresses may hold a program's secrets,
 * so a reader gets them only for itself and its descendants: the
 * process's ancestors *when the event happened*. A record outlives its
 * process, and slots and pids are reused, so that is decided from what
 * was written down then (struct witnesses), never from today's family
 * tree.
 */
#include "kernel/guard/guardlog.h"
#include "kernel/guard/guardian.h"
#include "kernel/guard/group.h"
#include "kernel/trace.h"
#include "kernel/dev/console.h"
#include "kernel/fs/initrd.h"
#include "kernel/proc/proc.h"
#include "kernel/x86/trap.h"
#include "abi/signal.h"
#include "lib/elfsym.h"
#include "lib/names.h"
#include "lib/string.h"

/*
 * Who may see a record in full: the process and its ancestors at the
 * time of the event, as the set of their table slots, and the serial
 * number the next process would then have got. A reader in one of those
 * slots is the process that was there if it is older than the event
 * (serial below the mark): it has held its slot ever since. A younger
 * one came into the slot after the event.
 */
struct witnesses {
    uint32_t slots[PROC_SLOTS / 32];
    uint64_t serial_mark;
};

static struct guard_event ring[GUARDLOG_SIZE];
static struct witnesses witnesses[GUARDLOG_SIZE];
static uint32_t next_seq = 1;
static int quiet;

void guardlog_init(int q)
{
    quiet = q;
}


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

/* p, the process the record is about, still holds its slot: write
 * down it and its ancestors. */
static void note_witnesses(struct witnesses *w, const struct proc *p)
{
    memset(w, 0, sizeof *w);
    w->serial_mark = proc_serial_mark();
    for (; p; p = p->parent) {
        int slot = proc_slot(p);
        w->slots[slot / 32] |= 1u << (slot % 32);
    }
}

static int witnessed(const struct witnesses *w, const struct proc *reader)
{
    int slot = proc_slot(reader);
    return (w->slots[slot / 32] & (1u << (slot % 32))) && reader->serial < w->serial_mark;
}

/* What a reader without the right sees: where and how, not the state. */
static void withhold_registers(struct guard_event *e)
{
    e->error_code = e->eip = e->cr2 = 0;
    e->eax = e->ebx = e->ecx = e->edx = 0;
    e->esi = e->edi = e->ebp = e->esp = 0;
    memset(e->chain, 0, sizeof e->chain);
    e->chain_len = 0;
    e->esp_word = 0;
}

void guardlog_event_of(struct guard_event *e, const struct proc *p)
{
    memset(e, 0, sizeof *e);
    e->time_ms = guardian_now_ms();
    e->pid = p->pid;
    strlcpy(e->name, p->name, sizeof e->name);
    e->incarnation = p->incarnation;
    e->end = (uint8_t)p->end.how;
    e->reason = (uint32_t)p->end.reason;
    e->status = p->end.status;
    e->signal = (uint8_t)p->end.signal;
    e->vector = (uint8_t)p->end.vector;
    e->error_code = p->end.error;
    e->eip = p->end.eip;
    e->cr2 = p->end.cr2;
    e->eax = p->end.eax;
    e->ebx = p->end.ebx;
    e->ecx = p->end.ecx;
    e->edx = p->end.edx;
    e->esi = p->end.esi;
    e->edi = p->end.edi;
    e->ebp = p->end.ebp;
    e->esp = p->end.esp;
    /* A report's call chain, and the program's path for its symbol
     * table: the name may be a service's (spec.name), and the process
     * may be gone when the log is read. A path too long for the field is
     * left out, not cut. (Only for the ends with a report: every end,
     * a clean exit too, passes here.) */
    if (p->end.how == END_FAULT || p->end.how == END_WATCHDOG) {
        memcpy(e->chain, p->end.chain, sizeof e->chain);
        e->chain_len = p->end.chain_len;
        e->esp_word = p->end.esp_word;
        if (p->file && strlen(p->file->path) < sizeof e->program)
            strlcpy(e->program, p->file->path, sizeof e->program);
    }
    group_label(p, e);
    if (p->end.how == END_ESCALATED)
        strlcpy(e->others, p->end.group, sizeof e->others);
}

/* The trace line of an end: "end PID NAME CAUSE:N DECISION DELAY_MS
 * [WHERE]", e.g. "fault:11 restart 200 inner", "watchdog:9 gaveup 0
 * spin_forever", "exit:0 exit 0": WHERE, the function a fault or a
 * watchdog kill caught it in, only for those two. */
void guardlog_trace(const struct proc *p, const struct guard_event *e)
{
    static const char *const causes[] = {
        [END_EXIT] = "exit", [END_SIGNAL] = "signal", [END_FAULT] = "fault",
        [END_WATCHDOG] = "watchdog", [END_OOM] = "oom", [END_START_TIMEOUT] = "starttimeout",
        [END_ESCALATED] = "escalated",
    };
    static const char *const decisions[] = {
        [DECIDE_EXIT] = "exit", [DECIDE_RESTART] = "restart",
        [DECIDE_GAVE_UP] = "gaveup", [DECIDE_STOPPED] = "stopped",
        [DECIDE_RETRY] = "retry", [DECIDE_RETRY_LATER] = "retrylater",
        [DECIDE_GROUP_RESTART] = "grouprestart", [DECIDE_ESCALATE] = "escalate",
        [DECIDE_UPDATE] = "update", [DECIDE_ROLLBACK] = "rollback",
    };
    int detail = e->end == END_EXIT ? (e->status >> 8) & 0xFF : e->signal;
    const char *cause = e->reason == REASON_MEM_LIMIT ? "memlimit" : causes[e->end];
    const char *decision = decisions[e->decision];
    struct elf_symbol at;
    if (!trace_enabled)
        return;
    if ((e->end != END_FAULT && e->end != END_WATCHDOG) || !e->eip)
        trace_event("end", p, "%s:%d %s %u", cause, detail, decision, e->delay_ms);
    /* The function at eip from the program's symbol table (the ramdisk
     * holds the file in memory; one pass over the table, paid only with
     * tracing on), else the address. */
    else if (p->file && elfsym_lookup(p->file->data, p->file->size, e->eip, &at))
        trace_event("end", p, "%s:%d %s %u %s", cause, detail, decision, e->delay_ms, at.name);
    else
        trace_event("end", p, "%s:%d %s %u 0x%08x", cause, detail, decision, e->delay_ms,
                    e->eip);
}

void guardlog_record(struct guard_event *e)
{
    guardlog_record_of(e, proc_find(e->pid));
}

void guardlog_record_of(struct guard_event *e, const struct proc *p)
{
    e->seq = next_seq++;
    ring[e->seq % GUARDLOG_SIZE] = *e;
    note_witnesses(&witnesses[e->seq % GUARDLOG_SIZE], p);
    if (quiet || (p && guardian_is_quiet(p)))
        return;                     /* the record is kept all the same */
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

int guardlog_read(struct guard_event *out, int max, uint32_t since, const struct proc *reader)
{
    uint32_t oldest = next_seq > GUARDLOG_SIZE ? next_seq - GUARDLOG_SIZE : 1;
    uint32_t seq = since + 1 > oldest ? since + 1 : oldest;
    int n = 0;
    for (; seq < next_seq && n < max; seq++) {
        out[n] = ring[seq % GUARDLOG_SIZE];
        if (reader && !witnessed(&witnesses[seq % GUARDLOG_SIZE], reader))
            withhold_registers(&out[n]);
        n++;
    }
    return n;
}
