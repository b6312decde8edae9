/*
 * sh: the shell. It reads a line from the console with simple editing
 * (Backspace, Ctrl-U erases the line, Ctrl-C abandons it), splits it
 * into words and runs the program named by the first word, from /bin;
 * "a | b | c" is a pipeline. A job (all its stages) runs in a process
 * group of its own, which the shell hands the console's foreground while
 * it waits, so that Ctrl-C reaches the job and not the shell. A trailing
 * & runs it in the background.
 *   built-ins: help, exit [STATUS], kill PID [SIGNAL]; `spawn` is
 *   `supervise`. kill is built in because a process may only signal its
 *   own descendants: the shell is its jobs' parent, a /bin/kill started
 *   by it is only their sibling.
 */
#include "user/lib/runtime.h"

#define LINE_MAX  256
#define WORDS_MAX 32
#define JOBS_MAX  16

#define CTRL_C    3
#define CTRL_U    21
#define BACKSPACE 8
#define DELETE    127

static int background[JOBS_MAX];    /* pids of background jobs */

static void echo(const char *s, size_t n)
{
    write(1, s, n);
}

/* Read one line with editing; returns its length, or -1 on Ctrl-C. */
static int read_line(char *line)
{
    int len = 0;
    for (;;) {
        char c;
        if (read(0, &c, 1) != 1)
            return -1;
        if (c == '\r' || c == '\n') {
            echo("\n", 1);
            line[len] = '\0';
            return len;
        } else if (c == CTRL_C) {
            echo("^C\n", 3);
            return -1;
        } else if (c == BACKSPACE || c == DELETE) {
            if (len > 0) {
                len--;
                echo("\b \b", 3);
            }
        } else if (c == CTRL_U) {
            for (; len > 0; len--)
                echo("\b \b", 3);
        } else if (c >= ' ' && len < LINE_MAX - 1) {
            line[len++] = c;
            echo(&c, 1);
        }
    }
}

static void describe(int pid, int status)
{
    if (WIFSIGNALED(status))
        printf("[%d] %s\n", pid, signal_name(WTERMSIG(status)));
    else if (WEXITSTATUS(status))
        printf("[%d] exit %d\n", pid, WEXITSTATUS(status));
}

/* Report background jobs that have ended. */
static void reap_background(void)
{
    for (int i = 0; i < JOBS_MAX; i++) {
        int status;
        if (background[i] > 0 && waitpid(background[i], &status, WNOHANG) == background[i]) {
            if (WIFSIGNALED(status))
                printf("[%d] done: %s\n", background[i], signal_name(WTERMSIG(status)));
            else if (WEXITSTATUS(status))
                printf("[%d] done: exit %d\n", background[i], WEXITSTATUS(status));
            else
                printf("[%d] done\n", background[i]);
            background[i] = 0;
        }
    }
}

/* Cut the words at each "|" into the stages of a pipeline; how many,
 * or 0 for an empty stage. */
static int stages_of(char **words, struct command *stages)
{
    int n = 0;
    char **start = words;
    for (char **w = words;; w++) {
        if (*w && strcmp(*w, "|") != 0)
            continue;
        int last = *w == 0;
        *w = 0;                         /* ends this stage's argv */
        if (!*start || n == PIPELINE_MAX)
            return 0;
        if (strcmp(start[0], "spawn") == 0)
            start[0] = "supervise";
        stages[n++] = (struct command){ start[0], start, -1, -1, 0 };
        if (last)
            return n;
        start = w + 1;
    }
}

static void remember(int pid)
{
    for (int i = 0; i < JOBS_MAX; i++) {
        if (background[i] == 0) {
            background[i] = pid;
            return;
        }
    }
}

static void run(char **words, int in_background)
{
    struct command stages[PIPELINE_MAX];
    struct pipeline job;
    int n = stages_of(words, stages);
    if (n == 0) {
        printf("sh: syntax error near |\n");
        return;
    }
    if (pipeline_start(&job, stages, n) < 0) {
        printf("sh: %s: not found or cannot run\n", stages[0].path);
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
    if (n < 2) {
        printf("usage: kill PID [SIGNAL]\n");
        return;
    }
    int r = kill(atoi(words[1]), n > 2 ? atoi(words[2]) : SIGTERM);
    if (r < 0)
        printf("kill: %s: %s\n", words[1], r == -ESRCH ? "no such process" :
               r == -EPERM ? "not allowed" : "bad signal");
}

static void help(void)
{
    printf("Programs live in /bin (try ls). Built-ins: help, exit [STATUS], kill.\n"
           "  PROG ARGS...       run a program; Ctrl-C stops it\n"
           "  PROG ARGS... &     run it in the background\n"
           "  A | B | C          a pipeline (try: yes hello | timeout 100 cat | wc)\n"
           "  timeout MS PROG, pwait PID, cat, wc, yes\n"
           "  ps, kill PID [SIG], guardlog, uptime, free, ls, echo, sleep\n"
           "  supervise --restart=on-failure --max=5/10s --backoff=100ms..5s "
           "--heartbeat=1s PROG\n"
           "  crash KIND         fault on purpose (crash list)\n");
}

int main(void)
{
    static char line[LINE_MAX];
    char *words[WORDS_MAX];
    printf("Warden shell. Type help for help.\n");
    tcsetpgrp(0);       /* claim the console: no foreground job, and only the
                           shell (or its ancestors) may give it to one */
    for (;;) {
        reap_background();
        printf("$ ");
        if (read_line(line) < 0)
            continue;
        int n = split_words(line, words, WORDS_MAX - 1);
        words[n] = 0;
        if (n == 0)
            continue;
        int in_background = strcmp(words[n - 1], "&") == 0;
        if (in_background)
            words[--n] = 0;
        if (n == 0)
            continue;
        if (strcmp(words[0], "exit") == 0)
            return n > 1 ? atoi(words[1]) : 0;
        if (strcmp(words[0], "help") == 0)
            help();
        else if (strcmp(words[0], "kill") == 0)
            builtin_kill(words, n);
        else
            run(words, in_background);
    }
}
