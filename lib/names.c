/* The names of the signals of abi/signal.h. */
#include "lib/signal.h"
#include "abi/signal.h"

const char *signal_name(int sig)
{
    static const char *const names[NSIG] = {
        [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
        [SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
        [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
        [SIGSEGV] = "SIGSEGV", [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
        [SIGTERM] = "SIGTERM",
    };
    return sig > 0 && sig < NSIG && names[sig] ? names[sig] : "signal?";
}
