/*
 * Unknown system calls get -ENOSYS, and with the command-line word
 * `enosys` the kernel names each one (tests/scenarios/user_enosys.scn).
 */
#define TEST_NAME "t_enosys"
#include "tests/programs/check.h"

#define NOT_A_LINUX_CALL  999       /* below this kernel's own calls */
#define NOT_OUR_CALL      5000      /* past them */

int main(void)
{
    check("call 999 is unknown", syscall(NOT_A_LINUX_CALL, 0, 0, 0, 0, 0), -ENOSYS);
    check("call 5000 is unknown", syscall(NOT_OUR_CALL, 0, 0, 0, 0, 0), -ENOSYS);
    check("call -1 is unknown", syscall(-1, 0, 0, 0, 0, 0), -ENOSYS);
    return checks_done();
}
