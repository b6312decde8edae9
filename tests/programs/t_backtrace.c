/*
 * Crash and hang reports (docs/guardian.md, post-mortem): the call chain
 * the kernel records at a fault and at a watchdog kill, and walks that
 * stop at a broken frame chain.
 *   t_backtrace             the test (as init): runs each case below as
 *                           a supervised child that is not restarted,
 *                           finds its record in the event log and checks
 *                           it, symbolized with lib/elfsym.h from the
 *                           program file the record names; then runs
 *                           `guardlog -v` for the scenario to read
 *   t_backtrace crash       main -> outer -> middle -> inner, which
 *                           writes to NULL
 *   t_backtrace leaf        main -> leaf_caller -> frameless_leaf, which
 *                           writes to NULL and has no frame
 *   crash null              (run by the test too) a frameless function
 *                           called through a pointer
 *   t_backtrace hang        one heartbeat, then spins in spin_forever
 *   t_backtrace badebp HOW  faults with ebp pointing into the kernel,
 *                           at a frame in the program's data, at a frame
 *                           that points to itself, misaligned, or at an
 *                           unmapped page of the stack region
 * The functions are noipa: never inlined, cloned or turned into jumps,
 * so that each keeps its own frame and its name.
 */
#define TEST_NAME "t_backtrace"
#include "tests/programs/check.h"
#include "lib/elfsym.h"
#include "lib/leafcall.h"

#define PROGRAM "/bin/t_backtrace"
#define HEARTBEAT_MS 50

static volatile int sink;
static int *volatile nowhere;           /* NULL, where the compiler cannot see it */

/* A leaf function that needs no stack gets no frame from GCC, even with
 * -fno-omit-frame-pointer: inner and spin_forever use a local on the
 * stack, as most real functions do, so that they have one. */
__attribute__((noipa)) void inner(void)
{
    volatile int value = 1;
    *nowhere = value;                   /* SIGSEGV */
    sink++;
}

__attribute__((noipa)) void middle(void)
{
    inner();
    sink++;
}

__attribute__((noipa)) void outer(void)
{
    middle();
    sink++;
}

__attribute__((noipa, noreturn)) void spin_forever(void)
{
    volatile int spins = 0;
    for (;;)
        spins++;
}

/* A NULL write with ebp set to the given value: the walk starts there. */
__attribute__((noipa, noreturn)) static void fault_with_ebp(uint32_t ebp)
{
    __asm__ volatile("mov %%eax, %%ebp\n\t"
                     "movl $1, 0x0" : : "a"(ebp) : "memory");
    __builtin_unreachable();
}

/* The same, with the stack pointer first moved 64 KiB down without
 * touching the pages in between (the stack grows on demand): ebp then
 * points above esp, into the stack region, at a page never mapped, which
 * only vm_read's check of the page tables can refuse. */
__attribute__((noipa, noreturn)) static void fault_over_a_gap(void)
{
    __asm__ volatile("mov %%esp, %%ebp\n\t"
                     "sub $0x8000, %%ebp\n\t"
                     "and $0xfffff000, %%ebp\n\t"
                     "sub $0x10000, %%esp\n\t"
                     "movl $1, 0x0" : : : "memory");
    __builtin_unreachable();
}

static uint32_t fake_frame[2];          /* readable, but not on the stack */

__attribute__((noipa)) static void bad_chain(const char *how)
{
    uint32_t frame[2] = { 0, (uint32_t)inner };
    frame[0] = (uint32_t)frame;         /* a frame that is its own caller */
    fake_frame[0] = (uint32_t)frame;
    fake_frame[1] = (uint32_t)inner;
    if (strcmp(how, "kernel") == 0)
        fault_with_ebp(KERNEL_BASE + 0x1000);
    if (strcmp(how, "data") == 0)
        fault_with_ebp((uint32_t)fake_frame);
    if (strcmp(how, "loop") == 0)
        fault_with_ebp((uint32_t)frame);
    if (strcmp(how, "unmapped") == 0)
        fault_over_a_gap();
    fault_with_ebp((uint32_t)frame + 2);     /* misaligned */
}

