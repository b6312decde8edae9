/* System calls: the table and the dispatcher. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "kernel/x86/trap.h"

/* Each call gets the five argument registers: ebx, ecx, edx, esi, edi. */
typedef int32_t (*syscall_fn)(const uint32_t *arg);

/* Runs the call named by tf->eax and puts its result in tf->eax. */
void syscall_dispatch(struct trapframe *tf);
/* With log_unknown_calls, every call the kernel does not have is named
 * on the console (the command-line word `enosys`). */
void syscall_init(int log_unknown_calls);

/* The descriptor calls, kernel/sys/sysfile.c. */
int32_t sys_read(const uint32_t *arg);
int32_t sys_write(const uint32_t *arg);
int32_t sys_close(const uint32_t *arg);
int32_t sys_dup(const uint32_t *arg);
int32_t sys_dup2(const uint32_t *arg);
int32_t sys_fcntl(const uint32_t *arg);
int32_t sys_pipe(const uint32_t *arg);
int32_t sys_pipe2(const uint32_t *arg);
int32_t sys_poll(const uint32_t *arg);
int32_t sys_pidfd_open(const uint32_t *arg);
int32_t sys_pidfd_send_signal(const uint32_t *arg);

/* The process calls, kernel/sys/sysproc.c. */
int32_t sys_exit(const uint32_t *arg);
int32_t sys_waitpid(const uint32_t *arg);
int32_t sys_kill(const uint32_t *arg);
int32_t sys_sched_yield(const uint32_t *arg);
int32_t sys_nanosleep(const uint32_t *arg);
int32_t sys_spawn(const uint32_t *arg);
int32_t sys_heartbeat(const uint32_t *arg);
int32_t sys_guardlog(const uint32_t *arg);
int32_t sys_proclist(const uint32_t *arg);
int32_t sys_setpgid(const uint32_t *arg);
int32_t sys_getpgrp(const uint32_t *arg);
int32_t sys_getpgid(const uint32_t *arg);
int32_t sys_tcsetpgrp(const uint32_t *arg);
int32_t sys_listfiles(const uint32_t *arg);

/* The memory calls, kernel/sys/sysmem.c. */
int32_t sys_brk(const uint32_t *arg);
int32_t sys_mmap2(const uint32_t *arg);
int32_t sys_munmap(const uint32_t *arg);
int32_t sys_mprotect(const uint32_t *arg);
int32_t sys_madvise(const uint32_t *arg);

#endif
