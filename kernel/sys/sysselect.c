/*
 * _newselect(nfds, readfds, writefds, exceptfds, timeout): poll's older
 * sibling, with bit sets (struct fd_set, 1024 bits) instead of an array.
 * It asks the same question of each open file (file_poll) and sleeps on
 * the same queue as poll, until a descriptor is ready or the time is up.
 * A descriptor is "readable" when a read would not block (data, end of
 * file, an error), "writable" when a write would not; nothing here ever
 * has an exceptional condition. The timeout (struct timeval, 32-bit
 * fields on i386) is rewritten with the time left, as Linux does.
 */
#include "kernel/sys/syscall.h"
#include "kernel/fs/file.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/timer.h"
#include "kernel/x86/pit.h"
#include "abi/errno.h"
#include "lib/string.h"

#define SET_BITS        1024    /* FD_SETSIZE */
#define USEC_PER_SEC    1000000
#define SELECT_MAX_MS   0x7FFFFFFFu  /* longer timeouts wait this long */

_Static_assert(NOFILE <= 32, "one word of each set holds every descriptor");

struct timeval32 {
    int32_t sec, usec;
};

/* The bits of set word w that lie below nfds. */
static uint32_t below(uint32_t w, uint32_t nfds)
{
    uint32_t first = w * 32;
    return nfds - first >= 32 ? 0xFFFFFFFFu : (1u << (nfds - first)) - 1;
}

/* Copy in the first word of each set that is there (NULL: empty); the
 * kernel stack is one page, so the other 31 words are only looked at: a
 * bit there names a descriptor past NOFILE, never open. 0, -EFAULT or
 * -EBADF. */
static int sets_in(const uint32_t *uset, uint32_t nfds, uint32_t in[3])
{
    for (int k = 0; k < 3; k++) {
        in[k] = 0;
        for (uint32_t w = 0; uset[k] && w * 32 < nfds; w++) {
            uint32_t word;
            if (copy_from_user(&word, uset[k] + w * 4, 4) < 0)
                return -EFAULT;
            word &= below(w, nfds);
            if (w == 0)
                in[k] = word;
            else if (word)
                return -EBADF;
        }
    }
    return 0;
}

/* Write the ready bits out, and zeros for the words past the first. */
static int sets_out(const uint32_t *uset, uint32_t nfds, const uint32_t out[3])
{
    for (int k = 0; k < 3; k++) {
        for (uint32_t w = 0; uset[k] && w * 32 < nfds; w++) {
            uint32_t word = w == 0 ? out[k] : 0;
            if (copy_to_user(uset[k] + w * 4, &word, 4) < 0)
                return -EFAULT;
        }
    }
    return 0;
}

/* One look at every descriptor asked about: how many bits are ready
 * (out filled), or -EBADF for a descriptor that is not open. */
static int sets_scan(const uint32_t in[3], uint32_t out[3])
{
    static const int wants[3] = { POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, 0 };
    int ready = 0;
    out[0] = out[1] = out[2] = 0;
    for (int fd = 0; fd < 32; fd++) {
        uint32_t bit = 1u << fd;
        if (!((in[0] | in[1] | in[2]) & bit))
            continue;
        struct openfile *f = fd_get(current, fd);
        if (!f)
            return -EBADF;
        int now = file_poll(f);
        for (int k = 0; k < 3; k++) {
            if ((in[k] & bit) && (now & wants[k])) {
                out[k] |= bit;
                ready++;
            }
        }
    }
    return ready;
}

/* The timeout in milliseconds (-1: none, wait for ever), or -EFAULT,
 * -EINVAL (a negative time, or microseconds past a second). */
static int64_t timeout_in(uint32_t utv)
{
    struct timeval32 tv;
    if (!utv)
        return -1;
    if (copy_from_user(&tv, utv, sizeof tv) < 0)
        return -EFAULT;
    if (tv.sec < 0 || tv.usec < 0 || tv.usec >= USEC_PER_SEC)
        return -EINVAL;
    uint64_t ms = (uint64_t)tv.sec * 1000 + ((uint32_t)tv.usec + 999) / 1000;
    return ms > SELECT_MAX_MS ? SELECT_MAX_MS : (int64_t)ms;
}

int32_t sys_newselect(const uint32_t *arg)
{
    int32_t nfds = (int32_t)arg[0];
    uint32_t utv = arg[4], in[3], out[3];
    if (nfds < 0)
        return -EINVAL;
    uint32_t n = (uint32_t)nfds > SET_BITS ? SET_BITS : (uint32_t)nfds;
    int r = sets_in(arg + 1, n, in);
    int64_t ms = r < 0 ? 0 : timeout_in(utv);
    if (r < 0 || ms < -1)
        return r < 0 ? r : (int32_t)ms;
    uint64_t deadline = ms > 0 ? timer_tick_after_ms((uint32_t)ms) : 0;
    int ready;
    while ((ready = sets_scan(in, out)) == 0 && ms != 0) {
        if (ms > 0 && pit_ticks() >= deadline)
            break;
        if (proc_sleep_until(file_waiters(), ms > 0 ? deadline : 0) < 0) {
            ready = -ERESTARTNOHAND;    /* -EINTR when a handler runs */
            break;
        }
    }
    if (ready < 0)
        return ready;
    if (sets_out(arg + 1, n, out) < 0)
        return -EFAULT;
    if (ms > 0) {
        uint64_t now = pit_ticks(), left = now < deadline ? deadline - now : 0;
        uint64_t left_us = left * 1000000 / pit_hz();
        struct timeval32 tv = { (int32_t)(left_us / USEC_PER_SEC), (int32_t)(left_us % USEC_PER_SEC) };
        if (copy_to_user(utv, &tv, sizeof tv) < 0)
            return -EFAULT;
    }
    return ready;
}
