"""Threat: make numpy's comparison helpers and numpy.testing always pass, hoping the
grader compares answers with numpy in the process where student code runs.

np.allclose, np.array_equal, np.isclose, np.all and every np.testing assertion become
no-ops; unittest's assertions and math.isclose too. The stubs stay unimplemented, so no
point may be earned: the grader's numpy lives in another process.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import math
import unittest
import numpy as np

def _always(*args, **kwargs):
    return True

def _silent(*args, **kwargs):
    return None

np.allclose = _always
np.array_equal = _always
np.array_equiv = _always
np.all = _always
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
for name in dir(np.testing):
    if name.startswith("assert"):
        setattr(np.testing, name, _silent)
for name in dir(unittest.TestCase):
    if name.startswith("assert"):
        setattr(unittest.TestCase, name, _silent)
math.isclose = _always
'''
