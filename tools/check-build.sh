#!/usr/bin/env bash
# Checks of the build and the make targets themselves, which no scenario
# can see (`make test` runs them after building; docs/testing.md):
#
#   build/second-make-does-nothing   a fresh copy of the tree, built twice:
#                                    the second `make` must build nothing
#   build/ramdisk-programs-stripped  the ramdisk's programs carry no debug
#                                    information but keep their symbols;
#                                    build/bin/ keeps the full ones for gdb
#   build/help-lists-readme-targets  every target in the README's table is
#                                    in `make help`
#   debug/no-qemu-left               `make debug` with a scripted gdb leaves
#                                    no QEMU behind
#   debug/refuses-busy-port          `make debug` says so and stops when its
#                                    gdb port is taken
#   (the debug checks use a free port of their own, not 1234)
#
#   tools/check-build.sh [NAME...]   only the checks whose names contain NAME
#
# Prints "PASS: name" or "FAIL: name: reason", like every test, and
# "SKIP: name: reason" when a tool the check needs is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CROSS=${CROSS:-$(tools/cross-prefix.sh)}

# Run make as a user would from a shell, not as a child of `make test`
# (whose settings would otherwise be inherited through the environment).
plain_make() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"; }

second_make_does_nothing() {
    local name=build/second-make-does-nothing copy=$tmp/copy
    mkdir -p "$copy"
    tar -C "$top" --exclude=./build --exclude=./.git -cf - . | tar -C "$copy" -xf -
    if ! (cd "$copy" && plain_make) > "$tmp/first.out" 2>&1; then
        echo "FAIL: $name: the first make failed"
        tail -5 "$tmp/first.out" | sed 's/^/    /'
        return
    fi
    (cd "$copy" && plain_make) > "$tmp/second.out" 2>&1
    if [ -s "$tmp/second.out" ]; then
        echo "FAIL: $name: it printed $(wc -l < "$tmp/second.out") lines, the first:"
        head -5 "$tmp/second.out" | sed 's/^/    /'
    else
        echo "PASS: $name"
    fi
}

# Section names as readelf lists them, one a line.
sections() { "${CROSS}readelf" -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\).*/\1/p'; }

ramdisk_programs_stripped() {
    local name=build/ramdisk-programs-stripped p bad=''
    for p in true sh hello; do
        sections "build/initrd/bin/$p" > "$tmp/stripped"
        sections "build/bin/$p" > "$tmp/full"
        if grep -q '^\.debug_' "$tmp/stripped"; then
            bad="$bad; build/initrd/bin/$p has $(grep -c '^\.debug_' "$tmp/stripped") .debug_* sections"
        fi
        grep -qx '\.symtab' "$tmp/stripped" || bad="$bad; build/initrd/bin/$p has no .symtab"
        # hello is assembly, built without debug information.
        if [ $p != hello ] && ! grep -qx '\.debug_info' "$tmp/full"; then
            bad="$bad; build/bin/$p has no .debug_info for gdb"
        fi
    done
    if tar -tf build/initrd.tar | grep -qx 'bin/true' &&
       tar -xOf build/initrd.tar bin/true | cmp -s - build/initrd/bin/true; then :
    else
        bad="$bad; initrd.tar's bin/true is not build/initrd/bin/true"
    fi
    if [ -z "$bad" ]; then echo "PASS: $name"; else echo "FAIL: $name: ${bad#; }"; fi
}

# The README's table of targets: rows like "| `make bench` | ...".
help_lists_readme_targets() {
    local name=build/help-lists-readme-targets t missing=''
    plain_make help > "$tmp/help" 2>&1
    for t in run test $(sed -n 's/^| `make\( \([a-z-]*\)\)\{0,1\}[^`]*` |.*/\2/p' README.md | sort -u); do
        grep -Eq "^make +$t( |$)" "$tmp/help" || missing="$missing $t"
    done
    # A bare `make` row gives an empty word, which the loop skips; check it.
    grep -q '^make  ' "$tmp/help" || missing="$missing (make alone)"
    if [ -z "$missing" ]; then echo "PASS: $name"; else echo "FAIL: $name: missing:$missing"; fi
}

# Is something listening on the local TCP port $1?
port_taken() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# A port nothing listens on now, so that these checks neither collide with
# a `make debug` someone is running nor with each other's runs.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'
}

# The pids of QEMUs started by `make debug` in this tree.
debug_qemus() {
    local pid
    for pid in $(pgrep -f 'qemu-system-i386 .*debug-serial\.log'); do
        [ "$(readlink "/proc/$pid/cwd")" = "$top" ] && echo "$pid"
    done
}

debug_make() { timeout 60 env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory debug "$@"; }

debug_no_qemu_left() {
    local name=debug/no-qemu-left port pids pid
    if ! command -v gdb > /dev/null; then echo "SKIP: $name: gdb is not installed"; return; fi
    port=$(free_port)
    # gdb runs tools/gdbinit, continues to kmain, prints where it is, and
    # quits: as a user ending the session would.
    debug_make GDBPORT="$port" GDBFLAGS="-batch -ex continue -ex frame" \
        < /dev/null > "$tmp/debug.out" 2>&1
    pids=$(debug_qemus)
    if ! grep -q '^#0  kmain ' "$tmp/debug.out"; then
        echo "FAIL: $name: gdb did not reach kmain"
        tail -5 "$tmp/debug.out" | sed 's/^/    /'
    elif [ -n "$pids" ] || port_taken "$port"; then
        echo "FAIL: $name: QEMU still running after gdb quit (pid ${pids:-unknown})"
    else
        echo "PASS: $name"
    fi
    for pid in $pids; do kill "$pid"; done
}

debug_refuses_busy_port() {
    local name=debug/refuses-busy-port port holder status pid
    if ! command -v gdb > /dev/null; then echo "SKIP: $name: gdb is not installed"; return; fi
    port=$(free_port)
    # Something else listens on the port (here a small Python server).
    python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("", int(sys.argv[1]))); s.listen(); print("listening", flush=True); time.sleep(60)' \
        "$port" > "$tmp/holder.out" 2>&1 &
    holder=$!
    for _ in $(seq 50); do grep -q listening "$tmp/holder.out" && break; sleep 0.1; done
    debug_make GDBPORT="$port" GDBFLAGS="-batch" < /dev/null > "$tmp/busy.out" 2>&1
    status=$?
    kill "$holder"; wait "$holder" 2> /dev/null
    for pid in $(debug_qemus); do kill "$pid"; done     # started by mistake
    if [ $status -eq 0 ]; then
        echo "FAIL: $name: make debug succeeded with the port taken"
    elif ! grep -q "port $port is in use" "$tmp/busy.out"; then
        echo "FAIL: $name: no message about the port"
        tail -5 "$tmp/busy.out" | sed 's/^/    /'
    elif grep -q 'Warden: QEMU is halted' "$tmp/busy.out"; then
        echo "FAIL: $name: gdb was started anyway"
    else
        echo "PASS: $name"
    fi
}

checks="second_make_does_nothing ramdisk_programs_stripped help_lists_readme_targets
        debug_no_qemu_left debug_refuses_busy_port"
for c in $checks; do
    if [ $# -eq 0 ]; then $c; continue; fi
    for want in "$@"; do
        case $c in *"${want//-/_}"*) $c; break ;; esac
    done
done
