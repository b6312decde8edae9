"""
Tests of tools/timeline.py and its halves: the parser (timeline_parse.py)
on hand-written traces, on a recorded demo run (demo.trace) and on a
recorded run of t_group's groups (groups.trace), the SVG it draws
(timeline_render.py and the modules it uses), and the command itself.

    python3 -m unittest discover -s tests/timeline     the usual unittest output
    python3 tests/timeline/test_timeline.py --project-lines
                                          one "PASS: timeline/NAME" or
                                          "FAIL: timeline/NAME: reason" line
                                          per test, as tools/run-tests.sh
                                          expects (tests/timeline/run.sh)
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, '..', '..', 'tools', 'timeline.py')
sys.path.insert(0, os.path.dirname(TOOL))
sys.dont_write_bytecode = True  # no __pycache__ left in tools/ by the tests
# Found through the path set just above.
import timeline_parse  # noqa: E402
import timeline_render  # noqa: E402
import timeline_svg  # noqa: E402

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


class ParseRunning(unittest.TestCase):
    """Who had the CPU, from the run lines."""

    TRACE = """\
        @T 100 start 1 a 1
        @T 100 run 1 a
        @T 300 run 2 b
        @T 350 start 3 c 1
        @T 450 run 0 idle
        @T 500 run 1 a
        @T 900 end 1 a exit:0 exit 0
        """

    def test_one_lane_per_pid_in_order_of_appearance(self):
        tl = timeline_parse.parse(lines(self.TRACE))
        self.assertEqual([(p.pid, p.name) for p in tl.lanes], [(1, 'a'), (2, 'b'), (3, 'c')])

    def test_idle_is_not_a_lane(self):
        tl = timeline_parse.parse(lines(self.TRACE))
        self.assertNotIn(0, [p.pid for p in tl.lanes])
        self.assertEqual(tl.idle, [(450, 500)])

    def test_a_process_runs_until_the_next_run_line(self):
        tl = timeline_parse.parse(lines(self.TRACE))
        # b keeps the CPU across c's start line: only run lines switch.
        self.assertEqual(lane(tl, 2).intervals, [(300, 450)])
        self.assertEqual(lane(tl, 3).intervals, [])

    def test_the_last_interval_ends_at_the_last_timestamp(self):
        tl = timeline_parse.parse(lines(self.TRACE))
        self.assertEqual(lane(tl, 1).intervals, [(100, 300), (500, 900)])
        self.assertEqual((tl.start, tl.end), (100, 900))

    def test_carriage_returns_and_ordinary_lines_are_ignored(self):
        text = ['Warden 0.1\r\n', '@T 5 run 1 a\r\n', 'a: hello @T 6 run 2 b\r\n',
                '@Trace 7 run 2 b\n', '@T 9 run 0 idle\r\n']
        tl = timeline_parse.parse(text)
        self.assertEqual([p.name for p in tl.lanes], ['a'])
        self.assertEqual(lane(tl, 1).intervals, [(5, 9)])
        self.assertEqual(tl.malformed, [])

    def test_timestamps_that_wrap_around_32_bits_keep_counting(self):
        tl = timeline_parse.parse(lines("""\
            @T 4294967000 run 1 a
            @T 200 run 0 idle
            @T 300 run 1 a
            """))
        self.assertEqual(lane(tl, 1).intervals, [(4294967000, 2 ** 32 + 200)])
        self.assertEqual(tl.end, 2 ** 32 + 300)


class ParseGuardian(unittest.TestCase):
    """Starts, ends and the guardian's decisions."""

    def test_a_delayed_restart_makes_a_backoff_until_the_next_start(self):
        tl = timeline_parse.parse(lines("""\
            @T 1000 start 4 s 1
            @T 5000 end 4 s fault:11 restart 200
            @T 205000 start 4 s 2
            @T 300000 end 4 s exit:0 exit 0
            """))
        backoffs = [(b.start, b.end, b.delay_ms) for b in lane(tl, 4).backoffs]
        self.assertEqual(backoffs, [(5000, 205000, 200)])
        self.assertEqual([s.incarnation for s in lane(tl, 4).starts], [1, 2])
        self.assertEqual([e.incarnation for e in lane(tl, 4).ends], [1, 2])

    def test_a_restart_at_once_makes_no_backoff(self):
        tl = timeline_parse.parse(lines("""\
            @T 1000 start 4 s 1
            @T 5000 end 4 s signal:15 restart 0
            @T 5010 start 4 s 2
            """))
        self.assertEqual(lane(tl, 4).backoffs, [])

    def test_a_restart_still_pending_waits_until_the_end_of_the_trace(self):
        tl = timeline_parse.parse(lines("""\
            @T 1000 start 4 s 1
            @T 5000 end 4 s watchdog:9 restart 800
            @T 9000 run 0 idle
            """))
        b = lane(tl, 4).backoffs
        self.assertEqual([(b[0].start, b[0].end)], [(5000, 9000)])

    def test_gave_up_ends_the_lane(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 5 d 1
            @T 200 end 5 d exit:1 restart 100
            @T 100200 start 5 d 2
            @T 100300 end 5 d exit:1 gaveup 0
            @T 900000 run 0 idle
            """))
        d = lane(tl, 5)
        self.assertEqual(d.end_time, 100300)
        self.assertEqual(d.ends[-1].decision, 'gaveup')

    def test_a_restarted_process_lane_does_not_end(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 5 d 1
            @T 200 end 5 d fault:8 restart 100
            """))
        self.assertIsNone(lane(tl, 5).end_time)

    def test_an_end_without_its_start_in_the_trace(self):
        # A trace cut out of a longer log can begin anywhere.
        tl = timeline_parse.parse(['@T 100 end 5 d watchdog:9 gaveup 0'])
        end = lane(tl, 5).ends[0]
        self.assertEqual((end.cause, end.number, end.decision, end.delay_ms),
                         ('watchdog', 9, 'gaveup', 0))
        self.assertEqual(end.incarnation, 0)

    def test_out_of_memory_and_memory_limit_causes(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 5 h 1
            @T 200 end 5 h oom:9 restart 0
            @T 300 start 5 h 2
            @T 400 end 5 h memlimit:11 gaveup 0
            """))
        self.assertEqual([(e.cause, e.number, e.decision) for e in lane(tl, 5).ends],
                         [('oom', 9, 'restart'), ('memlimit', 11, 'gaveup')])
        self.assertEqual(tl.malformed, [])

    def test_a_start_timeout_and_a_retry_later_waits_for_the_new_start(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 5 r 1
            @T 200100 end 5 r starttimeout:9 retrylater 300
            @T 500100 start 5 r 2
            """))
        r = lane(tl, 5)
        self.assertEqual([(e.cause, e.number, e.decision) for e in r.ends],
                         [('starttimeout', 9, 'retrylater')])
        self.assertEqual([(b.start, b.end, b.delay_ms) for b in r.backoffs],
                         [(200100, 500100, 300)])
        self.assertIsNone(r.end_time)
        self.assertEqual(tl.malformed, [])

    def test_a_retry_is_no_end_and_the_backoff_goes_on(self):
        tl = timeline_parse.parse(lines("""\
            @T 1000 start 4 s 1
            @T 5000 end 4 s exit:1 restart 300
            @T 305000 end 4 s exit:1 retry 300
            @T 605000 start 4 s 2
            """))
        s = lane(tl, 4)
        self.assertEqual([e.decision for e in s.ends], ['restart'])
        self.assertEqual(s.retries, [305000])
        self.assertEqual([(b.start, b.end) for b in s.backoffs], [(5000, 605000)])
        self.assertIsNone(s.end_time)

    def test_a_retry_after_a_restart_at_once_starts_a_backoff(self):
        tl = timeline_parse.parse(lines("""\
            @T 1000 start 4 s 1
            @T 5000 end 4 s oom:9 restart 0
            @T 15000 end 4 s oom:9 retry 100
            @T 115000 start 4 s 2
            """))
        self.assertEqual([(b.start, b.end) for b in lane(tl, 4).backoffs], [(15000, 115000)])

    def test_malformed_lines_are_skipped_and_counted(self):
        bad = ['@T', '@T 12', '@T x run 1 a', '@T 5 run -1 a', '@T 5 run 1 a extra',
               '@T 5 start 1 a', '@T 5 start 1 a 0', '@T 5 start 1 a two',
               '@T 5 end 1 a boom:1 exit 0', '@T 5 end 1 a exit:1 maybe 0',
               '@T 5 end 1 a fault restart 5', '@T 5 end 1 a fault:11 restart',
               '@T 5 end 1 a exit:0', '@T 5 jump 1 a', '@T 5 start 0 idle 1',
               '@T 5 end 1 a exit:1 exit 0 main', '@T 5 end 1 a fault:11 exit 0 inner more',
               '@T 99999999999 run 1 a']
        good = ['boot', '@T 1 run 1 a', '@T 2 run 0 idle']
        tl = timeline_parse.parse(good[:2] + bad + good[2:])
        self.assertEqual(len(tl.malformed), len(bad))
        self.assertEqual([m[1] for m in tl.malformed], bad)
        self.assertEqual(tl.malformed[0][0], 3)    # line numbers count from 1
        self.assertEqual(lane(tl, 1).intervals, [(1, 2)])
        self.assertEqual(len(tl.lanes), 1)