/* A leaf that needs no stack: GCC gives it no frame, so the kernel's
 * walk from ebp misses its caller, and the report finds it from the word
 * at esp (lib/leafcall.h). */
__attribute__((noipa)) void frameless_leaf(void)
{
    *nowhere = 1;                       /* SIGSEGV */
}

__attribute__((noipa)) void leaf_caller(void)
{
    frameless_leaf();
    sink++;
}

static struct guard_event events[GUARD_EVENTS_MAX];

/* Run argv as a supervised child that is never restarted (heartbeat_ms
 * when asked); its end's record, or NULL. */
static const struct guard_event *record_of(char **argv, uint32_t heartbeat_ms)
{
    struct guard_spec once = { .restart = RESTART_NEVER, .heartbeat_ms = heartbeat_ms };
    int pid = spawn(argv[0], argv, &once);
    waitpid(pid, 0, 0);
    int n = guardlog(events, GUARD_EVENTS_MAX, 0);
    for (int i = n - 1; i >= 0; i--)
        if (events[i].pid == pid)
            return &events[i];
    return 0;
}

/* A program file, read whole: this one, or crash. */
struct file {
    uint8_t *data;
    uint32_t size;
};

static struct file program, crash_program;

static struct file load(const char *path)
{
    struct file f = { 0, 0 };
    struct stat64 st;
    int fd = open(path, O_RDONLY);
    if (fd >= 0 && fstat64(fd, &st) == 0 && (f.data = malloc((size_t)st.st_size)) != 0) {
        f.size = (uint32_t)st.st_size;
        if (pread64(fd, f.data, f.size, 0) != (int)f.size)
            f.size = 0;
    }
    if (fd >= 0)
        close(fd);
    return f;
}

/* Is addr inside the function named want, in file f? */
static int in_function_of(const struct file *f, uint32_t addr, const char *want)
{
    struct elf_symbol sym;
    return elfsym_lookup(f->data, f->size, addr, &sym) && strcmp(sym.name, want) == 0;
}

static int in_function(uint32_t addr, const char *want)
{
    return in_function_of(&program, addr, want);
}

/* Does return address ret return into want? (Looked up a byte before: a
 * call to a noreturn function may be its caller's last instruction.) */
static int returns_into(uint32_t ret, const char *want)
{
    return in_function(ret - 1, want);
}

/* Would the report add the word at esp as the caller? */
static int leaf_caller_found(const struct file *f, const struct guard_event *e)
{
    return leafcall_caller(f->data, f->size, e->eip, e->esp_word);
}

static void check_crash(void)
{
    char *argv[] = { "t_backtrace", "crash", 0 };
    const struct guard_event *e = record_of(argv, 0);
    check("crash: a fault record naming its program file",
          e && e->end == END_FAULT && strcmp(e->program, PROGRAM) == 0, 1);
    if (!e)
        return;
    check("crash: eip in inner", in_function(e->eip, "inner"), 1);
    check("crash: four return addresses", e->chain_len, 4);
    static const char *const callers[] = { "middle", "outer", "main", "_start" };
    int in_order = 0;
    for (int i = 0; i < 4; i++)
        in_order += returns_into(e->chain[i], callers[i]);
    check("crash: called from middle, outer, main, _start in this order", in_order, 4);
    check("crash: inner has a frame: no caller from the word at esp",
          leaf_caller_found(&program, e), 0);
}

static void check_leaf(void)
{
    char *argv[] = { "t_backtrace", "leaf", 0 };
    const struct guard_event *e = record_of(argv, 0);
    check("leaf: a fault in frameless_leaf", e && in_function(e->eip, "frameless_leaf"), 1);
    if (!e)
        return;
    check("leaf: the walk from ebp misses its caller: main, _start", e->chain_len == 2 &&
          returns_into(e->chain[0], "main") && returns_into(e->chain[1], "_start"), 1);
    check("leaf: the word at esp is the call's return into leaf_caller",
          leaf_caller_found(&program, e) && returns_into(e->esp_word, "leaf_caller"), 1);
}

