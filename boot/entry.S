/*
 * Multiboot v1 header and the kernel's first instructions.
 *
 * The boot loader (GRUB, or QEMU's -kernel) enters boot_entry in 32-bit
 * protected mode with paging off, eax = 0x2BADB002 and ebx = the physical
 * address of the multiboot information (Multiboot Specification 0.6.96,
 * section 3.2). The kernel is linked at 0xC0100000 but loaded at 0x100000,
 * so before any C code runs we must turn paging on with the kernel's
 * higher-half mapping in place. This file does only that.
 */
#include "abi/memlayout.h"
#include "kernel/x86/mmu.h"

#define MB_MAGIC        0x1BADB002
#define MB_PAGE_ALIGN   (1 << 0)    /* modules on page boundaries */
#define MB_MEMORY_INFO  (1 << 1)    /* we want mem_* and the memory map */
#define MB_FLAGS        (MB_PAGE_ALIGN | MB_MEMORY_INFO)

#define V2P(x)          ((x) - KERNEL_BASE)

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)    /* the three fields must sum to 0 */

    .section .boot.text, "ax"
    .globl boot_entry
boot_entry:
    /* The first thing: the time stamp counter, so that `make bench` can
     * tell how long the kernel takes from here to init (rdtsc clobbers
     * eax, which holds the multiboot magic). */
    mov     %eax, %esi
    rdtsc
    mov     %eax, V2P(boot_tsc)
    mov     %edx, V2P(boot_tsc) + 4
    mov     %esi, %eax

    /* The kernel's page directory maps every 4 MiB of the first 768 MiB
     * of physical memory at KERNEL_BASE with large (PS) global pages.
     * Entry 0 also maps the first 4 MiB at 0, just long enough to
     * execute the jump below; kvm_init removes it. */
    mov     $V2P(kernel_pgdir), %edi
    movl    $(PTE_P | PTE_W | PTE_PS), (%edi)
    mov     $(PTE_P | PTE_W | PTE_PS | PTE_G), %ecx  /* phys 0 + flags */
    lea     (PDX(KERNEL_BASE) * 4)(%edi), %esi
    mov     $(DIRECT_MAP_SIZE / LARGE_PAGE_SIZE), %edx
1:  mov     %ecx, (%esi)
    add     $LARGE_PAGE_SIZE, %ecx
    add     $4, %esi
    dec     %edx
    jnz     1b

    /* The boot stack: kmain, then the idle loop and every interrupt taken
     * while idle, run on it for good. It is mapped in 4 KiB pages at the
     * top of the kernel-stack area, through kernel/mm/vm.c's kstack_table,
     * with the page below it left unmapped: an overflow faults (and
     * panics, through the double-fault task) instead of running on into
     * kernel_pgdir, which lies just below its frame in .bss. */
    .if KSTACK_SIZE != PAGE_SIZE
    .error "the boot stack is mapped as one page"
    .endif
    movl    $(V2P(kstack_table) + PTE_P + PTE_W), (PDX(KSTACK_AREA) * 4)(%edi)
    movl    $(V2P(boot_stack) + PTE_P + PTE_W), V2P(kstack_table) + PTX(BOOT_STACK_TOP - KSTACK_SIZE) * 4

    mov     %cr4, %ecx
    or      $(CR4_PSE | CR4_PGE), %ecx
    mov     %ecx, %cr4
    mov     %edi, %cr3
    mov     %cr0, %ecx
    or      $(CR0_PG | CR0_WP), %ecx
    mov     %ecx, %cr0

    mov     $high_entry, %ecx       /* an absolute jump into the higher half */
    jmp     *%ecx

    .text
high_entry:
    mov     $BOOT_STACK_TOP, %esp
    xor     %ebp, %ebp              /* the backtrace stops at ebp == 0 */
    push    %ebx                    /* multiboot info, physical address */
    push    %eax                    /* multiboot magic */
    call    kmain
2:  cli
    hlt
    jmp     2b

    .data
    .align 8
    .globl boot_tsc
boot_tsc:
    .quad 0

    .bss
    .align PAGE_SIZE
    .globl kernel_pgdir
kernel_pgdir:
    .space PAGE_SIZE
    .globl boot_stack
boot_stack:                         /* the frame behind BOOT_STACK_TOP's page */
    .space KSTACK_SIZE
