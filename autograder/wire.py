"""Plain-data wire format between the trusted grader and a worker.

A message is one ``bytes`` blob: an 8-byte little-endian header length, a UTF-8
JSON header, then raw array buffers. Arrays appear in the JSON as
``{"__nd__": index, "dtype": "float32", "shape": [2, 3]}``. Decoding uses only
``json.loads`` and ``numpy.frombuffer`` with a whitelist of dtypes, so reading a
message can never execute code (no pickle). This module imports nothing from
the rest of the package: the worker loads it before its sandbox hides the
course directory.
"""
import json
import struct

import numpy as np

ALLOWED_DTYPES = frozenset({
    "bool", "int8", "int16", "int32", "int64", "uint8",
    "float16", "float32", "float64", "complex64", "complex128",
})
MAX_DEPTH = 32
# A worker is untrusted: its answers must not make the grader allocate much more than
# their size. Legitimate headers are kilobytes; one buffer per array.
MAX_HEADER_BYTES = 8 * 1024 * 1024
MAX_BUFFERS = 1 << 18


# Markers of call arguments, written by the trusted side (``harness``) and read by the worker
# (``worker.runtime``): a dict with one of these keys stands for something built in the worker.
DIFF = "__diff__"     # {DIFF: array}: a leaf tensor that requires grad (its gradient comes back)
REF = "__ref__"       # {REF: name}: an object of the student's namespace
NEW = "__new__"       # {NEW: target spec, "args": [...], "kwargs": {...}}: an instance built there
ATTR = "__attr__"     # {ATTR: target spec, "name": str}: an attribute of a target
LIB = "__lib__"       # {LIB: name, "kwargs": {...}}: a helper from the worker's LIBRARY
TUPLE = "__tuple__"   # {TUPLE: [...]}: a tuple of arguments
DICT = "__dict__"     # {DICT: {...}}: a dict the student's code returned


class WireError(ValueError):
    """A message that does not follow the format."""


def encode(obj):
    """Encode plain data (dict, list, str, numbers, None, numpy arrays) to bytes."""
    buffers = []

    def walk(value, depth):
        if depth > MAX_DEPTH:
            raise WireError("nesting too deep")
        if isinstance(value, np.ndarray):
            dtype = str(value.dtype)
            if dtype not in ALLOWED_DTYPES:
                raise WireError(f"dtype {dtype} not allowed")
            buffers.append(np.ascontiguousarray(value).tobytes())
            return {"__nd__": len(buffers) - 1, "dtype": dtype,
                    "shape": [int(s) for s in value.shape]}
        if isinstance(value, np.generic):
            return walk(np.asarray(value), depth)
        if isinstance(value, dict):
            if "__nd__" in value:
                raise WireError("reserved key __nd__")
            return {str(k): walk(v, depth + 1) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(v, depth + 1) for v in value]
        if value is None or type(value) in (bool, int, float, str):
            return value
        raise WireError(f"cannot encode {type(value).__name__}")

    header = json.dumps(walk(obj, 0)).encode("utf-8")
    return b"".join([struct.pack("<Q", len(header)), header, *_with_lengths(buffers)])


def _with_lengths(buffers):
    for buf in buffers:
        yield struct.pack("<Q", len(buf))
        yield buf


def decode(blob):
    """Decode bytes made by :func:`encode` into plain data with numpy arrays."""
    view = memoryview(blob)
    if len(view) < 8:
        raise WireError("truncated message")
    (n_header,) = struct.unpack_from("<Q", view, 0)
    if n_header > MAX_HEADER_BYTES:
        raise WireError("header too large")
    if 8 + n_header > len(view):
        raise WireError("truncated header")
    try:
        tree = json.loads(bytes(view[8:8 + n_header]).decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # bad UTF-8 or JSON, 5000-digit ints, deep nesting
        raise WireError(f"bad header: {str(exc)[:200]}") from None
    buffers, pos = [], 8 + n_header
    while pos < len(view):
        if pos + 8 > len(view):
            raise WireError("truncated buffer length")
        (n,) = struct.unpack_from("<Q", view, pos)
        pos += 8
        if pos + n > len(view):
            raise WireError("truncated buffer")
        if len(buffers) >= MAX_BUFFERS:
            raise WireError("too many buffers")
        buffers.append(view[pos:pos + n])
        pos += n
    return _rebuild(tree, buffers, 0)


def _rebuild(value, buffers, depth):
    if depth > MAX_DEPTH:
        raise WireError("nesting too deep")
    if isinstance(value, list):
        return [_rebuild(v, buffers, depth + 1) for v in value]
    if isinstance(value, dict):
        if "__nd__" in value:
            return _array(value, buffers)
        return {k: _rebuild(v, buffers, depth + 1) for k, v in value.items()}
    return value


def _array(spec, buffers):
    dtype, shape, index = spec.get("dtype"), spec.get("shape"), spec.get("__nd__")
    if not isinstance(dtype, str) or dtype not in ALLOWED_DTYPES:
        raise WireError(f"dtype {dtype!r} not allowed")
    if (type(index) is not int or not 0 <= index < len(buffers)
            or not isinstance(shape, list) or len(shape) > MAX_DEPTH
            or not all(type(s) is int and s >= 0 for s in shape)):
        raise WireError("bad array reference")
    dt = np.dtype(dtype)
    count = 1
    for s in shape:  # exact integers: int64 products can wrap around to the buffer's size
        count *= s
    if count * dt.itemsize != len(buffers[index]):
        raise WireError("array size does not match its shape")
    try:
        return np.frombuffer(buffers[index], dtype=dt).reshape(shape).copy()
    except (ValueError, OverflowError) as exc:  # e.g. an empty array with a 2**70-long axis
        raise WireError(f"bad array shape: {exc}") from None
