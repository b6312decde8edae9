/*
 * The console's line discipline (kernel/dev/ldisc.c), mode by mode, and
 * the terminal ioctls' bad input. Each step sets the mode, then says
 * "t_termios: type NAME" and reads what the scenario (console_termios.scn)
 * types; the echo is checked there, in the serial output.
 *   t_termios            the test
 *   t_termios sleeper    a job in front for the signal keys: sleeps 40 s
 */
#define TEST_NAME "t_termios"
#include "tests/programs/check.h"

#define KERNEL_ADDR 0xC0100000          /* a kernel address: never a user buffer */

static struct termios cooked;           /* the settings at start */

/* The bytes of s as C escapes, for a failure's message. */
static void show(const char *label, const char *s, int n)
{
    printf("t_termios: %s \"", label);
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= ' ' && c < 0x7F && c != '"' && c != '\\')
            printf("%c", c);
        else
            printf("\\x%02x", c);
    }
    printf("\" (%d)\n", n);
}

/* read(0, n) returns exactly want. */
static void expect_read(const char *what, int n, const char *want)
{
    char buf[128];
    int got = read(0, buf, (size_t)n);
    int same = got == (int)strlen(want) && memcmp(buf, want, (size_t)got) == 0;
    if (!same)
        show("read", buf, got > 0 ? got : 0);
    check(what, same ? 1 : got, 1);
}

static void prompt(const char *name)
{
    printf("t_termios: type %s\n", name);
}

static void set_mode(uint32_t lflag_off, uint32_t lflag_on, int vmin, int vtime)
{
    struct termios t = cooked;
    t.c_lflag = (t.c_lflag & ~lflag_off) | lflag_on;
    t.c_cc[VMIN] = (uint8_t)vmin;
    t.c_cc[VTIME] = (uint8_t)vtime;
    tcsetattr(0, TCSANOW, &t);
}

static int readable(void)
{
    int n = -1;
    ioctl(0, FIONREAD, &n);
    return n;
}

/* Wait (at most 5 s) until n bytes are readable; then that count. */
static int wait_readable(int n)
{
    for (int i = 0; i < 500 && readable() < n; i++)
        msleep(10);
    return readable();
}

static void bad_input(void)
{
    struct termios t;
    int pipes[2];
    pipe(pipes);
    check("TCSETS from a bad pointer", ioctl(0, TCSETS, (void *)0x10), -EFAULT);
    check("TCSETS from the kernel", ioctl(0, TCSETSF, (void *)KERNEL_ADDR), -EFAULT);
    check("TCGETS into the kernel", ioctl(0, TCGETS, (void *)KERNEL_ADDR), -EFAULT);
    check("FIONREAD into NULL", ioctl(0, FIONREAD, 0), -EFAULT);
    check("an unknown request on the console", ioctl(0, 0x5499, &t), -ENOTTY);
    check("TCFLSH 3", ioctl(0, TCFLSH, (void *)3), -EINVAL);
    check("TCFLSH on a pipe", ioctl(pipes[0], TCFLSH, (void *)TCIFLUSH), -ENOTTY);
    check("tcgetattr on a pipe", tcgetattr(pipes[1], &t), -ENOTTY);
    check("tcsetattr when 3", tcsetattr(0, 3, &cooked), -EINVAL);
    check("read into the kernel, before waiting", read(0, (void *)KERNEL_ADDR, 8), -EFAULT);
    check("read of 0 bytes", read(0, &t, 0), 0);
    int32_t group = -7;
    check("TIOCGPGRP with no group in front", ioctl(0, TIOCGPGRP, &group), 0);
    check("... answers the caller's own group", group, getpgrp());
    tcgetattr(0, &t);
    check("the settings are unchanged", memcmp(&t, &cooked, sizeof t), 0);
    close(pipes[0]);
    close(pipes[1]);
}

