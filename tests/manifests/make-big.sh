#!/bin/sh
# Two manifests too big for any sane use, made at build time
# (tests/scenarios/init_big.scn): DIR/long has a 10,000-character line
# between two good services; DIR/thousand has 1,000 lines, 40 of them
# services (init keeps 32) and the rest comments and blank lines.
set -eu
dir=$1
mkdir -p "$dir"
{
    echo "service before -- t_svc"
    printf 'service long -- t_svc '
    head -c 9978 /dev/zero | tr '\0' x
    echo
    echo "service after after=before -- t_svc"
} > "$dir/long"
i=1
while [ "$i" -le 1000 ]; do
    if [ $((i % 25)) -eq 0 ]; then
        echo "service s$((i / 25)) restart=never -- true"
    elif [ $((i % 2)) -eq 0 ]; then
        echo "# line $i"
    else
        echo
    fi
    i=$((i + 1))
done > "$dir/thousand"
