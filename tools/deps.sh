#!/usr/bin/env bash
# Make sure the tools needed to build, boot and test the kernel are installed.
#
#   tools/deps.sh           install whatever is missing (Debian/Ubuntu apt)
#   tools/deps.sh --check   only report what is missing
#
# It runs before every `make run` and `make test`, so when nothing is missing
# it prints nothing and exits 0 straight away.
#
# Besides the tools, the tests run real Linux programs: Debian's i386 musl
# and busybox are downloaded from Debian's archive and unpacked into
# build/deps/root (never installed into the system); glibc for i386 comes
# as a cross-compiling package, libc6-dev-i386-cross, installed like the
# tools.
set -u

cd "$(dirname "$0")/.." || exit 1
CROSS=${CROSS:-$(tools/cross-prefix.sh)}
check_only=
[ "${1:-}" = --check ] && check_only=1

# Each line: what must exist, and the Debian package that provides it.
# The cross tools always map to Debian's i686-linux-gnu packages, since apt
# has no i686-elf toolchain (that one has to be built by hand).
needs="
${CROSS}gcc              gcc-i686-linux-gnu
${CROSS}ld               binutils-i686-linux-gnu
${CROSS}objcopy          binutils-i686-linux-gnu
${CROSS}nm               binutils-i686-linux-gnu
gcc                      gcc
make                     make
tar                      tar
qemu-system-i386         qemu-system-x86
grub-mkrescue            grub-common
grub-file                grub-common
xorriso                  xorriso
mformat                  mtools
/usr/lib/grub/i386-pc    grub-pc-bin
python3                  python3
cppcheck                 cppcheck
clang-tidy               clang-tidy
gdb                      gdb
/usr/i686-linux-gnu/lib/libc.a  libc6-dev-i386-cross
"
# (cppcheck and clang-tidy are the static checks `make test` runs; python3
# runs the timeline tool, tools/timeline.py, and its tests; gdb is for
# `make debug`, and `make test` drives it to check that debugging leaves
# no QEMU behind.
# grub-mkrescue only makes a BIOS-bootable ISO when the i386-pc files
# from grub-pc-bin are present; without them it quietly makes a useless one.)

# Fill $missing (names) and $pkgs (packages, each once) from the list above.
find_missing() {
    missing='' pkgs=''
    while read -r what pkg; do
        [ -n "$what" ] || continue
        case $what in
            /*) [ -e "$what" ] && continue ;;
            *) command -v "$what" >/dev/null 2>&1 && continue ;;
        esac
        missing="$missing $what"
        case " $pkgs " in *" $pkg "*) ;; *) pkgs="$pkgs $pkg" ;; esac
    done <<< "$needs"
}

# Explain what is missing and exactly how to fix it, then give up.
give_up() {
    sudo=sudo
    [ "$(id -u)" -eq 0 ] && sudo=
    echo "deps: missing:$missing" >&2
    echo "deps: install them with:" >&2
    echo "    ${sudo:+sudo }apt-get install$pkgs" >&2
    if [ -n "$foreign" ]; then
        echo "deps: (no package provides ${CROSS}gcc and friends; after installing," >&2
        echo "      build with CROSS=i686-linux-gnu- or leave CROSS unset)" >&2
    fi
    command -v apt-get >/dev/null 2>&1 ||
        echo "deps: this system has no apt-get; install the equivalent packages." >&2
    exit 1
}

# Debian's i386 builds of musl and busybox, unpacked under build/deps.
DEPS=build/deps
ARCHIVE_PACKAGES="musl:i386 musl-dev:i386 busybox-static:i386"
archive_programs_there() {
    [ -f "$DEPS/root/bin/busybox" ] && [ -f "$DEPS/root/usr/lib/i386-linux-musl/libc.a" ]
}

fetch_archive_programs() {
    archive_programs_there && return 0
    if [ -n "$check_only" ]; then
        echo "deps: missing: $ARCHIVE_PACKAGES, unpacked in $DEPS (tools/deps.sh fetches them)" >&2
        exit 1
    fi
    # apt knows i386 packages only once the architecture is added.
    if ! dpkg --print-foreign-architectures | grep -qx i386; then
        $as_root dpkg --add-architecture i386 || give_up
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get update || true
    fi
    rm -rf "$DEPS/debs" "$DEPS/root"
    mkdir -p "$DEPS/debs" "$DEPS/root"
    # shellcheck disable=SC2086  # a list of words on purpose
    if ! (cd "$DEPS/debs" && apt-get download $ARCHIVE_PACKAGES); then
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get update || true
        # shellcheck disable=SC2086
        (cd "$DEPS/debs" && apt-get download $ARCHIVE_PACKAGES) ||
            { echo "deps: cannot download $ARCHIVE_PACKAGES" >&2; exit 1; }
    fi
    for deb in "$DEPS"/debs/*.deb; do
        dpkg-deb -x "$deb" "$DEPS/root" || exit 1
    done
    archive_programs_there || { echo "deps: $DEPS/root is incomplete" >&2; exit 1; }
}

# Installing needs root: be root already, or ask through sudo.
as_root=
[ "$(id -u)" -eq 0 ] || as_root=sudo

find_missing
if [ -z "$missing" ]; then            # the usual case: all there, say nothing
    fetch_archive_programs
    exit 0
fi

# Is part of a toolchain with some other prefix (say i686-elf-) missing?
# apt cannot provide that, so installing would not fix it.
foreign=
[ "$CROSS" != i686-linux-gnu- ] && case "$missing " in *" $CROSS"*) foreign=1 ;; esac

[ -n "$check_only" ] && give_up
[ -n "$foreign" ] && give_up
command -v apt-get >/dev/null 2>&1 || give_up

[ -z "$as_root" ] || command -v sudo >/dev/null 2>&1 || give_up

echo "deps: installing:$pkgs" >&2
# `env` passes the variable through sudo, which would otherwise drop it.
# A failed update (say, one broken mirror) need not stop the install.
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update ||
    echo "deps: apt-get update failed; trying the install anyway" >&2
# shellcheck disable=SC2086  # $pkgs is a list of words on purpose
$as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends $pkgs

# Believe it only when the tools are really there now.
find_missing
[ -z "$missing" ] || give_up
fetch_archive_programs
