/*
 * sh: the shell. It reads a line from the console with simple editing
 * (Backspace, Ctrl-U erases the line, Ctrl-C abandons it, Up and Down
 * walk the history), splits it into words at spaces and tabs and runs
 * the program named by the first word, from /bin; "a | b | c" is a
 * pipeline. A job (all its stages) runs in a process group of its own,
 * which the shell hands the console's foreground while it waits, so
 * that Ctrl-C reaches the job and not the shell. A trailing & runs it in
 * the background. End of file at the prompt (or Ctrl-D on an empty line)
 * ends the shell as `exit` does.
 *   built-ins: help, exit [STATUS], kill PID [SIGNAL]; `spawn` is
 *   `supervise`. kill is built in because a process may only signal its
 *   own descendants: the shell is its jobs' parent, a /bin/kill started
 *   by it is only their sibling.
 * A line that does not fit (too long, too many words, too many stages,
 * too many background processes) is refused whole: a cut-down command
 * could do something else than what was typed.
 * The console edits lines itself in canonical mode (kernel/dev/ldisc.c),
 * but has no history; so while the shell reads a line it puts the
 * console in raw mode (no ICANON, ECHO, ISIG, IEXTEN) and echoes what
 * it keeps, and before it starts a program it puts back the settings it
 * started with, as real shells do. A program that leaves the console
 * raw then does not spoil the next one. (A built-in reads nothing, so
 * the console stays raw for it, and lines typed ahead are not echoed
 * by the console in between.)
 */
#include "user/lib/runtime.h"

#define LINE_MAX       256             /* characters in a line, with its NUL */
#define WORDS_MAX      SPAWN_MAX_ARGS  /* words in a line, | and & included */
#define BACKGROUND_MAX 16              /* background processes tracked (two 8-stage jobs) */
#define HISTORY_MAX    8               /* lines Up and Down can bring back */

#define CTRL_C    3
#define CTRL_D    4
#define BACKSPACE 8
#define TAB       9
#define CTRL_U    21
#define ESCAPE    27
#define DELETE    127

#define LINE_ABANDONED (-1)            /* Ctrl-C, or a line too long: run nothing */
#define LINE_EOF       (-2)            /* end of input at the start of a line */

static int background[BACKGROUND_MAX];  /* pids of background processes; 0: free */
static struct termios settings;         /* the console's at start, for programs */
static int on_console;                  /* 0: input from a pipe, say */

/* The console's settings while the shell edits: bytes one at a time,
 * as typed, no echo, Ctrl-C a byte like any other. */
