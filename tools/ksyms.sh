#!/bin/sh
# Turn `nm -n kernel.elf` (address-sorted) into the assembly source of the
# kernel's symbol table (see kernel/ksyms.c). Only code symbols (t, T) are
# kept: a backtrace names functions. With no input file it writes the
# empty table used by the first link.
#   usage: tools/ksyms.sh NM-OUTPUT > build/ksyms.S
set -eu
{
    [ $# -gt 0 ] && awk '$2 == "t" || $2 == "T" { print $1, $3 }' "$1"
} | awk '
BEGIN {
    n = 0
    print "\t.section .ksyms, \"a\""
    print "\t.globl ksyms, ksyms_count"
    print "\t.align 4"
}
{ addr[n] = $1; name[n] = $2; n++ }
END {
    print "ksyms_count:\n\t.long " n + 0
    print "ksyms:"
    for (i = 0; i < n; i++)
        printf "\t.long 0x%s, .Lname%d\n", addr[i], i
    for (i = 0; i < n; i++)
        printf ".Lname%d:\t.asciz \"%s\"\n", i, name[i]
}'
