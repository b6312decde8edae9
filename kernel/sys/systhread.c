/*
 * The calls a C library makes for its (single) thread as a program
 * starts: set_thread_area and get_thread_area (TLS, kernel/x86/tls.c),
 * set_tid_address, set_robust_list, gettid and exit_group. Warden has no
 * threads, so a process is its one thread: its thread id is its pid and
 * exit_group is exit.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/x86/tls.h"
#include "abi/errno.h"

#define ROBUST_LIST_HEAD_SIZE 12    /* struct robust_list_head on i386 */

/* The frame the current process entered the kernel with, from ring 3. */
static struct trapframe *user_frame(void)
{
    return (struct trapframe *)(current->kstack_top - sizeof(struct trapframe));
}

static int is_tls_index(uint32_t index)
{
    return index >= GDT_TLS_FIRST && index < GDT_TLS_FIRST + TLS_ENTRIES;
}

/* The lowest TLS entry the current process has not set, or -ESRCH. */
static int free_tls_index(void)
{
    for (int i = 0; i < TLS_ENTRIES; i++)
        if (tls_is_free(&current->tls[i]))
            return GDT_TLS_FIRST + i;
    return -ESRCH;
}

/* set_thread_area(struct user_desc *u): entry_number -1 picks a free
 * entry and writes its number back. */
int32_t sys_set_thread_area(const uint32_t *arg)
{
    uint32_t uinfo = arg[0];
    struct user_desc u;
    struct gdt_entry e;
    if (copy_from_user(&u, uinfo, sizeof u) < 0)
        return -EFAULT;
    if (u.entry_number == (uint32_t)-1) {
        int index = free_tls_index();
        if (index < 0)
            return index;
        u.entry_number = (uint32_t)index;
        if (copy_to_user(uinfo, &u.entry_number, sizeof u.entry_number) < 0)
            return -EFAULT;
    }
    if (!is_tls_index(u.entry_number))
        return -EINVAL;
    int r = tls_encode(&u, &e);
    if (r < 0)
        return r;
    current->tls[u.entry_number - GDT_TLS_FIRST] = e;
    gdt_set_tls(current->tls);
    tls_fix_selectors(user_frame(), u.entry_number, &e);
    return 0;
}

int32_t sys_get_thread_area(const uint32_t *arg)
{
    uint32_t uinfo = arg[0];
    struct user_desc u;
    if (copy_from_user(&u, uinfo, sizeof u) < 0)
        return -EFAULT;
    if (!is_tls_index(u.entry_number))
        return -EINVAL;
    tls_decode(&current->tls[u.entry_number - GDT_TLS_FIRST], u.entry_number, &u);
    return copy_to_user(uinfo, &u, sizeof u);
}

/* Linux clears *tidptr and wakes its futex when a thread ends, for
 * pthread_join. Without threads nobody can wait there: remembered only. */
int32_t sys_set_tid_address(const uint32_t *arg)
{
    current->tid_address = arg[0];
    return current->pid;
}

/* The robust futex list matters only when a thread dies holding a lock
 * another thread waits for: with one thread a process, accepted and
 * never read. The size is checked as Linux checks it. */
int32_t sys_set_robust_list(const uint32_t *arg)
{
    return arg[1] == ROBUST_LIST_HEAD_SIZE ? 0 : -EINVAL;
}

int32_t sys_gettid(const uint32_t *arg)
{
    (void)arg;
    return current->pid;
}

int32_t sys_exit_group(const uint32_t *arg)
{
    return sys_exit(arg);
}
