#!/usr/bin/env python3
"""
Check that the gdb sessions quoted in the docs still match the source.

    tools/check-gdb-frames.py           check docs/debugging.md
    tools/check-gdb-frames.py FILE...   check these Markdown files

A gdb session is copied from a real run, and the code moves on: a
function goes to another file, lines are added above it. Addresses change
with every build and are not checked, but the places gdb names are. In
every fenced block, each line where gdb names a function and a place,

    #2  0xc01127fd in proc_sleep_on (waitq=...) at kernel/proc/sleep.c:30
    Breakpoint 2, syscall_dispatch (tf=...) at kernel/sys/syscall.c:226
    0xc0110852 in schedule () at kernel/proc/sched.c:103
    0xc01023a0 is in selftest_page_fault (kernel/selftest.c:31).

(a backtrace frame, a stop, the answer of `list *ADDR`; a frame that gdb
wrapped onto a second "    at FILE:LINE" line counts as one) must still
be true:

  * FILE exists (a leading ./ is dropped);
  * FUNC is defined in FILE;
  * LINE lies in FUNC: in C, from the line of the definition to its
    closing brace at column 0; in assembly (.S), at or after the label
    FUNC: and before the next label made global with .globl;
  * where gdb printed the source line after it ("103\\t}", after a stop
    or `frame N`), the file's line LINE still reads the same.

Prints "PASS: gdbframes/FILE:LINE" or "FAIL: gdbframes/FILE:LINE: reason"
for each such line, LINE being its line in the Markdown file; the whole
check fails if a file has no such line at all.
"""
import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
IDENT = r'[A-Za-z_][A-Za-z0-9_]*'
# A frame, a stop or a breakpoint hit: [#N ][Breakpoint N, ][0xADDR in ]FUNC (...) at FILE:LINE
PLACE = re.compile(r'^(?:#\d+\s+)?(?:Breakpoint \d+, )?(?:0x[0-9a-f]+ in )?'
                   r'(' + IDENT + r') \(.*\) at (\S+):(\d+)$')
# `list *ADDR`'s first line: 0xADDR is in FUNC (FILE:LINE).
LISTED = re.compile(r'^0x[0-9a-f]+ is in (' + IDENT + r') \((\S+):(\d+)\)\.$')
WRAPPED = re.compile(r'^\s+at \S+:\d+$')    # the second half of a wrapped frame
SOURCE = re.compile(r'^(\d+)\t(.*)$')       # a source line as gdb prints it
SEARCHED = ('kernel', 'user', 'lib', 'boot', 'tests')   # where to suggest a file


def blocks(path):
    """[(line number, text)] of every fenced block of a Markdown file."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    result, body = [], None
    for i, line in enumerate(lines):
        if line.startswith('```'):
            if body is None:
                body = []
            else:
                result.append(body)
                body = None
        elif body is not None:
            body.append((i + 1, line.rstrip()))
    return result


def places(body):
    """(line number, function, file, line, source text or None) for each
    line of a block that names a place; (line number, None, text, None,
    None) for a frame line with ` at ` that this check cannot read."""
    found = []
    for k, (number, text) in enumerate(body):
        nxt = body[k + 1][1] if k + 1 < len(body) else ''
        if text.startswith('#') and ' at ' not in text and WRAPPED.match(nxt):
            text = text + ' ' + nxt.strip()
        m = PLACE.match(text) or LISTED.match(text)
        if not m:
            if re.match(r'^#\d+\s', text) and ' at ' in text:
                found.append((number, None, text, None, None))
            continue
        func, file, line = m.group(1), m.group(2), int(m.group(3))
        source = None
        s = SOURCE.match(nxt)
        if s and int(s.group(1)) == line:
            source = s.group(2)
        found.append((number, func, file, line, source))
    return found


def c_bodies(lines, func):
    """(first, last) line numbers of each definition of func in C source:
    the line naming it at column 0, up to the next `}` at column 0. A
    prototype (a `;` before any `{`) is no definition."""
    named = re.compile(r'^[A-Za-z_].*\b' + re.escape(func) + r'\s*\(')
    result = []
    for i, line in enumerate(lines):
        if not named.match(line):
            continue
        j = i
        while j < len(lines) and '{' not in lines[j] and ';' not in lines[j]:
            j += 1
        if j == len(lines) or ';' in lines[j].split('{')[0]:
            continue
        end = next((k for k in range(j, len(lines)) if lines[k].startswith('}')), None)
        if end is not None:
            result.append((i + 1, end + 1))
    return result


def asm_bodies(lines, func):
    """(first, last) line numbers of the label func: in assembly, up to
    the line before the next global label (or the end of the file)."""
    globl = set()
    for line in lines:
        m = re.match(r'^\s*\.glob(?:a)?l\s+(.*)$', line)
        if m:
            globl.update(n.strip() for n in m.group(1).split(','))
    label = re.compile(r'^\s*(' + IDENT + r'):')
    result = []
    for i, line in enumerate(lines):
        m = label.match(line)
        if not m or m.group(1) != func:
            continue
        end = len(lines)
        for k in range(i + 1, len(lines)):
            n = label.match(lines[k])
            if n and n.group(1) in globl:
                end = k
                break
        result.append((i + 1, end))
    return result


def bodies(path, func):
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    if path.endswith(('.S', '.s')):
        return lines, asm_bodies(lines, func)
    return lines, c_bodies(lines, func)


def defined_elsewhere(func):
    """The files that define func, to say where it went."""
    where = []
    for top in SEARCHED:
        for path in sorted(glob.glob(top + '/**/*.[chS]', recursive=True)):
            if bodies(path, func)[1]:
                where.append(path)
    return where


def check(func, file, line, source):
    """None if the place still holds, else the reason it does not."""
    if func is None:
        return f'a frame line this check cannot read: {file!r}'
    path = file[2:] if file.startswith('./') else file
    if not os.path.isfile(path):
        return f'{file} does not exist'
    lines, spans = bodies(path, func)
    if not spans:
        where = [p for p in defined_elsewhere(func) if p != path]
        hint = f' (it is in {", ".join(where)})' if where else ''
        return f'{func} is not defined in {path}{hint}'
    if not any(first <= line <= last for first, last in spans):
        ranges = ', '.join(f'{a}-{b}' for a, b in spans)
        return f'{path}:{line} is outside {func} (lines {ranges})'
    if source is not None and lines[line - 1].rstrip() != source.rstrip():
        return (f'{path}:{line} now reads {lines[line - 1].strip()!r}, '
                f'not {source.strip()!r}')
    return None


def main(files):
    os.chdir(ROOT)
    if not files:
        files = ['docs/debugging.md']
    failed = 0
    for path in files:
        name = os.path.relpath(path, ROOT)
        seen = 0
        for body in blocks(path):
            for number, func, file, line, source in places(body):
                seen += 1
                reason = check(func, file, line, source)
                if reason is None:
                    print(f'PASS: gdbframes/{name}:{number}')
                else:
                    failed += 1
                    print(f'FAIL: gdbframes/{name}:{number}: {reason}')
        if seen == 0:
            failed += 1
            print(f'FAIL: gdbframes/{name}: no gdb frame found')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main([os.path.abspath(a) for a in sys.argv[1:]]))
