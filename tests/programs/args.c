/* Prints its arguments, one per line: the process entry follows the SysV
 * i386 ABI (argc, argv, NULL, envp, NULL on the stack). */
#include "user/lib/runtime.h"

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    printf("argv[argc]=%s envp[0]=%s\n", argv[argc] ? "set" : "NULL", envp[0] ? "set" : "NULL");
    return 0;
}
