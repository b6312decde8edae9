/*
 * A static Linux program, built unchanged against Debian's glibc and musl
 * (term-glibc, term-musl): the C library's terminal calls on Warden's
 * console (tests/scenarios/linux_term_*.scn type at it and compare its
 * output and the console's echo). tcgetattr, a line read with stdio in
 * canonical mode, ECHO off for a password, cfmakeraw with VMIN 4, a CR
 * read raw, VTIME running out, TCSAFLUSH back to the start, and Ctrl-D.
 */
#define _DEFAULT_SOURCE         /* cfmakeraw */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static const char *yes(int ok)
{
    return ok ? "yes" : "no";
}

/* A line from stdin, without its NL; NULL at end of file. */
static char *line(char *buf, int n)
{
    if (!fgets(buf, n, stdin))
        return NULL;
    buf[strcspn(buf, "\n")] = '\0';
    return buf;
}

int main(void)
{
    struct termios start, t;
    char buf[64];
    if (tcgetattr(0, &start) != 0) {
        printf("term: tcgetattr failed\n");
        return 1;
    }
    printf("term: canonical %s, echo %s, signals %s\n", yes(start.c_lflag & ICANON),
           yes(start.c_lflag & ECHO), yes(start.c_lflag & ISIG));
    printf("term: erase %d, kill %d, eof %d, intr %d\n", start.c_cc[VERASE],
           start.c_cc[VKILL], start.c_cc[VEOF], start.c_cc[VINTR]);
    struct winsize ws;
    int r = ioctl(1, TIOCGWINSZ, &ws);
    printf("term: TIOCGWINSZ %d, %d columns\n", r, ws.ws_col);

    printf("term: name?\n");
    printf("term: hello, %s\n", line(buf, sizeof buf) ? buf : "(none)");

    t = start;
    t.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(0, TCSANOW, &t);
    printf("term: password?\n");
    printf("term: password of %zu characters\n", line(buf, sizeof buf) ? strlen(buf) : 0);

    t = start;
    cfmakeraw(&t);
    t.c_cc[VMIN] = 4;
    t.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &t);
    printf("term: 4 keys?\r\n");            /* raw: no OPOST, so CR by hand */
    ssize_t n = read(0, buf, sizeof buf);
    printf("term: raw read %zd: %.*s\r\n", n, (int)(n > 0 ? n : 0), buf);
    t.c_cc[VMIN] = 1;
    tcsetattr(0, TCSANOW, &t);
    printf("term: enter?\r\n");
    n = read(0, buf, sizeof buf);
    printf("term: raw read %zd: byte %d\r\n", n, n > 0 ? buf[0] : -1);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 2;
    tcsetattr(0, TCSANOW, &t);
    printf("term: VTIME 2, nothing typed: read %zd\r\n", read(0, buf, sizeof buf));

    tcsetattr(0, TCSAFLUSH, &start);
    tcgetattr(0, &t);
    printf("term: back to the start: %s\n", yes(memcmp(&t.c_lflag, &start.c_lflag, sizeof t.c_lflag) == 0));
    printf("term: ctrl-d?\n");
    printf("term: %s\n", line(buf, sizeof buf) ? "a line" : "end of file");
    return 0;
}
