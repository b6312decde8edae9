/*
 * Every termination the guardian sees, and what it decided, is one
 * record here and one line on the console (kernel/guard/eventline.c,
 * unless the process is quiet). The ring keeps the last GUARDLOG_SIZE
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
#include "kernel/guard/eventline.h"
#include "kernel/guard/guardian.h"
#include "kernel/guard/group.h"
#include "kernel/trace.h"
#include "kernel/fs/initrd.h"
#include "kernel/proc/proc.h"
#include "lib/elfsym.h"
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
    eventline_print(e);
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
