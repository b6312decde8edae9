# The classic first program, as every student has seen it: write(1, msg,
# len) then exit(0), with Linux i386 system call numbers, no runtime at
# all. Built with `as --32` and `ld -m elf_i386`.
        .data
msg:    .ascii "Hello, world!\n"
len = . - msg

        .text
        .globl _start
_start:
        movl    $4, %eax        # write
        movl    $1, %ebx        # fd 1: standard output
        movl    $msg, %ecx
        movl    $len, %edx
        int     $0x80

        movl    $1, %eax        # exit
        movl    $0, %ebx        # status 0
        int     $0x80