/* crash null: a frameless null_read, called through a function pointer. */
static void check_indirect(void)
{
    char *argv[] = { "crash", "null", 0 };
    const struct guard_event *e = record_of(argv, 0);
    check("crash null: a fault in null_read of /bin/crash", e &&
          strcmp(e->program, "/bin/crash") == 0 &&
          in_function_of(&crash_program, e->eip, "null_read"), 1);
    check("crash null: its caller, main, found after an indirect call", e &&
          leafcall_caller(crash_program.data, crash_program.size, e->eip, e->esp_word) &&
          in_function_of(&crash_program, e->esp_word - 1, "main"), 1);
}

static void check_hang(void)
{
    char *argv[] = { "t_backtrace", "hang", 0 };
    const struct guard_event *e = record_of(argv, HEARTBEAT_MS);
    check("hang: a watchdog record", e && e->end == END_WATCHDOG, 1);
    if (!e)
        return;
    check("hang: eip in spin_forever", in_function(e->eip, "spin_forever"), 1);
    check("hang: called from main, then _start", e->chain_len == 2 &&
          returns_into(e->chain[0], "main") && returns_into(e->chain[1], "_start"), 1);
    check("hang: spin_forever has a frame: no caller from the word at esp",
          leaf_caller_found(&program, e), 0);
}

/* A broken frame chain: the walk stops at it, the kernel carries on. */
static void check_bad_chain(const char *how, uint32_t want_len, const char *function)
{
    char *argv[] = { "t_backtrace", "badebp", (char *)how, 0 };
    const struct guard_event *e = record_of(argv, 0);
    char what[80];
    format_buf(what, sizeof what, "badebp %s: a fault in %s", how, function);
    check(what, e && e->end == END_FAULT && in_function(e->eip, function), 1);
    format_buf(what, sizeof what, "badebp %s: the walk stops after %u frames", how, want_len);
    check(what, e ? (long)e->chain_len : -1, want_len);
    if (want_len == 1) {
        format_buf(what, sizeof what, "badebp %s: the one return address read", how);
        check(what, e && e->chain[0] == (uint32_t)inner, 1);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "crash") == 0) {
        outer();
        sink++;
        return 1;
    }
    if (argc > 1 && strcmp(argv[1], "leaf") == 0) {
        leaf_caller();
        return 1;
    }
    if (argc > 1 && strcmp(argv[1], "hang") == 0) {
        heartbeat();
        spin_forever();
    }
    if (argc > 2 && strcmp(argv[1], "badebp") == 0) {
        bad_chain(argv[2]);
        return 1;
    }
    program = load(PROGRAM);
    crash_program = load("/bin/crash");
    check("the program file has a symbol table", in_function((uint32_t)outer, "outer"), 1);
    check_crash();
    check_leaf();
    check_indirect();
    check_hang();
    check_bad_chain("kernel", 0, "fault_with_ebp");
    check_bad_chain("data", 0, "fault_with_ebp");
    check_bad_chain("loop", 1, "fault_with_ebp");
    check_bad_chain("misaligned", 0, "fault_with_ebp");
    check_bad_chain("unmapped", 0, "fault_over_a_gap");
    if (checks_done() != 0)
        return 1;
    /* The reports as `guardlog -v` prints them. It runs in init's place,
     * as init: the registers and chains are for the family of the
     * process that ended (a child, the shell's guardlog, sees them
     * withheld). */
    char *guardlog_v[] = { "guardlog", "-v", 0 };
    syscall(SYS_execve, (long)"/bin/guardlog", (long)guardlog_v, (long)environ, 0, 0);
    return 1;
}
