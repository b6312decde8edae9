/*
 * Pid numbers: handed out in turn below pid_max, wrapping around, and
 * never while something still names them (see kernel/proc/pid.c).
 */
#ifndef KERNEL_PID_H
#define KERNEL_PID_H

#include <stdint.h>

#define PID_MAX_DEFAULT 32768   /* pids stay below it; pidmax= picks another */
#define PID_MAX_MIN     8
#define PID_MAX_LIMIT   32768

/* Pids stay below max (pidmax=); a value outside PID_MAX_MIN to
 * PID_MAX_LIMIT gives the default. */
void pid_init(uint32_t max);
/* The next pid that names nothing, or 0 when every pid is in use. */
int pid_alloc(void);

#endif
