/*
 * void context_switch(struct context **save, struct context *load)
 *
 * Saves the callee-saved registers (the C calling convention says the
 * caller expects ebx, esi, edi and ebp back; eax, ecx and edx it does not)
 * on the current kernel stack, stores the stack pointer in *save, then
 * loads the other stack and pops its registers. The "ret" returns into
 * whatever the other stack was doing when it was saved: another process's
 * context_switch call, or trap_return for a process that never ran.
 */
    .text
    .globl context_switch
context_switch:
    mov     4(%esp), %eax       /* save */
    mov     8(%esp), %edx       /* load */
    push    %ebp
    push    %ebx
    push    %esi
    push    %edi
    mov     %esp, (%eax)        /* *save = this stack, as a struct context */
    mov     %edx, %esp          /* the switch itself */
    pop     %edi
    pop     %esi
    pop     %ebx
    pop     %ebp
    ret
