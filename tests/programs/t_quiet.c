/*
 * The guardian's console lines (tests/scenarios/guardian_console_lines.scn):
 * a service spawned GUARD_QUIET gets no line, but its records are in the
 * log all the same; a loud one gets the full line on the serial port and
 * a short one on the screen, which fits 80 columns.
 */
#define TEST_NAME "t_quiet"
#include "tests/programs/check.h"

#define SCREEN_TIME_MS 3000     /* the scenario reads the screen meanwhile */

static int records_of(const char *name)
{
    static struct guard_event ev[GUARD_EVENTS_MAX];
    int n = guardlog(ev, GUARD_EVENTS_MAX, 0), found = 0;
    for (int i = 0; i < n; i++)
        found += strcmp(ev[i].name, name) == 0;
    return found;
}

static int run(char *const argv[], uint32_t flags)
{
    struct guard_spec once = { .restart = RESTART_ON_FAILURE, .max_restarts = 1,
                               .window_ms = 10000, .flags = flags };
    int status = -1;
    waitpid(spawn(argv[0], argv, &once), &status, 0);
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "fault") == 0)
        return *(volatile int *)0;  /* cppcheck-suppress nullPointer ; on purpose */
    char *quiet[] = { "crash", "null", 0 }, *loud[] = { "t_quiet", "fault", 0 };
    check("the quiet service ends by SIGSEGV", run(quiet, GUARD_QUIET), W_SIGNALED(SIGSEGV));
    check("its two ends are in the log", records_of("crash"), 2);
    check("the loud service ends by SIGSEGV", run(loud, 0), W_SIGNALED(SIGSEGV));
    check("a flag the kernel does not know is refused",
          spawn("true", 0, &(struct guard_spec){ .restart = RESTART_NEVER, .flags = 0x80 }), -EINVAL);
    int status = checks_done();
    msleep(SCREEN_TIME_MS);
    return status;
}
