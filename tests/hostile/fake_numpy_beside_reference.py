"""Threat: sys.modules tampering next to honest code: ``numpy``, ``json``, ``struct`` and
``pickle`` in sys.modules are replaced by fakes after the answers are defined, hoping to
corrupt how the worker encodes answers (or to make it unpickle something).

The worker's wire code holds its own references and never unpickles, so the honest
functions are graded exactly as without the attack: full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import sys
import types

for _name in ("numpy", "json", "struct", "pickle"):
    fake = types.ModuleType(_name)
    fake.__getattr__ = lambda attr: (lambda *a, **k: "fake")
    sys.modules[_name] = fake
'''