class ParseDemo(unittest.TestCase):
    """The recorded run of the demo system."""

    def test_demo_lanes(self):
        tl = demo()
        self.assertEqual([(p.pid, p.name) for p in tl.lanes],
                         [(1, 'init'), (2, 'svc_clock'), (3, 'svc_flaky'), (4, 'svc_hang'),
                          (5, 'svc_doomed'), (6, 'ps'), (7, 'guardlog')])
        self.assertEqual(tl.malformed, [])

    def test_demo_guardian_decisions(self):
        tl = demo()
        flaky, hang, doomed = lane(tl, 3), lane(tl, 4), lane(tl, 5)
        self.assertEqual([(e.cause, e.number) for e in flaky.ends],
                         [('fault', 4), ('fault', 11), ('fault', 11)])
        self.assertEqual([e.cause for e in hang.ends], ['watchdog', 'watchdog'])
        self.assertEqual([e.decision for e in doomed.ends],
                         ['restart', 'restart', 'restart', 'gaveup'])
        self.assertEqual(doomed.end_time, doomed.ends[-1].time)
        self.assertIsNone(lane(tl, 2).end_time)     # svc_clock never ended
        self.assertEqual([b.delay_ms for b in doomed.backoffs], [100, 200, 400])
        self.assertEqual([b.delay_ms for b in flaky.backoffs], [200, 400, 800])
        self.assertEqual([b.delay_ms for b in hang.backoffs], [500, 1000])

    def test_demo_cpu_time_adds_up(self):
        # One CPU: the intervals of all lanes and idle tile the time from
        # the first run line to the end, without gaps or overlaps.
        tl = demo()
        every = sorted(tl.idle + [i for p in tl.lanes for i in p.intervals])
        for (_, end), (start, _) in zip(every, every[1:]):
            self.assertEqual(end, start)
        self.assertEqual(every[-1][1], tl.end)

    def test_demo_backoffs_end_at_a_restart(self):
        tl = demo()
        for p in tl.lanes:
            restarts = [s.time for s in p.starts if s.incarnation > 1]
            self.assertEqual([b.end for b in p.backoffs], restarts)


