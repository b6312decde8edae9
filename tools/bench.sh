#!/usr/bin/env bash
# make bench: boot the kernel headless with user/bench.c as init, then
# print the figures as a table and write build/bench.json.
#
#   MODE=icount (default)  QEMU -icount shift=0,align=off,sleep=off: the guest's TSC
#                          counts guest instructions, so every figure is an
#                          exact, repeatable instruction count
#   MODE=tcg               plain emulation: the TSC is the host's, so the
#                          figures are host cycles, noisy, for reference
#   tools/bench.sh --check run it and check the output is well formed
#                          (what `make test` does; no figure is judged)
set -u
cd "$(dirname "$0")/.." || exit 1
mode=${MODE:-icount}
check=${1:-}
out=build/bench.out
json=build/bench.json

qemu=(qemu-system-i386 -m 128M -display none -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial stdio
      -kernel build/kernel.elf -initrd build/initrd.tar -append "init=bench")
unit=instructions
if [ "$mode" = icount ]; then
    # The CMOS clock at a fixed date, running with guest time: the boot
    # reads it, and how long that takes must not depend on the host's clock.
    qemu+=(-icount shift=0,align=off,sleep=off -rtc base=2030-01-01T00:00:00,clock=vm)
else
    unit="host TSC cycles"
    # One host CPU: fewer surprises from the host's scheduler.
    command -v taskset > /dev/null && qemu=(taskset -c 0 "${qemu[@]}")
fi

timeout 300 "${qemu[@]}" > "$out" 2>&1
status=$?
if [ $status -ne 1 ] || ! grep -q '^bench: done' "$out"; then
    echo "FAIL: bench/runs: QEMU exit status $status; output in $out"
    exit 1
fi

# name  target  xv6-reference  what is timed
targets="
boot                  2000000  73600000  kernel entry to init's first instruction (xv6: to the shell prompt)
memory_per_process    24       -         frames a minimal process owns (KiB)
null_syscall          120      1399      getpid in a loop, per call
yield_round_trip      600      7208      two processes, sched_yield ping-pong, per A->B->A
yield_switch_2_procs  -        -         per switch, 2 processes yielding
yield_switch_64_procs -        -         per switch, 64 processes yielding (target: within 10% of 2)
console_line          3000     -         one 80-character line written to the console (serial and screen), per write
spawn_exit_wait       40000    -         spawn of a child that exits at once, and its waitpid
fork_exit_wait        25000    1973388   fork of a small process (every page copied), the child exits at once, waitpid (Linux 6.1: 105878)
fork_exec_wait        40000    4095736   the same, the child execs true first (Linux 6.1: 321102)
signal_round_trip     -        -         kill to itself, the handler, return through sigreturn, per round
restart_cycle         40000    4080000   a supervised child faulting at once, per incarnation (xv6: fork+exec+crash+wait)
restart_cycle_logged  -        -         the same with the guardian's console line (target: at most 1.5 times restart_cycle)
restart_cycle_stash   -        -         the same as restart_cycle, each incarnation keeping a 4 KiB stash for the next (target: within 10% of restart_cycle)
group_restart_4       -        -         a one_for_all group of 4 whose first member faults at once: 3 stopped, 4 restarted, per group restart (target: at most 4 times restart_cycle)
fault_to_runnable     20000    -         from the faulting instruction to the restarted incarnation's first
ready_to_dependent    20000    -         from a service's ready() to the first instruction of the process its supervisor started once poll saw it ready
live_update           30000    -         from a supervisor's update() to the first instruction of the service's new program
"
value_of() { awk -v n="$1" '$1 == "bench:" && $2 == n { print $3 }' "$out"; }
n_of() { awk -v n="$1" '$1 == "bench:" && $2 == n { print $NF }' "$out"; }

two=$(value_of yield_switch_2_procs)
kernel_size=$("$(tools/cross-prefix.sh)size" build/kernel.elf | awk 'NR == 2 { print $1 + $2 }')

printf '%-22s %12s %-12s %10s %12s  %s\n' FIGURE VALUE UNIT TARGET XV6 MET
{
    echo "{"
    echo "  \"mode\": \"$mode\","
    printf '  "qemu": "%s",\n' "${qemu[*]}"
    echo "  \"figures\": ["
} > "$json"
first=1
while read -r name target xv6 what; do
    [ -n "$name" ] || continue
    value=$(value_of "$name")
    n=$(n_of "$name")
    u=$unit
    [ "$name" = memory_per_process ] && u=KiB
    if [ -z "$value" ]; then
        echo "FAIL: bench/$name: missing from the output"
        exit 1
    fi
    met=null
    if [ "$mode" = icount ] || [ "$u" = KiB ]; then
        if [ "$target" != - ]; then
            met=$([ "$value" -le "$target" ] && echo true || echo false)
        elif [ "$name" = yield_switch_64_procs ]; then
            met=$([ $((value * 10)) -le $((two * 11)) ] && echo true || echo false)
        elif [ "$name" = restart_cycle_logged ]; then
            met=$([ $((value * 2)) -le $(($(value_of restart_cycle) * 3)) ] && echo true || echo false)
        elif [ "$name" = restart_cycle_stash ]; then
            met=$([ $((value * 10)) -le $(($(value_of restart_cycle) * 11)) ] && echo true || echo false)
        elif [ "$name" = group_restart_4 ]; then
            met=$([ "$value" -le $(($(value_of restart_cycle) * 4)) ] && echo true || echo false)
        fi
    fi
    printf '%-22s %12s %-12s %10s %12s  %s\n' "$name" "$value" "$u" "$target" "$xv6" \
        "$( [ "$met" = true ] && echo yes || { [ "$met" = false ] && echo "NO: target missed" || echo -; })"
    [ $first = 1 ] || echo "    ," >> "$json"
    first=0
    printf '    {"name": "%s", "value": %s, "unit": "%s", "n": %s, "target": %s, "xv6": %s, "met": %s, "what": "%s"}\n' \
        "$name" "$value" "$u" "$n" "$( [ "$target" = - ] && echo null || echo "$target")" \
        "$( [ "$xv6" = - ] && echo null || echo "$xv6")" "$met" "$what" >> "$json"
done <<< "$targets"
printf '%-22s %12s %-12s\n' kernel_size "$kernel_size" bytes
printf '    ,\n    {"name": "kernel_size", "value": %s, "unit": "bytes", "n": 1, "target": null, "xv6": null, "met": null, "what": "text + data of the kernel"}\n  ]\n}\n' \
    "$kernel_size" >> "$json"
echo "wrote $json"

if [ "$check" = --check ]; then
    # Well formed: every figure has a numeric value, braces balance.
    figures=$(grep -c '"name": "[a-z0-9_]*", "value": [0-9][0-9]*,' "$json")
    opens=$(tr -cd '{[' < "$json" | wc -c)
    closes=$(tr -cd '}]' < "$json" | wc -c)
    expected=$(( $(grep -c . <<< "$targets") + 1 ))     # and kernel_size
    if [ "$figures" -eq "$expected" ] && [ "$opens" -eq "$closes" ]; then
        echo "PASS: bench/well-formed"
    else
        echo "FAIL: bench/well-formed: $figures figures, $opens openings, $closes closings"
        exit 1
    fi
fi
