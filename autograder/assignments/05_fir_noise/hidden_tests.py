"""Hidden tests for 05_fir_noise (FIR filters, FFT convolution, frequency sampling, filtered noise).

Oracles (``oracles.py`` beside this file) are float64 numpy written from COURSE_SPEC.md:
``np.convolve`` for every convolution, an explicit convolution matrix for its transpose
(the gradients), the frequency-sampling design as an explicit cosine sum times the
periodic Hann window from its formula, and a loop over blocks with ``np.convolve`` and
overlap-add for the frame-wise filter. Every graded function is linear in each input,
so its gradients are closed forms: transposed matrices applied to the cotangent.

Tolerance reasoning:

* float64 values. A convolution output is a sum of at most n_taps products, bounded by
  ``scale = max|x| * sum|h|``; direct summation rounds by at most n_taps * eps64 * scale
  and an FFT of length N by about log2(N) * eps64 * sqrt(N) * scale. With N <= 128 both
  stay below 1e-13 * scale, so ``atol = 1e-10 * scale`` (plus ``rtol = 1e-9``) leaves three
  orders of magnitude for any correct ordering (direct, FFT of any padded length, loops),
  while every mistake in the bug zoo moves samples by 1e-2 * scale or more.
* float64 gradients: the same bound applied to the transposed operation, ``rtol = 1e-9``,
  ``atol = 1e-10 * scale`` of the cotangent.
* Self-comparisons (a batch of one against the same function's row of a batch) allow the
  same float64 bound: an implementation may legitimately pick another algorithm for
  another batch size.
* float32 unit impulses: a float32 FFT of length N <= 64 is exact to about
  log2(N) * sqrt(N) * eps32 ~ 6e-6 of the block's peak, so ``atol = 5e-5 * max|x|``;
  the STFT shortcut this test exists for is off by a third.
"""
import re

import numpy as np

from autograder import checks
from autograder.harness import Assignment, Diff, StudentError

from . import oracles

A = Assignment("05_fir_noise", depends={"filtered_noise": ["fir_window_design", "framewise_fir"]})

RTOL64 = 1e-9
ATOL_FACTOR = 1e-10


def _scale(x, h):
    """max|y| bound for y = h * x: max|x| * sum|h| (per-item filters: the largest item)."""
    h = np.atleast_2d(np.asarray(h, np.float64))
    return float(np.max(np.abs(x)) * np.max(np.sum(np.abs(h), axis=-1))) + 1e-300


def _signals(rng, batch, n_samples, scales=(1.0, 0.25, 3.0, 0.6)):
    """Different random signals per item, each at its own level."""
    return rng.normal(size=(batch, n_samples)) * np.asarray(scales[:batch])[:, None]