class ParseGroups(unittest.TestCase):
    """Group lines, and the causes and decisions that groups brought."""

    def test_group_lines(self):
        self.assertEqual(timeline_parse.parse_line('@T 170036 group 2 a trio restart'),
                         (170036, 'group', 2, 'a', ('trio', 'restart')))
        self.assertEqual(timeline_parse.parse_line('@T 1220000 group 11 sup inner gaveup'),
                         (1220000, 'group', 11, 'sup', ('inner', 'gaveup')))

    def test_escalated_grouprestart_and_escalate_in_end_lines(self):
        def detail(line):
            return timeline_parse.parse_line(line)[4]
        self.assertEqual(detail('@T 60014 end 3 b signal:11 grouprestart 200'),
                         ('signal', 11, 'grouprestart', 200, None))
        self.assertEqual(detail('@T 1200015 end 12 m1 signal:11 escalate 0'),
                         ('signal', 11, 'escalate', 0, None))
        self.assertEqual(detail('@T 1220016 end 11 sup escalated:9 restart 0'),
                         ('escalated', 9, 'restart', 0, None))

    def test_a_fault_or_a_watchdog_kill_says_where(self):
        def detail(line):
            return timeline_parse.parse_line(line)[4]
        self.assertEqual(detail('@T 5 end 2 t fault:11 exit 0 inner'),
                         ('fault', 11, 'exit', 0, 'inner'))
        self.assertEqual(detail('@T 5 end 2 t watchdog:9 restart 500 spin_forever'),
                         ('watchdog', 9, 'restart', 500, 'spin_forever'))
        self.assertEqual(detail('@T 5 end 2 t memlimit:11 gaveup 0 0x08048123'),
                         ('memlimit', 11, 'gaveup', 0, '0x08048123'))

    def test_malformed_group_lines_are_skipped(self):
        bad = ['@T 5 group 1 a', '@T 5 group 1 a trio', '@T 5 group 1 a trio later',
               '@T 5 group 1 a trio restart now', '@T 5 group 0 idle trio restart',
               '@T 5 end 1 a escalate:9 exit 0', '@T 5 end 1 a exit:0 escalated 0',
               '@T 5 end 1 a exit:0 group 0']
        tl = timeline_parse.parse(['@T 1 start 1 a 1'] + bad)
        self.assertEqual([m[1] for m in tl.malformed], bad)
        self.assertEqual(lane(tl, 1).groups, [])

    def test_a_group_restart_names_the_group_of_the_failure_the_stops_and_the_starts(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 2 a 1
            @T 200 start 3 b 1
            @T 1000 end 3 b fault:11 grouprestart 0
            @T 1100 end 2 a signal:15 stopped 0
            @T 1200 group 2 a trio restart
            @T 1210 start 2 a 2
            @T 1220 group 3 b trio restart
            @T 1230 start 3 b 2
            """))
        a, b = lane(tl, 2), lane(tl, 3)
        self.assertEqual([(g.time, g.group, g.action) for g in b.groups],
                         [(1220, 'trio', 'restart')])
        self.assertEqual([(s.incarnation, s.group) for s in a.starts], [(1, None), (2, 'trio')])
        self.assertEqual([(s.incarnation, s.group) for s in b.starts], [(1, None), (2, 'trio')])
        self.assertEqual([(e.decision, e.group) for e in b.ends], [('grouprestart', 'trio')])
        self.assertEqual([(e.decision, e.group) for e in a.ends], [('stopped', 'trio')])
        self.assertIsNone(a.end_time)       # stopped, but restarted with the group
        self.assertIsNone(b.end_time)
        self.assertEqual(b.backoffs, [])    # at once

    def test_a_delayed_group_restart_makes_a_backoff_until_the_start(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 6 b 1
            @T 540015 end 6 b signal:11 grouprestart 200
            @T 750000 group 6 b chain restart
            @T 750021 start 6 b 2
            """))
        self.assertEqual([(w.start, w.end, w.delay_ms) for w in lane(tl, 6).backoffs],
                         [(540015, 750021, 200)])

    def test_a_stop_without_a_group_restart_has_no_group(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 2 a 1
            @T 200 end 2 a signal:15 stopped 0
            @T 300 group 3 b trio restart
            """))
        self.assertIsNone(lane(tl, 2).ends[0].group)
        self.assertEqual(lane(tl, 2).end_time, 200)

    def test_escalate_ends_the_member_and_the_supervisor_learns_the_group(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 11 sup 1
            @T 200 start 12 m1 1
            @T 1000 end 12 m1 signal:11 escalate 0
            @T 2000 group 11 sup inner gaveup
            @T 2016 end 11 sup escalated:9 restart 0
            @T 2038 start 11 sup 2
            """))
        m1, sup = lane(tl, 12), lane(tl, 11)
        self.assertEqual(m1.end_time, 1000)
        self.assertIsNone(m1.ends[0].group)     # the trace does not say which
        self.assertEqual([(g.group, g.action) for g in sup.groups], [('inner', 'gaveup')])
        self.assertEqual([(e.cause, e.number, e.decision, e.group) for e in sup.ends],
                         [('escalated', 9, 'restart', 'inner')])
        self.assertIsNone(sup.end_time)
        self.assertIsNone(sup.starts[-1].group)  # restarted by its own supervisor
        self.assertEqual(tl.malformed, [])

    def test_recorded_groups_lanes(self):
        tl = groups()
        self.assertEqual(tl.malformed, [])
        self.assertEqual([(p.pid, p.name) for p in tl.lanes],
                         [(1, 't_group'), (2, 'a'), (3, 'b'), (4, 'c'), (5, 'a'), (6, 'b'),
                          (7, 'c'), (8, 'd'), (9, 'a'), (10, 'b'), (11, 'sup'), (12, 'm1'),
                          (13, 'm2'), (14, 'm1'), (15, 'm2'), (16, 'mid'), (17, 'sup'),
                          (18, 'm1'), (19, 'm2')])

    def test_recorded_group_events(self):
        tl = groups()
        events = [(p.pid, g.group, g.action) for p in tl.lanes for g in p.groups]
        self.assertEqual(events, [
            (2, 'trio', 'restart'), (3, 'trio', 'restart'), (4, 'trio', 'restart'),
            (6, 'chain', 'restart'), (7, 'chain', 'restart'), (8, 'chain', 'restart'),
            (11, 'inner', 'gaveup'),
            (12, 'inner', 'restart'), (13, 'inner', 'restart'),
            (16, 'outer', 'gaveup'), (17, 'inner', 'gaveup')])
        # Every restart with a group is followed by that member's start.
        regrouped = [(p.pid, s.group) for p in tl.lanes for s in p.starts if s.group]
        self.assertEqual(regrouped, [(pid, g) for pid, g, action in events
                                     if action == 'restart'])

    def test_recorded_group_decisions(self):
        tl = groups()
        decided = [(p.pid, e.cause, e.decision, e.group) for p in tl.lanes for e in p.ends
                   if e.decision in ('grouprestart', 'escalate') or e.cause == 'escalated']
        self.assertEqual(decided, [
            (3, 'signal', 'grouprestart', 'trio'),
            (6, 'signal', 'grouprestart', 'chain'),
            (11, 'escalated', 'restart', 'inner'),
            (12, 'signal', 'grouprestart', 'inner'),
            (12, 'signal', 'escalate', None),
            (16, 'escalated', 'exit', 'outer'),
            (17, 'escalated', 'escalate', 'inner'),
            (18, 'signal', 'escalate', None)])
        # rest_for_one's 200 ms: b's backoff, until the group restarts it.
        self.assertEqual([(w.start, w.end, w.delay_ms) for w in lane(tl, 6).backoffs],
                         [(540015, 750021, 200)])
        # The member the group gave up on, and both supervisors that
        # escalated, ended for good; sup[11] was restarted by its own.
        self.assertEqual([p.pid for p in tl.lanes if p.end_time and
                          p.ends[-1].decision == 'escalate'], [12, 17, 18])
        self.assertIsNone(lane(tl, 11).starts[-1].group)


