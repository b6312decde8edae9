/* guardlog: the guardian's event log, oldest first. The registers of a
 * fault show only for this process's own family (docs/guardian.md).
 *
 *   guardlog      one line per event
 *   guardlog -v   and, under a fault or a watchdog kill, the report: where
 *                 it crashed or hung and the call chain, as FUNCTION+0xOFF
 *                 from the program file's symbol table (raw addresses
 *                 when it has none), then the registers
 */
#include "user/lib/runtime.h"
#include "lib/elfsym.h"
#include "lib/leafcall.h"

#define PROGRAM_MAX (4u << 20)      /* a bigger program file is not read for its names */

static void print_cause(const struct guard_event *e)
{
    const char *memory = end_reason_name(e->end, (int)e->reason);
    if (memory)
        printf("%s, ", memory);     /* then the signal, as for any end */
    switch (e->end) {
    case END_EXIT:
        printf("exited %d", WEXITSTATUS(e->status));
        break;
    case END_WATCHDOG:
        printf("watchdog");
        break;
    case END_START_TIMEOUT:
        printf("start timeout");
        break;
    case END_ESCALATED:
        printf("group %s gave up", e->others);
        break;
    case END_FAULT:
        /* The kernel zeroes a fault's registers for a reader outside the
         * process's family. A real fault never has both zero: at eip 0
         * it is a page fault, whose error code has the user bit set. */
        if (e->eip == 0 && e->error_code == 0) {
            printf("%s (vector %u, registers withheld)", signal_name(e->signal), e->vector);
            break;
        }
        printf("%s (vector %u at eip 0x%08x", signal_name(e->signal), e->vector, e->eip);
        if (e->vector == 14)
            printf(", address 0x%08x", e->cr2);
        printf(")");
        break;
    default:
        printf("%s", signal_name(e->signal));
    }
}

static void print_decision(const struct guard_event *e)
{
    switch (e->decision) {
    case DECIDE_GROUP_RESTART:
        printf("restarting %s: %s", e->others[0] ? e->others : "it alone",
               strategy_name((int)e->strategy));
        if (e->delay_ms)
            printf(" in %u ms", e->delay_ms);
        printf(" (%u/%u)", e->restarts, e->max_restarts);
        break;
    case DECIDE_ESCALATE:
        printf("group %s gave up", e->group);
        break;
    case DECIDE_UPDATE:
        printf("updated: %s starts", e->others);
        break;
    case DECIDE_ROLLBACK:
        printf("update rolled back: %s starts again", e->others);
        break;
    case DECIDE_RESTART:
        if (e->delay_ms)
            printf("restart in %u ms (%u/%u)", e->delay_ms, e->restarts, e->max_restarts);
        else
            printf("restart now (%u/%u)", e->restarts, e->max_restarts);
        break;
    case DECIDE_GAVE_UP:
        printf("gave up");
        break;
    case DECIDE_RETRY_LATER:
        printf("gave up; start again in %u ms", e->delay_ms);
        break;
    case DECIDE_STOPPED:
        printf("stopped");
        if (e->reason == REASON_AFTER_TERM)
            printf(" after SIGTERM");
        else if (e->reason == REASON_STOP_KILL)
            printf(": killed %u ms after SIGTERM", e->delay_ms);
        if (e->flags & EVENT_BY_GROUP)
            printf(" (%s in group %s)", strategy_name((int)e->strategy), e->group);
        break;
    case DECIDE_RETRY:
        printf("cannot restart (out of memory): retry in %u ms", e->delay_ms);
        break;
    default:
        printf("ends");
    }
}

/* The program file named by an event, read whole: the last one is kept,
 * as a log's reports are mostly about the same few programs. */
struct program {
    char path[GUARD_PROGRAM_LEN];
    uint8_t *data;
    uint32_t size;
};

static const struct program *program_file(const char *path)
{
    static struct program last;
    if (last.path[0] && strcmp(last.path, path) == 0)
        return last.data ? &last : 0;
    free(last.data);
    last = (struct program){ .data = 0 };
    strlcpy(last.path, path, sizeof last.path);
    struct stat64 st;
    int fd = path[0] ? open(path, O_RDONLY) : -1;
    if (fd < 0)
        return 0;
    if (fstat64(fd, &st) == 0 && st.st_size > 0 && st.st_size <= PROGRAM_MAX &&
        (last.data = malloc((size_t)st.st_size)) != 0) {
        last.size = (uint32_t)st.st_size;
        if (pread64(fd, last.data, last.size, 0) != (int)last.size) {
            free(last.data);
            last.data = 0;
        }
    }
    close(fd);
    return last.data ? &last : 0;
}

/* "inner+0x13", or the address alone when no symbol holds it. A return
 * address is looked up one byte before: the call it returns from is in
 * the caller, but after a call that never returns (to a noreturn
 * function) the next instruction may be the next function's first. */
static void print_address(const struct program *prog, uint32_t addr, int is_return)
{
    struct elf_symbol sym;
    if (prog && elfsym_lookup(prog->data, prog->size, addr - (uint32_t)is_return, &sym))
        printf("%s+0x%x", sym.name, sym.offset + (uint32_t)is_return);
    else
        printf("0x%08x", addr);
}

/* The report under a fault or a watchdog kill, for guardlog -v. */
static void print_report(const struct guard_event *e)
{
    if ((e->end != END_FAULT && e->end != END_WATCHDOG) || e->eip == 0)
        return;                     /* withheld, or no user state was recorded */
    const struct program *prog = program_file(e->program);
    printf("      %s ", e->end == END_WATCHDOG ? "hung in" : "crashed in");
    print_address(prog, e->eip, 0);
    printf(" (%s%s)\n", e->program[0] ? e->program : "program unknown",
           prog ? "" : ", no symbols");
    /* A function without a frame: its caller is not in the chain. */
    if (prog && leafcall_caller(prog->data, prog->size, e->eip, e->esp_word)) {
        printf("      called from ");
        print_address(prog, e->esp_word, 1);
        printf("\n");
    }
    for (uint32_t i = 0; i < e->chain_len && i < GUARD_CHAIN_LEN; i++) {
        printf("      called from ");
        print_address(prog, e->chain[i], 1);
        printf("\n");
    }
    printf("      eax %08x ebx %08x ecx %08x edx %08x\n", e->eax, e->ebx, e->ecx, e->edx);
    printf("      esi %08x edi %08x ebp %08x esp %08x\n", e->esi, e->edi, e->ebp, e->esp);
}

int main(int argc, char **argv)
{
    static struct guard_event ev[GUARD_EVENTS_MAX];
    int verbose = argc == 2 && strcmp(argv[1], "-v") == 0;
    if (argc > 2 || (argc == 2 && !verbose)) {
        dprintf(2, "usage: guardlog [-v]\n");
        return 2;
    }
    int n = guardlog(ev, GUARD_EVENTS_MAX, 0);
    printf("  SEQ       TIME  PID NAME             INC  CAUSE -> DECISION\n");
    for (int i = 0; i < n; i++) {
        const struct guard_event *e = &ev[i];
        printf("%5u %6u.%03u %4d %-16s %3u  ", e->seq, e->time_ms / 1000, e->time_ms % 1000,
               e->pid, e->name, e->incarnation);
        print_cause(e);
        printf(" -> ");
        print_decision(e);
        printf("\n");
        if (verbose)
            print_report(e);
    }
    return 0;
}
