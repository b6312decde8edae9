/*
 * The ring boundary from the user's side: every bad pointer handed to a
 * system call gets -EFAULT and the caller lives on; unknown system call
 * numbers get -ENOSYS; brk and clock_gettime behave.
 */
#define TEST_NAME "t_usercopy"
#include "tests/programs/check.h"

int main(void)
{
    static const char text[] = "ok\n";
    check("write to fd 1", write(1, text, 3), 3);
    check("write from NULL", write(1, 0, 4), -EFAULT);
    check("write from small offset", write(1, (void *)16, 4), -EFAULT);
    check("write from the kernel", write(1, (void *)0xC0100000, 16), -EFAULT);
    check("write straddling into the kernel", write(1, (void *)0xBFFFFFF0, 64), -EFAULT);
    check("write wrapping around", write(1, (void *)0xFFFFFFF0, 32), -EFAULT);
    check("write from unmapped user memory", write(1, (void *)0x40000000, 8), -EFAULT);
    check("write to a bad fd", write(7, text, 3), -EBADF);
    check("read into own text", read(0, (void *)&main, 1), -EFAULT);
    check("clock_gettime to NULL", clock_gettime(CLOCK_MONOTONIC, 0), -EFAULT);
    check("clock_gettime to the kernel",
          clock_gettime(CLOCK_MONOTONIC, (struct timespec *)0xC0000000), -EFAULT);
    check("clock_gettime bad clock", clock_gettime(99, &(struct timespec){0, 0}), -EINVAL);
    check("unknown call 999", syscall(999, 0, 0, 0, 0, 0), -ENOSYS);
    check("unknown call -1", syscall(-1, 0, 0, 0, 0, 0), -ENOSYS);
    check("unknown call 0x7fffffff", syscall(0x7fffffff, 0, 0, 0, 0, 0), -ENOSYS);
    check("unknown call 17 (break)", syscall(17, 0, 0, 0, 0, 0), -ENOSYS);

    char *base = brk(0);
    check("brk grows by a page", (long)brk(base + 4096), (long)(base + 4096));
    base[4095] = 'x';                       /* the new page is ours */
    /* Refused: Linux's brk returns the old break, never an error. */
    check("brk into the stack is refused: the old break", (long)brk((void *)0xBFF00000),
          (long)(base + 4096));
    check("brk into the kernel is refused: the old break", (long)brk((void *)0xC0001000),
          (long)(base + 4096));
    check("brk into the mmap area is refused: the old break", (long)brk((void *)MMAP_BASE),
          (long)(base + 4096));
    check("brk shrinks back", (long)brk(base), (long)base);
    check("brk(0) reports the break", (long)brk(0), (long)base);

    char *p = malloc(100000);
    check("malloc 100000", p != 0, 1);
    memset(p, 7, 100000);
    free(p);
    return checks_done();
}