class Render(unittest.TestCase):
    """The SVG picture."""

    def test_demo_svg_is_xml_with_one_label_per_process(self):
        tl = demo()
        root = svg_tree(tl)
        self.assertEqual(root.tag, SVG + 'svg')
        labels = [t.text for t in root.iter(SVG + 'text') if t.get('class') == 'lane-label']
        self.assertEqual(labels, [f'{p.name}[{p.pid}]' for p in tl.lanes])

    def test_demo_fault_markers_are_red_with_the_signal(self):
        tl = demo()
        faults = [e for p in tl.lanes for e in p.ends if e.cause == 'fault']
        found = markers(svg_tree(tl), 'fault')
        self.assertEqual(len(found), len(faults))
        for marker, end in zip(found, faults):
            self.assertEqual(marker.get('fill'), timeline_svg.COLORS['fault'])
            self.assertIn(timeline_parse.signal_name(end.number), title_of(marker))
        self.assertEqual(timeline_svg.COLORS['fault'], '#d62728')   # red

    def test_demo_faults_are_labelled_with_their_signal(self):
        # Written out, not only in the tooltip: a PNG or a printout has no hover.
        tl = demo()
        faults = [e for p in tl.lanes for e in p.ends if e.cause == 'fault']
        labels = [e.text for e in markers(svg_tree(tl), 'fault-label')]
        self.assertEqual(labels, [timeline_parse.signal_name(e.number) for e in faults])
        self.assertEqual(labels, ['SIGILL', 'SIGSEGV', 'SIGSEGV'])   # svc_flaky's

    def test_a_fault_the_guardian_gave_up_on_gets_one_label(self):
        tl = timeline_parse.parse(lines("""\
            @T 0 start 2 a 1
            @T 1000 end 2 a fault:11 gaveup 0
            """))
        root = svg_tree(tl)
        self.assertEqual([e.text for e in markers(root, 'fault-label')], ['SIGSEGV, gave up'])

    def test_a_fault_is_labelled_with_its_function_and_a_hang_with_where_it_hung(self):
        tl = timeline_parse.parse(lines("""\
            @T 0 start 2 a 1
            @T 0 start 3 b 1
            @T 1000 end 2 a fault:11 restart 0 inner
            @T 2000 end 3 b watchdog:9 exit 0 spin_forever
            """))
        root = svg_tree(tl)
        self.assertEqual([e.text for e in markers(root, 'fault-label')], ['SIGSEGV in inner'])
        self.assertEqual([e.text for e in markers(root, 'end-label')], ['hung in spin_forever'])
        self.assertIn('SIGSEGV (11) in inner', title_of(markers(root, 'fault')[0]))
        self.assertIn('hung in spin_forever', title_of(markers(root, 'watchdog')[0]))

    def test_legend_shows_the_thin_run_ticks(self):
        # Most runs are drawn as 1-pixel ticks; the legend must show that
        # shape as well as a long bar.
        root = svg_tree(demo())
        legend = next(g for g in root.iter(SVG + 'g') if g.get('id') == 'legend')
        samples = [g for g in legend.iter(SVG + 'g') if g.get('class') == 'legend-run-ticks']
        self.assertEqual(len(samples), 1)
        self.assertEqual(samples[0].get('fill'), timeline_svg.COLORS['run'])
        ticks = samples[0].findall(SVG + 'rect')
        self.assertEqual([t.get('width') for t in ticks], ['1.0', '1.0', '1.0'])
        words = [t.text for t in legend.iter(SVG + 'text')]
        self.assertIn('short runs (1 pixel, longer than they were)', words)
        self.assertIn('fault, labelled with its signal', words)

    def test_demo_watchdog_markers_are_orange(self):
        tl = demo()
        kills = [e for p in tl.lanes for e in p.ends if e.cause == 'watchdog']
        found = markers(svg_tree(tl), 'watchdog')
        self.assertEqual(len(found), len(kills))
        for marker in found:
            self.assertEqual(marker.get('fill'), '#ff7f0e')     # orange

    def test_memory_markers_have_their_own_colour_shape_and_words(self):
        tl = timeline_parse.parse(lines("""\
            @T 100 start 5 h 1
            @T 200 end 5 h oom:9 restart 0
            @T 300 start 5 h 2
            @T 400 end 5 h memlimit:11 restart 100
            @T 500 end 5 h memlimit:11 retry 100
            @T 100500 start 5 h 3
            """))
        root = svg_tree(tl)
        oom, limit = markers(root, 'oom'), markers(root, 'memlimit')
        self.assertEqual((len(oom), len(limit)), (1, 1))
        self.assertEqual(oom[0].get('fill'), '#8c564b')         # brown
        self.assertEqual(limit[0].get('fill'), '#e377c2')       # pink
        self.assertIn('out of memory', title_of(oom[0]))
        self.assertIn('SIGKILL', title_of(oom[0]))
        self.assertIn('memory limit', title_of(limit[0]))
        self.assertIn('SIGSEGV', title_of(limit[0]))
        backoff = markers(root, 'backoff')
        self.assertEqual(len(backoff), 1)
        self.assertIn('out of memory: restart tried again once', title_of(backoff[0]))

    def test_demo_other_markers(self):
        root = svg_tree(demo())
        self.assertEqual(len(markers(root, 'gaveup')), 1)
        self.assertEqual(len(markers(root, 'backoff')), 8)
        # svc_doomed, svc_flaky and svc_hang restart 3 + 3 + 2 times.
        self.assertEqual(len(markers(root, 'restart')), 8)
        labels = sorted(e.text for e in markers(root, 'restart-label'))
        self.assertEqual(labels, ['#2', '#2', '#2', '#3', '#3', '#3', '#4', '#4'])
        # The four exits of svc_doomed, and init, ps and guardlog.
        self.assertEqual(len(markers(root, 'exit')), 7)

    def test_time_axis_is_labelled_in_seconds(self):
        root = svg_tree(demo())
        ticks = [t.text for t in root.iter(SVG + 'text') if t.get('class') == 'tick']
        self.assertEqual(ticks, [f'{s} s' for s in range(9)])

    def test_stopped_and_signal_markers(self):
        tl = timeline_parse.parse(lines("""\
            @T 0 start 2 a 1
            @T 0 start 3 b 1
            @T 1000 end 2 a signal:15 stopped 0
            @T 2000 end 3 b signal:15 exit 0
            """))
        root = svg_tree(tl)
        self.assertEqual(len(markers(root, 'stopped')), 1)
        self.assertEqual(len(markers(root, 'signal')), 1)
        self.assertIn('SIGTERM', title_of(markers(root, 'signal')[0]))

    def test_names_are_escaped(self):
        name = 'a<b>&"c\'\x01'
        tl = timeline_parse.parse([f'@T 0 run 7 {name}', '@T 10 end 7 ' + name + ' exit:0 exit 0'])
        root = svg_tree(tl)
        labels = [t.text for t in root.iter(SVG + 'text') if t.get('class') == 'lane-label']
        self.assertEqual(labels, ['a<b>&"c\'?[7]'])  # the control character is replaced
        title = timeline_render.render(tl, title_text='x < y & z')
        self.assertEqual(ET.fromstring(title.encode()).find(SVG + 'title').text, 'x < y & z')

    def test_a_single_instant_renders(self):
        root = svg_tree(timeline_parse.parse(['@T 42 start 1 init 1']))
        self.assertEqual(len(lanes_group(root)), 1)


