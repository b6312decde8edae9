"""
Tests of tools/timeline_parse.py, the parser half of tools/timeline.py:
who had the CPU, the guardian's starts, ends and decisions, and the group
lines, on hand-written traces, on a recorded run of the demo system
(demo.trace) and on a recorded run of t_group's groups (groups.trace).

    python3 -B -m unittest discover -s tests/timeline    every test, unittest's output
    python3 -B tests/timeline/test_parse.py              this file's tests
    tests/timeline/run.sh                                one PASS or FAIL line per test
"""
import sys
import unittest

sys.dont_write_bytecode = True  # before the import below: no __pycache__ in tests/ or tools/
from timeline_testlib import demo, groups, lane, lines, timeline_parse  # noqa: E402


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


if __name__ == '__main__':
    unittest.main()
