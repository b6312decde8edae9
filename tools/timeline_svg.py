"""
The pieces the timeline's picture is made of, shared by the lanes
(timeline_lanes.py) and the page around them (timeline_render.py): sizes
and colours, SVG elements as text, the time scale, and the marker of each
kind of event.
"""
import math
import re

# The page, in pixels: its width, and the height of each band of it.
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

