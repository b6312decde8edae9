/*
 * Resource calls: getrandom, the resource limits a C library asks for
 * (ugetrlimit, prlimit64), Linux's sysinfo and sched_getaffinity.
 *
 * The limits tell what the kernel really enforces: the stack grows to
 * 1 MiB (USER_STACK_MAX), a process has NOFILE (16) descriptors, and it
 * may own at most its memory limit (docs/processes.md, section 14), which
 * RLIMIT_AS and RLIMIT_DATA report; nothing else is limited. Limits
 * cannot be changed: asking for the values they already have succeeds,
 * anything else is -EPERM, since a lower limit the kernel does not
 * enforce would be a promise it does not keep.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/oom.h"
#include "kernel/preempt.h"
#include "kernel/random.h"
#include "kernel/mm/frame.h"
#include "kernel/x86/pit.h"
#include "abi/errno.h"

#define RANDOM_CHUNK    256
#define RANDOM_MAX      0x1FFFFFFu      /* bytes in one call, as Linux caps it */

/* getrandom(buf, n, flags): n random bytes (at most RANDOM_MAX a call).
 * The generator is always ready, so neither flag changes anything. */
int32_t sys_getrandom(const uint32_t *arg)
{
    uint32_t ubuf = arg[0], n = arg[1], flags = arg[2];
    if (flags & ~(uint32_t)(GRND_NONBLOCK | GRND_RANDOM))
        return -EINVAL;
    if (n > RANDOM_MAX)
        n = RANDOM_MAX;
    uint8_t chunk[RANDOM_CHUNK];
    uint32_t done = 0;
    while (done < n) {
        uint32_t len = n - done < RANDOM_CHUNK ? n - done : RANDOM_CHUNK;
        random_bytes(chunk, len);
        if (copy_to_user(ubuf + done, chunk, len) < 0)
            return done ? (int32_t)done : -EFAULT;
        done += len;
        if (done < n && preempt_point() < 0)
            break;
    }
    return (int32_t)done;
}

/* The limit on resource r (soft and hard alike): 0, or -EINVAL. */
static int limit_of(uint32_t r, uint64_t *value)
{
    if (r >= RLIMIT_NLIMITS)
        return -EINVAL;
    switch (r) {
    case RLIMIT_STACK:
        *value = USER_STACK_MAX;
        break;
    case RLIMIT_NOFILE:
        *value = NOFILE;
        break;
    case RLIMIT_DATA:
    case RLIMIT_AS:
        /* The limit ps shows: it counts every frame the process owns, its
         * page tables and kernel stack too, so a little less is left for
         * data. */
        *value = current->mem.limit ? (uint64_t)mem_limit_kb(current) * 1024
                                    : RLIM64_INFINITY;
        break;
    default:
        *value = RLIM64_INFINITY;
    }
    return 0;
}

/* ugetrlimit(resource, rlim): the 32-bit form, infinity as ~0. */
int32_t sys_ugetrlimit(const uint32_t *arg)
{
    uint64_t v;
    if (limit_of(arg[0], &v) < 0)
        return -EINVAL;
    uint32_t v32 = v > RLIM_INFINITY ? RLIM_INFINITY : (uint32_t)v;
    struct rlimit rl = { v32, v32 };
    return copy_to_user(arg[1], &rl, sizeof rl);
}

/* prlimit64(pid, resource, new, old): pid 0 or the caller's own; new
 * (if not NULL) must equal the limit as it is; old (if not NULL) gets it. */
int32_t sys_prlimit64(const uint32_t *arg)
{
    int pid = (int)arg[0];
    uint32_t unew = arg[2], uold = arg[3];
    if (pid != 0 && pid != current->pid)
        return proc_find(pid) ? -EPERM : -ESRCH;
    uint64_t v;
    if (limit_of(arg[1], &v) < 0)
        return -EINVAL;
    if (unew) {
        struct rlimit64 want;
        if (copy_from_user(&want, unew, sizeof want) < 0)
            return -EFAULT;
        if (want.rlim_cur > want.rlim_max)
            return -EINVAL;
        if (want.rlim_cur != v || want.rlim_max != v)
            return -EPERM;
    }
    struct rlimit64 old = { v, v };
    if (uold && copy_to_user(uold, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

/* Linux's struct sysinfo on i386 (Warden's own, call 1004, is another):
 * 64 bytes. */
struct linux_sysinfo {
    int32_t uptime;                 /* seconds since boot */
    uint32_t loads[3];              /* load averages: not kept, 0 */
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh, mem_unit;
    char reserved[8];
};

/* sysinfo(info) (Linux's, 116): the uptime, the memory in bytes (no
 * swap, no high memory), the number of processes. */
int32_t sys_linux_sysinfo(const uint32_t *arg)
{
    struct linux_sysinfo si = {
        .uptime = (int32_t)(pit_ms() / 1000),
        .totalram = frame_total_count() * PAGE_SIZE, .freeram = frame_free_count() * PAGE_SIZE,
        .procs = (uint16_t)proc_count(), .mem_unit = 1,
    };
    return copy_to_user(arg[0], &si, sizeof si);
}

/* sched_getaffinity(pid, len, mask): one CPU, so the mask is 1, in one
 * 32-bit word; the result is the bytes written (4). len must be a
 * multiple of 4 (-EINVAL); pid 0 is the caller, another must exist. */
int32_t sys_sched_getaffinity(const uint32_t *arg)
{
    uint32_t one = 1;
    if ((int)arg[0] != 0 && !proc_find((int)arg[0]))
        return -ESRCH;
    if (arg[1] < sizeof one || arg[1] % sizeof one)
        return -EINVAL;
    return copy_to_user(arg[2], &one, sizeof one) < 0 ? -EFAULT : (int32_t)sizeof one;
}
