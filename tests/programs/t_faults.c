/*
 * Every fault `crash` knows, each in its own child: the child must end
 * with exactly the expected signal, and this process (the kernel too)
 * carries on. Also checks an unsupervised exit status comes back intact.
 *
 * Not here: "align" (#AC) and "sse" (#XM). QEMU's emulator implements
 * neither alignment checking nor unmasked SSE exceptions, so under QEMU
 * those kinds do not fault at all; the kernel maps them (SIGBUS, SIGFPE)
 * for real hardware.
 */
#include "user/lib/runtime.h"

static int failures;

static void expect_status(const char *what, char *const argv[], int want)
{
    int pid = spawn("crash", argv, 0);
    int status = -1;
    int r = waitpid(pid, &status, 0);
    if (pid < 0 || r != pid || status != want) {
        printf("t_faults: %s: FAIL: pid %d waitpid %d status 0x%x, want 0x%x\n",
               what, pid, r, status, want);
        failures++;
    } else {
        printf("t_faults: %s: ok (status 0x%x)\n", what, status);
    }
}

int main(void)
{
    static const struct { const char *kind; int sig; } cases[] = {
        { "null", SIGSEGV }, { "nullwrite", SIGSEGV }, { "kread", SIGSEGV },
        { "kwrite", SIGSEGV }, { "textwrite", SIGSEGV }, { "divide", SIGFPE },
        { "ud2", SIGILL }, { "int3", SIGTRAP }, { "step", SIGTRAP },
        { "into", SIGSEGV }, { "bound", SIGSEGV }, { "cli", SIGSEGV },
        { "hlt", SIGSEGV }, { "in", SIGSEGV }, { "out", SIGSEGV },
        { "cr3", SIGSEGV }, { "int", SIGSEGV }, { "jmpkernel", SIGSEGV },
        { "kseg", SIGSEGV }, { "x87", SIGFPE }, { "stack", SIGSEGV },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *argv[] = { "crash", (char *)cases[i].kind, 0 };
        expect_status(cases[i].kind, argv, cases[i].sig);
    }
    char *exit42[] = { "crash", "exit", "42", 0 };
    expect_status("exit 42", exit42, 42 << 8);
    printf("t_faults: %s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
