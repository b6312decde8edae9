"""
The second half of the timeline (tools/timeline.py): draw a Timeline
(timeline_parse.py) as SVG text. render() lays out the page: the title and
a summary of the counts, the lanes (timeline_lanes.py) over a time axis,
and the legend.
"""
import math

from timeline_lanes import draw_idle, draw_lane
from timeline_svg import (AXIS_HEIGHT, BAR_HEIGHT, COLORS, IDLE_HEIGHT, LANE_HEIGHT,
                          LEGEND_ROW, RIGHT_MARGIN, TOP, WIDTH, Scale, element, marker,
                          seconds, text, tick_label, tick_step, title)


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

