/* The names of the signals of abi/signal.h and the process states of
 * abi/guard.h. */
#include "lib/names.h"
#include "abi/signal.h"
#include "abi/guard.h"

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

const char *pstate_name(int state)
{
    static const char *const names[] = {
        [PSTATE_RUNNABLE] = "ready", [PSTATE_RUNNING] = "run", [PSTATE_SLEEPING] = "sleep",
        [PSTATE_BACKOFF] = "backoff", [PSTATE_ZOMBIE] = "zombie",
        [PSTATE_STARTING] = "starting", [PSTATE_RETRYING] = "retrying",
        [PSTATE_STOPPING] = "stopping",
    };
    return state >= PSTATE_RUNNABLE && state <= PSTATE_STOPPING ? names[state] : "?";
}

const char *end_reason_name(int end, int reason)
{
    if (end == END_OOM)
        return "out of memory";
    if (reason == REASON_MEM_LIMIT)
        return "memory limit";
    return 0;
}

const char *strategy_name(int strategy)
{
    static const char *const names[] = {
        [STRATEGY_ONE_FOR_ONE] = "one_for_one", [STRATEGY_ONE_FOR_ALL] = "one_for_all",
        [STRATEGY_REST_FOR_ONE] = "rest_for_one",
    };
    return strategy >= 0 && strategy <= STRATEGY_REST_FOR_ONE ? names[strategy] : "?";
}
