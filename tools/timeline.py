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

Trace lines that do not fit this format (a line cut short, or mixed with
other output) are skipped and counted on standard error.

The program is two halves that only share plain data: parse() turns lines
into a Timeline, render() turns a Timeline into SVG text. Only the standard
library is used.
"""
import argparse
import math
import os
import re
import sys
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

# ---------------------------------------------------------------------------
# The data: what parse() returns. All times are microseconds since boot.
# ---------------------------------------------------------------------------


@dataclass
class Start:
    """An incarnation started: 1 is the first start, more is a restart."""
    time: int
    incarnation: int
    group: Optional[str] = None     # the group that restarted it, if one did


@dataclass
class End:
    """An incarnation ended, and what the guardian decided to do next."""
    time: int
    incarnation: int    # the one that ended; 0 if its start is not in the trace
    cause: str          # one of CAUSES
    number: int         # the exit status, or the signal number
    decision: str       # one of DECISIONS (never retry: see Lane.retries)
    delay_ms: int       # for restart: how long the guardian waits first
    # The group this end concerns, when the trace names it: the group that
    # gave up on an escalated supervisor, the one a grouprestart restarts,
    # or the one that stopped this member to restart it.
    group: Optional[str] = None


@dataclass
class GroupEvent:
    """A group line: the group restarts this member, or (on its supervisor's
    lane) the group gave up."""
    time: int
    group: str
    action: str         # restart or gaveup


@dataclass
class Backoff:
    """The wait between an end and the restart the guardian delayed."""
    start: int
    end: int            # the restart; or the end of the trace if it never came
    delay_ms: int


@dataclass
class Lane:
    """Everything that happened to one process (one pid)."""
    pid: int
    name: str
    first_time: int                 # when the trace first mentions it
    intervals: List[Tuple[int, int]] = field(default_factory=list)  # running
    starts: List[Start] = field(default_factory=list)
    ends: List[End] = field(default_factory=list)
    backoffs: List[Backoff] = field(default_factory=list)
    retries: List[int] = field(default_factory=list)   # restarts without memory
    groups: List[GroupEvent] = field(default_factory=list)
    end_time: Optional[int] = None  # when it ended for good, if it did


@dataclass
class Timeline:
    lanes: List[Lane] = field(default_factory=list)   # in order of appearance
    idle: List[Tuple[int, int]] = field(default_factory=list)  # nothing ran
    start: int = 0                  # the first and last trace timestamps
    end: int = 0
    # Trace lines that were skipped: (line number, text, what was wrong).
    malformed: List[Tuple[int, str, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

# The kernel prints the time as a 32-bit number of microseconds, which
# wraps around after about 71 minutes.
WRAP = 2 ** 32

CAUSES = ('exit', 'signal', 'fault', 'watchdog', 'oom', 'memlimit', 'starttimeout',
          'escalated')
DECISIONS = ('exit', 'restart', 'gaveup', 'stopped', 'retry', 'retrylater',
             'grouprestart', 'escalate')
# After these decisions the process is gone: its lane ends. (A member
# stopped by its group comes back with a start line, which reopens it.)
FINAL_DECISIONS = ('exit', 'gaveup', 'stopped', 'escalate')
# After these, the process starts again once DELAY_MS have passed.
RESTART_DECISIONS = ('restart', 'retrylater', 'grouprestart')
GROUP_ACTIONS = ('restart', 'gaveup')

# The signals that can end a process: 1 to 15, numbered as on Linux i386
# (include/abi/signal.h).
SIGNAL_NAMES = {
    1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP',
    6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 10: 'SIGUSR1',
    11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE', 14: 'SIGALRM', 15: 'SIGTERM',
}

# "@T" followed by a space or tab, or nothing at all (a line cut short).
TRACE_LINE = re.compile(r'@T(\s|$)')


def signal_name(number):
    return SIGNAL_NAMES.get(number, f'signal {number}')


def number_field(text, what):
    """A field that must be a plain decimal number."""
    # int() alone would also take "-1", "+1", "1_000" and non-ASCII digits.
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f'{what} is not a number: {text!r}')
    return int(text)


def parse_end_detail(detail):
    """The detail of an end line, "CAUSE:N DECISION DELAY_MS"."""
    if len(detail) != 3:
        raise ValueError('end needs CAUSE:N DECISION DELAY_MS')
    cause, _, number = detail[0].partition(':')
    if cause not in CAUSES:
        raise ValueError(f'unknown cause {cause!r}')
    number = number_field(number, 'exit status or signal')
    decision = detail[1]
    if decision not in DECISIONS:
        raise ValueError(f'unknown decision {decision!r}')
    delay = number_field(detail[2], 'delay')
    return cause, number, decision, delay


def parse_line(text):
    """Split one trace line into (time, event, pid, name, detail).

    detail is () for run, (incarnation,) for start,
    (cause, number, decision, delay_ms) for end and (group, action) for
    group. Raises ValueError saying
    what is wrong with a line that does not fit the format.
    """
    fields = text.split()
    if len(fields) < 5:
        raise ValueError('too few fields')
    _, time, event, pid, name, *detail = fields
    time = number_field(time, 'time')
    if time >= WRAP:
        raise ValueError('time does not fit in 32 bits')
    pid = number_field(pid, 'pid')
    if pid == 0 and event != 'run':
        raise ValueError('pid 0 is the idle loop: it only runs')
    if event == 'run':
        if detail:
            raise ValueError('run takes no detail')
        return time, event, pid, name, ()
    if event == 'start':
        if len(detail) != 1:
            raise ValueError('start needs an incarnation')
        incarnation = number_field(detail[0], 'incarnation')
        if incarnation < 1:
            raise ValueError('incarnations count from 1')
        return time, event, pid, name, (incarnation,)
    if event == 'end':
        return time, event, pid, name, parse_end_detail(detail)
    if event == 'group':
        if len(detail) != 2 or detail[1] not in GROUP_ACTIONS:
            raise ValueError('group needs GROUP restart or GROUP gaveup')
        return time, event, pid, name, tuple(detail)
    raise ValueError(f'unknown event {event!r}')


def unwrap(raw, previous):
    """The full time of a 32-bit timestamp, given the full time before it.

    While the counter counts up, the time is on the same lap as the one
    before. If it seems to jump back by more than half a lap, the counter
    has wrapped around, and the time is on the next lap.
    """
    time = previous - previous % WRAP + raw
    if time < previous - WRAP // 2:
        time += WRAP
    return time


def lane_for(timeline, lanes, pid, name, time):
    """The lane of pid, made on its first appearance."""
    if pid not in lanes:
        lanes[pid] = Lane(pid, name, time)
        timeline.lanes.append(lanes[pid])
    return lanes[pid]


def close_interval(timeline, lanes, running, now):
    """The process that had the CPU since running = (pid, since) stops at now."""
    pid, since = running
    if now > since:     # an empty interval would draw nothing
        intervals = timeline.idle if pid == 0 else lanes[pid].intervals
        intervals.append((since, now))


def finish_backoff(lane, now, waiting):
    """The wait for a delayed restart of lane's process, if any, ends at now."""
    ended = waiting.pop(lane.pid, None)
    if ended:
        lane.backoffs.append(Backoff(ended.time, now, ended.delay_ms))