class RenderGroups(unittest.TestCase):
    """Group restarts and escalations in the picture (groups.trace)."""

    TEAL = '#17becf'

    def test_each_member_restarted_with_its_group_gets_a_marker(self):
        root = svg_tree(groups())
        found = markers_by_lane(root, 'group-restart')
        self.assertEqual(sorted(found), [2, 3, 4, 6, 7, 8, 12, 13])
        self.assertEqual([len(m) for m in found.values()], [1] * 8)
        self.assertIn('restarted with group trio as #2', title_of(found[2][0]))
        self.assertIn('restarted with group chain as #2', title_of(found[8][0]))
        self.assertIn('restarted with group inner as #2', title_of(found[13][0]))
        for m in found.values():
            self.assertEqual(m[0].get('fill'), self.TEAL)
        # ... instead of the green triangle: that is left to the restarts
        # that were not a group's (one_for_one's b, sup by its supervisor).
        self.assertEqual(sorted(markers_by_lane(root, 'restart')), [10, 11])
        self.assertEqual(len(markers(root, 'restart-label')), 10)   # every "#2"

    def test_the_failure_that_restarts_its_group_gets_a_ring(self):
        root = svg_tree(groups())
        found = markers_by_lane(root, 'grouprestart')
        self.assertEqual(sorted(found), [3, 6, 12])
        self.assertEqual(found[3][0].get('stroke'), self.TEAL)
        self.assertIn('b[3] #1 killed by SIGSEGV (11) -> restarts its group trio at once',
                      title_of(found[3][0]))
        self.assertIn('restarts its group chain in 200 ms', title_of(found[6][0]))
        labels = [e.text for e in markers(root, 'end-label')]
        self.assertEqual(labels.count('group restart'), 3)

    def test_a_group_that_gave_up_is_marked_on_its_supervisor(self):
        root = svg_tree(groups())
        found = markers_by_lane(root, 'group-gaveup')
        self.assertEqual(sorted(found), [11, 16, 17])
        self.assertIn('group inner gave up', title_of(found[11][0]))
        self.assertIn('group outer gave up', title_of(found[16][0]))
        self.assertIn('supervisor mid[16] ends', title_of(found[16][0]))
        self.assertEqual(found[11][0].get('stroke'), self.TEAL)

    def test_escalated_ends_and_the_members_given_up_on(self):
        root = svg_tree(groups())
        escalated = markers_by_lane(root, 'escalated')
        self.assertEqual(sorted(escalated), [11, 16, 17])
        self.assertEqual(escalated[11][0].get('fill'), timeline_svg.COLORS['escalated'])
        self.assertIn('sup[11] #1 killed by SIGKILL (9): escalated, group inner gave up '
                      '-> restart at once', title_of(escalated[11][0]))
        # The teal X of a group giving up, behind the failure that made it.
        given_up = markers_by_lane(root, 'escalate')
        self.assertEqual(sorted(given_up), [12, 17, 18])
        self.assertIn('its group gave up: its members stop, then its supervisor ends',
                      title_of(given_up[18][0]))
        labels = [e.text for e in markers(root, 'end-label')]
        self.assertIn('inner gave up', labels)      # sup[11]
        self.assertIn('outer gave up', labels)      # mid[16]
        self.assertIn('inner gave up, group gave up', labels)   # sup[17]

    def test_a_member_stopped_to_be_restarted_with_its_group(self):
        root = svg_tree(groups())
        stopped = markers_by_lane(root, 'stopped')
        self.assertIn('a[2] #1 exited with status 0 -> stopped by its group trio, '
                      'to be restarted with it', title_of(stopped[2][0]))
        # Its second stop, at the end of the one_for_all part, was not the group's.
        self.assertIn('-> stopped by its supervisor', title_of(stopped[2][1]))

    def test_legend_and_summary_name_the_group_markers(self):
        root = svg_tree(groups())
        legend = next(g for g in root.iter(SVG + 'g') if g.get('id') == 'legend')
        kinds = [e.get('class') for e in legend.iter()]
        for kind in ('grouprestart', 'group-restart', 'group-gaveup', 'escalated'):
            self.assertIn(kind, kinds)
        words = [t.text for t in legend.iter(SVG + 'text')]
        self.assertIn('failure that restarts its group', words)
        self.assertIn('restarted with its group', words)
        self.assertIn('group gave up', words)
        self.assertIn('escalated: the group it supervised gave up', words)
        summaries = [t.text for t in root.iter(SVG + 'text') if ' processes, ' in (t.text or '')]
        self.assertEqual(len(summaries), 1)
        self.assertIn('3 group restarts, 3 groups gave up', summaries[0])
        # A trace without groups says nothing of them.
        self.assertNotIn('group', timeline_render.summary(demo()))


