"""
Tests of the SVG that tools/timeline.py draws (timeline_render.py and the
modules it uses), on hand-written and recorded traces, and of
tools/timeline.py run as a program.

    python3 -B -m unittest discover -s tests/timeline    every test, unittest's output
    python3 -B tests/timeline/test_render.py             this file's tests
    tests/timeline/run.sh                                one PASS or FAIL line per test
"""
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # before the import below: no __pycache__ in tests/ or tools/
from timeline_testlib import (  # noqa: E402
    SVG, TOOL, demo, groups, lanes_group, lines, markers, markers_by_lane, svg_tree,
    timeline_parse, timeline_render, timeline_svg, title_of)


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


if __name__ == '__main__':
    unittest.main()
