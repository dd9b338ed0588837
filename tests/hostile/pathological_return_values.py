"""Threat: graded functions return values that are hard to serialise: a list that
contains itself, a million nested lists, a dict with a million keys and non-string keys,
a 100-million-character string, an integer with 100000 digits, a generator that never
ends, a numpy object array.

The worker turns answers into bounded plain data (depth and length limits, truncated
strings, opaque descriptions); a conversion that fails becomes an error answer. The
grader gets small, well-formed answers, and the stub scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import itertools
import numpy as np

loop = []
loop.append(loop)
deep = []
node = deep
for _ in range(10 ** 6):
    node.append([])
    node = node[0]
answers = [
    loop,
    deep,
    {i: i for i in range(10 ** 6)},
    "x" * 10 ** 8,
    10 ** 100000,
    itertools.count(),
    np.array([object(), object()], dtype=object),
    [loop] * 100000,
]

def _make(i):
    def graded(*args, **kwargs):
        return answers[i % len(answers)]
    return graded

for _i, _name in enumerate(@@FUNCTIONS@@):
    globals()[_name] = _make(_i)
'''
