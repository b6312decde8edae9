/*
 * The control pipe between init and `svc` (docs/guardian.md, "init as a
 * service manager"). init makes two pipes before it starts the console
 * shell and gives the shell their ends at fixed descriptors, which the
 * shell's programs inherit in turn, as a program inherits its stdin:
 *   CONTROL_REQUEST_FD  svc writes one request line: "PID VERB [NAME [PATH]]\n"
 *   CONTROL_REPLY_FD    init answers with lines of text, then "end PID STATUS\n"
 * A request is shorter than a pipe's atomic write, so two svc at once
 * cannot mix their requests; each svc skips the replies that end with
 * another pid (one left by an svc that was killed while it waited).
 */
#ifndef USER_INIT_CONTROL_H
#define USER_INIT_CONTROL_H

#define CONTROL_REQUEST_FD 14
#define CONTROL_REPLY_FD   15
#define CONTROL_LINE_MAX   64       /* a request, with its newline */
#define CONTROL_REPLY_MAX  4096     /* a reply: one pipe's worth */

/* init's side (user/init/control.c) */
/* Make the pipes; 0, or a negative errno (init then runs without them). */
int control_open(void);
/* The descriptor to poll for requests, or -1 when there is no pipe. */
int control_poll_fd(void);
/* The shell's ends (kept at their fixed descriptors, close-on-exec):
 * inheritable for the shell's spawn, and then no longer. */
void control_lend(void);
void control_take_back(void);
/* Read and answer what is in the pipe. True when shutdown was asked. */
int control_serve(void);
/* A line of the reply being written (for user/init/services.c). */
void control_reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