static void not_typed(void)
{
    char c;
    set_mode(ICANON, 0, 0, 0);
    check("VMIN 0 VTIME 0, nothing typed: read returns 0", read(0, &c, 1), 0);
    set_mode(ICANON, 0, 0, 3);
    uint32_t start = uptime_ms();
    check("VMIN 0 VTIME 3, nothing typed: read returns 0", read(0, &c, 1), 0);
    uint32_t took = uptime_ms() - start;
    check("... after 300 ms (and less than 1500)", took >= 300 && took < 1500, 1);
    tcsetattr(0, TCSANOW, &cooked);
    fcntl(0, F_SETFL, O_NONBLOCK);
    check("non-blocking, no line: -EAGAIN", read(0, &c, 1), -EAGAIN);
    fcntl(0, F_SETFL, 0);
    check("FIONREAD, nothing typed", readable(), 0);
    check("TCSETSW (output drained)", tcsetattr(0, TCSADRAIN, &cooked), 0);
}

static void canonical(void)
{
    prompt("erase");
    expect_read("ERASE (DEL) and Ctrl-H take back a byte", 100, "abd xz\n");
    prompt("kill");
    expect_read("KILL (Ctrl-U) takes back the line", 100, "ok\n");
    prompt("werase");
    expect_read("WERASE (Ctrl-W) takes back a word and its blanks", 100, "one three\n");
    prompt("eof in a line");
    expect_read("VEOF in a line hands it over, without NL", 100, "ab");
    prompt("eof");
    expect_read("VEOF at a line's start: read returns 0", 100, "");
    prompt("short reads");
    expect_read("a read of 3 takes 3 bytes of the line", 3, "abc");
    expect_read("the next read the rest of the line, only", 100, "def\n");
    check("FIONREAD: the complete lines only", wait_readable(3), 3);
    msleep(200);
    check("... still: a partial line is not counted", readable(), 3);
    struct pollfd p = { 0, POLLIN, 0 };
    check("poll: a line is ready", poll(&p, 1, 0), 1);
    expect_read("one line per read", 100, "l2\n");
    p.revents = 0;
    check("poll: a partial line is not ready", poll(&p, 1, 0), 0);
    prompt("enter");
    expect_read("Enter ends the partial line", 100, "par\n");
    prompt("long kill");
    expect_read("KILL of a line wider than the screen", 100, "ok\n");
    prompt("control");
    expect_read("control bytes are kept (echoed as ^A)", 100, "a\001b\n");
    prompt("cr");
    expect_read("ICRNL: CR ends a line", 100, "a\n");
    expect_read("... and the next", 100, "b\n");
}

static void flags(void)
{
    set_mode(ECHO, 0, 1, 0);
    prompt("secret");
    expect_read("ECHO off: read as typed", 100, "secret\n");
    set_mode(ECHO, ECHONL, 1, 0);
    prompt("secret2");
    expect_read("ECHONL: read as typed", 100, "secret2\n");
    struct termios t = cooked;
    t.c_iflag = IGNCR | ISTRIP;
    tcsetattr(0, TCSANOW, &t);
    prompt("igncr");
    expect_read("IGNCR drops CR, ISTRIP the eighth bit", 100, "abc\n");
    t.c_iflag = INLCR;
    t.c_lflag &= ~(uint32_t)ICANON;
    t.c_cc[VMIN] = 2;
    tcsetattr(0, TCSANOW, &t);
    prompt("inlcr");
    expect_read("INLCR: NL reads as CR (raw)", 100, "x\r");
    tcsetattr(0, TCSANOW, &cooked);
}

static void too_long(void)
{
    set_mode(ECHO, 0, 1, 0);
    prompt("a long line");
    static char buf[5000];
    int total = 0, r;
    while ((r = read(0, buf + total, sizeof buf - (size_t)total)) > 0) {
        total += r;
        if (buf[total - 1] == '\n')
            break;
    }
    check("a line of 4100 A: 4095 kept, less one erased, and NL", total, 4095);
    int all_a = 1;
    for (int i = 0; i < total - 1; i++)
        all_a &= buf[i] == 'A';
    check("... all A", all_a, 1);
    tcsetattr(0, TCSANOW, &cooked);
}