def record_start(lane, now, incarnation, waiting, regrouped):
    lane.starts.append(Start(now, incarnation, regrouped.pop(lane.pid, None)))
    lane.end_time = None            # alive (again)
    finish_backoff(lane, now, waiting)


def record_end(lane, now, detail, waiting):
    cause, number, decision, delay = detail
    incarnation = lane.starts[-1].incarnation if lane.starts else 0
    ended = End(now, incarnation, cause, number, decision, delay)
    if decision == 'retry':
        # Not a new end: the restart found no memory. The wait goes on
        # (it begins here if the restart was to be at once).
        lane.retries.append(now)
        waiting.setdefault(lane.pid, ended)
        return
    lane.ends.append(ended)
    # Only a process that was started can end, so no backoff should be
    # pending here; if the trace says otherwise, the wait is over anyway.
    finish_backoff(lane, now, waiting)
    if decision in RESTART_DECISIONS and delay > 0:
        waiting[lane.pid] = ended   # a restart at once needs no backoff
    if decision in FINAL_DECISIONS:
        lane.end_time = now
    if cause == 'escalated' and lane.groups and lane.groups[-1].action == 'gaveup':
        ended.group = lane.groups[-1].group     # the group line just before


def record_group(lane, now, detail, regrouped):
    """A group line. A restart names the group for the start that follows
    it, and for this member's end before it: the failure that restarts the
    group, or the member's stop by the group (no start came since)."""
    group, action = detail
    lane.groups.append(GroupEvent(now, group, action))
    if action == 'restart':
        regrouped[lane.pid] = group
        last = lane.ends[-1] if lane.ends else None
        if last and (last.decision == 'grouprestart' or
                     (last.decision == 'stopped' and lane.end_time is not None)):
            last.group = group