def _raises_value_error(sub, function, *args, names, **kwargs):
    """Like checks.assert_raises_value_error, accepting a message that names any of ``names``."""
    result = sub.call(function, *args, expect_error=True, **kwargs)
    described = " or ".join(f"`{n}`" for n in names)
    if result.error is None:
        checks.fail(f"{function} accepted an invalid {described} without raising ValueError.",
                    f"Validate {described} at the top of the function and raise ValueError.")
    if result.error.get("type") == "NotImplementedError":
        raise StudentError(function, result.error)
    if result.error.get("type") != "ValueError":
        checks.fail(f"{function} raised {result.error.get('type')} ({result.error.get('message', '')!r}) "
                    f"for an invalid {described}; a ValueError was expected.",
                    "Check the arguments yourself before using them, so the error says what to fix.")
    message = result.error.get("message", "")
    if not any(re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", message) for n in names):
        checks.fail(f"{function} raised ValueError for an invalid {described}, but the message "
                    f"({message!r}) names none of them.", "Mention the argument so the user knows what to fix.")


# ---------------------------------------------------------------------------
# fir_conv1d and fir_fft share their tests: the same contract computed two ways.
HINT_CONV = ("y[n] = sum_m h[m] x[n - m]: PyTorch's conv1d computes a cross-correlation (it does not "
             "reverse the kernel), and a causal filter sees only the present and past, so all of the "
             "n_taps - 1 zeros of padding belong before the signal.")
HINT_FFT = ("The product of two DFTs of length N is a *circular* convolution of length N. It equals the "
            "linear one only when N >= n_samples + n_taps - 1, and irfft must be told that N (n=), "
            "or it assumes an even length.")
HINT_BATCH = ("A (batch, n_taps) filter holds one filter per item: item b must be filtered with h[b] only, "
              "never with the other items' filters.")


def _check_matches_np_convolve(sub, function, hint):
    rng = np.random.default_rng(500)
    # (n_samples, n_taps): one tap, even and odd linear lengths n + L - 1, and a filter longer than the signal.
    for n, n_taps in [(40, 1), (40, 4), (33, 8), (33, 7), (16, 16), (12, 17)]:
        x = _signals(rng, 3, n)
        h = rng.normal(size=n_taps)
        out = sub.call(function, x, h)
        checks.assert_close(out.value, oracles.fir(x, h),
                            f"{function}(x, h) with x (3, {n}) and a shared filter of {n_taps} taps",
                            rtol=RTOL64, atol=ATOL_FACTOR * _scale(x, h), hint=hint)


def _check_own_filters(sub, function, hint):
    rng = np.random.default_rng(501)
    for n, n_taps in [(30, 5), (25, 6), (9, 1)]:
        x = _signals(rng, 3, n)
        h = rng.normal(size=(3, n_taps)) * np.array([[1.0], [-2.0], [0.5]])
        out = sub.call(function, x, h)
        checks.assert_close(out.value, oracles.fir(x, h),
                            f"{function}(x, h) with x (3, {n}) and three different filters h (3, {n_taps})",
                            rtol=RTOL64, atol=ATOL_FACTOR * _scale(x, h), hint=hint)


def _check_impulses(sub, function, n_taps_list, hint):
    """Unit impulses at the first and at the last sample: h itself, and h[0] alone at the end."""
    rng = np.random.default_rng(502)
    n = 16
    for n_taps in n_taps_list:
        h = rng.uniform(0.5, 1.5, size=n_taps) * rng.choice([-1.0, 1.0], size=n_taps)
        x = np.zeros((2, n))
        x[0, 0] = 1.0
        x[1, -1] = 1.0
        expected = np.zeros((2, n))
        expected[0, :min(n, n_taps)] = h[:n]
        expected[1, -1] = h[0]
        out = sub.call(function, x, h)
        got = checks.as_array(out.value, f"{function} of two unit impulses", (2, n))
        if n_taps > 1 and np.max(np.abs(got[1, :n_taps - 1])) > 1e-6:
            checks.fail(f"an impulse at the LAST sample (n = {n - 1}) of a 16-sample signal, filtered "
                        f"by {n_taps} taps, produced output at the START (first {n_taps - 1} samples: "
                        f"{np.round(got[1, :n_taps - 1], 4).tolist()}): the filter's tail wrapped around.", hint)
        checks.assert_close(got[0], expected[0], f"the response of {function} to a unit impulse at n = 0 "
                            f"(should be h itself, {n_taps} taps, then zeros)", rtol=1e-9, atol=1e-12, hint=hint)
        checks.assert_close(got[1], expected[1], f"the response of {function} to a unit impulse at the last sample "
                            f"(should be zeros, then h[0])", rtol=1e-9, atol=1e-12, hint=hint)


def _check_gradients(sub, function):
    rng = np.random.default_rng(503)
    for shape_h in [(6,), (2, 5)]:
        x = _signals(rng, 2, 14)
        h = rng.normal(size=shape_h)
        cot = rng.normal(size=(2, 14))
        out = sub.call(function, Diff(x), Diff(h), cotangent=cot)
        expected = oracles.fir_vjp(x, h, cot)
        # |d x| <= max|c| sum|h|; |d h| <= max|c| sum|x| (summed over the batch for a shared h).
        tol = ATOL_FACTOR * float(np.max(np.abs(cot))) * float(np.sum(np.abs(x)) + np.sum(np.abs(h)))
        hint = ("If the value tests fail too, fix those first. The gradient w.r.t. x is the cotangent filtered "
                "backwards in time (a correlation with h); "
                "w.r.t. a shared h it is summed over the batch. Check for a detach, a .numpy() round trip or "
                "a wrong crop.") if len(shape_h) == 1 else (
                "If the value tests fail too, fix those first. With one filter per item, the gradient of h[b] "
                "depends on item b only.")
        checks.assert_grads_close(out, expected, ["x", "h"], function, rtol=RTOL64, atol=tol, hint=hint)


def _check_properties(sub, function):
    """Self-comparisons only: dtype, batch of one against the same function's batch, inputs untouched."""
    rng = np.random.default_rng(504)
    x = _signals(rng, 3, 21)
    h = rng.normal(size=5)
    batch = sub.call(function, x, h, return_inputs=True)
    checks.assert_dtype(batch, "float64", function)
    checks.assert_not_mutated(batch, ["x", "h"], function)
    batch_value = checks.as_array(batch.value, f"{function} of a (3, 21) batch")
    one = sub.call(function, x[1:2], h, return_inputs=True)
    checks.assert_not_mutated(one, ["x", "h"], function)
    checks.assert_close(one.value, batch_value[1:2],
                        f"{function} of a batch of one (item 1 alone) against item 1 of the batch of three",
                        rtol=RTOL64, atol=ATOL_FACTOR * _scale(x, h),
                        hint="Each item is filtered on its own: a batch of one must give that item's row.")
    per_item = sub.call(function, x, np.stack([h, 2 * h, -h]), return_inputs=True)
    checks.assert_dtype(per_item, "float64", function)
    checks.assert_not_mutated(per_item, ["x", "h"], function)
    out32 = sub.call(function, x.astype(np.float32), h.astype(np.float32), return_inputs=True)
    checks.assert_dtype(out32, "float32", function)
    checks.assert_not_mutated(out32, ["x", "h"], function)


def _check_rejects(sub, function):
    rng = np.random.default_rng(505)
    x, h = _signals(rng, 2, 12), rng.normal(size=4)
    checks.assert_accepts(sub, function, x, h)
    _raises_value_error(sub, function, x[0], h, names=["x"])                          # x not 2-D
    _raises_value_error(sub, function, np.zeros((2, 0)), h, names=["x"])              # no samples
    _raises_value_error(sub, function, x, np.zeros(0), names=["h"])                   # n_taps = 0
    _raises_value_error(sub, function, x, np.zeros((2, 0)), names=["h"])              # n_taps = 0, per item
    _raises_value_error(sub, function, x, h[None, None], names=["h"])                 # h 3-D
    _raises_value_error(sub, function, x, rng.normal(size=(3, 4)), names=["h", "x"])  # batch mismatch


@A.test("fir_conv1d", points=3)
def test_fir_conv1d_matches_np_convolve(sub):
    """fir_conv1d equals np.convolve(x, h)[:n_samples]: odd/even lengths, one tap, n_taps > n_samples (float64)."""
    _check_matches_np_convolve(sub, "fir_conv1d", HINT_CONV)


@A.test("fir_conv1d", points=2)
def test_fir_conv1d_applies_each_items_own_filter(sub):
    """With h (batch, n_taps), item b is filtered by h[b] only (three different filters)."""
    _check_own_filters(sub, "fir_conv1d", HINT_BATCH)


@A.test("fir_conv1d", points=1)
def test_fir_conv1d_is_causal_with_zero_initial_state(sub):
    """A unit impulse at n = 0 returns h; one at the last sample returns only h[0] there."""
    _check_impulses(sub, "fir_conv1d", [1, 5, 6], HINT_CONV)


@A.test("fir_conv1d", points=2)
def test_fir_conv1d_gradients_match_closed_form(sub):
    """Gradients w.r.t. x and h equal the transposed convolution matrices (shared and per-item h, float64)."""
    _check_gradients(sub, "fir_conv1d")


@A.test("fir_conv1d", points=1)
def test_fir_conv1d_keeps_dtype_batch_of_one_and_inputs(sub):
    """float64 in -> float64 out, float32 -> float32, a batch of one equals its row of a batch, inputs untouched."""
    _check_properties(sub, "fir_conv1d")


@A.test("fir_conv1d", points=1)
def test_fir_conv1d_rejects_bad_arguments(sub):
    """ValueError naming x (not 2-D, no samples) or h (0 taps, not 1-D/2-D, batch of another size)."""
    _check_rejects(sub, "fir_conv1d")


# ---------------------------------------------------------------------------
@A.test("fir_fft", points=3)
def test_fir_fft_matches_np_convolve(sub):
    """fir_fft equals np.convolve(x, h)[:n_samples]: odd/even lengths, one tap, n_taps > n_samples (float64)."""
    _check_matches_np_convolve(sub, "fir_fft", HINT_FFT)


@A.test("fir_fft", points=2)
def test_fir_fft_has_no_circular_wrap_around(sub):
    """An impulse at the last sample gives h[0] there and nothing at the start (n_taps 5, 6 and 16)."""
    _check_impulses(sub, "fir_fft", [5, 6, 16], HINT_FFT)


@A.test("fir_fft", points=1)
def test_fir_fft_handles_one_tap(sub):
    """A one-tap filter is a gain, for odd and even n_samples down to 1, shared and per item."""
    rng = np.random.default_rng(510)
    for n in (1, 2, 7, 16):
        x = _signals(rng, 2, n)
        out = sub.call("fir_fft", x, np.array([-1.5]))
        checks.assert_close(out.value, -1.5 * x, f"fir_fft(x, h=[-1.5]) with n_samples = {n}",
                            rtol=RTOL64, atol=ATOL_FACTOR * 1.5 * np.max(np.abs(x)), hint=HINT_FFT)
    x = _signals(rng, 3, 9)
    gains = np.array([[2.0], [-0.5], [1.0]])
    out = sub.call("fir_fft", x, gains)
    checks.assert_close(out.value, gains * x, "fir_fft(x, h) with one gain per item, h of shape (3, 1)",
                        rtol=RTOL64, atol=ATOL_FACTOR * 2 * np.max(np.abs(x)), hint=HINT_FFT)


@A.test("fir_fft", points=1)
def test_fir_fft_applies_each_items_own_filter(sub):
    """With h (batch, n_taps), item b is filtered by h[b] only (three different filters)."""
    _check_own_filters(sub, "fir_fft", HINT_BATCH)


@A.test("fir_fft", points=2)
def test_fir_fft_gradients_match_closed_form(sub):
    """Gradients w.r.t. x and h equal the transposed convolution matrices (shared and per-item h, float64)."""
    _check_gradients(sub, "fir_fft")


@A.test("fir_fft", points=1)
def test_fir_fft_keeps_dtype_batch_of_one_and_inputs(sub):
    """float64 in -> float64 out, float32 -> float32, a batch of one equals its row of a batch, inputs untouched."""
    _check_properties(sub, "fir_fft")


@A.test("fir_fft", points=1)
def test_fir_fft_rejects_bad_arguments(sub):
    """ValueError naming x (not 2-D, no samples) or h (0 taps, not 1-D/2-D, batch of another size)."""
    _check_rejects(sub, "fir_fft")


# ---------------------------------------------------------------------------
# fir_window_design
HINT_DESIGN = ("Three steps along the last dimension: the inverse real FFT of the K magnitudes at "
               "n_taps = 2 (K - 1) points (zero phase: centred on n = 0 and wrapped around), a roll by "
               "n_taps // 2 that makes it causal, then the periodic Hann window of length n_taps.")


@A.test("fir_window_design", points=3)
def test_fir_window_design_matches_cosine_sum(sub):
    """Values equal the inverse real DFT written as a cosine sum, shifted by n_taps // 2, times periodic Hann."""
    rng = np.random.default_rng(520)
    for shape in [(2,), (3,), (9,), (17,), (3, 9)]:
        m = rng.uniform(0.0, 2.0, size=shape)
        out = sub.call("fir_window_design", m)
        checks.assert_close(out.value, oracles.window_design(m),
                            f"fir_window_design of magnitudes {shape} (n_taps = {2 * (shape[-1] - 1)})",
                            rtol=RTOL64, atol=ATOL_FACTOR * np.max(m), hint=HINT_DESIGN)


@A.test("fir_window_design", points=2)
def test_fir_window_design_keeps_leading_dimensions_apart(sub):
    """A (2, 3, K) batch gives, for each of its 6 rows, what that row alone gives: rows never mix."""
    rng = np.random.default_rng(521)
    m = rng.uniform(0.0, 2.0, size=(2, 3, 6)) * rng.uniform(0.2, 3.0, size=(2, 3, 1))
    # Self-comparison: only the mixing of rows is charged here (lengths and values are the value tests' job).
    whole = checks.as_array(sub.call("fir_window_design", m).value, "fir_window_design of magnitudes (2, 3, 6)")
    if whole.shape[:-1] != (2, 3):
        checks.fail(f"fir_window_design of magnitudes (2, 3, 6) has shape {whole.shape}: the leading dimensions "
                    f"(2, 3) should be kept.", "Only the last dimension changes (K bins -> n_taps taps).")
    for i in range(2):
        for j in range(3):
            row = sub.call("fir_window_design", m[i, j]).value
            checks.assert_close(whole[i, j], checks.as_array(row, "fir_window_design of one row"),
                                f"row [{i}, {j}] of fir_window_design(magnitudes (2, 3, 6)) against the same "
                                f"row designed alone", rtol=RTOL64, atol=ATOL_FACTOR * np.max(m),
                                hint="Some operation mixed the rows: every step must act along the last "
                                     "dimension only (an FFT's dim, a roll's dims, the window's broadcast).")


@A.test("fir_window_design", points=1)
def test_fir_window_design_flat_magnitudes_give_a_centred_impulse(sub):
    """Magnitudes all equal to g give g at n = n_taps // 2 = K - 1 and 0 elsewhere (K = 2, 5, 8)."""
    for n_bins, gain in [(2, 1.0), (5, 0.5), (8, 2.0)]:
        out = sub.call("fir_window_design", np.full((2, n_bins), gain))
        expected = np.zeros((2, 2 * (n_bins - 1)))
        expected[:, n_bins - 1] = gain
        checks.assert_close(out.value, expected, f"fir_window_design of {n_bins} magnitudes all equal to {gain}",
                            rtol=1e-9, atol=1e-12, unit="",
                            hint="A flat magnitude is a unit impulse at n = 0 in zero phase; after the roll it "
                                 "sits at n_taps // 2, where the periodic Hann window equals 1.")


@A.test("fir_window_design", points=2)
def test_fir_window_design_gradient_matches_closed_form(sub):
    """The gradient w.r.t. magnitudes is the cotangent through the transposed design matrix (float64)."""
    rng = np.random.default_rng(523)
    m = rng.uniform(0.0, 2.0, size=(2, 3, 7))
    cot = rng.normal(size=(2, 3, 12))
    out = sub.call("fir_window_design", Diff(m), cotangent=cot)
    checks.assert_grads_close(out, [oracles.window_design_vjp(7, cot)], ["magnitudes"], "fir_window_design",
                              rtol=RTOL64, atol=ATOL_FACTOR * np.max(np.abs(cot)),
                              hint="If the value tests fail too, fix those first. The design is linear in the "
                                   "magnitudes: with right values, a wrong or missing gradient means a step left torch "
                                   "(numpy, scipy) or was detached.")


@A.test("fir_window_design", points=1)
def test_fir_window_design_keeps_dtype_batch_of_one_and_inputs(sub):
    """float64 -> float64, float32 -> float32, a batch of one equals its row of a batch, magnitudes untouched."""
    rng = np.random.default_rng(524)
    m = rng.uniform(0.0, 2.0, size=(3, 6))
    batch = sub.call("fir_window_design", m, return_inputs=True)
    checks.assert_dtype(batch, "float64", "fir_window_design")
    checks.assert_not_mutated(batch, ["magnitudes"], "fir_window_design")
    whole = checks.as_array(batch.value, "fir_window_design of magnitudes (3, 6)")
    one = sub.call("fir_window_design", m[2:3], return_inputs=True)
    checks.assert_not_mutated(one, ["magnitudes"], "fir_window_design")
    checks.assert_close(one.value, whole[2:3], "fir_window_design of a batch of one against row 2 of the batch",
                        rtol=RTOL64, atol=ATOL_FACTOR * np.max(m))
    out32 = sub.call("fir_window_design", m.astype(np.float32), return_inputs=True)
    checks.assert_dtype(out32, "float32", "fir_window_design")
    checks.assert_not_mutated(out32, ["magnitudes"], "fir_window_design")


@A.test("fir_window_design", points=1)
def test_fir_window_design_rejects_fewer_than_two_bins(sub):
    """ValueError naming magnitudes when K < 2 (shapes (1,) and (3, 1))."""
    checks.assert_accepts(sub, "fir_window_design", np.ones((3, 2)))
    checks.assert_raises_value_error(sub, "fir_window_design", np.ones(1), argument="magnitudes")
    checks.assert_raises_value_error(sub, "fir_window_design", np.ones((3, 1)), argument="magnitudes")


# ---------------------------------------------------------------------------
# framewise_fir
HINT_FRAMEWISE = ("Block i is x[:, i*hop:(i+1)*hop]. Its LINEAR convolution with response i is hop + n_taps - 1 "
                  "samples long; it is added in starting at sample i*hop, so its tail overlaps the following "
                  "blocks (overlap-add), and only the first n_samples of the sum are returned.")


@A.test("framewise_fir", points=3)
def test_framewise_fir_matches_blockwise_convolution(sub):
    """Equals a numpy loop of np.convolve per block plus overlap-add, with tails longer than a hop (float64)."""
    rng = np.random.default_rng(530)
    # (n_samples, n_frames, n_taps): tails shorter than a hop, longer than one hop, longer than two; one frame.
    for n, n_frames, n_taps in [(32, 4, 5), (30, 3, 13), (36, 4, 20), (24, 6, 1), (20, 1, 7)]:
        x = _signals(rng, 2, n)
        ir = rng.normal(size=(2, n_frames, n_taps))
        out = sub.call("framewise_fir", x, ir)
        checks.assert_close(out.value, oracles.framewise(x, ir),
                            f"framewise_fir(x (2, {n}), impulse_responses (2, {n_frames}, {n_taps}))",
                            rtol=RTOL64, atol=ATOL_FACTOR * _scale(x, ir.reshape(-1, n_taps)), hint=HINT_FRAMEWISE)


@A.test("framewise_fir", points=2)
def test_framewise_fir_returns_input_for_unit_impulses(sub):
    """A unit impulse response in every frame returns x (float64 and float32, n_taps 1 and 9)."""
    rng = np.random.default_rng(531)
    for n_taps in (1, 9):
        x = _signals(rng, 2, 40)
        ir = np.zeros((2, 5, n_taps))
        ir[..., 0] = 1.0
        for dtype, atol in [(np.float64, 1e-12), (np.float32, 5e-5)]:
            out = sub.call("framewise_fir", x.astype(dtype), ir.astype(dtype))
            got = checks.as_array(out.value, "framewise_fir with unit impulses", x.shape)
            ratio = float(np.sum(got * x) / np.sum(x * x))
            hint = HINT_FRAMEWISE
            if abs(ratio - 1.0) > 0.05:
                hint = (f"The output is about {ratio:.3f} times the input: a filter that does nothing must "
                        "have a gain of exactly 1. Windows applied while cutting or re-assembling blocks "
                        "must add up to 1 at every sample, and circular (FFT) convolution must not wrap tails.")
            checks.assert_close(got, x, f"framewise_fir(x, unit impulses of {n_taps} taps) in {np.dtype(dtype).name}",
                                rtol=0, atol=atol * np.max(np.abs(x)), hint=hint)


@A.test("framewise_fir", points=1)
def test_framewise_fir_with_one_filter_everywhere_is_a_long_convolution(sub):
    """The same response in every frame gives np.convolve(x, h)[:n_samples] of the whole signal."""
    rng = np.random.default_rng(532)
    for n, n_frames, n_taps in [(32, 4, 5), (30, 5, 14)]:
        x = _signals(rng, 2, n)
        h = rng.normal(size=n_taps)
        ir = np.broadcast_to(h, (2, n_frames, n_taps)).copy()
        out = sub.call("framewise_fir", x, ir)
        checks.assert_close(out.value, oracles.fir(x, h),
                            f"framewise_fir with one {n_taps}-tap filter in all {n_frames} frames, "
                            f"against one convolution of the whole signal",
                            rtol=RTOL64, atol=ATOL_FACTOR * _scale(x, h),
                            hint="Overlap-add of block convolutions is exact only when every block is "
                                 "convolved linearly (no wrap-around inside a block) and every tail is kept.")


@A.test("framewise_fir", points=2)
def test_framewise_fir_gradients_match_closed_form(sub):
    """Gradients w.r.t. x and impulse_responses match the closed form of the overlap-add (float64)."""
    rng = np.random.default_rng(533)
    x = _signals(rng, 2, 18)
    ir = rng.normal(size=(2, 3, 8))
    cot = rng.normal(size=(2, 18))
    out = sub.call("framewise_fir", Diff(x), Diff(ir), cotangent=cot)
    scale = float(np.max(np.abs(cot))) * float(np.sum(np.abs(x)) + np.sum(np.abs(ir)))  # bounds both gradients
    checks.assert_grads_close(out, oracles.framewise_vjp(x, ir, cot), ["x", "impulse_responses"], "framewise_fir",
                              rtol=RTOL64, atol=ATOL_FACTOR * scale,
                              hint="If the value tests fail too, fix those first. Every output sample depends on a "
                                   "block sample and a tap; look for a detached or numpy step in the overlap-add.")


@A.test("framewise_fir", points=1)
def test_framewise_fir_keeps_dtype_batch_of_one_and_inputs(sub):
    """float64 -> float64, float32 -> float32, a batch of one equals its row of a batch, inputs untouched."""
    rng = np.random.default_rng(534)
    x = _signals(rng, 3, 24)
    ir = rng.normal(size=(3, 4, 7))
    batch = sub.call("framewise_fir", x, ir, return_inputs=True)
    checks.assert_dtype(batch, "float64", "framewise_fir")
    checks.assert_not_mutated(batch, ["x", "impulse_responses"], "framewise_fir")
    whole = checks.as_array(batch.value, "framewise_fir of a batch of three")
    one = sub.call("framewise_fir", x[1:2], ir[1:2], return_inputs=True)
    checks.assert_not_mutated(one, ["x", "impulse_responses"], "framewise_fir")
    checks.assert_close(one.value, whole[1:2], "framewise_fir of a batch of one against item 1 of the batch",
                        rtol=RTOL64, atol=ATOL_FACTOR * _scale(x, ir.reshape(-1, 7)),
                        hint="Each item is filtered with its own responses only.")
    out32 = sub.call("framewise_fir", x.astype(np.float32), ir.astype(np.float32), return_inputs=True)
    checks.assert_dtype(out32, "float32", "framewise_fir")
    checks.assert_not_mutated(out32, ["x", "impulse_responses"], "framewise_fir")


@A.test("framewise_fir", points=1)
def test_framewise_fir_rejects_bad_arguments(sub):
    """ValueError naming x or impulse_responses: wrong ranks, batch mismatch, 0 frames or taps, n_samples % n_frames."""
    rng = np.random.default_rng(535)
    x, ir = _signals(rng, 2, 24), rng.normal(size=(2, 4, 5))
    checks.assert_accepts(sub, "framewise_fir", x, ir)
    names = ["x", "impulse_responses"]
    _raises_value_error(sub, "framewise_fir", x[0], ir, names=["x"])                    # x not 2-D
    _raises_value_error(sub, "framewise_fir", x, ir[0], names=["impulse_responses"])    # responses not 3-D
    _raises_value_error(sub, "framewise_fir", x, rng.normal(size=(3, 4, 5)), names=names)  # batch mismatch
    _raises_value_error(sub, "framewise_fir", x, np.zeros((2, 4, 0)), names=["impulse_responses"])  # 0 taps
    _raises_value_error(sub, "framewise_fir", x, np.zeros((2, 0, 5)), names=["impulse_responses"])  # 0 frames
    _raises_value_error(sub, "framewise_fir", x[:, :22], ir, names=names)               # 22 % 4 != 0


# ---------------------------------------------------------------------------
# filtered_noise
HINT_NOISE = ("filtered_noise is two calls: fir_window_design on the magnitudes with bands LAST, i.e. "
              "(batch, n_frames, n_bands) (a transpose, not a reshape), then framewise_fir of the given noise.")


@A.test("filtered_noise", points=3)
def test_filtered_noise_matches_numpy_pipeline(sub):
    """Equals the numpy design (cosine sum, roll, Hann) followed by block-wise overlap-add of the given noise."""
    rng = np.random.default_rng(540)
    # (n_bands, n_frames, n_samples): n_taps = 8 = hop; n_taps = 16 > hop = 8; bands != frames throughout.
    for n_bands, n_frames, n in [(5, 4, 32), (9, 3, 24), (3, 6, 30)]:
        magnitudes = rng.uniform(0.0, 1.0, size=(2, n_bands, n_frames))
        noise = rng.uniform(-1.0, 1.0, size=(2, n))
        out = sub.call("filtered_noise", magnitudes, noise)
        checks.assert_close(out.value, oracles.filtered_noise(magnitudes, noise),
                            f"filtered_noise(magnitudes (2, {n_bands}, {n_frames}), noise (2, {n}))",
                            rtol=RTOL64, atol=ATOL_FACTOR * n_bands, hint=HINT_NOISE)


@A.test("filtered_noise", points=1)
def test_filtered_noise_flat_magnitudes_delay_the_noise(sub):
    """Magnitudes all 1 give every frame an impulse at K - 1: the output is the noise delayed by K - 1 samples."""
    rng = np.random.default_rng(541)
    n_bands, n_frames, n = 6, 4, 28
    noise = rng.uniform(-1.0, 1.0, size=(2, n))
    out = sub.call("filtered_noise", np.ones((2, n_bands, n_frames)), noise)
    expected = np.concatenate([np.zeros((2, n_bands - 1)), noise[:, :n - n_bands + 1]], axis=1)
    checks.assert_close(out.value, expected, f"filtered_noise with all {n_bands} magnitudes equal to 1 "
                        f"(expected: the noise delayed by {n_bands - 1} samples)", rtol=1e-9, atol=1e-12,
                        hint=HINT_NOISE)


@A.test("filtered_noise", points=2)
def test_filtered_noise_gradients_match_closed_form(sub):
    """Gradients w.r.t. magnitudes and noise match the chain of the two linear maps (float64)."""
    rng = np.random.default_rng(542)
    magnitudes = rng.uniform(0.0, 1.0, size=(2, 5, 3))
    noise = rng.uniform(-1.0, 1.0, size=(2, 18))
    cot = rng.normal(size=(2, 18))
    out = sub.call("filtered_noise", Diff(magnitudes), Diff(noise), cotangent=cot)
    checks.assert_grads_close(out, oracles.filtered_noise_vjp(magnitudes, noise, cot), ["magnitudes", "noise"],
                              "filtered_noise", rtol=RTOL64, atol=ATOL_FACTOR * 10 * float(np.max(np.abs(cot))),
                              hint="If the value tests fail too, fix those first. Both the filter design and the "
                                   "filtering must stay in the graph: no torch.no_grad(), detach or noise generated "
                                   "inside the function.")


@A.test("filtered_noise", points=1)
def test_filtered_noise_keeps_dtype_batch_of_one_and_inputs(sub):
    """float64 -> float64, float32 -> float32, a batch of one equals its row of a batch, inputs untouched."""
    rng = np.random.default_rng(543)
    magnitudes = rng.uniform(0.0, 1.0, size=(3, 4, 3))
    noise = rng.uniform(-1.0, 1.0, size=(3, 21))
    batch = sub.call("filtered_noise", magnitudes, noise, return_inputs=True)
    checks.assert_dtype(batch, "float64", "filtered_noise")
    checks.assert_not_mutated(batch, ["magnitudes", "noise"], "filtered_noise")
    whole = checks.as_array(batch.value, "filtered_noise of a batch of three")
    one = sub.call("filtered_noise", magnitudes[2:], noise[2:], return_inputs=True)
    checks.assert_not_mutated(one, ["magnitudes", "noise"], "filtered_noise")
    checks.assert_close(one.value, whole[2:], "filtered_noise of a batch of one against item 2 of the batch",
                        rtol=RTOL64, atol=ATOL_FACTOR * 4, hint="Each item uses its own magnitudes and noise.")
    out32 = sub.call("filtered_noise", magnitudes.astype(np.float32), noise.astype(np.float32), return_inputs=True)
    checks.assert_dtype(out32, "float32", "filtered_noise")
    checks.assert_not_mutated(out32, ["magnitudes", "noise"], "filtered_noise")


@A.test("filtered_noise", points=1)
def test_filtered_noise_rejects_bad_arguments(sub):
    """ValueError naming magnitudes or noise: wrong ranks, n_bands < 2, batch mismatch, n_samples % n_frames."""
    rng = np.random.default_rng(544)
    magnitudes, noise = rng.uniform(size=(2, 5, 4)), rng.uniform(-1, 1, size=(2, 24))
    checks.assert_accepts(sub, "filtered_noise", magnitudes, noise)
    names = ["magnitudes", "noise"]
    _raises_value_error(sub, "filtered_noise", magnitudes[0], noise, names=["magnitudes"])        # 2-D
    _raises_value_error(sub, "filtered_noise", magnitudes[:, :1], noise, names=["magnitudes"])    # n_bands = 1
    _raises_value_error(sub, "filtered_noise", magnitudes, noise[0], names=["noise"])             # noise 1-D
    _raises_value_error(sub, "filtered_noise", magnitudes, rng.uniform(size=(3, 24)), names=names)  # batch
    _raises_value_error(sub, "filtered_noise", magnitudes, noise[:, :22], names=names)             # 22 % 4
