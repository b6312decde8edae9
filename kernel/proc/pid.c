/*
 * Pid numbers. They run from 1 to pid_max - 1, then wrap around to 2
 * (1 is init's for as long as the machine runs), like Linux's pid_max.
 * A pid is handed out only when it names nothing: no process (a zombie
 * included), no process group that still has a member, no open pidfd
 * (which names its pid until it is closed, even after the process has
 * been reaped). So a number a supervisor or a pidfd still holds never
 * comes to mean another process.
 */
#include "kernel/proc/pid.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "lib/string.h"

static int pid_max = PID_MAX_DEFAULT, next_pid = 1, wrapped;
static uint32_t used[PID_MAX_LIMIT / 32];       /* scratch for pid_alloc */

void pid_init(uint32_t max)
{
    pid_max = (max < PID_MAX_MIN || max > PID_MAX_LIMIT) ? PID_MAX_DEFAULT : (int)max;
}

static void mark_used(int pid)
{
    if (pid > 0 && pid < pid_max)
        used[pid / 32] |= 1u << (pid % 32);
}

/*
 * Until the first wrap-around every pid ahead has never been handed out,
 * so the next one is free: no search at all. After it, the pids in use
 * are gathered into a bitmap first (one pass over the process table and
 * the open files: a bounded cost, however many pids are taken and
 * wherever they lie), then the search goes at most once round.
 */
int pid_alloc(void)
{
    if (!wrapped && next_pid < pid_max)
        return next_pid++;
    memset(used, 0, ((uint32_t)pid_max + 31) / 32 * sizeof used[0]);
    for (int i = 0; i < proc_limit(); i++) {
        const struct proc *p = proc_at(i);
        if (p->state != P_FREE) {
            mark_used(p->pid);
            mark_used(p->pgid);
            mark_used(p->sid);
        }
    }
    pidfd_each_pid(mark_used);
    for (int tries = 0; tries < pid_max; tries++) {
        if (next_pid >= pid_max) {
            next_pid = 2;
            wrapped = 1;
        }
        int pid = next_pid++;
        if (!(used[pid / 32] & (1u << (pid % 32))))
            return pid;
    }
    return 0;
}
