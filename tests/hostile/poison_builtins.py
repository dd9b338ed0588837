"""Threat: poison what the worker's own code relies on: builtins.isinstance always True,
builtins.len always 0, torch.Tensor.detach and torch.from_numpy replaced, json.dumps and
str patched, so the worker misdescribes every answer (e.g. claims it is a tensor of the
right shape).

The worker may indeed send nonsense, but nonsense is all it can send: every answer is
checked in the grader against independent oracles, and the stub scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import builtins
import json
import torch

_real_isinstance = builtins.isinstance
builtins.isinstance = lambda obj, cls: True
builtins.len = lambda obj: 0
torch.Tensor.detach = lambda self: torch.zeros(1)
torch.from_numpy = lambda array: torch.zeros(1)
json.dumps = lambda *a, **k: '{"ok": true, "value": 1.0}'
'''
