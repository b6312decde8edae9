#!/usr/bin/env bash
# shellcheck disable=SC2054  # the commas inside QEMU options are meant
# Boot the kernel in QEMU for one test scenario and check its serial output.
#
#   tools/scenario.sh NAME              runs tests/scenarios/NAME.scn
#   tools/scenario.sh path/to/NAME.scn
#
# Prints exactly one result line, "PASS: scenario/NAME" or
# "FAIL: scenario/NAME: reason", and on failure the end of the serial log
# indented by 4 spaces. Exit status 0 on PASS, 1 on FAIL.
# The whole serial output is kept in build/scenarios/NAME.log.
#
# A scenario file has one "key: value" per line. Lines that start with #
# are comments (a # later in a line is part of the value, as regexes may
# need it). Blank lines are ignored. Keys:
#
#   exit: N         expected QEMU exit status (required). The kernel ends
#                   QEMU by writing v to port 0xf4 (isa-debug-exit), which
#                   makes QEMU exit with (v << 1) | 1, so 1 means v = 0.
#                   0 means QEMU stopped on its own, e.g. a triple fault.
#   cmdline: WORDS  kernel command line (default empty). QEMU puts the
#                   kernel's file name in front: "build/kernel.elf WORDS".
#   boot: kernel    (default) boot build/kernel.elf with QEMU's multiboot
#                   loader, or
#   boot: iso [PATH]  boot an ISO through GRUB (default build/os.iso); then
#                   cmdline, initrd and module are ignored, as GRUB's
#                   config decides them.
#   initrd: none    leave out the default first module, build/initrd.tar
#                   (initrd: PATH uses PATH instead).
#   module: PATH [ARGS]   another multiboot module, with an optional
#                   command line (repeatable; no commas, QEMU splits on them).
#   icount: on      deterministic guest time: one instruction is 1 ns and
#                   idle time is skipped (QEMU -icount shift=0,sleep=off).
#   timeout: SECS   host wall-clock limit for QEMU (default 30).
#   rtc: DATE       the CMOS clock starts at DATE (UTC, 2030-01-02T03:04:05)
#                   and runs with the guest's time (-rtc base=DATE,clock=vm);
#                   by default it shows the host's date and time.
#
# An interaction script, its steps run in order while QEMU runs:
#   wait: ERE       wait until a line of serial output below the one the
#                   previous wait matched matches ERE
#   input: TEXT     type TEXT and a newline on the serial port; printf
#                   escapes work (\x03 is Ctrl-C); a final \c means no
#                   newline
#   monitor: CMD    a QEMU monitor command (e.g. "sendkey ctrl-c"); the
#                   command "screen" dumps the VGA text screen
#   pause: SECONDS  wait a while (for what prints nothing)
#   screen: ERE     (a check, not a step) some row of the VGA text screen,
#                   as dumped by the last "monitor: screen" step, matches
#   cells: ERE      the same, on the rows written cell by cell as the
#                   character and its colour byte in two hex digits
#                   (background, foreground): "A07" is a light grey A
#   expect: ERE     some line must match; several expects must match lines
#                   in this order, each below the previous one (repeatable).
#   reject: ERE     no line may match (repeatable).
#   count: N ERE    exactly N lines match (repeatable).
#   compare: FILE   the serial output, from the first line equal to FILE's
#                   first line on, must be FILE's lines exactly, as many
#                   as FILE has (a program's whole output, recorded
#                   elsewhere); the differences go to build/scenarios/NAME.diff
#
# The checks run in that order (compare, timeout, exit, expect, reject,
# count) and the first one to fail is the reason given. EREs are grep -E regexes,
# matched against lines with any \r removed.
set -u