def parse(lines):
    """Read console lines (with or without their newlines) into a Timeline."""
    timeline = Timeline()
    lanes = {}          # pid -> Lane, the same lanes as timeline.lanes
    running = None      # (pid, since): who has the CPU, and since when
    waiting = {}        # pid -> the End whose delayed restart is pending
    regrouped = {}      # pid -> the group restarting it, until its start
    now = None
    for line_number, text in enumerate(lines, 1):
        text = text.rstrip()            # the serial port ends lines in \r\n
        if not TRACE_LINE.match(text):
            continue                    # ordinary console output
        try:
            raw, event, pid, name, detail = parse_line(text)
        except ValueError as why:
            timeline.malformed.append((line_number, text, str(why)))
            continue
        if now is None:
            now = timeline.start = raw
        now = unwrap(raw, now)
        timeline.end = now

        if event == 'run':
            # A process runs until the next run line, whoever that is for.
            if pid != 0:
                lane_for(timeline, lanes, pid, name, now)
            if running:
                close_interval(timeline, lanes, running, now)
            running = (pid, now)
            continue

        lane = lane_for(timeline, lanes, pid, name, now)
        if event == 'start':
            record_start(lane, now, detail[0], waiting, regrouped)
        elif event == 'group':
            record_group(lane, now, detail, regrouped)
        else:
            record_end(lane, now, detail, waiting)

    # The trace stops in the middle of things: whoever has the CPU runs to
    # its last timestamp, and restarts not yet done wait until then.
    if running:
        close_interval(timeline, lanes, running, timeline.end)
    for pid in list(waiting):
        finish_backoff(lanes[pid], timeline.end, waiting)
    return timeline


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------

WIDTH = 1200
RIGHT_MARGIN = 30
TOP = 62                # room for the title and the summary under it
LANE_HEIGHT = 34
BAR_HEIGHT = 14
IDLE_HEIGHT = 20
AXIS_HEIGHT = 44
LEGEND_ROW = 22

COLORS = {
    'run': '#4e79a7',       # blue bars: the process has the CPU
    'idle': '#b4b4b4',
    'backoff': '#f6e3a1',   # light yellow, hatched
    'backoff_line': '#c9a227',
    'restart': '#2ca02c',   # green
    'fault': '#d62728',     # red
    'watchdog': '#ff7f0e',  # orange
    'oom': '#8c564b',       # brown
    'memlimit': '#e377c2',  # pink
    'signal': '#9467bd',    # purple
    'exit': '#000000',
    'gaveup': '#000000',
    'stopped': '#7f7f7f',   # grey
    # Teal for what a group did: the failure that restarts it, each
    # member's restart with it, and its giving up.
    'grouprestart': '#17becf',
    'group-restart': '#17becf',
    'group-gaveup': '#17becf',
    'escalate': '#17becf',
    'escalated': '#393b79', # indigo
    'grid': '#e2e2e2',
    'zebra': '#f5f6f8',
    'text': '#222222',
}

# Characters XML 1.0 does not allow at all, not even escaped. A garbled
# serial line could put them in a process name.
NOT_XML = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def escape(text):
    """Text made safe to put inside an XML element or attribute value."""
    text = NOT_XML.sub('?', str(text))
    return (text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
            .replace('"', '&quot;').replace("'", '&apos;'))


def element(name, content=None, **attributes):
    """One SVG element as text.

    content is markup (escape text yourself, or use title() and text()).
    In attribute names "_" stands for "-" (font_size is font-size), and a
    trailing "_" is dropped (class_ is class, as class is a Python word).
    None values are left out; floats get one decimal, which is plenty.
    """
    parts = [name]
    for key, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = f'{value:.1f}'
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{escape(value)}"')
    tag = ' '.join(parts)
    if content is None:
        return f'<{tag}/>'
    return f'<{tag}>{content}</{name}>'


def title(tip):
    """A tooltip: a browser shows it when hovering over the parent element."""
    return element('title', escape(tip)) if tip else ''


