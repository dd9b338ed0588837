"""Assertions for hidden tests, with messages that teach.

Every check raises :class:`~autograder.harness.TestFailure` naming the
property, what was observed, what was expected and the tolerance, plus a hint
that points at the usual mistake without giving the solution away. Values from
the worker are untrusted plain data: each check validates type and shape
before comparing.
"""
import re

import numpy as np

from autograder import harness, wire
from autograder.harness import StudentError, TestFailure


def fail(message, hint=""):
    raise TestFailure(message + (f" Hint: {hint}" if hint else ""))


def as_array(value, what, shape=None, hint=""):
    """Validate that ``value`` is a numeric array (optionally of ``shape``)."""
    if isinstance(value, (bool, int, float)):
        value = np.asarray(value)
    if not isinstance(value, np.ndarray):
        kind = value.get("__module__") or value.get("__object__") if isinstance(value, dict) else type(value).__name__
        fail(f"{what} should be a tensor, but it is {kind!r}.", hint or "Return a torch.Tensor.")
    if value.dtype == bool or not np.issubdtype(value.dtype, np.number):
        fail(f"{what} should hold numbers, but its dtype is {value.dtype}.", hint)
    if shape is not None and tuple(value.shape) != tuple(shape):
        fail(f"{what} has shape {tuple(value.shape)}, expected {tuple(shape)}.",
             hint or "Check which dimension is time (always the last) and that the batch dimension is kept.")
    return value


def assert_close(actual, expected, what, rtol=1e-4, atol=1e-5, unit="", hint=""):
    """|actual - expected| <= atol + rtol * |expected| everywhere, with a located message."""
    expected = np.asarray(expected)
    actual = as_array(actual, what, expected.shape, hint=hint)
    if not np.all(np.isfinite(actual)):
        where = "" if actual.ndim == 0 else \
            f" (first at index {tuple(int(i) for i in np.argwhere(~np.isfinite(actual))[0])})"
        fail(f"{what} is NaN or inf{where}." if actual.ndim == 0 else f"{what} contains NaN or inf{where}.",
             hint or "Look for a division by zero or a log/sqrt of zero; make it eps-safe.")
    a = actual.astype(np.complex128 if np.iscomplexobj(actual) else np.float64)
    err = np.abs(a - expected)
    bound = atol + rtol * np.abs(expected)
    if np.all(err <= bound):
        return
    u = f" {unit}" if unit else ""
    tolerance = f"{float(np.max(atol)):g} + {float(np.max(rtol)):g}*|expected|"
    if err.ndim == 0:
        fail(f"{what} does not match the reference: got {_fmt(a)}{u}, expected {_fmt(expected)}{u} "
             f"(error {_fmt(err)}{u}, tolerance {tolerance}).", hint)
    where = np.unravel_index(int(np.argmax(err - bound)), err.shape)
    fail(f"{what} does not match the reference: at index {tuple(int(i) for i in where)} "
         f"got {_fmt(a[where])}{u}, expected {_fmt(expected[where])}{u} "
         f"(largest error {_fmt(err.max())}{u}, {int(np.sum(err > bound))} of {err.size} values "
         f"outside the tolerance {tolerance}).", hint)


def _fmt(x):
    x = np.asarray(x)
    if np.iscomplexobj(x):
        return f"{complex(x):.6g}"
    return f"{float(x):.6g}"


def as_dict(value, what, keys):
    """Validate a returned ``dict`` (plain data ``{"__dict__": {...}}``) holding at least ``keys``."""
    if not (isinstance(value, dict) and isinstance(value.get(wire.DICT), dict)):
        kind = value.get("__module__") or value.get("__object__") if isinstance(value, dict) else type(value).__name__
        fail(f"{what} should be a dict, but it is {kind!r}.", "Return a dict with string keys.")
    found = value[wire.DICT]
    missing = [k for k in keys if k not in found]
    if missing:
        fail(f"{what} has no key {missing[0]!r} (keys: {sorted(found)}).", f"Return every one of {list(keys)}.")
    return found


def assert_scalar(value, what):
    """A 0-d tensor or a Python number; returns it as a float."""
    arr = as_array(value, what)
    if arr.size != 1:
        fail(f"{what} should be a single number (a 0-d tensor), but has shape {tuple(arr.shape)}.",
             "Reduce with a mean over every dimension.")
    if arr.ndim != 0:
        fail(f"{what} should be a 0-d tensor, but has shape {tuple(arr.shape)}.",
             "Reduce with .mean() so the result has no dimensions.")
    return float(arr)


def assert_grads_close(result, expected, names, function, rtol=1e-4, atol=1e-6, hint=""):
    """Compare the gradients of every ``Diff`` input with an oracle's."""
    grads = result.grads if isinstance(result.grads, list) else []
    kind = result.meta.get("type") if isinstance(result.meta, dict) else None
    if kind not in (None, "Tensor", "Parameter"):
        fail(f"{function} returned a {_kind(result.meta)}, not a tensor, so no gradient can reach `{names[0]}`.",
             "Compute with torch operations and return a torch.Tensor.")
    for i, (name, exp) in enumerate(zip(names, expected)):
        got = grads[i] if i < len(grads) else None
        if got is None:
            fail(f"no gradient reaches `{name}`: the computation graph is broken between `{name}` and the output.",
                 "Look for .detach(), .item(), .numpy(), torch.tensor(...) of an intermediate result, "
                 "or in-place writes into a tensor built without requires_grad.")
        assert_close(got, exp, f"the gradient with respect to `{name}`", rtol=rtol, atol=atol,
                     hint=hint or "The output may be right while the gradient is not: check for "
                                  "detached intermediates and for operations with a wrong derivative.")


