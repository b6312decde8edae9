/*
 * Trap entry: one small stub per vector, all funnelling into alltraps,
 * which completes a uniform struct trapframe (kernel/x86/trap.h) and
 * calls trap(). The CPU pushes an error code for some exceptions only
 * (SDM Vol. 3A, 6.13); the other stubs push a 0 in its place so that
 * every frame has the same shape.
 */
#include "kernel/x86/gdt.h"

    .altmacro
    .macro vector_stub n
vector\n:
    .if (\n == 8) || (\n == 10) || (\n == 11) || (\n == 12) || (\n == 13) || (\n == 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
    .else
    push    $0                      /* no CPU error code: keep the shape */
    .endif
    push    $\n
    jmp     alltraps
    .endm

    .text
    .set i, 0
    .rept 256
    vector_stub %i
    .set i, i + 1
    .endr

alltraps:
    push    %ds
    push    %es
    push    %fs
    push    %gs
    pushal
    cld                             /* C code assumes DF = 0 (SysV ABI); ring 3 may have set it */
    mov     $SEG_KDATA, %ax         /* the kernel's data segment */
    mov     %ax, %ds
    mov     %ax, %es
    push    %esp                    /* trap(struct trapframe *tf) */
    call    trap
    add     $4, %esp

    .globl trap_return
trap_return:
    popal
    pop     %gs
    pop     %fs
    pop     %es
    pop     %ds
    add     $8, %esp                /* the vector number and error code */
    iret

/* The table idt.c reads: the address of each vector's stub. */
    .macro vector_address n
    .long vector\n
    .endm

    .section .rodata
    .globl trap_vectors
trap_vectors:
    .set i, 0
    .rept 256
    vector_address %i
    .set i, i + 1
    .endr