def text(x, y, words, **attributes):
    return element('text', escape(words), x=x, y=y, **attributes)


def seconds(us):
    return f'{us / 1e6:.3f} s'


class Scale:
    """Maps a trace time (microseconds) to an x coordinate on the page."""

    def __init__(self, t0, t1, left, right):
        self.t0 = t0
        self.t1 = max(t1, t0 + 1)   # a one-instant trace still gets a width
        self.left = left
        self.right = right

    def x(self, time):
        return self.left + (time - self.t0) * (self.right - self.left) / (self.t1 - self.t0)


def tick_step(span):
    """A round step (1, 2 or 5 times a power of ten) for about 10 ticks."""
    rough = max(span / 10, 1)
    power = 10 ** math.floor(math.log10(rough))
    for multiple in (1, 2, 5, 10):
        if multiple * power >= rough:
            return multiple * power
    return 10 * power


def tick_label(us, step):
    """us as seconds, with as many decimals as the step needs."""
    decimals = max(0, math.ceil(-math.log10(step / 1e6)))
    return f'{us / 1e6:.{decimals}f} s'


def marker(kind, x, y, tip=''):
    """The symbol for one kind of event, centred on (x, y), with a tooltip.

    Shapes differ as well as colours, so that they can be told apart in
    grey print or by a colour-blind reader. The white outline keeps a
    marker visible on top of a running bar.
    """
    color = COLORS[kind]
    tip = title(tip)
    outline = dict(stroke='#ffffff', stroke_width=1.2)
    if kind == 'fault':         # diamond
        d = f'M{x:.1f} {y - 7:.1f} l7 7 l-7 7 l-7 -7 Z'
        return element('path', tip, class_=kind, d=d, fill=color, **outline)
    if kind == 'watchdog':      # circle
        return element('circle', tip, class_=kind, cx=x, cy=y, r=6.0, fill=color, **outline)
    if kind == 'oom':           # a wide bar: "full"
        return element('rect', tip, class_=kind, x=x - 7, y=y - 4, width=14, height=8,
                       fill=color, **outline)
    if kind == 'memlimit':      # triangle pointing right: "past the line"
        d = f'M{x - 5:.1f} {y - 6:.1f} l11 6 l-11 6 Z'
        return element('path', tip, class_=kind, d=d, fill=color, **outline)
    if kind == 'signal':        # triangle pointing down
        d = f'M{x - 6:.1f} {y - 5:.1f} l12 0 l-6 11 Z'
        return element('path', tip, class_=kind, d=d, fill=color, **outline)
    if kind == 'stopped':       # square
        return element('rect', tip, class_=kind, x=x - 5, y=y - 5, width=10, height=10,
                       fill=color, **outline)
    if kind == 'restart':       # triangle pointing up: "going again"
        d = f'M{x - 5:.1f} {y + 5:.1f} l10 0 l-5 -10 Z'
        return element('path', tip, class_=kind, d=d, fill=color, **outline)
    if kind == 'exit':          # a small tick across the bar
        return element('line', tip, class_=kind, x1=x, y1=y - 9, x2=x, y2=y + 9,
                       stroke=color, stroke_width=1.5)
    if kind in ('gaveup', 'group-gaveup', 'escalate'):
        # X, bigger than the others: it goes behind one. Black when the
        # guardian gave up, teal when a group did (on the lane of the
        # member whose failure was too many, and on its supervisor's).
        d = f'M{x - 8:.1f} {y - 8:.1f} l16 16 M{x - 8:.1f} {y + 8:.1f} l16 -16'
        return element('path', tip, class_=kind, d=d, fill='none', stroke=color,
                       stroke_width=2.5)
    if kind == 'grouprestart':  # a teal ring around the failure's own marker
        return element('circle', tip, class_=kind, cx=x, cy=y, r=9.5, fill='none',
                       stroke=color, stroke_width=2.5)
    if kind == 'group-restart':     # two teal triangles: going again, together
        d = (f'M{x - 5:.1f} {y + 1:.1f} l10 0 l-5 -8 Z '
             f'M{x - 5:.1f} {y + 8:.1f} l10 0 l-5 -8 Z')
        return element('path', tip, class_=kind, d=d, fill=color, **outline)
    if kind == 'escalated':     # an arrow pointing up: passed up to the supervisor
        d = f'M{x:.1f} {y - 8:.1f} l7 7 l-4 0 l0 8 l-6 0 l0 -8 l-4 0 Z'
        return element('path', tip, class_=kind, d=d, fill=color, **outline)
    raise ValueError(f'no marker for {kind!r}')


