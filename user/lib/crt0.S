/*
 * _start: where every C program begins. The kernel built the stack the
 * SysV i386 ABI way: esp -> argc, argv[0..argc-1], NULL, envp..., NULL.
 */
    .text
    .globl _start
_start:
    xor     %ebp, %ebp          /* the outermost frame, for debuggers */
    mov     (%esp), %eax        /* argc */
    lea     4(%esp), %ecx       /* argv */
    lea     4(%ecx,%eax,4), %edx /* envp: past argv's NULL */
    and     $-16, %esp          /* the ABI wants a 16-byte aligned stack */
    sub     $4, %esp
    push    %edx
    push    %ecx
    push    %eax
    call    main
    push    %eax
    call    exit                /* exit(main's result); never returns */