class CommandLine(unittest.TestCase):
    """tools/timeline.py run as a program."""

    def run_tool(self, trace, *args):
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, 'run.log')
            with open(log, 'w', encoding='utf-8') as f:
                f.write(trace)
            done = subprocess.run([sys.executable, TOOL, log, *args], capture_output=True,
                                  text=True, cwd=tmp, timeout=60)
            svg = os.path.join(tmp, 'run.svg')
            written = open(svg, encoding='utf-8').read() if os.path.exists(svg) else None
        return done, written

    def test_writes_the_svg_and_counts_malformed_lines_on_stderr(self):
        done, svg = self.run_tool('hello\n@T 1 run 1 a\n@T 2 run 1\n@T 3 run 0 idle\n')
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, '')
        self.assertIn('skipped 1 malformed trace line', done.stderr)
        self.assertIn('line 3', done.stderr)
        ET.fromstring(svg.encode('utf-8'))

    def test_output_and_title_options(self):
        done, _ = self.run_tool('@T 1 run 1 a\n', '-o', '-', '--title', 'T & T')
        self.assertEqual(done.returncode, 0, done.stderr)
        root = ET.fromstring(done.stdout.encode('utf-8'))
        self.assertEqual(root.find(SVG + 'title').text, 'T & T')

    def test_a_log_without_trace_lines_is_an_error(self):
        done, svg = self.run_tool('Warden 0.1\nno tracing here\n')
        self.assertEqual(done.returncode, 1)
        self.assertIn('no processes in the trace', done.stderr)
        self.assertIsNone(svg)