def end_marker_kind(end):
    """Which marker an end gets.

    Faults, watchdog kills and the ends memory forced (out of memory, the
    memory limit) keep their colour whatever was decided: they are what
    the picture is for. Otherwise a stop by the supervisor shows
    as such rather than as the signal it was done with. (A gave-up end
    gets an X behind it as well; see draw_lane.)
    """
    if end.cause in ('fault', 'watchdog', 'oom', 'memlimit', 'escalated'):
        return end.cause
    if end.cause == 'starttimeout':
        return 'watchdog'   # killed for not answering in time, as the watchdog does
    if end.decision == 'stopped':
        return 'stopped'
    return end.cause        # signal or exit


def group_words(group):
    """A group in words, when the trace has not named it: "its group"."""
    return f'its group {group}' if group else 'its group'


def describe_end(lane, end):
    """The tooltip of an end marker, in words."""
    who = f'{lane.name}[{lane.pid}] #{end.incarnation or "?"}'
    if end.cause == 'exit':
        how = f'exited with status {end.number}'
    elif end.cause == 'fault':
        how = f'fault: {signal_name(end.number)} ({end.number})'
    elif end.cause == 'watchdog':
        how = f'killed by the watchdog ({signal_name(end.number)}): no heartbeat'
    elif end.cause == 'oom':
        how = f'killed by {signal_name(end.number)} ({end.number}): out of memory'
    elif end.cause == 'memlimit':
        how = f'fault: {signal_name(end.number)} ({end.number}): memory limit'
    elif end.cause == 'starttimeout':
        how = f'killed by {signal_name(end.number)} ({end.number}): not ready in time'
    elif end.cause == 'escalated':
        # The group is the one it supervises, not one it is a member of.
        which = f'group {end.group}' if end.group else 'the group it supervises'
        how = f'killed by {signal_name(end.number)} ({end.number}): escalated, {which} gave up'
    else:
        how = f'killed by {signal_name(end.number)} ({end.number})'
    if end.decision == 'restart':
        then = f'restart in {end.delay_ms} ms' if end.delay_ms else 'restart at once'
    elif end.decision == 'retrylater':
        then = f'the guardian gave up; starts again in {end.delay_ms} ms'
    elif end.decision == 'grouprestart':
        when = f'in {end.delay_ms} ms' if end.delay_ms else 'at once'
        then = f'restarts {group_words(end.group)} {when}'
    elif end.decision == 'escalate':
        then = (f'{group_words(None)} gave up: its members stop, '
                'then its supervisor ends')
    elif end.decision == 'stopped' and end.group:
        then = f'stopped by {group_words(end.group)}, to be restarted with it'
    else:
        then = {'exit': 'ends', 'gaveup': 'the guardian gave up',
                'stopped': 'stopped by its supervisor'}[end.decision]
    return f'{who} {how} -> {then}, at {seconds(end.time)}'


def note(x, y, words, scale, before=False, class_=None):
    """A word or two beside a marker: after it (or before it, when asked),
    and on the other side when there is no room. A white outline drawn
    under the letters keeps them readable over bars and ticks."""
    width = 10 + 6 * len(words)     # a rough guess, as in legend_rows
    if before:
        before = x - width > scale.left
    else:
        before = x + width > scale.right
    style = dict(class_=class_, font_size=10, fill=COLORS['text'], stroke='#ffffff',
                 stroke_width=3, paint_order='stroke')
    if before:
        return text(x - 10, y + 4, words, text_anchor='end', **style)
    return text(x + 10, y + 4, words, **style)


def end_note(end):
    """The words written beside an end marker, or None.

    A fault's signal is written out, not only in the tooltip, so that it
    survives in a PNG or on paper; so is the guardian giving up, a
    supervisor stopping the process, and what a group did.
    """
    words = []
    if end.cause == 'fault':
        words.append(signal_name(end.number))
    if end.cause == 'escalated':
        words.append(f'{end.group or "group"} gave up')
    decided = {'gaveup': 'gave up', 'stopped': 'stopped', 'grouprestart': 'group restart',
               'escalate': 'group gave up'}
    if end.decision in decided:
        words.append(decided[end.decision])
    return ', '.join(words) or None


