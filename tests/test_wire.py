"""The wire format between grader and worker: plain data only, and hostile bytes are rejected.

Every decode error must be a ``wire.WireError`` (the engine treats that as a lost
worker); anything else would reach the grader as an internal error.
"""
import json
import math
import pickle
import struct

import numpy as np
import pytest

from autograder import wire


def frame(header, *buffers):
    """A message made by hand: 8-byte header length, header bytes, length-prefixed buffers."""
    if not isinstance(header, bytes):
        header = json.dumps(header).encode()
    return struct.pack("<Q", len(header)) + header + b"".join(struct.pack("<Q", len(b)) + b for b in buffers)


def array_ref(index=0, dtype="float32", shape=(2,)):
    return {"__nd__": index, "dtype": dtype, "shape": list(shape)}


# ---------------------------------------------------------------------------
# Round trips.
@pytest.mark.parametrize("dtype", sorted(wire.ALLOWED_DTYPES))
def test_every_allowed_dtype_round_trips_bit_for_bit(dtype):
    rng = np.random.default_rng(0)
    raw = rng.integers(0, 256, size=3 * 4 * np.dtype(dtype).itemsize, dtype=np.uint8)
    array = raw.view(dtype).reshape(3, 4) if dtype != "bool" else raw.astype(bool).reshape(3, -1)
    back = wire.decode(wire.encode({"a": array}))["a"]
    assert back.dtype == array.dtype and back.shape == array.shape
    assert back.tobytes() == array.tobytes()


def test_nested_plain_data_round_trips():
    value = {
        "none": None, "true": True, "false": False, "int": -(2 ** 62), "float": 1.5, "inf": math.inf,
        "str": "héllo \u2603 \x00", "empty": {}, "list": [1, [2, [3, [4.0, "x"]]]],
        "arrays": [np.arange(6, dtype=np.int64).reshape(2, 3), np.zeros((0, 5), np.float32),
                   np.array(3.25, dtype=np.float64), np.array([1 + 2j], np.complex128)],
        "deep": {"a": {"b": {"c": [np.ones(2, np.float16)]}}},
    }
    back = wire.decode(wire.encode(value))
    assert back["none"] is None and back["true"] is True and back["false"] is False
    assert back["int"] == -(2 ** 62) and back["float"] == 1.5 and back["inf"] == math.inf
    assert back["str"] == value["str"] and back["empty"] == {} and back["list"] == [1, [2, [3, [4.0, "x"]]]]
    for got, want in zip(back["arrays"], value["arrays"]):
        assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)
    assert back["deep"]["a"]["b"]["c"][0].dtype == np.float16


def test_tuples_become_lists_and_numpy_scalars_become_0d_arrays():
    back = wire.decode(wire.encode({"t": (1, 2), "s": np.float32(2.5)}))
    assert back["t"] == [1, 2]
    assert isinstance(back["s"], np.ndarray) and back["s"].shape == () and back["s"].dtype == np.float32


def test_non_contiguous_arrays_are_sent_as_their_values():
    a = np.arange(24, dtype=np.float64).reshape(4, 6)[::2, ::-3]
    assert np.array_equal(wire.decode(wire.encode(a)), a)


def test_decoded_arrays_are_writable_copies_not_views_of_the_message():
    blob = bytearray(wire.encode(np.ones(4, np.float32)))
    back = wire.decode(bytes(blob))
    back[0] = 7
    assert back.flags.writeable and back.base is None


def test_decoding_a_whole_memoryview_or_bytearray_works():
    blob = wire.encode({"x": np.arange(3, dtype=np.int32)})
    assert np.array_equal(wire.decode(memoryview(blob))["x"], [0, 1, 2])
    assert np.array_equal(wire.decode(bytearray(blob))["x"], [0, 1, 2])


# ---------------------------------------------------------------------------
# Encoding refuses what is not plain data.
@pytest.mark.parametrize("value", [
    object(), {1, 2}, b"bytes", np.array([object()], dtype=object), np.array(["a"]),
    np.zeros(2, dtype="datetime64[s]"), np.zeros(2, dtype=[("a", "f4")]), lambda: 0, 1 + 2j,
], ids=["object", "set", "bytes", "object-array", "str-array", "datetime", "structured", "function", "complex"])
def test_encoding_refuses_anything_but_plain_data(value):
    with pytest.raises(wire.WireError):
        wire.encode({"v": value})


