#!/usr/bin/env bash
# Record what busybox's feature test prints on Linux, the output that the
# scenario linux_busybox_script compares Warden's with:
#
#   tools/record-linux.sh          rewrite tests/busybox/features.linux.out
#   tools/record-linux.sh --diff   only show how a new recording differs
#
# It runs the very busybox that the ramdisk holds, Debian's i386
# busybox-static (build/deps/root/bin/busybox, fetched by tools/deps.sh),
# on this machine's Linux kernel, as
#
#   cd / && env -i PATH=/bin HOME=/ TERM=linux \
#       busybox sh tests/busybox/features.sh tests/busybox/data
#
# with standard output and standard error together, the same environment
# as init's on Warden. How an i386 program runs here, and why so:
#
# * An x86-64 machine without the kernel's 32-bit support cannot execute
#   i386 programs ("exec format error"), so they run under qemu-i386, QEMU's
#   user-mode emulator (Debian's qemu-user, installed by this tool when it
#   is missing, and only by it: `make test` needs only the recorded file).
#   qemu-i386 translates the instructions and hands each system call to
#   the host's Linux kernel, so what the script sees is Linux's behaviour:
#   its fork, execve, wait4, signals, pipes and clocks.
# * Busybox runs many applets by executing itself again, as
#   execve("/proc/self/exe", ...). Under qemu-i386 that path means the
#   i386 busybox file, which Linux again cannot execute; busybox would then
#   look the applet up in PATH and quietly run this machine's own program
#   of that name (GNU wc, GNU sleep) instead. So the tool registers i386
#   programs with binfmt_misc, the kernel's table of interpreters for
#   foreign executables: every execve of an i386 file then starts
#   qemu-i386 on it, exactly as Linux starts busybox again.
# * The registration is private: the run happens in a new user namespace
#   and mount namespace (`unshare --user --map-root-user --mount`, no root
#   needed), and binfmt_misc mounted there (Linux 6.7 and later give each
#   user namespace a binfmt_misc of its own) sees only that run. Nothing
#   of the host's configuration changes.
# * The registration has the `P` flag, so that the interpreter receives
#   the program's argv[0] (an applet's name, such as `wc`); a small script
#   made here passes it on with `qemu-i386 -0 ARGV0`.
#
# The recording kept in the repository was made this way, with Debian 12's
# qemu-user 7.2 and busybox-static 1.35.0 (i386), on Linux 6.18 x86-64.
set -u
cd "$(dirname "$0")/.." || exit 1

out=tests/busybox/features.linux.out
bb=$PWD/build/deps/root/bin/busybox
diff_only=
[ "${1:-}" = --diff ] && diff_only=1

[ -f "$bb" ] || tools/deps.sh || exit 1
if ! command -v qemu-i386 > /dev/null; then
    sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "record-linux: installing qemu-user (qemu-i386)" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends qemu-user ||
        { echo "record-linux: cannot install qemu-user" >&2; exit 1; }
fi
qemu=$(command -v qemu-i386)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The interpreter: with the P flag, Linux calls it as
#   interpreter /path/of/program argv0 argv1 ...
cat > "$work/run-i386" <<EOF
#!/bin/sh
program=\$1 argv0=\$2
shift 2
exec "$qemu" -0 "\$argv0" "\$program" "\$@"
EOF
chmod +x "$work/run-i386"

# An ELF header's first 20 bytes: magic, 32-bit (1), little-endian (1),
# version 1, then (skipping OS ABI and padding) e_type 2 or 3 (the mask
# leaves out bit 0) and e_machine 3, EM_386. binfmt_misc decodes the \x.
magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
mask='\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\xfe\xff\xff\xff'
cat > "$work/inside" <<EOF
#!/bin/sh
set -e
mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
printf '%s\n' ':i386:M::$magic:$mask:$work/run-i386:P' > /proc/sys/fs/binfmt_misc/register
cd /
exec env -i PATH=/bin HOME=/ TERM=linux "$bb" sh "$PWD/tests/busybox/features.sh" "$PWD/tests/busybox/data"
EOF
chmod +x "$work/inside"

if ! unshare --user --map-root-user --mount "$work/inside" > "$work/out" 2>&1; then
    echo "record-linux: the run failed (a kernel older than 6.7, or user namespaces not allowed?):" >&2
    sed 's/^/    /' "$work/out" >&2
    exit 1
fi
if [ -n "$diff_only" ]; then
    diff -u "$out" "$work/out" && echo "record-linux: same as $out"
    exit
fi
cp "$work/out" "$out"
echo "record-linux: $out: $(wc -l < "$out") lines"
