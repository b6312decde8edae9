/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (start-glibc, start-musl): what a program finds when it starts. Its
 * arguments, its environment, the auxiliary vector, thread-local storage
 * and the small identity calls (tests/scenarios/linux_start_*.scn).
 *
 * It prints with write(2) alone, not stdio, so that it needs nothing but
 * what it tests.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>

extern const Elf32_Ehdr __ehdr_start;   /* the linker's: the ELF header in memory */
extern char _start[];

static int failures;

static void say(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (write(1, line, (size_t)n) != n)
        failures++;
}

static void check(const char *what, int ok)
{
    say("start: %s: %s\n", what, ok ? "ok" : "FAIL");
    failures += !ok;
}

static const char *text(const char *s)
{
    return s ? s : "(unset)";
}

/* One thread-local variable, written by one function, read by another. */
static __thread int tls_value = 7;

__attribute__((noinline)) static void tls_bump(void)
{
    tls_value++;
}

__attribute__((noinline)) static int tls_read(void)
{
    return tls_value;
}

static void show_auxv(char **argv)
{
    say("start: AT_PAGESZ %lu, AT_CLKTCK %lu\n", getauxval(AT_PAGESZ), getauxval(AT_CLKTCK));
    say("start: AT_UID %lu AT_EUID %lu AT_GID %lu AT_EGID %lu AT_SECURE %lu\n",
        getauxval(AT_UID), getauxval(AT_EUID), getauxval(AT_GID), getauxval(AT_EGID),
        getauxval(AT_SECURE));
    say("start: AT_EXECFN %s, AT_PLATFORM %s\n", text((const char *)getauxval(AT_EXECFN)),
        text((const char *)getauxval(AT_PLATFORM)));
    const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; random && i < 16; i++)
        nonzero |= random[i];
    check("AT_RANDOM points at 16 bytes, not all zero", random && nonzero);
    check("AT_PHDR is where the program headers are",
          getauxval(AT_PHDR) == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff &&
          getauxval(AT_PHNUM) == __ehdr_start.e_phnum && getauxval(AT_PHENT) == sizeof(Elf32_Phdr));
    check("AT_ENTRY is _start", getauxval(AT_ENTRY) == (unsigned long)_start);
    check("AT_HWCAP has the FPU bit", (getauxval(AT_HWCAP) & 1) == 1);
    check("the stack was 16-byte aligned at the entry", ((unsigned long)argv & 15) == 4);
}

int main(int argc, char **argv)
{
    say("start: argc %d:", argc);
    for (int i = 0; i < argc; i++)
        say(" %s", argv[i]);
    say("\n");
    say("start: PATH=%s HOME=%s TERM=%s GREETING=%s\n", text(getenv("PATH")),
        text(getenv("HOME")), text(getenv("TERM")), text(getenv("GREETING")));
    show_auxv(argv);

    tls_bump();
    say("start: __thread: 7 at first, %d after another function added 1\n", tls_read());
    unsigned short gs;
    __asm__ volatile("mov %%gs, %0" : "=r"(gs));
    say("start: gs 0x%x: GDT entry %d, ring %d\n", gs, gs >> 3, gs & 3);

    struct utsname u;
    check("uname", uname(&u) == 0);
    say("start: uname: %s %s %s\n", u.sysname, u.nodename, u.machine);
    say("start: uid %d euid %d gid %d egid %d\n", (int)getuid(), (int)geteuid(),
        (int)getgid(), (int)getegid());
    mode_t old = umask(077);
    mode_t back = umask(old);
    say("start: umask 0%o, then 0%o\n", (unsigned)old, (unsigned)back);

    char name[16] = "";
    check("prctl PR_SET_NAME", prctl(PR_SET_NAME, "renamed-by-prctl-too-long", 0, 0, 0) == 0);
    check("prctl PR_GET_NAME", prctl(PR_GET_NAME, name, 0, 0, 0) == 0);
    say("start: name %s\n", name);
    say("start: %s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
