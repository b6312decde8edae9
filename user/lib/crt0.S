/*
 * _start: where every C program begins. The kernel built the stack the
 * Linux i386 way: esp -> argc, argv[0..argc-1], NULL, envp..., NULL, and
 * the auxiliary vector, which Warden's own programs do not need.
 */
    .text
    .globl _start
_start:
    xor     %ebp, %ebp          /* the outermost frame, for debuggers */
    mov     (%esp), %eax        /* argc */
    lea     4(%esp), %ecx       /* argv */
    lea     4(%ecx,%eax,4), %edx /* envp: past argv's NULL */
    mov     %edx, environ       /* for getenv (user/lib/env.c) */
    and     $-16, %esp          /* the ABI wants a 16-byte aligned stack */
    sub     $4, %esp
    push    %edx
    push    %ecx
    push    %eax
    call    main
    push    %eax
    call    exit                /* exit(main's result); never returns */
