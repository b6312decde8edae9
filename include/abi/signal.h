/* Signal numbers (Linux i386) and the Linux encoding of wait status. */
#ifndef ABI_SIGNAL_H
#define ABI_SIGNAL_H

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGSEGV  11
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define NSIG     32
/* With no signal handlers, every signal from 1 to this one ends its
 * target (their default action on Linux); kill refuses the others. */
#define SIG_TERMINATING_MAX 15

/* waitpid status: exit code in bits 8-15, or the signal in bits 0-6. */
#define W_EXITCODE(code)   (((code) & 0xFF) << 8)
#define W_SIGNALED(sig)    ((sig) & 0x7F)
#define WIFEXITED(s)       (((s) & 0x7F) == 0)
#define WEXITSTATUS(s)     (((s) >> 8) & 0xFF)
#define WIFSIGNALED(s)     (((s) & 0x7F) != 0 && ((s) & 0x7F) != 0x7F)
#define WTERMSIG(s)        ((s) & 0x7F)

#endif
