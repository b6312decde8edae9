/*
 * Who a process is and what it is called: the user and group ids (every
 * process is root, 0: Warden has no users), uname, umask, and prctl's
 * process name.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/version.h"
#include "abi/errno.h"
#include "lib/string.h"

#define UMASK_BITS 0777

/* getuid, geteuid, getgid, getegid and their 32-bit twins. */
int32_t sys_root_id(const uint32_t *arg)
{
    (void)arg;
    return 0;
}

int32_t sys_uname(const uint32_t *arg)
{
    static const struct new_utsname uts = {
        .sysname = KERNEL_NAME, .nodename = "warden", .release = KERNEL_VERSION,
        .version = KERNEL_BUILD, .machine = "i686", .domainname = "(none)",
    };
    return copy_to_user(arg[0], &uts, sizeof uts);
}

/* getgroups(size, list) and getgroups32: no supplementary groups, so
 * 0, and list is never written; a negative size is -EINVAL. */
int32_t sys_getgroups(const uint32_t *arg)
{
    return (int32_t)arg[0] < 0 ? -EINVAL : 0;
}

/* umask(mask): set the mask that a file-creating call would apply, and
 * return the old one. Spawned children inherit it. */
int32_t sys_umask(const uint32_t *arg)
{
    uint32_t old = current->umask;
    current->umask = arg[0] & UMASK_BITS;
    return (int32_t)old;
}

/* The new name: up to PROC_NAME_LEN - 1 bytes, cut there like Linux. */
static int set_process_name(uint32_t uname)
{
    char name[PROC_NAME_LEN] = { 0 };
    for (uint32_t i = 0; i < sizeof name - 1; i++) {
        if (copy_from_user(&name[i], uname + i, 1) < 0)
            return -EFAULT;
        if (name[i] == '\0')
            break;
    }
    memcpy(current->name, name, sizeof name);
    return 0;
}

/* prctl(option, arg2, ...): only the process name, which ps shows. */
int32_t sys_prctl(const uint32_t *arg)
{
    uint32_t option = arg[0], uname = arg[1];
    if (option == PR_SET_NAME)
        return set_process_name(uname);
    if (option == PR_GET_NAME) {
        char name[PROC_NAME_LEN] = { 0 };  /* no bytes of an older name */
        strlcpy(name, current->name, sizeof name);
        return copy_to_user(uname, name, sizeof name);
    }
    return -EINVAL;
}