def draw_group_events(lane, cy, scale, action):
    """The group lines on a lane with this action: a restart with its group
    (drawn instead of the plain restart marker of the start that follows),
    or the group that gave up on this supervisor (an X behind its
    escalated end)."""
    out = []
    who = f'{lane.name}[{lane.pid}]'
    for event in lane.groups:
        x = scale.x(event.time)
        if event.action != action:
            continue
        if action == 'restart':
            start = next((s for s in lane.starts
                          if s.time >= event.time and s.group == event.group), None)
            tip = f'{who} restarted with group {event.group}'
            if start:
                tip += f' as #{start.incarnation}'
            out.append(marker('group-restart', x, cy, f'{tip}, at {seconds(event.time)}'))
        else:
            tip = (f'group {event.group} gave up: its members were stopped, '
                   f'now its supervisor {who} ends, at {seconds(event.time)}')
            out.append(marker('group-gaveup', x, cy, tip))
    return out


def draw_starts(lane, cy, scale):
    """A marker and a "#N" label for each restart; a group's restarts have
    their marker drawn by draw_group_events."""
    out = []
    for start in lane.starts:
        if start.incarnation > 1:
            x = scale.x(start.time)
            tip = (f'{lane.name}[{lane.pid}] restarted as #{start.incarnation}, '
                   f'at {seconds(start.time)}')
            if not start.group:
                out.append(marker('restart', x, cy, tip))
            out.append(text(x, cy - BAR_HEIGHT / 2 - 4, f'#{start.incarnation}',
                            class_='restart-label', text_anchor='middle', font_size=10,
                            fill='#1b7a1b'))
    return out


def draw_ends(lane, cy, scale):
    out = []
    for end in lane.ends:
        x = scale.x(end.time)
        tip = describe_end(lane, end)
        # The X (or ring) goes first, so that the cause (a red fault, say)
        # stays visible in the middle of it.
        if end.decision in ('gaveup', 'escalate', 'grouprestart'):
            out.append(marker(end.decision, x, cy, tip))
        out.append(marker(end_marker_kind(end), x, cy, tip))
        words = end_note(end)
        if words:
            # A label goes before its marker when the process goes on
            # (after it come the backoff and the restart), and after it
            # when the process is gone, where the lane is empty.
            before = end.decision in RESTART_DECISIONS or (
                end.cause == 'fault' and end.decision not in FINAL_DECISIONS)
            out.append(note(x, cy, words, scale, before=before,
                            class_='fault-label' if end.cause == 'fault' else 'end-label'))
    return out


def draw_lane(lane, top, scale, trace_end):
    """One process's lane, as a group: its life line, backoffs, running bars
    and markers, drawn in that order so that markers end up on top."""
    cy = top + LANE_HEIGHT / 2 + 3     # a little low: "#N" labels go above
    out = []
    out.append(text(scale.left - 10, cy + 4, f'{lane.name}[{lane.pid}]', class_='lane-label',
                    text_anchor='end', fill=COLORS['text']))

    # A thin line for the process's life, which stops where it ended for good.
    last = trace_end if lane.end_time is None else lane.end_time
    x0, x1 = scale.x(lane.first_time), scale.x(last)
    out.append(element('line', x1=x0, y1=cy, x2=x1, y2=cy, stroke='#999999', stroke_width=1))

    for wait in lane.backoffs:
        x = scale.x(wait.start)
        tip = (f'backoff: waiting {wait.delay_ms} ms to restart, '
               f'{seconds(wait.start)} to {seconds(wait.end)}')
        retried = sum(wait.start <= t <= wait.end for t in lane.retries)
        if retried:
            times = 'once' if retried == 1 else f'{retried} times'
            tip += f'; out of memory: restart tried again {times}'
        out.append(element('rect', title(tip), class_='backoff', x=x, y=cy - 10.0,
                           width=max(scale.x(wait.end) - x, 1.0), height=20,
                           fill='url(#hatch)', stroke=COLORS['backoff_line'], stroke_width=0.5))

    # Most runs last microseconds; at least one pixel keeps them visible
    # (which makes them look longer than they were).
    bars = [element('rect', x=scale.x(a), y=cy - BAR_HEIGHT / 2,
                    width=max(scale.x(b) - scale.x(a), 1.0), height=BAR_HEIGHT)
            for a, b in lane.intervals]
    out.append(element('g', title(f'{lane.name}[{lane.pid}] running') + ''.join(bars),
                       class_='running', fill=COLORS['run']))

    # A group's giving up goes behind the supervisor's end; its restart
    # goes on top of the member's stop a moment before.
    out += draw_group_events(lane, cy, scale, 'gaveup')
    out += draw_starts(lane, cy, scale)
    out += draw_ends(lane, cy, scale)
    out += draw_group_events(lane, cy, scale, 'restart')
    return element('g', '\n'.join(out), class_='lane', id=f'lane-{lane.pid}')


