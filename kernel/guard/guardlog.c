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
#include "kernel/dev/console.h"
#include "kernel/proc/proc.h"
#include "kernel/x86/trap.h"
#include "abi/signal.h"
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


static void print_cause(const struct guard_event *e)
{
    const char *memory = end_reason_name(e->end, (int)e->reason);
    switch (e->end) {
    case END_EXIT:
        kprintf("exited with status %d", (e->status >> 8) & 0xFF);
        break;
    case END_SIGNAL:
        kprintf("killed by %s", signal_name(e->signal));
        break;
    case END_WATCHDOG:
        kprintf("killed by %s (watchdog: no heartbeat)", signal_name(e->signal));
        break;
    case END_OOM:
        kprintf("killed by %s (%s)", signal_name(e->signal), memory);
        break;
    case END_FAULT:
        kprintf("killed by %s (", signal_name(e->signal));
        if (memory)
            kprintf("%s: ", memory);
        kprintf("%s, vector %u, error 0x%x", trap_name(e->vector), e->vector, e->error_code);
        if (e->vector == T_PAGE_FAULT)
            kprintf(", address 0x%08x", e->cr2);
        kprintf(", eip 0x%08x)", e->eip);
        break;
    }
}

/* "10s" for whole seconds, "300 ms" otherwise. */
static void print_duration(uint32_t ms)
{
    if (ms % 1000 == 0)
        kprintf("%us", ms / 1000);
    else
        kprintf("%u ms", ms);
}

static void print_decision(const struct guard_event *e)
{
    switch (e->decision) {
    case DECIDE_RESTART:
        if (e->delay_ms)
            kprintf("restart in %u ms", e->delay_ms);
        else
            kprintf("restart now");
        kprintf(" (%u/%u in ", e->restarts, e->max_restarts);
        print_duration(e->window_ms);
        kprintf(")");
        break;
    case DECIDE_GAVE_UP:
        kprintf("gave up: more than %u restart%s in ", e->max_restarts,
                e->max_restarts == 1 ? "" : "s");
        print_duration(e->window_ms);
        break;
    case DECIDE_STOPPED:
        kprintf("stopped");
        break;
    case DECIDE_RETRY:
        kprintf("cannot restart (out of memory): retry in %u ms", e->delay_ms);
        break;
    default:
        kprintf("ends");
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
    if (quiet)
        return;
    console_color(VGA_YELLOW);
    kprintf("guardian: %s[%d] #%u ", e->name, e->pid, e->incarnation);
    print_cause(e);
    kprintf(" -> ");
    print_decision(e);
    kprintf("\n");
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
