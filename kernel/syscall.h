/* System calls: the table and the dispatcher. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "kernel/x86/trap.h"

/* Each call gets the five argument registers: ebx, ecx, edx, esi, edi. */
typedef int32_t (*syscall_fn)(const uint32_t *arg);

/* Runs the call named by tf->eax and puts its result in tf->eax. */
void syscall_dispatch(struct trapframe *tf);

/* The process calls, kernel/sysproc.c. */
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

#endif
