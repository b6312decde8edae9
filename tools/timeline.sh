#!/usr/bin/env bash
# make timeline: boot the demo with the kernel's trace on, for SECONDS of
# guest time (under -icount, so it takes about as long on any host), and
# turn the trace into build/timeline.svg.
#   tools/timeline.sh [SECONDS]       (default 8)
#   tools/timeline.sh --check         also check the SVG is well formed
set -u
cd "$(dirname "$0")/.." || exit 1
seconds=8 check=''
[ "${1:-}" = --check ] && check=1 || seconds=${1:-8}

timeout 120 qemu-system-i386 -m 128M -display none -no-reboot -monitor none \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial stdio \
    -kernel build/kernel.elf -initrd build/initrd.tar -append "trace nostatus -- $seconds" \
    -icount shift=0,sleep=off < /dev/null > build/trace.log 2>&1
python3 tools/timeline.py build/trace.log -o build/timeline.svg --title "Warden demo, $seconds s" ||
    { echo "FAIL: timeline/make: no timeline made"; exit 1; }
echo "wrote build/timeline.svg"
if [ -n "$check" ]; then
    if python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); sys.exit(not r.tag.endswith("svg"))' build/timeline.svg; then
        echo "PASS: timeline/make-timeline-writes-well-formed-svg"
    else
        echo "FAIL: timeline/make-timeline-writes-well-formed-svg: not a well-formed SVG"
    fi
fi
