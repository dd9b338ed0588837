"""Threat: tamper with the worker's own machinery. The attack finds the request loop's
objects through ``gc`` (the executor that answers calls, the wire encoder) and patches
them to answer every call with "ok" and a value equal to the first argument, every
"describe" with "class"/"function", and every gradient request with zeros.

Whatever the worker says, points are decided in the grader by comparing plain data with
independent oracles, so the stub still scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import gc

def fake_call(self, request):
    args = request.get("args") or [0.0]
    value = args[0] if not isinstance(args[0], dict) else 0.0
    return {"ok": True, "value": value, "meta": {"type": "Tensor", "dtype": "float32", "shape": [],
                                                   "requires_grad": True, "is_leaf": False},
            "grads": [], "param_grads": {}, "inputs_mutated": [False] * 8}

def fake_describe(self, name):
    return {"ok": True, "kind": "class" if name[:1].isupper() else "function"}

patched = 0
for obj in gc.get_objects():
    if isinstance(obj, type) and obj.__name__ == "Executor" and hasattr(obj, "call"):
        obj.call = fake_call
        obj.describe = fake_describe
        patched += 1
print("patched", patched)
'''
