#!/usr/bin/env bash
# The README's screenshot: boot the demo with its shell, type `svc list` on the
# serial line, and take a QEMU screendump of the VGA screen.
#   tools/screenshot.sh [OUT.png]     (default build/screenshot.png)
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/screenshot.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/serial.in" "$work/mon.in" "$work/mon.out"
cat "$work/mon.out" > /dev/null &
qemu-system-i386 -m 128M -no-reboot -display none -serial stdio -monitor "pipe:$work/mon" \
    -kernel build/kernel.elf -initrd build/initrd.tar -append "" \
    < "$work/serial.in" > "$work/console.log" 2>&1 &
qemu=$!
exec 3> "$work/serial.in" 4> "$work/mon.in"
sleep 6                                  # the demo runs for a while
printf 'svc list\n' >&3
sleep 1
printf 'screendump %s -f png\n' "$out" >&4
sleep 1
printf 'quit\n' >&4
wait "$qemu" || true
echo "wrote $out"