def draw_idle(idle, top, scale):
    """A thin grey lane at the bottom: when nothing was runnable."""
    cy = top + IDLE_HEIGHT / 2
    bars = [element('rect', x=scale.x(a), y=cy - 3, width=max(scale.x(b) - scale.x(a), 1.0),
                    height=6)
            for a, b in idle]
    return [text(scale.left - 10, cy + 4, 'idle', text_anchor='end', fill='#888888'),
            element('g', title('idle: nothing runnable') + ''.join(bars),
                    class_='idle', fill=COLORS['idle'])]


def draw_axis(scale, step, top, bottom):
    """Grid lines across the lanes, and the time axis under them."""
    out = []
    first = math.ceil(scale.t0 / step) * step
    ticks = range(int(first), int(scale.t1) + 1, int(step))
    for t in ticks:
        x = scale.x(t)
        out.append(element('line', x1=x, y1=top, x2=x, y2=bottom, stroke=COLORS['grid']))
    out.append(element('line', x1=scale.left, y1=bottom, x2=scale.right, y2=bottom,
                       stroke='#555555'))
    for t in ticks:
        x = scale.x(t)
        out.append(element('line', x1=x, y1=bottom, x2=x, y2=bottom + 5, stroke='#555555'))
        out.append(text(x, bottom + 18, tick_label(t, step), class_='tick',
                        text_anchor='middle', font_size=11, fill=COLORS['text']))
    out.append(text((scale.left + scale.right) / 2, bottom + 36, 'time since boot',
                    text_anchor='middle', font_size=11, fill='#666666'))
    return out


LEGEND = [
    ('run', 'running'),
    ('ticks', 'short runs (1 pixel, longer than they were)'),
    ('life', 'alive'),
    ('backoff', 'backoff before a restart'),
    ('restart', 'restart #N'),
    ('fault', 'fault, labelled with its signal'),
    ('watchdog', 'watchdog kill'),
    ('oom', 'out of memory'),
    ('memlimit', 'memory limit'),
    ('signal', 'killed by a signal'),
    ('exit', 'exit'),
    ('gaveup', 'guardian gave up'),
    ('stopped', 'stopped by supervisor or group'),
    ('grouprestart', 'failure that restarts its group'),
    ('group-restart', 'restarted with its group'),
    ('group-gaveup', 'group gave up'),
    ('escalated', 'escalated: the group it supervised gave up'),
    ('idle', 'idle'),
]


def legend_symbol(kind, x, y):
    """The legend's sample of a kind: a piece of bar, or the marker itself."""
    if kind == 'run':
        return element('rect', x=x - 8, y=y - BAR_HEIGHT / 2, width=16, height=BAR_HEIGHT,
                       fill=COLORS['run'])
    if kind == 'ticks':     # three runs of a few microseconds each
        ticks = [element('rect', x=x - 6 + 5 * i, y=y - BAR_HEIGHT / 2, width=1.0,
                         height=BAR_HEIGHT) for i in range(3)]
        return element('g', ''.join(ticks), class_='legend-run-ticks', fill=COLORS['run'])
    if kind == 'life':
        return element('line', x1=x - 8, y1=y, x2=x + 8, y2=y, stroke='#999999', stroke_width=1)
    if kind == 'idle':
        return element('rect', x=x - 8, y=y - 3, width=16, height=6, fill=COLORS['idle'])
    if kind == 'backoff':
        return element('rect', x=x - 8, y=y - 8, width=16, height=16, fill='url(#hatch)',
                       stroke=COLORS['backoff_line'], stroke_width=0.5)
    return marker(kind, x, y)


