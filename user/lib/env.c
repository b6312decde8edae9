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
