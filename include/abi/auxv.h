/*
 * The auxiliary vector: (type, value) pairs the kernel puts on a new
 * program's stack after envp, ending with AT_NULL (docs/linux.md). The
 * types are Linux's numbers, as getauxval(3) and <elf.h> list them.
 */
#ifndef ABI_AUXV_H
#define ABI_AUXV_H

#define AT_NULL          0      /* the end of the vector */
#define AT_PHDR          3      /* the program headers' address in memory */
#define AT_PHENT         4      /* the size of one program header */
#define AT_PHNUM         5      /* how many program headers */
#define AT_PAGESZ        6      /* the page size */
#define AT_ENTRY         9      /* the program's entry point */
#define AT_UID          11      /* real user id */
#define AT_EUID         12      /* effective user id */
#define AT_GID          13      /* real group id */
#define AT_EGID         14      /* effective group id */
#define AT_PLATFORM     15      /* address of a string naming the CPU: "i686" */
#define AT_HWCAP        16      /* CPU features: CPUID leaf 1, EDX */
#define AT_CLKTCK       17      /* clock ticks per second, for times(2) */
#define AT_SECURE       23      /* 1: started with raised privileges */
#define AT_RANDOM       25      /* address of 16 random bytes */
#define AT_EXECFN       31      /* address of the program's path string */

#endif