static void editing_mode(void)
{
    struct termios raw = settings;
    raw.c_lflag &= ~(uint32_t)(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (on_console)
        tcsetattr(0, TCSANOW, &raw);
}

/* The settings the shell started with, for a program (or at the end). */
static void program_mode(void)
{
    if (on_console)
        tcsetattr(0, TCSANOW, &settings);
}

static struct {
    char lines[HISTORY_MAX][LINE_MAX];
    int count;                          /* lines added; the newest is (count - 1) % MAX */
} history;

static void echo(const char *s, size_t n)
{
    write(1, s, n);
}

static void erase(int len)
{
    for (; len > 0; len--)
        echo("\b \b", 3);
}

static void remember_line(const char *line)
{
    const char *last = history.lines[(history.count + HISTORY_MAX - 1) % HISTORY_MAX];
    if (!line[0] || (history.count > 0 && strcmp(line, last) == 0))
        return;
    strlcpy(history.lines[history.count % HISTORY_MAX], line, LINE_MAX);
    history.count++;
}

/* Show the line `back` steps back in the history (0: an empty one) in
 * place of the len characters being edited; the new length. */
static int recall(char *line, int len, int back)
{
    erase(len);
    line[0] = '\0';
    if (back > 0)
        strlcpy(line, history.lines[(history.count - back) % HISTORY_MAX], LINE_MAX);
    len = (int)strlen(line);
    echo(line, (size_t)len);
    return len;
}

/* The rest of an escape sequence, after ESC: "[A" (Up), "OB" (Down),
 * "[1;5C" (Ctrl-Right)... Returns its final byte, or -1 at end of
 * input. A byte that starts no sequence is put in *other, to be taken
 * as typed (a lone Escape key then costs nothing). */
static int escape_sequence(int *other)
{
    char c;
    if (read(0, &c, 1) != 1)
        return -1;
    if (c != '[' && c != 'O') {
        *other = (unsigned char)c;
        return 0;
    }
    do {                                /* parameters 0-9 ; ... up to the final byte */
        if (read(0, &c, 1) != 1)
            return -1;
    } while (c >= 0x20 && c < 0x40);
    return c;
}

/* Read one line with editing into line; its length, LINE_ABANDONED or
 * LINE_EOF. */
static int read_line(char *line)
{
    int len = 0, back = 0, too_long = 0, pending = -1;
    for (;;) {
        char c;
        if (pending >= 0) {
            c = (char)pending;
            pending = -1;
        } else if (read(0, &c, 1) != 1) {
            if (len == 0)
                return LINE_EOF;        /* (a read error ends input too) */
            c = '\n';                   /* a last line without a newline */
        }
        if (c == '\r' || c == '\n') {
            echo("\n", 1);
            line[len] = '\0';
            if (too_long) {
                printf("sh: line too long (more than %d characters); nothing run\n",
                       LINE_MAX - 1);
                return LINE_ABANDONED;
            }
            return len;
        } else if (c == CTRL_C) {
            echo("^C\n", 3);
            return LINE_ABANDONED;
        } else if (c == CTRL_D && len == 0 && !too_long) {
            return LINE_EOF;
        } else if (c == BACKSPACE || c == DELETE) {
            if (len > 0) {
                len--;
                echo("\b \b", 3);
            }
        } else if (c == CTRL_U) {
            erase(len);
            len = too_long = 0;
        } else if (c == ESCAPE) {
            int final = escape_sequence(&pending);
            if (final < 0)
                return LINE_EOF;
            line[len] = '\0';
            if (final == 'A' && back < history.count && back < HISTORY_MAX)
                len = recall(line, len, ++back), too_long = 0;
            else if (final == 'B' && back > 0)
                len = recall(line, len, --back), too_long = 0;
        } else if (c == TAB || c >= ' ') {
            if (c == TAB)
                c = ' ';                /* a word separator, shown as a space */
            if (len < LINE_MAX - 1) {
                line[len++] = c;
                echo(&c, 1);
            } else {
                too_long = 1;           /* refused at Enter; not echoed */
            }
        }
    }
}

static void describe(int pid, int status)
{
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT)
        echo("\n", 1);                 /* after the console's echoed ^C */
    if (WIFSIGNALED(status))
        printf("[%d] %s\n", pid, signal_name(WTERMSIG(status)));
    else if (WEXITSTATUS(status))
        printf("[%d] exit %d\n", pid, WEXITSTATUS(status));
}

/* Reap every child that has ended, and report the background ones.
 * (A foreground job's stages are reaped by pipeline_wait.) */
static void reap_children(void)
{
    int pid, status;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (int i = 0; i < BACKGROUND_MAX; i++) {
            if (background[i] != pid)
                continue;
            if (WIFSIGNALED(status))
                printf("[%d] done: %s\n", pid, signal_name(WTERMSIG(status)));
            else if (WEXITSTATUS(status))
                printf("[%d] done: exit %d\n", pid, WEXITSTATUS(status));
            else
                printf("[%d] done\n", pid);
            background[i] = 0;
        }
    }
}

static int background_free(void)
{
    int n = 0;
    for (int i = 0; i < BACKGROUND_MAX; i++)
        n += background[i] == 0;
    return n;
}

static void remember(int pid)
{
    for (int i = 0; i < BACKGROUND_MAX; i++) {
        if (background[i] == 0) {
            background[i] = pid;
            return;
        }
    }
}

static int has_pipe(char **words)
{
    for (; *words; words++)
        if (strcmp(*words, "|") == 0)
            return 1;
    return 0;
}

static int is_builtin(const char *name)
{
    return strcmp(name, "help") == 0 || strcmp(name, "exit") == 0 || strcmp(name, "kill") == 0;
}

/* Cut the words at each "|" into the stages of a pipeline: how many,
 * or 0 after saying what is wrong. */
static int stages_of(char **words, struct command *stages)
{
    int n = 0;
    char **start = words;
    for (char **w = words;; w++) {
        if (*w && strcmp(*w, "|") != 0)
            continue;
        int last = *w == 0;
        *w = 0;                         /* ends this stage's argv */
        if (!*start) {
            printf("sh: syntax error near |\n");
            return 0;
        }
        if (n == PIPELINE_MAX) {
            printf("sh: too many stages: a pipeline has at most %d\n", PIPELINE_MAX);
            return 0;
        }
        if (is_builtin(start[0])) {
            printf("sh: %s: a built-in cannot be part of a pipeline\n", start[0]);
            return 0;
        }
        if (strcmp(start[0], "spawn") == 0)
            start[0] = "supervise";
        stages[n++] = (struct command){ start[0], start, -1, -1, 0 };
        if (last)
            return n;
        start = w + 1;
    }
}

