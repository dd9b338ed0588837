"""Threat: a Tensor subclass with a lying ``__torch_function__`` wraps the outputs of
correct functions, to see whether a result's Python type can change how it is graded.

Every graded plain function (classes are left alone) returns its correct output viewed as
a subclass whose comparisons always say True and whose ``__repr__`` claims "passed". The
values and gradients are right, so the grade must be exactly full marks: a lying type
neither helps nor breaks grading.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import functools
import torch

class Liar(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if getattr(func, "__name__", "") in ("allclose", "equal", "isclose"):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})

    def __repr__(self):
        return "passed"

def _wrap(fn):
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        out = fn(*args, **kwargs)
        return out.as_subclass(Liar) if type(out) is torch.Tensor else out
    return wrapped

for _name in @@FUNCTIONS@@:
    _obj = globals().get(_name)
    if callable(_obj) and not isinstance(_obj, type):
        globals()[_name] = _wrap(_obj)
'''
