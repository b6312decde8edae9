/*
 * A small process library, in the spirit of Rust's std::process: spawn
 * with redirected stdin/stdout, wait with a timeout, a scope guard that
 * kills and reaps a child when its variable goes out of scope, and
 * pipelines. Built on spawn, pipes, process groups and pidfds.
 */
#ifndef USER_PROCESS_H
#define USER_PROCESS_H

#include <stdint.h>

#define PIPELINE_MAX 8

struct command {
    const char *path;
    char **argv;            /* NULL: { path, NULL } */
    int stdin_fd;           /* -1: inherit ours */
    int stdout_fd;          /* -1: inherit ours */
    int pgid;               /* 0: stay in our group; else join (or found) it */
};

/* Start c; its pid, or a negative errno. */
int command_spawn(const struct command *c);

/* Wait up to ms for pid (a child) to end: its pid with *status filled in,
 * or -ETIMEDOUT (110) with the child still running. */
int wait_timeout(int pid, int *status, uint32_t ms);

/* The scope guard: a child that is killed (SIGKILL) and reaped when the
 * variable holding it leaves scope, however that happens.
 *     scoped_child worker = { spawn("server", 0, 0) };
 * GCC's cleanup attribute is the C form of Rust's Drop. */
struct child {
    int pid;
};
void child_drop(struct child *c);
#define scoped_child __attribute__((cleanup(child_drop))) struct child

/* A pipeline a | b | c: all stages in one new process group (led by the
 * first stage), each stage's stdout into the next one's stdin. */
struct pipeline {
    int n;
    int pids[PIPELINE_MAX];
    int pgid;
};
/* Start it; 0 or a negative errno. On failure the stages already
 * started are killed and reaped, and pl->n is the index of the stage
 * that failed (its spawn, or the pipe to its right). */
int pipeline_start(struct pipeline *pl, struct command *stages, int n);
/* Wait for every stage; the status of the last. */
int pipeline_wait(struct pipeline *pl);
/* Both: run it to the end and return the last stage's status. */
int pipeline_run(struct command *stages, int n);

/* The last failure of a process in the listing, in a word or two:
 * "exit", "SIGSEGV", "watchdog", "out of memory" ...; "-" if none. */
struct proc_info;
const char *proc_last_end(const struct proc_info *p);

#endif