static void run(char **words, int in_background)
{
    struct command stages[PIPELINE_MAX];
    struct pipeline job;
    int n = stages_of(words, stages);
    if (n == 0)
        return;
    if (in_background && n > background_free()) {
        printf("sh: too many background processes (the shell tracks %d); "
               "wait for some to end, or kill them\n", BACKGROUND_MAX);
        return;
    }
    program_mode();
    int r = pipeline_start(&job, stages, n);
    if (r < 0) {
        printf("sh: cannot run %s: %s (%s)\n", stages[job.n].path, error_text(r), error_name(r));
        return;
    }
    if (in_background) {
        for (int i = 0; i < job.n; i++)
            remember(job.pids[i]);
        printf("[%d] %s\n", job.pgid, stages[0].path);
        return;
    }
    tcsetpgrp(job.pgid);                /* Ctrl-C now stops the job */
    int status = pipeline_wait(&job);
    tcsetpgrp(0);
    describe(job.pids[job.n - 1], status);
}

static void builtin_kill(char **words, int n)
{
    int32_t pid, sig = SIGTERM;
    if (n < 2 || n > 3) {
        printf("usage: kill PID [SIGNAL]\n");
        return;
    }
    if (number_arg("kill", words[1], INT32_MIN, INT32_MAX, &pid) < 0 ||
        (n > 2 && number_arg("kill", words[2], 0, INT32_MAX, &sig) < 0))
        return;
    int r = kill(pid, sig);
    if (r < 0)
        printf("kill: %s: %s (%s)\n", words[1], error_text(r), error_name(r));
}

/* exit [STATUS]: 1 with *status set when the shell should end. */
static int builtin_exit(char **words, int n, int *status)
{
    int32_t value = 0;
    if (n > 2) {
        printf("usage: exit [STATUS]\n");
        return 0;
    }
    if (n == 2 && number_arg("exit", words[1], 0, 255, &value) < 0)
        return 0;
    *status = value;
    return 1;
}

static void help(void)
{
    printf("Programs live in /bin (try ls). Built-ins: help, exit [STATUS], kill.\n"
           "  PROG ARGS...       run a program; Ctrl-C stops it\n"
           "  PROG ARGS... &     run it in the background\n"
           "  A | B | C          a pipeline (try: yes hello | timeout 100 cat | wc)\n"
           "  Up, Down           earlier lines; Ctrl-D on an empty line: exit\n"
           "  timeout MS PROG, pwait PID, cat, wc, yes\n"
           "  ps, kill PID [SIG], guardlog, uptime, free, ls, echo, sleep\n"
           "  svc list, svc stop|start|restart NAME, svc shutdown   init's services\n"
           "  supervise --restart=on-failure --max=5/10s --backoff=100ms..5s "
           "--heartbeat=1s PROG\n"
           "  crash KIND         fault on purpose (crash list)\n");
}


int main(void)
{
    static char line[LINE_MAX];
    char *words[WORDS_MAX + 2];         /* one more than allowed, and the NULL */
    on_console = tcgetattr(0, &settings) == 0;
    printf("Warden shell. Type help for help.\n");
    tcsetpgrp(0);       /* claim the console: no foreground job, and only the
                           shell (or its ancestors) may give it to one */
    for (;;) {
        reap_children();
        printf("$ ");
        editing_mode();
        int len = read_line(line);
        if (len == LINE_EOF) {
            echo("\n", 1);
            program_mode();
            return 0;
        }
        if (len < 0)
            continue;
        remember_line(line);
        int n = split_words(line, words, WORDS_MAX + 1);
        if (n > WORDS_MAX) {
            printf("sh: too many words (more than %d); nothing run\n", WORDS_MAX);
            continue;
        }
        words[n] = 0;
        if (n == 0)
            continue;
        int in_background = strcmp(words[n - 1], "&") == 0;
        if (in_background)
            words[--n] = 0;
        if (n == 0)
            continue;
        int status;
        if (has_pipe(words) || !is_builtin(words[0]))
            run(words, in_background);
        else if (strcmp(words[0], "help") == 0)
            help();
        else if (strcmp(words[0], "kill") == 0)
            builtin_kill(words, n);
        else if (builtin_exit(words, n, &status)) {
            program_mode();
            return status;
        }
    }
}
