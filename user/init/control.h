/*
 * The control pipe between init and `svc` (docs/guardian.md, "init as a
 * service manager"). init makes a pipe before it starts the console
 * shell and gives the shell its write end at a fixed descriptor, which
 * the shell's programs inherit in turn, as a program inherits its stdin:
 *   CONTROL_REQUEST_FD  svc writes one request line:
 *                       "PID FD VERB [NAME [PATH]]\n"
 * The answer goes back through a pipe of svc's own: FD is its write end
 * in svc (PID), which init takes with pidfd_getfd (init is svc's
 * ancestor) and answers through, lines of text and then "end STATUS\n".
 * A request is shorter than a pipe's atomic write, so two svc at once
 * cannot mix their requests, and each reads only its own answer.
 */
#ifndef USER_INIT_CONTROL_H
#define USER_INIT_CONTROL_H

#define CONTROL_REQUEST_FD 14
#define CONTROL_LINE_MAX   128      /* a request, with its newline */
#define CONTROL_LATER      (-1)     /* a request's status: the answer comes later */

/* init's side (user/init/control.c) */
/* Make the pipe; 0, or a negative errno (init then runs without it). */
int control_open(void);
/* The descriptor to poll for requests, or -1 when there is no pipe. */
int control_poll_fd(void);
/* The shell's end (kept at its fixed descriptor, close-on-exec):
 * inheritable for the shell's spawn, and then no longer; the shell's
 * pid (or an error) says who may ask: the shell and its descendants. */
void control_lend(void);
void control_take_back(int shell_pid);
/* Read and answer what is in the pipe. True when shutdown was asked. */
int control_serve(void);
/* A line of the answer being written (for user/init/services.c). */
void control_reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A request that returned CONTROL_LATER: control_defer, while it is
 * served, keeps its answer's pipe (a descriptor); control_resume(fd)
 * later makes it the answer being written again, control_end(status)
 * ends it and closes the pipe. */
int control_defer(void);
void control_resume(int fd);
void control_end(int status);

#endif