static void raw(void)
{
    set_mode(ICANON | ECHO, 0, 3, 0);
    prompt("3 bytes");
    expect_read("VMIN 3: a read waits for 3 bytes", 100, "xyz");
    set_mode(ICANON | ECHO, 0, 3, 0);
    prompt("2 bytes");
    check("... 2 are there", wait_readable(2), 2);
    struct pollfd p = { 0, POLLIN, 0 };
    check("poll with VMIN 3 and 2 bytes: not ready", poll(&p, 1, 0), 0);
    expect_read("a read of 1 with VMIN 3 takes 1", 1, "a");
    expect_read("... and the next", 1, "b");
    set_mode(ICANON | ECHO, 0, 5, 3);
    prompt("1 byte");
    expect_read("VMIN 5 VTIME 3: the timer after a byte ends the read", 100, "q");

    set_mode(ICANON | ECHO, 0, 0, 0);
    prompt("gone");
    check("raw: 4 bytes there", wait_readable(4), 4);
    check("TCSETSF", tcsetattr(0, TCSAFLUSH, &cooked), 0);
    set_mode(ICANON | ECHO, 0, 0, 0);
    char c;
    check("... discarded them", read(0, &c, 1), 0);
    prompt("gone again");
    check("raw: 3 bytes there", wait_readable(3), 3);
    check("TCFLSH TCIFLUSH", ioctl(0, TCFLSH, (void *)TCIFLUSH), 0);
    check("... discarded them", read(0, &c, 1), 0);

    prompt("typed ahead");
    check("raw: 14 bytes there", wait_readable(14), 14);
    tcsetattr(0, TCSANOW, &cooked);
    expect_read("back to canonical: typed-ahead bytes are cooked", 100, "rcooked\n");
    check("... the partial line is not readable", readable(), 0);
    set_mode(ICANON | ECHO, 0, 0, 0);
    expect_read("back to raw: the partial line is", 100, "rest");
    tcsetattr(0, TCSANOW, &cooked);
}

/* Ctrl-\ (then Ctrl-C with NOFLSH) with a sleeper in front. */
static void signal_key(const char *name, int sig, int noflush, const char *left)
{
    char *argv[] = { "t_termios", "sleeper", 0 };
    int pid = spawn("t_termios", argv, 0);
    setpgid(pid, pid);
    tcsetpgrp(pid);
    set_mode(0, noflush ? NOFLSH : 0, 1, 0);
    prompt(name);
    int status = -1;
    waitpid(pid, &status, 0);
    tcsetpgrp(0);
    char what[80];
    format_buf(what, sizeof what, "%s ended the job in front with signal %d", name, sig);
    check(what, status, W_SIGNALED(sig));
    set_mode(ICANON | ECHO, 0, 0, 0);
    expect_read(noflush ? "NOFLSH: the line typed before it stays"
                        : "the line typed before it is discarded", 100, left);
    tcsetattr(0, TCSANOW, &cooked);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "sleeper") == 0) {
        msleep(40000);
        return 0;
    }
    check("tcgetattr on the console", tcgetattr(0, &cooked), 0);
    check("... canonical, echo, signals", cooked.c_lflag,
          ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
    check("... VERASE DEL, VKILL ^U, VWERASE ^W, VEOF ^D, VSUSP off",
          cooked.c_cc[VERASE] == 0x7F && cooked.c_cc[VKILL] == 21 &&
          cooked.c_cc[VWERASE] == 23 && cooked.c_cc[VEOF] == 4 && cooked.c_cc[VSUSP] == 0, 1);
    tcsetpgrp(0);
    bad_input();
    not_typed();
    canonical();
    flags();
    raw();
    too_long();
    signal_key("quit", SIGQUIT, 0, "");
    signal_key("intr", SIGINT, 1, "kept");
    return checks_done();
}
