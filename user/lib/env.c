/* The environment: crt0.S points environ at the envp the kernel passed. */
#include "user/lib/runtime.h"

char **environ;

char *getenv(const char *name)
{
    size_t len = strlen(name);
    for (char **e = environ; e && *e; e++)
        if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
            return *e + len + 1;
    return 0;
}

/*
 * A service's name: a supervisor (init) that spawns a program as a named
 * service puts SERVICE_NAME=NAME in its environment. Before main, the
 * runtime names the process after it (prctl, what ps and the guardian's
 * messages show) and takes it out of the environment, so that the
 * service's own children do not take the name too. Every incarnation
 * starts with the same environment, so a restarted service is named again.
 */
void env_take_service_name(void)
{
    static const char key[] = "SERVICE_NAME=";
    for (char **e = environ; e && *e; e++) {
        if (strncmp(*e, key, sizeof key - 1) != 0)
            continue;
        syscall(SYS_prctl, PR_SET_NAME, (long)(*e + sizeof key - 1), 0, 0, 0);
        for (; *e; e++)
            e[0] = e[1];
        return;
    }
}
