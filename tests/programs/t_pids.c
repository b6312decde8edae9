/*
 * Pids wrap around and are never handed out while something names them.
 * Run as init with a small pidmax= (the scenario uses 32): pids then go
 * round every 30 spawns, and each must skip
 *   - a long-lived process,
 *   - a zombie not yet reaped,
 *   - the id of a group whose leader is gone but whose member lives,
 *   - the pid of a reaped process that an open pidfd still names;
 * and once the pidfd is closed, its pid comes back into use.
 *   t_pids             the test (as init)
 *   t_pids nap         sleeps until killed
 */
#define TEST_NAME "t_pids"
#include "tests/programs/check.h"

#define PID_MAX 32              /* the scenario's pidmax= */
#define NBUSY   5               /* pids named below, besides init's */
#define FREE    (PID_MAX - 2 - NBUSY)   /* pids 2..31, less the busy ones */
#define LAPS    3

static char *nap_argv[] = { "t_pids", "nap", 0 };
static char *true_argv[] = { "true", 0 };

/* What n spawns (each reaped at once) handed out. */
struct round {
    int out_of_range, collisions, distinct, smallest, times_wanted;
};

static struct round spawn_round(int n, const int *busy, int nbusy, int wanted)
{
    struct round r = { .smallest = PID_MAX };
    uint32_t seen = 0;
    for (int i = 0; i < n; i++) {
        int pid = spawn("true", true_argv, 0);
        if (pid > 0)
            waitpid(pid, 0, 0);
        if (pid < 2 || pid >= PID_MAX) {
            r.out_of_range++;
            continue;
        }
        for (int b = 0; b < nbusy; b++)
            r.collisions += pid == busy[b];
        r.distinct += !(seen & (1u << pid));
        seen |= 1u << pid;
        r.smallest = pid < r.smallest ? pid : r.smallest;
        r.times_wanted += pid == wanted;
    }
    return r;
}

static int smallest_free(const int *busy, int nbusy)
{
    for (int pid = 2;; pid++) {
        int taken = 0;
        for (int b = 0; b < nbusy; b++)
            taken |= pid == busy[b];
        if (!taken)
            return pid;
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "nap") == 0) {
        msleep(1000000);
        return 0;
    }
    int lived = spawn("t_pids", nap_argv, 0);

    int zombie = spawn("true", true_argv, 0);
    int zfd = pidfd_open(zombie, 0), zstatus = -1;
    read(zfd, &zstatus, sizeof zstatus);        /* until it has ended */
    close(zfd);

    int leader = spawn("t_pids", nap_argv, 0);
    setpgid(leader, leader);
    int member = spawn("t_pids", nap_argv, 0);
    setpgid(member, leader);
    kill(leader, SIGKILL);
    waitpid(leader, 0, 0);                      /* group `leader` lives on */

    int named = spawn("true", true_argv, 0);
    int fd = pidfd_open(named, 0);
    waitpid(named, 0, 0);                       /* gone, but the pidfd names it */

    int busy[NBUSY] = { lived, zombie, leader, member, named };
    printf("t_pids: busy pids %d %d %d %d %d\n", lived, zombie, leader, member, named);
    struct round r = spawn_round(LAPS * FREE, busy, NBUSY, 0);
    check("every pid handed out is in 2..pidmax-1", r.out_of_range, 0);
    check("pids wrapped round to the smallest free one", r.smallest, smallest_free(busy, NBUSY));
    check("no pid in use (process, zombie, group, pidfd) was handed out", r.collisions, 0);
    r = spawn_round(FREE, busy, NBUSY, 0);
    check("one lap hands out every free pid exactly once", r.distinct, FREE);

    close(fd);
    r = spawn_round(FREE + 1, busy, NBUSY - 1, named);
    check("with the pidfd closed, its pid is handed out again, once a lap", r.times_wanted, 1);
    check("and still no other pid in use", r.collisions, 0);

    kill(lived, SIGKILL);
    kill(member, SIGKILL);
    waitpid(-1, 0, 0);
    waitpid(-1, 0, 0);
    waitpid(-1, 0, 0);
    check("the long-lived, the member and the zombie reaped, nothing left", waitpid(-1, 0, WNOHANG),
          -ECHILD);
    return checks_done();
}