def legend_rows(left, right):
    """Where each legend entry goes: a list of rows of (kind, words, x)."""
    rows, row, x = [], [], left
    for kind, words in LEGEND:
        width = 34 + 6 * len(words)   # a rough guess at the text's width
        if row and x + width > right:
            rows.append(row)
            row, x = [], left
        row.append((kind, words, x))
        x += width
    rows.append(row)
    return rows


def draw_legend(rows, top):
    out = []
    for i, row in enumerate(rows):
        y = top + i * LEGEND_ROW + LEGEND_ROW / 2
        for kind, words, x in row:
            out.append(legend_symbol(kind, x + 8, y))
            out.append(text(x + 22, y + 4, words, font_size=11, fill=COLORS['text']))
    return out


def summary(timeline):
    """One line of counts under the title."""
    ends = [end for lane in timeline.lanes for end in lane.ends]
    restarts = sum(1 for lane in timeline.lanes for s in lane.starts if s.incarnation > 1)

    def count(n, one, many):
        return f'{n} {one if n == 1 else many}'
    counts = [
        count(len(timeline.lanes), 'process', 'processes'),
        count(sum(e.cause == 'fault' for e in ends), 'fault', 'faults'),
        count(sum(e.cause == 'watchdog' for e in ends), 'watchdog kill', 'watchdog kills'),
        count(restarts, 'restart', 'restarts'),
        f'{sum(e.decision == "gaveup" for e in ends)} gave up',
    ]
    # Groups only where there are any: most traces have none.
    if any(lane.groups for lane in timeline.lanes):
        gaveup = sum(g.action == 'gaveup' for lane in timeline.lanes for g in lane.groups)
        counts.append(count(sum(e.decision == 'grouprestart' for e in ends),
                            'group restart', 'group restarts'))
        counts.append(count(gaveup, 'group gave up', 'groups gave up'))
    return ', '.join(counts + [f'{seconds(timeline.start)} to {seconds(timeline.end)}'])


def render(timeline, title_text='Warden timeline'):
    """The SVG picture of a Timeline, as text."""
    labels = [f'{lane.name}[{lane.pid}]' for lane in timeline.lanes] + ['idle']
    left = max(90, 20 + 7 * max(len(label) for label in labels))
    step = tick_step(timeline.end - timeline.start)
    # The axis starts at a round time, so the first tick is at its left end.
    scale = Scale(timeline.start // step * step, timeline.end, left, WIDTH - RIGHT_MARGIN)

    lanes_bottom = TOP + LANE_HEIGHT * len(timeline.lanes)
    idle_bottom = lanes_bottom + (IDLE_HEIGHT if timeline.idle else 0)
    rows = legend_rows(16, WIDTH - RIGHT_MARGIN)
    height = idle_bottom + AXIS_HEIGHT + LEGEND_ROW * len(rows) + 12

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">',
           title(title_text),
           # The backoff hatching: diagonal stripes on light yellow.
           '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)">'
           f'<rect width="6" height="6" fill="{COLORS["backoff"]}"/>'
           f'<line x1="0" y1="0" x2="0" y2="6" stroke="{COLORS["backoff_line"]}" '
           'stroke-width="1.5"/>'
           '</pattern></defs>',
           element('rect', width=WIDTH, height=height, fill='#ffffff'),
           text(16, 24, title_text, font_size=16, font_weight='bold', fill=COLORS['text']),
           text(16, 44, summary(timeline), font_size=12, fill='#555555')]
    # Every other lane gets a light background, so the eye can follow it.
    for i in range(0, len(timeline.lanes), 2):
        out.append(element('rect', x=0, y=TOP + i * LANE_HEIGHT, width=WIDTH,
                           height=LANE_HEIGHT, fill=COLORS['zebra']))
    out += draw_axis(scale, step, TOP, idle_bottom)
    out.append('<g id="lanes">')
    for i, lane in enumerate(timeline.lanes):
        out.append(draw_lane(lane, TOP + i * LANE_HEIGHT, scale, timeline.end))
    out.append('</g>')
    if timeline.idle:
        out += draw_idle(timeline.idle, lanes_bottom, scale)
    out.append('<g id="legend">')
    out += draw_legend(rows, idle_bottom + AXIS_HEIGHT)
    out.append('</g>')
    out.append('</svg>')
    return '\n'.join(out) + '\n'


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------

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
