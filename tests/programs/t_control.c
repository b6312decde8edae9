/*
 * t_control: writes one raw request to init's control pipe (descriptor
 * 14, user/init/control.h), as svc would but with any words, for the
 * scenario init_svc_async. Its arguments are the request's words, "self"
 * standing for its own pid:
 *   t_control 2 1 list       names another process's descriptor (init
 *                            must refuse: only the shell's side may ask)
 *   t_control self 9 list    names a descriptor it does not have
 * It does not wait for an answer: init answers through the pipe named,
 * or says on the console why it cannot.
 */
#include "user/lib/runtime.h"
#include "user/init/control.h"

int main(int argc, char **argv)
{
    char request[CONTROL_LINE_MAX];
    int at = 0;
    for (int i = 1; i < argc && at < (int)sizeof request; i++) {
        if (strcmp(argv[i], "self") == 0)
            at += format_buf(request + at, sizeof request - (size_t)at, "%d ", getpid());
        else
            at += format_buf(request + at, sizeof request - (size_t)at, "%s ", argv[i]);
    }
    if (at == 0 || at >= (int)sizeof request) {
        dprintf(2, "usage: t_control WORD... (self: my pid), under %d characters\n",
                CONTROL_LINE_MAX);
        return 2;
    }
    request[at - 1] = '\n';
    int r = write(CONTROL_REQUEST_FD, request, (size_t)at);
    if (r < 0) {
        printf("t_control: %s\n", error_text(r));
        return 1;
    }
    msleep(200);            /* still here while init looks at the request */
    return 0;
}