# ---------------------------------------------------------------------------
# One line per test, the way the project's test runner counts results.
# ---------------------------------------------------------------------------

def project_name(test):
    """timeline/NAME: test_gave_up_ends_the_lane -> timeline/gave-up-ends-the-lane."""
    method = getattr(test, '_testMethodName', None)
    if method is None:          # e.g. a class that failed to set up
        return 'timeline/' + str(test).replace(' ', '-')
    return 'timeline/' + method.removeprefix('test_').replace('_', '-')


class ProjectLines(unittest.TestResult):
    """Prints PASS or FAIL for each test as it finishes; on a failure the
    traceback follows, indented, as information for the reader."""

    def addSuccess(self, test):
        super().addSuccess(test)
        print(f'PASS: {project_name(test)}', flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.report(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self.report(test, err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.report(test, err)

    def report(self, test, err):
        kind, value, _ = err
        reason = str(value).strip().split('\n')[0] or kind.__name__
        if kind is not AssertionError:
            reason = f'{kind.__name__}: {reason}'
        print(f'FAIL: {project_name(test)}: {reason}')
        # The traceback as unittest prints it, without its own frames.
        for line in self._exc_info_to_string(err, test).splitlines():
            print('    ' + line)
        sys.stdout.flush()


def run_project_lines():
    tests = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = ProjectLines()
    tests.run(result)
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == '__main__':
    if sys.argv[1:] == ['--project-lines']:
        sys.exit(run_project_lines())
    unittest.main()