arg=${1:?usage: tools/scenario.sh NAME | path/to/NAME.scn}
# A path is relative to where we were started from, so fix it before cd.
file=''
case $arg in
    */* | *.scn) file=$arg; [[ $file = /* ]] || file=$PWD/$file ;;
esac
cd "$(dirname "$0")/.." || exit 1
name=$(basename "$arg" .scn)
[ -n "$file" ] || file=tests/scenarios/$name.scn

log=build/scenarios/$name.log
err=build/scenarios/$name.qemu-stderr
show_log=''                #  set once QEMU has run and there is a log
show_diff=''               #  a diff to show instead of the log's end

fail() {
    echo "FAIL: scenario/$name: $1"
    if [ -n "$show_diff" ]; then
        head -n 30 "$show_diff" | sed 's/^/    /'
    elif [ -n "$show_log" ]; then
        if [ -s "$log" ]; then
            tail -n 15 "$log" | sed 's/^/    /'
        else
            echo "    (no serial output)"
        fi
        [ -s "$err" ] && tail -n 5 "$err" | sed 's/^/    qemu: /'
    fi
    exit 1
}

# grep exits with 2 on a broken regex; catch that before booting anything.
check_re() {
    grep -E -e "$1" /dev/null 2>/dev/null
    [ $? -eq 2 ] && fail "line $n: bad regex /$1/"
}

# --- read the scenario file ---
[ -f "$file" ] || fail "no such file $file"
cmdline='' boot=kernel initrd=build/initrd.tar icount=off timeout=30 want_exit='' rtc=''
modules=() steps=() expects=() rejects=() count_ns=() count_res=() screens=() cells=()
compares=()
n=0
while IFS= read -r line || [ -n "$line" ]; do  # also a last line without \n
    n=$((n + 1))
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^[[:space:]]*([a-z]+):[[:space:]]*(.*)$ ]] ||
        fail "line $n: not 'key: value'"
    key=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
    case $key in
        exit)    [[ $val =~ ^[0-9]+$ ]] || fail "line $n: exit wants a number"
                 want_exit=$val ;;
        cmdline) cmdline=$val ;;
        boot)    [[ $val =~ ^(kernel|iso)([[:space:]]+([^[:space:]]+))?$ ]] ||
                     fail "line $n: boot is kernel or iso [PATH]"
                 boot=${BASH_REMATCH[1]} iso=${BASH_REMATCH[3]:-build/os.iso} ;;
        initrd)  initrd=$val; [ "$val" = none ] && initrd= ;;
        module)  modules+=("$val") ;;
        icount)  [[ $val =~ ^(on|off)$ ]] || fail "line $n: icount is on or off"
                 icount=$val ;;
        timeout) [[ $val =~ ^[1-9][0-9]*$ ]] || fail "line $n: timeout wants seconds"
                 timeout=$val ;;
        rtc)     [[ $val =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] ||
                     fail "line $n: rtc wants YYYY-MM-DDTHH:MM:SS"
                 rtc=$val ;;
        wait)    check_re "$val"; steps+=("wait $val") ;;
        input)   steps+=("input $val") ;;
        monitor) steps+=("monitor $val") ;;
        pause)   [[ $val =~ ^[0-9.]+$ ]] || fail "line $n: pause wants seconds"
                 steps+=("pause $val") ;;
        screen)  check_re "$val"; screens+=("$val") ;;
        cells)   check_re "$val"; cells+=("$val") ;;
        expect)  check_re "$val"; expects+=("$val") ;;
        reject)  check_re "$val"; rejects+=("$val") ;;
        count)   [[ $val =~ ^([0-9]+)[[:space:]]+(.+)$ ]] ||
                     fail "line $n: count wants 'N regex'"
                 count_ns+=("${BASH_REMATCH[1]}") count_res+=("${BASH_REMATCH[2]}")
                 check_re "${BASH_REMATCH[2]}" ;;
        compare) [ -f "$val" ] || fail "line $n: no file $val"
                 compares+=("$val") ;;
        *)       fail "line $n: unknown key '$key'" ;;
    esac
done < "$file"
[ -n "$want_exit" ] || fail "no 'exit:' line"

# --- build the QEMU command line ---
# -no-reboot: a triple fault stops QEMU instead of rebooting forever.
# -monitor none: stdio is only the serial port, nothing else.
args=(-display none -no-reboot -monitor none -m 128M
      -device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial stdio)
if [ "$boot" = iso ]; then
    [ -f "$iso" ] || fail "$iso not found (not built?)"
    args+=(-cdrom "$iso")
else
    [ -f build/kernel.elf ] || fail "build/kernel.elf not found (not built?)"
    args+=(-kernel build/kernel.elf -append "$cmdline")
    # -initrd takes "path [args],path [args],..." and becomes the module list.
    mods=()
    [ -n "$initrd" ] && mods+=("$initrd")
    mods+=("${modules[@]}")
    for m in "${mods[@]}"; do
        case $m in *,*) fail "module '$m': commas are not allowed" ;; esac
        [ -f "${m%% *}" ] || fail "module file ${m%% *} not found"
    done
    [ ${#mods[@]} -gt 0 ] && args+=(-initrd "$(IFS=,; echo "${mods[*]}")")
fi
# sleep=off: when the guest idles (hlt), jump its clock to the next timer
# instead of waiting in real time, so timer-heavy tests stay fast.
[ "$icount" = on ] && args+=(-icount shift=0,sleep=off)
[ -n "$rtc" ] && args+=(-rtc "base=$rtc,clock=vm")
read -ra extra <<< "${QEMU_EXTRA:-}"    # e.g. QEMU_EXTRA="-d int,cpu_reset"
args+=("${extra[@]}")

# --- the interaction script ---
# Runs beside QEMU: QEMU's serial input and its monitor are FIFOs that the
# script writes into; the script reads the serial log to wait for lines.
run_script() {
    local at=0 step kind val found
    exec 3> "$work/serial.in" 4> "$work/mon.in"
    for step in "${steps[@]}"; do
        kind=${step%% *} val=${step#* }
        case $kind in
            wait)
                found=''
                while [ -z "$found" ]; do
                    found=$(tr -d '\r' < "$log" | grep -anE -e "$val" |
                            awk -F: -v at="$at" '$1 > at { print $1; exit }')
                    [ -n "$found" ] || sleep 0.1
                done
                at=$found ;;
            input)   printf '%b\n' "$val" >&3 ;;
            monitor)
                # "screen" is short for dumping the VGA text buffer
                [ "$val" = screen ] && val="xp /2000xh 0xb8000"
                printf '%s\n' "$val" >&4 ;;
            pause)   sleep "$val" ;;
        esac
    done
    sleep 600 >&3           # keep the FIFOs open until QEMU is done
}

# The screen dump: the monitor prints the 80x25 text cells as hex words
# (character in the low byte); turn them back into 25 lines of text, and
# into 25 lines of cells with their colours (NAME.cells).
decode_screen() {
    grep -aoE '0x[0-9a-f]{4}' "$work/mon.out.log" | tail -n 2000 |
        awk -v cells="build/scenarios/$name.cells" '
             BEGIN { for (i = 0; i < 16; i++) hex[substr("0123456789abcdef", i + 1, 1)] = i }
             { c = hex[substr($1, 5, 1)] * 16 + hex[substr($1, 6, 1)]   # the low byte
               ch = c >= 32 && c < 127 ? sprintf("%c", c) : " "
               row = row ch; cellrow = cellrow ch substr($1, 3, 2)
               if (NR % 80 == 0) { print row; print cellrow > cells; row = cellrow = "" } }' \
        > "build/scenarios/$name.screen"
}

# --- run it ---
mkdir -p build/scenarios
work=$(mktemp -d)
# QEMU runs in the background so that Ctrl-C here can stop it: `timeout`
# puts it in its own process group, out of reach of the terminal's Ctrl-C.
# Its stdin is never the terminal (it would grab the keyboard).
: > "$log"
if [ ${#steps[@]} -gt 0 ]; then
    mkfifo "$work/serial.in" "$work/mon.in" "$work/mon.out"
    for i in "${!args[@]}"; do          # the monitor goes to the FIFOs
        [ "${args[i]}" = none ] && [ "${args[i-1]}" = -monitor ] && args[i]="pipe:$work/mon"
    done
    cat "$work/mon.out" > "$work/mon.out.log" &
    run_script &
    script=$!
    timeout -k 5 "$timeout" qemu-system-i386 "${args[@]}" < "$work/serial.in" > "$log" 2> "$err" &
else
    timeout -k 5 "$timeout" qemu-system-i386 "${args[@]}" < /dev/null > "$log" 2> "$err" &
fi
pid=$!
trap 'kill "$pid" ${script:-} 2>/dev/null; rm -rf "$work"; exit 130' INT TERM
wait "$pid"
rc=$?
trap - INT TERM
if [ ${#steps[@]} -gt 0 ]; then
    kill "$script" 2>/dev/null
    pkill -P "$script" 2>/dev/null
    wait 2>/dev/null
    [ $((${#screens[@]} + ${#cells[@]})) -gt 0 ] && decode_screen
fi
rm -rf "$work"
show_log=1
[ -s "$err" ] || rm -f "$err"            # keep QEMU's complaints, if any

# Serial output has \r\n line ends; drop the \r so $ in regexes works.
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"

# --- check the results ---
for f in "${compares[@]}"; do
    start=$(grep -anxF -m 1 -e "$(head -n 1 "$f")" "$log" | cut -d: -f1)
    [ -n "$start" ] || fail "no line '$(head -n 1 "$f")', the first of $f"
    tail -n +"$start" "$log" | head -n "$(wc -l < "$f")" |
        diff -u --label "$f" --label "serial output" "$f" - > "build/scenarios/$name.diff" ||
        { show_diff=build/scenarios/$name.diff; fail "the output differs from $f"; }
    rm -f "build/scenarios/$name.diff"
done

# timeout says 124 when it stopped QEMU, 137 if it had to SIGKILL it.
[ $rc -eq 124 ] || [ $rc -eq 137 ] && fail "timed out after ${timeout}s"
[ $rc -eq "$want_exit" ] || fail "exit $rc, want $want_exit"

# grep -a: a stray binary byte must not turn the log into a "binary file".
at=0 prev=''                #  line number and regex of the last expect
for re in "${expects[@]}"; do
    found=$(grep -anE -e "$re" "$log" | awk -F: -v at="$at" '$1 > at { print $1; exit }')
    if [ -z "$found" ]; then
        grep -qaE -e "$re" "$log" && fail "line /$re/ only found before /$prev/ (line $at)"
        fail "missing line /$re/"
    fi
    at=$found prev=$re
done

for re in "${rejects[@]}"; do
    found=$(grep -anE -m 1 -e "$re" "$log" | cut -d: -f1)
    [ -z "$found" ] || fail "found rejected line /$re/ (line $found)"
done

for i in "${!count_res[@]}"; do
    re=${count_res[i]} want=${count_ns[i]}
    got=$(grep -acE -e "$re" "$log")
    [ "$got" -eq "$want" ] || fail "count /$re/: $got lines, want $want"
done

for re in "${screens[@]}"; do
    grep -qaE -e "$re" "build/scenarios/$name.screen" 2>/dev/null ||
        fail "no screen row /$re/ (see build/scenarios/$name.screen)"
done
for re in "${cells[@]}"; do
    grep -qaE -e "$re" "build/scenarios/$name.cells" 2>/dev/null ||
        fail "no screen row of cells /$re/ (see build/scenarios/$name.cells)"
done

echo "PASS: scenario/$name"
