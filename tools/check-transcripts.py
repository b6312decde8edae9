#!/usr/bin/env python3
"""
Check that the transcripts quoted in docs/*.md are what the kernel prints.

    tools/check-transcripts.py          check every marked block
    tools/check-transcripts.py FILE...  only the blocks in these files

A transcript is marked by a comment on the line just before its fence,
naming the scenario whose run it comes from:

    <!-- transcript: shell_jobs -->
    ```
    $ echo after kill
    after kill
    ```

The scenario's serial log, build/scenarios/NAME.log (written by
tools/scenario.sh, so run the scenario first), must contain every line
of the block, compared after removing \\r and trailing spaces:

  * `...` inside a line stands for any text (what changes from build to
    build, such as an address, or from run to run, such as a time);
  * a line that is empty, or nothing but `...` and spaces, is not
    checked (it says that lines were left out);
  * the lines may be found in any order, because the output of
    processes running at the same time interleaves differently from run
    to run.

Prints one "PASS: transcripts/FILE:LINE" or "FAIL: transcripts/FILE:LINE:
reason" per marked block, FILE:LINE being where the marker is. A block
fails if its scenario does not exist or has no log, if the marker is not
followed by a fence, or if the block has no line to check; and the whole
check fails if no block is marked at all. For a line that is missing,
the most similar line of the log is shown, to make re-taking easy.
"""
import difflib
import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
MARKER = re.compile(r'^<!-- transcript: (\S+) -->\s*$')
LOOSE = re.compile(r'^<!--\s*transcript')     # to catch a misspelt marker
ELIDE = '...'


def marked_blocks(path):
    """(marker line number, scenario, [(line number, text)]) for every
    marked block of a Markdown file; the list is None when the marker is
    not followed by a fenced block, 'malformed' for a misspelt marker."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    blocks = []
    in_fence = False
    for i, line in enumerate(lines):
        if line.startswith('```'):
            in_fence = not in_fence
        if in_fence or not LOOSE.match(line):   # an example in a block is no marker
            continue
        m = MARKER.match(line)
        if not m:
            blocks.append((i + 1, line.strip(), 'malformed'))
            continue
        body = None
        if i + 1 < len(lines) and lines[i + 1].startswith('```'):
            body = []
            for j in range(i + 2, len(lines)):
                if lines[j].startswith('```'):
                    break
                body.append((j + 1, lines[j]))
            else:
                body = None             # the fence is never closed
        blocks.append((i + 1, m.group(1), body))
    return blocks


def pattern(line):
    """A regex for one line of a transcript, or None if the line is not
    checked: empty, or nothing but `...` and spaces."""
    line = line.rstrip()
    if line.replace(ELIDE, '').strip() == '':
        return None
    parts = [re.escape(p) for p in line.split(ELIDE)]
    return re.compile('^' + '.*'.join(parts) + '$')


def read_log(name):
    path = os.path.join(ROOT, 'build', 'scenarios', name + '.log')
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return None
    return [line.replace('\r', '').rstrip() for line in text.split('\n')]


def check_block(name, body):
    """None if the block holds, else the reason it does not."""
    if body == 'malformed':
        return 'a marker is written <!-- transcript: SCENARIO -->'
    if body is None:
        return 'the marker is not followed by a fenced block'
    if not os.path.exists(os.path.join(ROOT, 'tests', 'scenarios', name + '.scn')):
        return f'no scenario tests/scenarios/{name}.scn'
    log = read_log(name)
    if not log or log == ['']:
        return f'no log build/scenarios/{name}.log (run tools/scenario.sh {name})'
    checked = 0
    for number, line in body:
        pat = pattern(line)
        if pat is None:
            continue
        checked += 1
        if not any(pat.match(l) for l in log):
            near = difflib.get_close_matches(line.rstrip(), log, n=1, cutoff=0.5)
            hint = f'; the log has {near[0]!r}' if near else ''
            return f'line {number} {line.rstrip()!r} is not in {name}.log{hint}'
    if checked == 0:
        return 'nothing to check: every line is empty or elided'
    return None


def main(files):
    os.chdir(ROOT)
    if not files:
        files = sorted(glob.glob('docs/*.md'))
    total = failed = 0
    for path in files:
        for at, name, body in marked_blocks(path):
            total += 1
            reason = check_block(name, body)
            where = f'transcripts/{os.path.relpath(path, ROOT)}:{at}'
            if reason is None:
                print(f'PASS: {where}')
            else:
                failed += 1
                print(f'FAIL: {where}: {reason}')
    if total == 0:
        print('FAIL: transcripts: no marked transcript found')
        return 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main([os.path.abspath(a) for a in sys.argv[1:]]))
