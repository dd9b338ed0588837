"""Threat: graded functions return subclasses of float, int, str, tuple and list whose
comparisons always succeed and whose conversions lie (``__float__`` returns the other
operand's favourite value, ``__len__`` any length).

The worker converts them with float()/int()/str() into plain values before anything leaves
it, so the grader compares ordinary numbers and every test fails on the stub.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
class LyingFloat(float):
    def __eq__(self, other):
        return True
    __ne__ = lambda self, other: False
    __lt__ = __le__ = __gt__ = __ge__ = __eq__
    __hash__ = float.__hash__
    def __abs__(self):
        return LyingFloat(0.0)
    def __sub__(self, other):
        return LyingFloat(0.0)
    __rsub__ = __sub__

class LyingInt(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__

class LyingList(list):
    def __eq__(self, other):
        return True
    def __len__(self):
        return 500

class LyingTuple(tuple):
    def __eq__(self, other):
        return True
    def __len__(self):
        return 2

_answers = [LyingFloat(1.0), LyingInt(1), LyingTuple((LyingFloat(1.0), LyingList([LyingFloat(0.0)]))),
            LyingList([LyingFloat(0.0)] * 3)]

def _make(answer):
    def graded(*args, **kwargs):
        return answer
    return graded

for _i, _name in enumerate(@@FUNCTIONS@@):
    globals()[_name] = _make(_answers[_i % len(_answers)])
'''
