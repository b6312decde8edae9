/*
 * ioctl(fd, request, arg): only the console answers, as a terminal
 * (kernel/dev/tty.c); a pipe or a pidfd is not one (-ENOTTY), which is
 * how a C library's isatty tells them apart.
 *
 *   TCGETS                  the terminal settings, struct termios
 *   TCSETS                  new settings, in force at once
 *   TCSETSW                 the same once the output has gone out
 *   TCSETSF                 the same, and the typed input is discarded
 *   TCFLSH                  discard typed input (TCIFLUSH, TCIOFLUSH);
 *                           output (TCOFLUSH) is never discarded
 *   TIOCGWINSZ              the size: 80 columns, the console's rows
 *   TIOCGPGRP, TIOCSPGRP    the foreground process group, under the rule
 *                           of Warden's tcsetpgrp (kernel/sys/sysproc.c)
 *   FIONREAD                how many typed bytes are readable now (in
 *                           canonical mode: of complete lines)
 * Any other request on the console is -ENOTTY, as on Linux.
 */
#include "kernel/sys/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/dev/console.h"
#include "kernel/dev/tty.h"
#include "abi/termios.h"
#include "abi/errno.h"

static int console_ioctl(uint32_t request, uint32_t uarg)
{
    struct termios t;
    struct winsize w;
    int32_t v;
    switch (request) {
    case TCGETS:
        return copy_to_user(uarg, tty_settings(), sizeof t);
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        if (copy_from_user(&t, uarg, sizeof t) < 0)
            return -EFAULT;
        if (request == TCSETSW && (v = console_wait_drained()) < 0)
            return v;
        if (request == TCSETSF)
            console_flush_input();
        tty_set_settings(&t);
        return 0;
    case TCFLSH:
        if (uarg > TCIOFLUSH)
            return -EINVAL;
        if (uarg != TCOFLUSH)
            console_flush_input();
        return 0;
    case TIOCGWINSZ:
        tty_window_size(&w);
        return copy_to_user(uarg, &w, sizeof w);
    case TIOCGPGRP:
        /* Warden has no sessions: the console is everyone's terminal.
         * With no group in front, it answers the caller's own group, as
         * a terminal answers the session that owns it; a shell then
         * turns job control on and puts its jobs in front (TIOCSPGRP). */
        v = console_foreground();
        if (v == 0)
            v = current->pgid;
        return copy_to_user(uarg, &v, sizeof v);
    case TIOCSPGRP:
        if (copy_from_user(&v, uarg, sizeof v) < 0)
            return -EFAULT;
        if (v <= 0)
            return v < 0 ? -EINVAL : -ESRCH;     /* Linux has no "none" */
        return sys_tcsetpgrp((const uint32_t[5]){ (uint32_t)v });
    case FIONREAD:
        v = console_input_count();
        return copy_to_user(uarg, &v, sizeof v);
    }
    return -ENOTTY;
}

int32_t sys_ioctl(const uint32_t *arg)
{
    struct openfile *f = fd_get(current, (int)arg[0]);
    if (!f)
        return -EBADF;
    return f->type == OF_CONSOLE ? console_ioctl(arg[1], arg[2]) : -ENOTTY;
}
