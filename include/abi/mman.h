/*
 * Memory mappings: the flags of mmap2, mprotect and madvise, with their
 * Linux i386 values. Only anonymous private memory is mapped; the
 * others are named so that they can be refused by name
 * (docs/linux.md, "Part B: memory").
 */
#ifndef ABI_MMAN_H
#define ABI_MMAN_H

/* prot: what the program may do with the pages. On i386 without NX, a
 * readable page is executable and a writable one readable. */
#define PROT_NONE        0x0
#define PROT_READ        0x1
#define PROT_WRITE       0x2
#define PROT_EXEC        0x4

/* flags: the type (one of the first three) and modifiers */
#define MAP_SHARED       0x01     /* refused: -EINVAL */
#define MAP_PRIVATE      0x02
#define MAP_SHARED_VALIDATE 0x03  /* refused: -EINVAL */
#define MAP_TYPE         0x0f
#define MAP_FIXED        0x10     /* exactly at addr, replacing what is there */
#define MAP_ANONYMOUS    0x20     /* no file: zeroed pages */
#define MAP_DENYWRITE    0x0800   /* accepted and ignored, as Linux does */
#define MAP_EXECUTABLE   0x1000   /* accepted and ignored, as Linux does */
#define MAP_NORESERVE    0x4000   /* accepted: nothing is reserved anyway */
#define MAP_POPULATE     0x8000   /* accepted: pages are always mapped at once */
#define MAP_STACK        0x20000  /* accepted: a hint only */
#define MAP_FAILED       ((void *)-1)

/* madvise advice */
#define MADV_NORMAL      0
#define MADV_RANDOM      1
#define MADV_SEQUENTIAL  2
#define MADV_WILLNEED    3
#define MADV_DONTNEED    4        /* the pages read as zeros afterwards */
#define MADV_FREE        8
#define MADV_REMOVE      9        /* refused: only for shared mappings */
#define MADV_COLD        20
#define MADV_PAGEOUT     21

#define MMAP_REGIONS     64       /* mappings a process may hold at once */

#endif
