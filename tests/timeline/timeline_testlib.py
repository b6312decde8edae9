"""
What the tests of tools/timeline.py share: where the tool is, its halves
imported from tools/, and small helpers that turn a hand-written trace
into lines, load a recorded trace, find a lane, or draw a trace and pick
markers out of the picture.

test_parse.py and test_render.py import it. Its name does not start with
"test_", so unittest's discovery does not load it as a test module.
"""
import os
import sys
import textwrap
import xml.etree.ElementTree as ET

# The halves of the tool are plain modules in tools/: importing them would
# leave compiled copies there (__pycache__), which are not part of the
# project. The test modules set this too, before they import this one.
sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, '..', '..', 'tools', 'timeline.py')
sys.path.insert(0, os.path.dirname(TOOL))
# Found through the path set just above.
import timeline_parse  # noqa: E402
import timeline_render  # noqa: E402
import timeline_svg  # noqa: E402,F401  (used by test_render.py)

SVG = '{http://www.w3.org/2000/svg}'


def lines(text):
    """A hand-written trace, indented to fit in the test, as a list of lines."""
    return textwrap.dedent(text).strip('\n').split('\n')


def recorded(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        return timeline_parse.parse(f)


def demo():
    return recorded('demo.trace')


def groups():
    return recorded('groups.trace')


def lane(tl, pid):
    return next(p for p in tl.lanes if p.pid == pid)


def svg_tree(tl):
    """Render tl and parse the result back: fails the test if it is not XML."""
    return ET.fromstring(timeline_render.render(tl).encode('utf-8'))


def lanes_group(root):
    """The group holding the lanes (the legend has markers too, not counted)."""
    return next(g for g in root.iter(SVG + 'g') if g.get('id') == 'lanes')


def markers(root, kind):
    return [e for e in lanes_group(root).iter() if e.get('class') == kind]


def markers_by_lane(root, kind):
    """{pid: [the lane's markers of this kind]}, for lanes that have any."""
    found = {}
    for g in lanes_group(root).iter(SVG + 'g'):
        if g.get('class') == 'lane':
            mine = [e for e in g.iter() if e.get('class') == kind]
            if mine:
                found[int(g.get('id').removeprefix('lane-'))] = mine
    return found


def title_of(element):
    tip = element.find(SVG + 'title')
    return tip.text if tip is not None else ''
