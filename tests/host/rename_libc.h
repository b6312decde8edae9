/*
 * rename_libc.h - give the project's string functions other names on the host.
 *
 * lib/string.c defines memcpy, strlen and the rest, because the kernel has
 * no C library. A host test program, however, is linked with the host's C
 * library and with the sanitizer runtime, which both define those names
 * too. If lib/string.c kept them, its versions would take over for the whole
 * program - inside printf and inside the sanitizers as well - so a bug under
 * test could break the test harness itself, and libc could no longer serve
 * as a trustworthy reference.
 *
 * The trick: the host build (tests/host/Makefile.inc) compiles the code
 * under test - the sources in lib/ and any extra ones a test lists - with
 *
 *     gcc -include tests/host/rename_libc.h ...
 *
 * which works as if each file began with #include of this header. The macros
 * below then turn each name into a lib_ one (memcpy into lib_memcpy, ...) in
 * lib/string.c's definitions and in every call from that code, so the test
 * program contains both lib_memcpy, the code under test, and the real
 * memcpy, untouched.
 *
 * A test includes this header itself, right before "lib/string.h", so that
 * it sees the functions under test declared as lib_memcpy and so on. Names
 * that appeared earlier in the test (for instance in the host's <string.h>)
 * were not renamed and still mean the real C library, the oracle.
 *
 * Only the host tests use this file; the kernel build never sees it. Keep the
 * list in step with lib/string.h.
 */
#ifndef TESTS_HOST_RENAME_LIBC_H
#define TESTS_HOST_RENAME_LIBC_H

#define memset  lib_memset
#define memcpy  lib_memcpy
#define memmove lib_memmove
#define memcmp  lib_memcmp
#define memchr  lib_memchr
#define strlen  lib_strlen
#define strnlen lib_strnlen
#define strcmp  lib_strcmp
#define strncmp lib_strncmp
#define strchr  lib_strchr
#define strrchr lib_strrchr
#define strlcpy lib_strlcpy

#endif /* TESTS_HOST_RENAME_LIBC_H */
