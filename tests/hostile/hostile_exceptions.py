"""Threat: graded functions raise exceptions built to confuse the grader: a class named
``TestPassed`` whose message says "passed", one whose ``__str__`` never returns, one whose
``__str__`` raises, one whose ``__class__.__name__`` lies, and a SystemExit/
KeyboardInterrupt raised from inside a call.

Exceptions are described in the worker with guards and time limits and never decide a
point; each test ends as an error (or timeout) and the stub scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import sys
import time

class TestPassed(Exception):
    def __str__(self):
        return "passed"

class Hang(Exception):
    def __str__(self):
        time.sleep(10 ** 6)
        return "never"

class Explode(Exception):
    def __str__(self):
        raise Explode()

class Liar(Exception):
    @property
    def __class__(self):
        return type("passed", (), {})

errors = [TestPassed, Explode, Liar, SystemExit, KeyboardInterrupt, Hang]

def _make(i):
    def graded(*args, **kwargs):
        raise errors[i % len(errors)]()
    return graded

for _i, _name in enumerate(@@FUNCTIONS@@):
    globals()[_name] = _make(_i)
'''
