/*
 * The caller of a function without a frame, for crash and hang reports.
 *
 * The kernel walks a stack's frame chain from ebp (kernel/proc/
 * backtrace.c). A function that has not set up its frame yet (the fault
 * is on its first instruction), or never does (GCC builds a leaf
 * function that needs no stack without one, even with
 * -fno-omit-frame-pointer), leaves ebp at its caller's frame, so the
 * chain misses the caller. Its return address is then, most likely, the
 * word at esp, which the kernel records too. Whether to believe it is
 * decided here, from the program file: the function at eip must have no
 * frame at eip, and the word must be a return address, just after a call
 * instruction (for a direct call, a call to that very function).
 */
#ifndef LIB_LEAFCALL_H
#define LIB_LEAFCALL_H

#include <stdint.h>

/* 1 when word_at_esp is to be reported as the caller's return address
 * of the function holding eip, in the ELF32 file of size bytes at file;
 * else 0 (the frame chain is complete, or nothing vouches for the word). */
int leafcall_caller(const void *file, uint32_t size, uint32_t eip, uint32_t word_at_esp);

#endif
