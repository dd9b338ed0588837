"""Threat: graded functions return tensors with 10**9 elements (a broadcast view that
costs no memory in the worker, and a real one), so that converting or sending the answer
exhausts memory, or the grader allocates gigabytes when it reads it.

The worker's address-space limit stops the copy (an error answer), and the grader refuses
messages over its size limit before reading them; the stub scores 0 and the test checks
the grader process's peak memory stays moderate.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import torch

def _make(i):
    def graded(*args, **kwargs):
        if i % 2 == 0:
            return torch.zeros(1).expand(10 ** 9)
        return torch.empty(10 ** 9, dtype=torch.uint8)
    return graded

for _i, _name in enumerate(@@FUNCTIONS@@):
    globals()[_name] = _make(_i)
'''
