/* Prints its arguments and its environment, one per line: the process
 * entry follows the Linux i386 ABI (argc, argv, NULL, envp, NULL, the
 * auxiliary vector, on the stack). */
#include "user/lib/runtime.h"

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    printf("argv[argc]=%s\n", argv[argc] ? "set" : "NULL");
    int n = 0;
    for (; envp[n]; n++)
        printf("envp[%d]=%s\n", n, envp[n]);
    printf("envp[%d]=NULL\n", n);
    return 0;
}