def assert_dtype(result, dtype, function):
    """The output tensor has ``dtype`` (float64 in -> float64 out)."""
    meta = result.meta if isinstance(result.meta, dict) else {}
    if meta.get("type") not in ("Tensor", "Parameter"):
        fail(f"given {dtype} inputs, {function} returned a {_kind(meta)}, not a tensor.",
             "Compute with torch operations and return a torch.Tensor.")
    if meta.get("dtype") != dtype:
        fail(f"given {dtype} inputs, {function} returned {meta.get('dtype')}.",
             "Create new tensors with dtype=x.dtype and device=x.device instead of the defaults.")


def _label(function):
    """A function's name for messages, whether given by name or as a call spec (``Attr(Ref(...))``)."""
    from autograder import harness
    return function if isinstance(function, str) else harness.call_name(function)


def _kind(meta):
    """'numpy float64', 'Python float'... for a returned object's description."""
    module = {"numpy": "numpy ", "builtins": "Python "}.get(meta.get("module"), "")
    return f"{module}{meta.get('type', 'value')}"


def _is_data(value):
    """Numbers came back: an array, a number, a module's parameters, or containers of them."""
    if isinstance(value, (np.ndarray, bool, int, float)):
        return True
    if isinstance(value, dict):
        if "__module__" in value:
            return True
        return "__object__" not in value and all(_is_data(v) for v in value.values())
    if isinstance(value, list):
        return all(_is_data(v) for v in value)
    return False


def assert_not_mutated(result, names, function):
    """The call returned numbers, and no argument tensor was modified in place.

    A function that returns something else (an object, a string, None), or that failed an
    earlier test of its own, earns nothing here: leaving the inputs alone counts only for a
    function that computes its result.
    """
    harness.require_working("Leaving the inputs unchanged")
    if not _is_data(result.value):
        fail(f"{function} returned a {_kind(result.meta if isinstance(result.meta, dict) else {})}, "
             "not its numeric result, so whether it leaves its inputs alone is not graded.",
             "Return the torch tensor(s) the docstring describes.")
    flags = result.inputs_mutated if isinstance(result.inputs_mutated, list) else []
    for name, changed in zip(names, flags):
        if changed is not False:
            fail(f"{function} modified its argument `{name}` in place.",
                 "Work on a copy (x.clone()) or use out-of-place operations (x * g, not x *= g).")


def assert_accepts(sub, function, *args, **kwargs):
    """A call with valid arguments returns; returns its :class:`~autograder.harness.CallResult`.

    Every test that rewards rejecting bad arguments calls this first, so that a function
    that raises on every call earns nothing there.
    """
    result = sub.call(function, *args, expect_error=True, **kwargs)
    function = _label(function)
    if result.error is not None:
        if result.error.get("type") == "NotImplementedError":
            raise StudentError(function, result.error)
        fail(f"{function} raised {result.error.get('type')} for valid arguments "
             f"({result.error.get('message', '')!r}); it must raise only for bad ones.",
             "Check the condition of each `raise`: it should fire only for the cases the docstring lists.")
    return result


def assert_raises_value_error(sub, function, *args, argument, **kwargs):
    """Calling with a bad ``argument`` raises ValueError whose message names it."""
    result = sub.call(function, *args, expect_error=True, **kwargs)
    function = _label(function)
    if result.error is None:
        fail(f"{function} accepted an invalid `{argument}` without raising ValueError.",
             f"Validate `{argument}` at the top of the function and raise ValueError.")
    if result.error.get("type") == "NotImplementedError":
        raise StudentError(function, result.error)
    if result.error.get("type") != "ValueError":
        fail(f"{function} raised {result.error.get('type')} for an invalid `{argument}`; "
             f"a ValueError was expected.", "Check the argument yourself before using it.")
    if not re.search(rf"(?<![\w]){re.escape(argument)}(?![\w])", result.error.get("message", "")):
        fail(f"{function} raised ValueError for an invalid `{argument}`, but the message "
             f"({result.error.get('message', '')!r}) does not name the argument.",
             f"Mention `{argument}` in the error message so the user knows what to fix.")


# ---------------------------------------------------------------------------
# Numerical oracles.
def finite_difference_vjp(f, inputs, cotangent, wrt, eps=1e-6):
    """Central-difference vector-Jacobian product of a float64 numpy function.

    Args:
        f: function of the arrays in ``inputs`` returning an array.
        inputs: list of float64 arrays.
        cotangent: array shaped like ``f(*inputs)``.
        wrt: indices of the inputs to differentiate.
    Returns:
        list of arrays, d<cotangent, f>/d inputs[i] for i in ``wrt``.
    """
    grads = []
    for i in wrt:
        x = np.array(inputs[i], dtype=np.float64)
        g = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            args_p = list(inputs)
            args_m = list(inputs)
            xp, xm = x.copy(), x.copy()
            xp[idx] += eps
            xm[idx] -= eps
            args_p[i], args_m[i] = xp, xm
            g[idx] = np.sum(cotangent * (np.asarray(f(*args_p)) - np.asarray(f(*args_m)))) / (2 * eps)
        grads.append(g)
    return grads


def require_kind(sub, name, kind="function"):
    """Fail early, with a clear message, when ``name`` is missing."""
    got = sub.kind(name)
    if got == "missing":
        fail(f"`{name}` is not defined in the notebook.",
             "Run the exercise cell, and keep the exact name from the assignment.")
    if kind == "class" and got != "class":
        fail(f"`{name}` should be a class, but it is a {got}.")
    if kind == "function" and got not in ("function", "class"):
        fail(f"`{name}` should be a function, but it is a {got}.")
