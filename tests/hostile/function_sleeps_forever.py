"""Threat: a graded function that never returns (``time.sleep`` for days), to hang the
grading of the whole submission or of everyone after it.

Next to a correct solution; one graded function (the victim, chosen by the test: the
plain function with the fewest tests) is replaced by the sleeper. Each of its tests hits
the per-test time limit and is recorded with status "timeout"; every other test is still
graded. Expected: full marks minus the victim's points.
"""
PLACEMENT = "reference"
EXPECTED = "full_minus_victim"
SOURCE = r'''
import time

def @@VICTIM@@(*args, **kwargs):
    time.sleep(10 ** 6)
'''
