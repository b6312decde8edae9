#!/usr/bin/env bash
# The static checks: cppcheck and clang-tidy over the kernel, lib and the
# user programs. Prints "PASS: lint/TOOL" or "FAIL: lint/TOOL: ..." with
# the findings, like the other tests. The check sets are explained in
# docs/hardening.md; clang-tidy's is in .clang-tidy.
set -u
cd "$(dirname "$0")/.." || exit 1
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Deliberate faults in test programs carry "cppcheck-suppress" comments.
if cppcheck --quiet --enable=warning,portability,performance --std=c11 \
        --platform=unix32 --inline-suppr --error-exitcode=1 \
        -I. -Iinclude -D__i386__ -DHZ=100 \
        kernel lib user tests/programs > "$out" 2>&1; then
    echo "PASS: lint/cppcheck"
else
    echo "FAIL: lint/cppcheck: findings below"
    sed 's/^/    /' "$out"
fi

# clang-tidy compiles each file as the cross compiler would (32-bit,
# freestanding); deliberate faults carry NOLINT comments.
if clang-tidy --quiet kernel/*.c kernel/*/*.c lib/*.c user/*.c user/lib/*.c user/init/*.c \
        -- -m32 -std=c11 -ffreestanding -fno-builtin -I. -Iinclude -DHZ=100 \
        > "$out" 2>&1 && ! grep -q 'warning:\|error:' "$out"; then
    echo "PASS: lint/clang-tidy"
else
    echo "FAIL: lint/clang-tidy: findings below"
    grep -A3 'warning:\|error:' "$out" | sed 's/^/    /'
fi
