/* The kernel's random bytes: AT_RANDOM, getrandom. */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <stdint.h>

/* Fill buf with n random bytes. Never blocks, never fails. */
void random_bytes(void *buf, uint32_t n);

#endif
