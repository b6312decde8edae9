"""
Runs every test of tools/timeline.py (the test_*.py files beside this one)
and prints one line per test, the way the project's test runner counts
results: "PASS: timeline/NAME" or "FAIL: timeline/NAME: reason", the
traceback following a failure, indented. Exit status 1 if any test failed,
or if none ran. tests/timeline/run.sh calls it:

    python3 tests/timeline/project_lines.py
"""
import os
import sys
import unittest

# Set before unittest imports the test modules: no __pycache__ left in
# tests/ or tools/.
sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))


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
    # A test module that fails to import becomes one failing test, named
    # after the module: its FAIL line says why.
    tests = unittest.defaultTestLoader.discover(HERE, pattern='test_*.py')
    result = ProjectLines()
    tests.run(result)
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == '__main__':
    sys.exit(run_project_lines())
