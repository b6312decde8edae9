/*
 * Memory limits and running out of memory: the process side of the
 * accounting kernel/mm/vm.c keeps. Every process has a limit (the spec's
 * mem_limit_kb, or the memlimit= default); when the machine itself runs
 * out, oom_reclaim (declared in kernel/mm/vm.h, which calls it) ends the
 * process that owns the most. See docs/hardening.md, "Memory limits and
 * running out".
 */
#ifndef KERNEL_OOM_H
#define KERNEL_OOM_H

#include <stdint.h>
#include "abi/guard.h"

struct proc;

/* The default limit, in KiB; 0 picks MEM_DEFAULT_PERCENT of RAM. */
void mem_init(uint32_t default_limit_kb);
uint32_t mem_default_limit_kb(void);
/* Set p's limit from spec (NULL or 0: the default); init may also use
 * the reserve. Called once, at spawn. */
void mem_account_setup(struct proc *p, const struct guard_spec *spec);
/* p's limit in KiB, as the listing shows it. */
uint32_t mem_limit_kb(const struct proc *p);

#define MEM_DEFAULT_PERCENT 75

#endif
