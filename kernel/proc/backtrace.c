/*
 * The call chain of a user stack, for crash and hang reports.
 *
 * A function compiled with frame pointers begins with
 *
 *     push %ebp            the caller's frame
 *     mov  %esp, %ebp      this one's
 *
 * so, while it runs, ebp points at two words: the caller's ebp, and
 * above it the return address into the caller. Following the saved ebp
 * from frame to frame gives every return address up to _start, whose ebp
 * is 0 (user/lib/crt0.S).
 *
 * Nothing on a user stack can be trusted: a program may have been built
 * without frame pointers, may have overwritten its stack, or may be
 * hostile. So every word is read through vm_read, which refuses what is
 * not mapped for the user, and the walk stops at the first frame that
 * breaks the rules: a frame must be 4-byte aligned, lie in the stack
 * region, above the stack pointer, and each frame must be higher than
 * the last (the stack grows down, so callers' frames are higher). That
 * last rule also ends any loop, and the walk takes at most
 * GUARD_CHAIN_LEN steps.
 */
#include "kernel/proc/backtrace.h"
#include "abi/memlayout.h"

/* The two words at a frame: the caller's ebp, the return address. */
struct frame {
    uint32_t saved_ebp;
    uint32_t return_address;
};

static uint32_t walk_chain(pde_t *pgdir, uint32_t ebp, uint32_t esp, uint32_t *chain)
{
    uint32_t n = 0;
    uint32_t lowest = esp > USER_STACK_LOW ? esp : USER_STACK_LOW;
    while (n < GUARD_CHAIN_LEN) {
        struct frame f;
        if (ebp % 4 != 0 || ebp < lowest || ebp > USER_TOP - sizeof f ||
            vm_read(pgdir, ebp, &f, sizeof f) < 0 || f.return_address == 0)
            break;
        chain[n++] = f.return_address;
        if (f.saved_ebp <= ebp)
            break;                  /* the outermost frame (0), or a broken chain */
        lowest = ebp + sizeof f;
        ebp = f.saved_ebp;
    }
    return n;
}

void backtrace_record(struct proc_end *end, const struct proc *p, const struct trapframe *tf)
{
    end->eip = tf->eip;
    end->eax = tf->eax;
    end->ebx = tf->ebx;
    end->ecx = tf->ecx;
    end->edx = tf->edx;
    end->esi = tf->esi;
    end->edi = tf->edi;
    end->ebp = tf->ebp;
    end->esp = tf->user_esp;
    end->chain_len = 0;
    end->esp_word = 0;
    if (!p->pgdir)
        return;
    end->chain_len = walk_chain(p->pgdir, tf->ebp, tf->user_esp, end->chain);
    /* A function without a frame (not set up yet, or a leaf GCC built
     * without one) leaves ebp at its caller's frame: the walk above misses
     * the caller, whose return address is then most likely here. Whether
     * it is, the report decides from the program file (lib/leafcall.h). */
    if (vm_read(p->pgdir, tf->user_esp, &end->esp_word, sizeof end->esp_word) < 0)
        end->esp_word = 0;
}
