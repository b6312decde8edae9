#!/usr/bin/env bash
# Run all the tests (`make test` calls this after building) and sum up.
#
#   tools/run-tests.sh             host unit tests, static checks (the
#                                  gdb sessions in docs/debugging.md
#                                  against the source among them), then
#                                  every scenario, then the docs'
#                                  transcripts against the scenarios' logs
#   tools/run-tests.sh NAME...     only these scenarios
#
# Every test prints "PASS: name" or "FAIL: name: reason"; other lines are
# just information. The last line is always "N passed, M failed", and the
# exit status is 1 if anything failed or nothing ran at all.
set -u

cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Host unit tests: small programs built for this machine from kernel code
# that does not need the hardware. Each reports its own results; one that
# crashes or fails without saying why still counts as a failure.
host_tests() {
    for t in build/host/test_*; do
        [[ -f $t && -x $t ]] || continue
        # A test stuck in a loop fails (exit 124) instead of hanging us.
        timeout 60 "$t" > "$tmp/host.out" 2>&1
        rc=$?
        cat "$tmp/host.out"
        if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$tmp/host.out"; then
            echo "FAIL: host/${t##*/}: exited $rc"
        fi
    done
}

# Scenarios boot QEMU, which is slow, so run two at a time (one per core).
# Each one writes to its own file, renamed to .out when complete, while a
# background loop prints those files in order as they appear, so lines
# never interleave. xargs stays in the foreground so that Ctrl-C reaches
# the scenarios (background jobs of a script ignore it) and they can stop
# their QEMU.
scenarios() {
    [ ${#names[@]} -gt 0 ] || return 0
    print_in_order &
    printf '%s\n' "${names[@]}" |
        xargs -P 2 -I{} sh -c 'tools/scenario.sh "$1" > "$2/$1.part" 2>&1
                               mv "$2/$1.part" "$2/$1.out"' sh {} "$tmp"
    touch "$tmp/all-done"
    wait
}

print_in_order() {
    for n in "${names[@]}"; do
        # Wait for it, unless all are done or we were interrupted ($$ gone).
        while [ ! -e "$tmp/$n.out" ] && [ ! -e "$tmp/all-done" ] &&
              kill -0 $$ 2>/dev/null; do
            sleep 0.2
        done
        cat "$tmp/$n.out" 2>/dev/null || echo "FAIL: scenario/$n: did not run"
    done
}

names=()
if [ $# -gt 0 ]; then
    for a in "$@"; do names+=("$(basename "$a" .scn)"); done
    scenarios | tee "$tmp/all"
else
    for f in tests/scenarios/*.scn; do
        [ -e "$f" ] && names+=("$(basename "$f" .scn)")
    done
    { host_tests; tests/timeline/run.sh; tools/timeline.sh --check; tools/lint.sh
      MODE=icount tools/bench.sh --check; tools/bench-table.py --check
      tools/check-build.sh; tools/check-gdb-frames.py; scenarios
      tools/check-transcripts.py; } | tee "$tmp/all"
fi

passed=$(grep -c '^PASS: ' "$tmp/all")
failed=$(grep -c '^FAIL: ' "$tmp/all")
[ $((passed + failed)) -gt 0 ] || echo "no tests found"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
