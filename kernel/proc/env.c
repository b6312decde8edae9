/*
 * Environments. A process's environment is kept in its slot of the
 * process table like its arguments: strings back to back (struct proc's
 * env, env_len, envc), so that a guardian restart starts the program
 * with the environment it was spawned with. spawn copies one in from
 * the caller (kernel/sys/sysproc.c); init's is made here, from a few
 * defaults and the kernel command line's NAME=value words.
 */
#include "kernel/proc/env.h"
#include "kernel/dev/console.h"
#include "abi/errno.h"
#include "abi/syscall.h"
#include "lib/string.h"

#define DEFAULTS 3          /* PATH, HOME, TERM */

int pack_strings(const char *const *v, int n, char *out, uint32_t max, uint32_t *len)
{
    *len = 0;
    for (int i = 0; i < n; i++) {
        uint32_t size = (uint32_t)strlen(v[i]) + 1;
        if (*len + size > max)
            return -E2BIG;
        memcpy(out + *len, v[i], size);
        *len += size;
    }
    return 0;
}

/* Do two NAME=value strings set the same NAME? */
static int same_name(const char *a, const char *b)
{
    for (; *a == *b && *a != '='; a++, b++)
        if (!*a)
            return 1;
    return *a == '=' && *b == '=';
}

/* The bytes n strings take packed, with their NULs. */
static uint32_t packed_size(const char *const *v, int n)
{
    uint32_t size = 0;
    for (int i = 0; i < n; i++)
        size += (uint32_t)strlen(v[i]) + 1;
    return size;
}

void env_for_init(const char *const *extra, int nextra, struct exec_args *a, char *buf)
{
    const char *vars[ENV_MAX_VARS] = { "PATH=/bin", "HOME=/", "TERM=linux" };
    int n = DEFAULTS;
    for (int i = 0; i < nextra; i++) {
        int j = 0;
        while (j < n && !same_name(vars[j], extra[i]))
            j++;
        if (j == ENV_MAX_VARS) {
            kprintf("init: environment full: %s left out\n", extra[i]);
            continue;
        }
        const char *old = j < n ? vars[j] : 0;
        vars[j] = extra[i];
        n += j == n;
        if (packed_size(vars, n) > ENV_MAX_LEN) {
            kprintf("init: environment full: %s left out\n", extra[i]);
            if (old)
                vars[j] = old;
            else
                n--;
        }
    }
    a->env = buf;
    a->envc = n;
    pack_strings(vars, n, buf, ENV_MAX_LEN, &a->env_len);
}

