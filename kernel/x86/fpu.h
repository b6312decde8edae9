/* The x87/SSE unit, lent to one process at a time. */
#ifndef X86_FPU_H
#define X86_FPU_H

#include <stdint.h>

#define FPU_STATE_SIZE 512      /* the FXSAVE area (SDM Vol. 1, 10.5.1) */

struct fpu_state {
    uint8_t bytes[FPU_STATE_SIZE];
} __attribute__((aligned(16)));

/* Checks for FXSR and SSE, enables them, and records a clean state. */
void fpu_init(void);
/* A fresh process's state: as after FNINIT, SSE exceptions masked. */
void fpu_clean_state(struct fpu_state *s);
void fpu_save(struct fpu_state *s);
void fpu_restore(const struct fpu_state *s);
/* Arm or disarm the #NM trap on the next FPU instruction (CR0.TS). */
void fpu_trap_next_use(int on);

#endif
