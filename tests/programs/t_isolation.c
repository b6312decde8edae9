/*
 * Isolation: processes cannot touch each other's memory or the kernel's,
 * by pointer or through a system call, and ring 3 cannot raise any
 * vector but 0x80 and 3, nor lift its I/O privilege.
 *   t_isolation              the test (as init)
 *   t_isolation scribble     writes its own copy of `secret`, exits 0
 */
#define TEST_NAME "t_isolation"
#include "tests/programs/check.h"

static char secret[64] = "the parent's secret";

static int run(char **argv)
{
    int pid = spawn(argv[0], argv, 0), status = -1;
    waitpid(pid, &status, 0);
    return status;
}

static void same_address_other_process(void)
{
    char *argv[] = { "t_isolation", "scribble", 0 };
    check("a child writing the same address changes only its copy", run(argv), 0);
    check("the parent's copy is untouched", strcmp(secret, "the parent's secret"), 0);
}

static void every_vector(void)
{
    int bad = 0;
    for (int v = 0; v < 256; v++) {
        if (v == 3 || v == 0x80)
            continue;
        char num[8];
        format_buf(num, sizeof num, "%d", v);
        char *argv[] = { "crash", "vector", num, 0 };
        int status = run(argv);
        if (status != SIGSEGV) {
            printf("t_isolation: int %d gave status 0x%x\n", v, status);
            bad++;
        }
    }
    check("int n for every vector but 3 and 0x80 is SIGSEGV (254 vectors)", bad, 0);
    char *bp[] = { "crash", "vector", "3", 0 };
    check("int 3 is allowed and gives SIGTRAP", run(bp), SIGTRAP);
}

static void io_privilege(void)
{
    uint32_t flags;
    __asm__ volatile("pushf; orl $0x3000, (%%esp); popf; pushf; pop %0" : "=r"(flags));
    check("IOPL stays 0 even after popf tries to raise it", (flags >> 12) & 3, 0);
    char *in[] = { "crash", "in", 0 };
    check("and in/out still fault", run(in), SIGSEGV);
}

static void kernel_through_syscalls(void)
{
    check("write cannot read kernel memory", write(1, (void *)0xC0000000, 4), -EFAULT);
    check("clock_gettime cannot write kernel memory",
          clock_gettime(CLOCK_MONOTONIC, (struct timespec *)0xC0100000), -EFAULT);
    /* A child that has ended, so that waitpid really gets to the pointer. */
    char *argv[] = { "true", 0 };
    int pid = spawn("true", argv, 0);
    msleep(50);
    check("waitpid cannot write the kernel stacks", waitpid(pid, (int *)0xFF000000, 0), -EFAULT);
    check("and the child is still there to reap", waitpid(pid, 0, 0), pid);
    check("sysinfo cannot write kernel memory", sysinfo((struct sysinfo *)0xC0100000), -EFAULT);
}

static void bystander_memory(void)
{
    char *argv[] = { "t_fault", "bystander", "200", 0 };  /* 200 rounds */
    int guard = spawn("t_fault", argv, 0);
    static const char *const kinds[] = { "null", "kwrite", "textwrite", "stack", "divide", "ud2" };
    for (int round = 0; round < 3; round++)
        for (unsigned k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            char *c[] = { "crash", (char *)kinds[k], 0 };
            run(c);
        }
    int status = -1;
    waitpid(guard, &status, 0);
    check("a bystander's memory and progress survive 18 faults around it", status, 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "scribble") == 0) {
        strlcpy(secret, "the child's scribble", sizeof secret);
        return strcmp(secret, "the child's scribble");
    }
    same_address_other_process();
    kernel_through_syscalls();
    io_privilege();
    bystander_memory();
    every_vector();
    check("the kernel's invariants hold", kcheck(), 0);
    return checks_done();
}
