/* Random bytes for programs (AT_RANDOM): not cryptographic. */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <stdint.h>

/* Fill buf with n bytes. */
void random_bytes(void *buf, uint32_t n);
/* Stir more unpredictable bits into the generator (e.g. a clock). */
void random_mix(uint64_t bits);

#endif
