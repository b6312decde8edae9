# A feature test for busybox's sh: usage `busybox sh features.sh DATADIR`,
# DATADIR holding the files of tests/busybox/data.
#
# Every check prints one line, "name: result", and nothing in a result
# depends on the machine, the time or a pid, so the output on Warden must
# equal the output of the same busybox on Linux, recorded in
# tests/busybox/features.linux.out (tools/record-linux.sh makes it).
# Nothing is written anywhere but /dev/null: Warden's ramdisk is read-only.
#
# The checks that need signals and `wait` come last: a shell that cannot
# wait for a background job (no SIGCHLD) stops there, after the others
# have printed their lines.

dir=${1:?usage: features.sh DATADIR}
exec < /dev/null        # nothing here reads the terminal, whatever runs
echo "busybox features: begin"

# ---- builtins ----
echo "echo:" hello,   world "$((1 + 1))"
printf 'printf: [%s] [%5d] [%-4s] [%x] [%03d] [%c]\n' word 42 ab 255 7 xyz

r=''
[ 3 -lt 5 ] && r="${r}lt "
test -n "x" && test -z "" && r="${r}strings "
[ "abc" = "abc" ] && [ "abc" != "abd" ] && r="${r}equal "
[ -d "$dir" ] && [ -f "$dir/fruits" ] && [ -s "$dir/notes" ] && r="${r}files "
[ ! -e "$dir/nosuch" ] && r="${r}missing"
echo "test: $r"

i=7
echo "arithmetic: $(( (i + 5) * 3 / 2 )) $((i % 4)) $((0x10 + 010)) $((i > 3 && i < 9)) $((-i))"

kind() {
    case $1 in
        [0-9]*) echo number ;;
        *.txt | *.md) echo text ;;
        ?) echo letter ;;
        *) echo other ;;
    esac
}
echo "case: $(kind 42) $(kind notes.md) $(kind x) $(kind word)"

out=''
for w in one two three; do out="$out$w,"; done
n=0
while [ $n -lt 10 ]; do
    n=$((n + 1))
    [ $n -eq 3 ] && continue
    [ $n -gt 5 ] && break
    out="$out$n"
done
until [ $n -le 0 ]; do n=$((n - 2)); done
echo "loops: $out $n"

count=outer
factorial() {
    local n=$1 count=inner
    if [ "$n" -le 1 ]; then echo 1; return; fi
    echo $((n * $(factorial $((n - 1)))))
}
echo "functions: 5! is $(factorial 5), count is still $count"

path=/share/tests/archive.tar.gz
echo "strings: ${path##*/} ${path%.*} ${path#/*/} ${#path} ${unset_var:-default}"

(inside=yes; exit 0)
echo "subshell: inside is '${inside-}'"

false; f=$?
! true; n=$?
sh -c 'exit 7'; s=$?
echo "status: false $f, ! true $n, sh -c 'exit 7' $s"

# ---- other programs: busybox runs its applets again through /proc/self/exe ----
echo "applets: $(FOO=bar env | grep '^FOO=') $(expr 6 \* 7) $(expr length abcdef) $(basename "$(readlink /proc/self/exe)")"
echo "pipeline: $(seq 20 | grep 1 | sort -r | head -n 3 | tr '\n' '+')"
echo "substitution: $(echo a$(echo b$(echo c))) $(echo `echo back`quotes) $(echo $(echo $(echo three deep)))"
echo "redirection: $({ echo to-stderr >&2; } 2>&1) $(ls "$dir/nosuch" 2>/dev/null || echo failed)$(echo hidden >/dev/null)"

# ---- files of the data directory ----
echo "cat-wc: $(cat "$dir/fruits" | wc -l) lines, $(wc -w < "$dir/notes") words, $(wc -c < "$dir/notes") bytes"
echo "ls:" $(ls "$dir")
echo "grep: $(grep -c an "$dir/fruits") $(grep -n fig "$dir/fruits") $(grep -i WARDEN "$dir/notes" | cut -d ' ' -f 2)"
echo "sort:" $(sort -u "$dir/fruits" | head -n 3) / $(sort -r "$dir/fruits" | head -n 1)
echo "head:" $(head -n 2 "$dir/fruits")
echo "seq:" $(seq 2 3 11) / $(seq 3 | sort -nr)

# ---- read and here-documents ----
echo "one two three four" | { read a b rest; echo "read-pipe: a=$a b=$b rest=$rest"; }
read x y <<EOF
left right
EOF
IFS=: read -r user shell <<'EOF'
root:/bin/sh
EOF
lines=0
while read -r line; do lines=$((lines + 1)); done < "$dir/fruits"
echo "read-heredoc: x=$x y=$y user=$user shell=$shell, $lines lines read"
name=Warden
cat <<EOF
heredoc: expanded: $name $((6 * 7)) $(echo sub)
EOF
cat <<'EOF'
heredoc: literal: $name $((6 * 7)) $(echo sub)
EOF
	cat <<-EOF
	heredoc: tabs stripped: $name
	EOF

# ---- time ----
year=$(date +%Y)
case $year in
    [0-9][0-9][0-9][0-9]) echo "date: the year has 4 digits, zone $(date -u +%Z)" ;;
    *) echo "date: strange year '$year'" ;;
esac
start=$(date +%s)
sleep 1
end=$(date +%s)
[ $((end - start)) -ge 1 ] && echo "sleep: 1 s passed" || echo "sleep: only $((end - start)) s passed"

# ---- signals and traps, each in a shell of its own ----
out=$(sh -c 'trap "echo exit trap ran" EXIT; exit 4'); s=$?
echo "trap-exit: $out, status $s"
out=$(sh -c '
    got=""
    trap "got=\"\$got USR1\"" USR1
    trap "got=\"\$got TERM\"" TERM
    trap "got=\"\$got INT\"" INT
    kill -USR1 $$
    kill -TERM $$
    kill -INT $$
    echo "handled$got"'); s=$?
echo "trap: $out, status $s"
out=$(sh -c 'trap "" TERM; kill -TERM $$; echo "ignored TERM"'); s=$?
echo "trap-ignore: $out, status $s"
sh -c 'trap "echo not this" USR1; trap - USR1; kill -USR1 $$; echo not reached'; s=$?
echo "trap-default: USR1 ends the shell, status $s"

# ---- background jobs, wait and kill ----
(exit 3) &
wait $!; s=$?
echo "wait: (exit 3) & gives $s"
false & a=$!
(exit 5) & b=$!
true & c=$!
wait $b; sb=$?
wait $a; sa=$?
wait $c; sc=$?
wait; s=$?
echo "wait: three jobs give $sa $sb $sc, and wait for all $s"
# The shell reports a job a signal ended ("Terminated") only when its
# wait finds it still running: whether the job has ended by then is a
# race on any kernel, so that report goes to /dev/null.
sleep 100 & p=$!
kill $p; wait $p 2>/dev/null; s=$?
echo "kill: a TERM-ed job gives $s"
sleep 100 & p=$!
kill -KILL $p; wait $p 2>/dev/null; s=$?
echo "kill: a KILL-ed job gives $s"
kill -0 $$ && echo "kill: -0 finds the shell itself"

echo "busybox features: end"
