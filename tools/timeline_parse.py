"""
The first half of the timeline (tools/timeline.py): read a Warden trace
into plain data.

parse() turns console lines into a Timeline: one Lane per process, with
when it had the CPU, its starts and ends, the guardian's backoffs and
what its group did. timeline.py describes the format of the trace lines.
The drawing (timeline_render.py) reads nothing but these data classes.
"""
import re
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
    # A fault's or a watchdog kill's: the function it was caught in, from
    # the program's symbol table, or its address in hex ("0x08048123").
    where: Optional[str] = None


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
             'grouprestart', 'escalate', 'update', 'rollback')
# After these decisions the process is gone: its lane ends. (A member
# stopped by its group comes back with a start line, which reopens it.)
FINAL_DECISIONS = ('exit', 'gaveup', 'stopped', 'escalate')
# After these, the process starts again once DELAY_MS have passed.
RESTART_DECISIONS = ('restart', 'retrylater', 'grouprestart', 'update', 'rollback')
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


# The causes whose end line may say where the process was caught.
WHERE_CAUSES = ('fault', 'memlimit', 'watchdog')


def parse_end_detail(detail):
    """The detail of an end line, "CAUSE:N DECISION DELAY_MS [WHERE]"."""
    if len(detail) not in (3, 4):
        raise ValueError('end needs CAUSE:N DECISION DELAY_MS [WHERE]')
    cause, _, number = detail[0].partition(':')
    if cause not in CAUSES:
        raise ValueError(f'unknown cause {cause!r}')
    number = number_field(number, 'exit status or signal')
    decision = detail[1]
    if decision not in DECISIONS:
        raise ValueError(f'unknown decision {decision!r}')
    delay = number_field(detail[2], 'delay')
    where = detail[3] if len(detail) == 4 else None
    if where is not None and cause not in WHERE_CAUSES:
        raise ValueError(f'only a fault or a watchdog kill says where: {cause!r}')
    return cause, number, decision, delay, where


def parse_line(text):
    """Split one trace line into (time, event, pid, name, detail).

    detail is () for run, (incarnation,) for start,
    (cause, number, decision, delay_ms, where) for end (where is None
    when the line does not say) and (group, action) for
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
    cause, number, decision, delay, where = detail
    incarnation = lane.starts[-1].incarnation if lane.starts else 0
    ended = End(now, incarnation, cause, number, decision, delay, where=where)
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
    # (an update's DELAY_MS is the stop timeout its SIGKILL ended, not a wait)
    if decision in RESTART_DECISIONS and delay > 0 and decision not in ('update', 'rollback'):
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
