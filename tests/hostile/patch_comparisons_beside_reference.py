"""Threat: comparison helpers patched in the worker change how honest code is graded.

Every torch and numpy comparison helper (allclose, equal, isclose, array_equal, testing
assertions) is replaced by one that always agrees, next to a correct solution. The honest
functions must still get exactly full marks: grading decisions are made from plain data in
the trusted process, so nothing is gained and nothing is lost.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import numpy as np
import torch

def _always(*args, **kwargs):
    return True

def _silent(*args, **kwargs):
    return None

torch.allclose = _always
torch.equal = _always
torch.testing.assert_close = _silent
np.allclose = _always
np.array_equal = _always
for name in dir(np.testing):
    if name.startswith("assert"):
        setattr(np.testing, name, _silent)
'''
