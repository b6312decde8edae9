#!/usr/bin/env python3
"""
Draw a Warden trace as an SVG timeline: who had the CPU when, and what the
guardian did about each process that ended.

    python3 tools/timeline.py TRACE.log [-o OUT.svg] [--title TITLE]

TRACE.log is the serial console output of a kernel booted with "trace" on
its command line ("-" reads standard input). The picture goes to OUT.svg;
without -o it goes next to the log (demo.log -> demo.svg), or to standard
output when reading standard input or with "-o -". Open it in a browser:
hovering over a marker shows what happened in full.

Ordinary console lines are ignored. Trace lines start with "@T":

    @T <microseconds since boot> <event> <pid> <name> [detail...]

    run   PID NAME                        the CPU switched to this process
    start PID NAME INCARNATION            an incarnation started (>1: restart)
    end   PID NAME CAUSE:N DECISION DELAY_MS
                                          an incarnation ended, and the
                                          guardian's decision about it;
                                          or, with DECISION "retry", its
                                          restart found no memory and is
                                          tried again after DELAY_MS
    group PID NAME GROUP restart          the group GROUP restarts this
                                          member (its start follows)
    group PID NAME GROUP gaveup           the group GROUP gave up: its
                                          supervisor PID ends next

CAUSE is exit, signal, fault, watchdog, oom (killed when the machine ran
out of memory), memlimit (a fault past the process's memory limit),
starttimeout (not ready in time) or escalated (a supervisor killed
because the group it supervises gave up). DECISION is exit, restart, gaveup, stopped,
retry, or:
    retrylater     a give-up that starts again after DELAY_MS
    grouprestart   this member's failure restarts its group, after
                   DELAY_MS; the group lines say who goes with it
    escalate       this member's group gave up: its members stop, then
                   its supervisor ends (cause escalated)
    update         stopped for a live update: the new program starts
    rollback       the new program ended on probation: the old one
                   starts again

Trace lines that do not fit this format (a line cut short, or mixed with
other output) are skipped and counted on standard error.

The program is two halves that only share plain data: parse() turns lines
into a Timeline (timeline_parse.py), render() turns a Timeline into SVG
text (timeline_render.py, which draws the lanes with timeline_lanes.py out
of the pieces in timeline_svg.py). This file is the command line. Only the
standard library is used.
"""
import argparse
import os
import sys

# Run as a program, this file imports its halves from tools/: the compiled
# copies Python would otherwise keep there (__pycache__) are not part of the
# project.
sys.dont_write_bytecode = True

from timeline_parse import parse  # noqa: E402  (after the line above)
from timeline_render import render  # noqa: E402


def report_malformed(malformed, shown=5):
    """Say on standard error how many trace lines were skipped, and why."""
    if not malformed:
        return
    s = '' if len(malformed) == 1 else 's'
    print(f'timeline: skipped {len(malformed)} malformed trace line{s}', file=sys.stderr)
    for line_number, line, why in malformed[:shown]:
        print(f'  line {line_number}: {why}: {line[:80]}', file=sys.stderr)
    if len(malformed) > shown:
        print(f'  ... and {len(malformed) - shown} more', file=sys.stderr)


def default_output(path):
    """demo.log -> demo.svg; reading standard input, write standard output."""
    if path == '-':
        return '-'
    return os.path.splitext(path)[0] + '.svg'


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Draw a Warden trace (kernel booted with "trace") as an SVG timeline.')
    parser.add_argument('trace', help='the console log; - for standard input')
    parser.add_argument('-o', '--output',
                        help='the SVG file (default: the log\'s name with .svg; '
                             '- for standard output)')
    parser.add_argument('--title', help='the title at the top of the picture')
    args = parser.parse_args(argv)

    # A garbled serial line may not be valid UTF-8: it should not stop us.
    try:
        if args.trace == '-':
            sys.stdin.reconfigure(encoding='utf-8', errors='replace')
            timeline = parse(sys.stdin)
        else:
            with open(args.trace, encoding='utf-8', errors='replace') as log:
                timeline = parse(log)
    except OSError as e:
        print(f'timeline: {e}', file=sys.stderr)
        return 1
    report_malformed(timeline.malformed)
    if not timeline.lanes:
        print('timeline: no processes in the trace; was the kernel booted with '
              '"trace" on its command line?', file=sys.stderr)
        return 1

    name = 'standard input' if args.trace == '-' else os.path.basename(args.trace)
    svg = render(timeline, args.title or f'Warden timeline: {name}')
    output = args.output or default_output(args.trace)
    if output == '-':
        sys.stdout.write(svg)
        return 0
    try:
        with open(output, 'w', encoding='utf-8') as out:
            out.write(svg)
    except OSError as e:
        print(f'timeline: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
