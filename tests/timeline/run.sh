#!/usr/bin/env bash
# The tests of tools/timeline.py, one line per test in the project's way:
# "PASS: timeline/NAME" or "FAIL: timeline/NAME: reason" (the traceback
# follows a failure, indented). Exit status 1 if any test failed.
#
# For unittest's own output instead (-B: no compiled copies, __pycache__,
# left in tests/timeline):
#     python3 -B -m unittest discover -s tests/timeline
set -u
cd "$(dirname "$0")/../.." || exit 1
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# unittest finds and runs the tests (test_parse.py, test_render.py), with a
# result class of our own that prints the lines (project_lines.py).
python3 tests/timeline/project_lines.py > "$out" 2>&1
rc=$?
cat "$out"
# If Python stopped before any test could say why (a syntax error, say),
# that still counts as a failure.
if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$out"; then
    echo "FAIL: timeline/run: exited $rc"
fi
[ $rc -eq 0 ]