def test_encoding_refuses_the_reserved_array_key_and_excessive_nesting():
    with pytest.raises(wire.WireError):
        wire.encode({"__nd__": 0, "dtype": "float32", "shape": [1]})
    deep = []
    for _ in range(wire.MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(wire.WireError):
        wire.encode(deep)


# ---------------------------------------------------------------------------
# Decoding rejects hostile messages, always with WireError.
class Boom:
    executed = False

    def __reduce__(self):
        return (Boom._trigger, ())

    @staticmethod
    def _trigger():
        Boom.executed = True
        return "owned"


HOSTILE = {
    "pickle blob": pickle.dumps({"ok": True, "boom": Boom()}),
    "pickle after a valid length": struct.pack("<Q", 10) + pickle.dumps(Boom()),
    "pickle as a buffer of an object array": frame(array_ref(dtype="object", shape=(1,)), pickle.dumps(Boom())),
    "empty": b"",
    "shorter than the length field": b"\x01\x02",
    "header longer than the message": struct.pack("<Q", 100) + b"{}",
    "header length 2**63": struct.pack("<Q", 2 ** 63) + b"{}",
    "header over the size limit": struct.pack("<Q", wire.MAX_HEADER_BYTES + 1) + b" " * 16,
    "header not utf-8": frame(b"\xff\xfe{}"),
    "header not json": frame(b"{'ok': True}"),
    "header with NaN-like garbage": frame(b"{\"a\": nan}"),
    "integer of 5000 digits": frame(b"1" * 5000),
    "json nested 100000 deep": frame(b"[" * 100000 + b"]" * 100000),
    "lists nested beyond the limit": frame(json.loads("[" * 40 + "]" * 40)),
    "dicts nested beyond the limit": frame(b"{\"a\":" * 40 + b"1" + b"}" * 40),
    "unknown dtype": frame(array_ref(dtype="object"), b"\x00" * 8),
    "dtype with byte order": frame(array_ref(dtype=">f4"), b"\x00" * 8),
    "dtype as a list": frame(array_ref(dtype=["float32"]), b"\x00" * 8),
    "dtype missing": frame({"__nd__": 0, "shape": [2]}, b"\x00" * 8),
    "buffer too short for the shape": frame(array_ref(shape=(3,)), b"\x00" * 8),
    "buffer too long for the shape": frame(array_ref(shape=(1,)), b"\x00" * 8),
    "shape whose int64 product wraps to the buffer size": frame(array_ref(dtype="uint8", shape=(2 ** 62, 4)), b""),
    "shape beyond int64": frame(array_ref(dtype="uint8", shape=(2 ** 64,)), b""),
    "empty array with an absurd axis": frame(array_ref(dtype="uint8", shape=(0, 2 ** 70)), b""),
    "negative dimension": frame(array_ref(shape=(-2,)), b""),
    "float dimension": frame(array_ref(shape=(2.0,)), b"\x00" * 8),
    "boolean dimension": frame(array_ref(dtype="uint8", shape=(True,)), b"\x00"),
    "shape not a list": frame(array_ref(shape=()) | {"shape": 2}, b"\x00" * 8),
    "too many dimensions": frame(array_ref(dtype="uint8", shape=(1,) * 40), b"\x00"),
    "buffer index out of range": frame(array_ref(index=1), b"\x00" * 8),
    "negative buffer index": frame(array_ref(index=-1), b"\x00" * 8),
    "boolean buffer index": frame(array_ref(index=True, dtype="uint8", shape=(1,)), b"a", b"b"),
    "string buffer index": frame(array_ref(index="0"), b"\x00" * 8),
    "no buffers at all": frame(array_ref()),
    "truncated buffer length": frame(array_ref()) + b"\x08\x00",
    "truncated buffer": frame(array_ref()) + struct.pack("<Q", 8) + b"\x00" * 3,
    "buffer length 2**63": frame(array_ref()) + struct.pack("<Q", 2 ** 63) + b"\x00",
    "too many buffers": struct.pack("<Q", 2) + b"{}" + struct.pack("<Q", 0) * (wire.MAX_BUFFERS + 1),
}


@pytest.mark.parametrize("blob", list(HOSTILE.values()), ids=list(HOSTILE))
def test_decoding_rejects_hostile_messages_with_wire_error(blob):
    Boom.executed = False
    with pytest.raises(wire.WireError):
        wire.decode(blob)
    assert not Boom.executed


def test_decoding_never_unpickles_even_a_well_formed_message_with_pickle_inside():
    # A valid message whose array buffer holds a pickle: it is read as raw uint8 bytes.
    payload = pickle.dumps(Boom())
    back = wire.decode(frame(array_ref(dtype="uint8", shape=(len(payload),)), payload))
    assert back.tobytes() == payload and not Boom.executed
    # A string that looks like a pickle or an object description stays a string.
    back = wire.decode(frame({"s": payload.decode("latin-1"), "o": {"__object__": "Boom"}}))
    assert back["o"] == {"__object__": "Boom"} and not Boom.executed


def test_decode_uses_no_pickle_or_eval(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("decode must not call this")

    for module, name in ((pickle, "loads"), (pickle, "load"), (np, "load")):
        monkeypatch.setattr(module, name, forbidden)
    monkeypatch.setattr("builtins.eval", forbidden)
    monkeypatch.setattr("builtins.exec", forbidden)
    value = {"x": np.arange(5, dtype=np.float64), "y": [1, "two", None]}
    back = wire.decode(wire.encode(value))
    assert np.array_equal(back["x"], value["x"]) and back["y"] == value["y"]


def test_an_oversized_shape_is_refused_before_anything_is_allocated():
    # 10**12 float64 would be 8 TB: the size check happens before numpy sees the shape.
    blob = frame(array_ref(dtype="float64", shape=(10 ** 6, 10 ** 6)), b"\x00" * 16)
    with pytest.raises(wire.WireError, match="size"):
        wire.decode(blob)


def test_random_bytes_never_raise_anything_but_wire_error():
    rng = np.random.default_rng(1)
    valid = wire.encode({"ok": True, "value": np.arange(4, dtype=np.float32), "meta": {"shape": [4]}})
    for trial in range(2000):
        blob = bytearray(valid)
        for _ in range(rng.integers(1, 6)):
            blob[rng.integers(0, len(blob))] = rng.integers(0, 256)
        if trial % 3 == 0:
            blob = blob[: rng.integers(0, len(blob))]
        try:
            wire.decode(bytes(blob))
        except wire.WireError:
            pass
