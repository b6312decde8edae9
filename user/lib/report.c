/*
 * The report under a fault or a watchdog kill (docs/guardian.md, section
 * 13): where the process crashed or hung and its call chain, named from
 * the program file's own symbol table, then the registers. guardlog -v
 * prints it; init sends it to `svc status`.
 */
#include "user/lib/report.h"
#include "user/lib/runtime.h"
#include "lib/elfsym.h"
#include "lib/leafcall.h"

#define PROGRAM_MAX (4u << 20)      /* a bigger program file is not read for its names */

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
static void put_address(char *buf, size_t size, const struct program *prog, uint32_t addr,
                        int is_return)
{
    struct elf_symbol sym;
    if (prog && elfsym_lookup(prog->data, prog->size, addr - (uint32_t)is_return, &sym))
        format_buf(buf, size, "%s+0x%x", sym.name, sym.offset + (uint32_t)is_return);
    else
        format_buf(buf, size, "0x%08x", addr);
}

/* "called from FUNCTION+0xOFF" */
static void caller(const struct program *prog, uint32_t addr, void (*emit)(const char *))
{
    char line[REPORT_LINE_MAX], where[REPORT_LINE_MAX];
    put_address(where, sizeof where, prog, addr, 1);
    format_buf(line, sizeof line, "called from %s", where);
    emit(line);
}

int report_lines(const struct guard_event *e, void (*emit)(const char *line))
{
    if ((e->end != END_FAULT && e->end != END_WATCHDOG) || e->eip == 0)
        return 0;                   /* withheld, or no user state was recorded */
    const struct program *prog = program_file(e->program);
    char line[REPORT_LINE_MAX], where[REPORT_LINE_MAX];
    put_address(where, sizeof where, prog, e->eip, 0);
    format_buf(line, sizeof line, "%s %s (%s%s)", e->end == END_WATCHDOG ? "hung in" : "crashed in",
               where, e->program[0] ? e->program : "program unknown", prog ? "" : ", no symbols");
    emit(line);
    /* A function without a frame: its caller is not in the chain. */
    if (prog && leafcall_caller(prog->data, prog->size, e->eip, e->esp_word))
        caller(prog, e->esp_word, emit);
    for (uint32_t i = 0; i < e->chain_len && i < GUARD_CHAIN_LEN; i++)
        caller(prog, e->chain[i], emit);
    format_buf(line, sizeof line, "eax %08x ebx %08x ecx %08x edx %08x", e->eax, e->ebx, e->ecx, e->edx);
    emit(line);
    format_buf(line, sizeof line, "esi %08x edi %08x ebp %08x esp %08x", e->esi, e->edi, e->ebp, e->esp);
    emit(line);
    return 1;
}
