#!/usr/bin/env python3
"""
The performance tables in README.md and docs/performance.md, made from
build/bench.json (written by tools/bench.sh), so that the figures in the
docs are those of the current build.

    tools/bench-table.py --write    rewrite both tables (`make readme`)
    tools/bench-table.py --check    compare them with build/bench.json:
                                    "PASS: bench/readme-table" or
                                    "FAIL: bench/readme-table: ..." (make test)

Each table sits between two marker lines, which this script keeps:

    <!-- bench table: ... -->
    ...
    <!-- end of bench table -->

Every figure in bench.json gets a row, in its order, so a figure added to
tools/bench.sh appears without a change here. Only figures from
MODE=icount, exact guest instruction counts, belong in the docs.
"""
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
BENCH_JSON = os.path.join(ROOT, 'build', 'bench.json')
BEGIN = '<!-- bench table: '
END = '<!-- end of bench table -->'


def number(value):
    """1633848 -> 1,633,848; None -> -."""
    return '-' if value is None else f'{value:,}'


def met(value):
    return {True: 'yes', False: '**no**', None: '-'}[value]


def cell(text):
    """Text made safe for a Markdown table cell."""
    return str(text).replace('|', '\\|').replace('->', '→')


def readme_table(figures):
    """README.md: what each figure times, beside the value. Values are
    instructions unless a unit is given."""
    rows = ['| Figure | What is timed | Warden | Target | xv6 | Met |',
            '|---|---|---:|---:|---:|---|']
    for f in figures:
        value = number(f['value'])
        if f['unit'] != 'instructions':
            value += ' ' + f['unit']
        rows.append(f"| `{f['name']}` | {cell(f.get('what', ''))} | {value} | "
                    f"{number(f['target'])} | {number(f['xv6'])} | {met(f['met'])} |")
    return rows


def performance_table(figures):
    """docs/performance.md: bench.sh's own columns (the chapter says what
    each figure times)."""
    rows = ['| Figure | Value | Unit | Target | xv6 | Met |',
            '|---|---:|---|---:|---:|---|']
    for f in figures:
        rows.append(f"| `{f['name']}` | {number(f['value'])} | {f['unit']} | "
                    f"{number(f['target'])} | {number(f['xv6'])} | {met(f['met'])} |")
    return rows


DOCS = [('README.md', readme_table), (os.path.join('docs', 'performance.md'), performance_table)]


def replace_table(text, rows):
    """text with the lines between the markers replaced by rows, or None
    if the markers are missing."""
    pattern = re.compile(r'(^' + re.escape(BEGIN) + r'[^\n]*\n)(.*?)(^' + re.escape(END) + r')',
                         re.M | re.S)
    if not pattern.search(text):
        return None
    return pattern.sub(lambda m: m.group(1) + '\n'.join(rows) + '\n' + m.group(3), text, count=1)


def fail(why):
    """The FAIL line on standard output (where the test runner counts it)."""
    print(f'FAIL: bench/readme-table: {why}')
    sys.exit(1)


def load():
    """The figures of build/bench.json; fails with a message if unusable."""
    try:
        with open(BENCH_JSON, encoding='utf-8') as f:
            bench = json.load(f)
    except (OSError, ValueError) as e:
        fail(f'cannot read build/bench.json ({e}); run make bench')
    if bench.get('mode') != 'icount':
        fail('build/bench.json is from MODE='
                 f"{bench.get('mode')}; the docs show MODE=icount figures: run make bench")
    return bench['figures']


def main(argv):
    if argv not in (['--write'], ['--check']):
        sys.exit(__doc__.strip().split('\n\n')[1])
    figures = load()
    stale = []
    for path, make_rows in DOCS:
        with open(os.path.join(ROOT, path), encoding='utf-8') as f:
            old = f.read()
        new = replace_table(old, make_rows(figures))
        if new is None:
            fail(f'{path} has no "{BEGIN}...{END}" markers')
        if new == old:
            continue
        if argv[0] == '--write':
            with open(os.path.join(ROOT, path), 'w', encoding='utf-8') as f:
                f.write(new)
            print(f'rewrote the table in {path}')
        else:
            stale.append(path)
    if argv[0] == '--check':
        if stale:
            print(f"FAIL: bench/readme-table: the table in {' and '.join(stale)} differs from "
                  'build/bench.json (make readme rewrites it)')
            return 1
        print('PASS: bench/readme-table')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
