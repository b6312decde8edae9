"""
The timeline's lanes: for each process its life line, backoff bands,
running bars and the markers of its starts, ends and group events, with
their tooltips and labels in words; and the idle lane under them all.
"""
from timeline_parse import FINAL_DECISIONS, RESTART_DECISIONS, signal_name
from timeline_svg import (BAR_HEIGHT, COLORS, IDLE_HEIGHT, LANE_HEIGHT, element, marker,
                          seconds, text, title)


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
        if end.where:
            how += f' in {end.where}'
    elif end.cause == 'watchdog':
        how = f'killed by the watchdog ({signal_name(end.number)}): no heartbeat'
        if end.where:
            how += f', hung in {end.where}'
    elif end.cause == 'oom':
        how = f'killed by {signal_name(end.number)} ({end.number}): out of memory'
    elif end.cause == 'memlimit':
        how = f'fault: {signal_name(end.number)} ({end.number}): memory limit'
        if end.where:
            how += f', in {end.where}'
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
    elif end.decision == 'update':
        then = 'stopped for a live update: the new program starts'
    elif end.decision == 'rollback':
        then = 'the new program failed on probation: update rolled back'
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
    width = 10 + 6 * len(words)     # a rough guess, as in legend_rows (timeline_render.py)
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
    survives in a PNG or on paper, with the function it happened in when
    the trace says ("SIGSEGV in inner"); so is where a watchdog caught a
    hung process ("hung in spin_forever"), the guardian giving up, a
    supervisor stopping the process, and what a group did.
    """
    words = []
    if end.cause == 'fault':
        words.append(signal_name(end.number) + (f' in {end.where}' if end.where else ''))
    if end.cause == 'watchdog' and end.where:
        words.append(f'hung in {end.where}')
    if end.cause == 'escalated':
        words.append(f'{end.group or "group"} gave up')
    decided = {'gaveup': 'gave up', 'stopped': 'stopped', 'grouprestart': 'group restart',
               'escalate': 'group gave up', 'update': 'updated', 'rollback': 'rolled back'}
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
