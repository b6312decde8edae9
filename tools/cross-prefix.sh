#!/bin/sh
# Print the prefix of the cross toolchain to build the kernel with.
# A bare-metal i686-elf toolchain is preferred when someone has built one;
# otherwise use Debian's i686-linux-gnu one, which deps.sh can install
# (so we print it even when it is not installed yet).
if command -v i686-elf-gcc >/dev/null 2>&1; then
    echo i686-elf-
else
    echo i686-linux-gnu-
fi
