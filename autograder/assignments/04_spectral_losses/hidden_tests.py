"""Hidden tests for 04_spectral_losses (STFT magnitudes, spectral losses, sound matching).

Every oracle below is written from COURSE_SPEC.md in float64 numpy: reflect
padding with ``np.pad``, framing by fancy indexing, a periodic Hann window from
its cosine formula and ``np.fft.rfft``; never via ``torch.stft``. Gradients are
checked against closed forms (the distances) or central finite differences of
these oracles (everything that goes through an STFT), on tiny problems.

Tolerance reasoning used throughout:

* float64 values: an FFT of at most a few hundred points and a few reductions
  carry a relative rounding error of order 1e-14; ``rtol=1e-9`` leaves five
  orders of magnitude for other correct formulations (loops, ``torch.fft.rfft``
  of manually framed signals, ``sqrt`` of sums instead of ``linalg.norm``).
* float32 STFT magnitudes: the error of an FFT of length N is about
  ``eps32 * log2(N) * ||frame||``; with eps32 = 6e-8, N <= 64 and frames of
  norm <= 8 * peak this stays below 5e-6 * peak, so ``atol = 5e-5 * peak``.
* central finite differences with step 1e-6 in float64: truncation ~1e-12,
  cancellation ~1e-16 / 1e-6 * |f| ~ 1e-10 * |f|; ``rtol=1e-5``, ``atol=1e-7``.
"""
import re

import numpy as np

from autograder import checks, oracles
from autograder.harness import Assignment, Diff, StudentError, Tuple

A = Assignment("04_spectral_losses", depends={
    "stft_loss": ["stft_magnitude", "spectral_convergence", "log_magnitude_l1", "linear_magnitude_l1"],
    "multi_resolution_stft_loss": ["stft_loss"],
    "match_harmonic_sound": ["multi_resolution_stft_loss"]})

DEFAULT_FFT_SIZES = (2048, 1024, 512, 256, 128, 64)
RTOL64, ATOL64 = 1e-9, 1e-12
FD_RTOL, FD_ATOL = 1e-5, 1e-7


# ---------------------------------------------------------------------------
# Independent float64 oracles.
def np_stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    """|STFT| of (batch, n_samples) -> (batch, n_fft//2+1, n_frames), written from scratch."""
    x = np.asarray(x, dtype=np.float64)
    pad = n_fft // 2
    padded = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(pad, pad)], mode="reflect")
    n_frames = 1 + (padded.shape[-1] - n_fft) // hop_length
    index = np.arange(n_fft)[None, :] + hop_length * np.arange(n_frames)[:, None]
    frames = padded[..., index]                                  # (batch, n_frames, n_fft)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)  # periodic Hann
    spectrum = np.fft.rfft(frames * window, axis=-1)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    return np.sqrt(np.maximum(power, eps)).swapaxes(-1, -2)


def np_spectral_convergence(x_mag, y_mag):
    return np.sqrt(np.sum((y_mag - x_mag) ** 2)) / np.sqrt(np.sum(y_mag ** 2))


def np_log_magnitude_l1(x_mag, y_mag):
    return np.mean(np.abs(np.log(y_mag) - np.log(x_mag)))


def np_linear_magnitude_l1(x_mag, y_mag):
    return np.mean(np.abs(y_mag - x_mag))


def np_stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    xm, ym = np_stft_magnitude(x, n_fft, hop_length), np_stft_magnitude(y, n_fft, hop_length)
    return (w_sc * np_spectral_convergence(xm, ym) + w_log * np_log_magnitude_l1(xm, ym)
            + w_lin * np_linear_magnitude_l1(xm, ym))


def np_multi_resolution_stft_loss(x, y, fft_sizes=DEFAULT_FFT_SIZES, w_sc=1.0, w_log=1.0, w_lin=0.0):
    values = [np_stft_loss(x, y, n, n // 4, w_sc, w_log, w_lin) for n in fft_sizes]
    return sum(values) / len(values)


def np_harmonic_tone(f0, distribution, envelope, n_samples, phases=None):
    """sum_k envelope * distribution_k * sin(k * phase + phases_k), controls upsampled linearly."""
    f0 = np.asarray(f0, dtype=np.float64)
    phase = oracles.exclusive_phase(oracles.upsample(f0, n_samples))
    amplitude = oracles.upsample(envelope, n_samples)
    out = np.zeros_like(phase)
    for k in range(distribution.shape[-1]):
        offset = 0.0 if phases is None else phases[:, k:k + 1]
        out += amplitude * distribution[:, k:k + 1] * np.sin((k + 1) * phase + offset)
    return out


# ---------------------------------------------------------------------------
# Small helpers.
def _magnitudes(rng, shape, scales=None):
    """Positive 'magnitude' arrays spanning two decades, item scales differing."""
    mag = np.exp(rng.uniform(-2.5, 1.5, shape))
    if scales is not None:
        mag = mag * np.asarray(scales, dtype=np.float64).reshape((-1,) + (1,) * (len(shape) - 1))
    return mag


def _signals(rng, batch, n_samples, scales=(1.0, 0.3, 2.5)):
    """Different random signals per batch item, each at its own level."""
    return rng.normal(size=(batch, n_samples)) * np.asarray(scales[:batch])[:, None]


def _raises_value_error(sub, function, *args, names, **kwargs):
    """Like checks.assert_raises_value_error, accepting a message naming any of ``names``."""
    result = sub.call(function, *args, expect_error=True, **kwargs)
    described = " or ".join(f"`{n}`" for n in names)
    if result.error is None:
        checks.fail(f"{function} accepted an invalid {described} without raising ValueError.",
                    f"Validate {described} at the top of the function and raise ValueError.")
    if result.error.get("type") == "NotImplementedError":
        raise StudentError(function, result.error)
    if result.error.get("type") != "ValueError":
        checks.fail(f"{function} raised {result.error.get('type')} for an invalid {described}; "
                    f"a ValueError was expected.", "Check the arguments yourself before using them.")
    message = result.error.get("message", "")
    # Whole words, as in checks.assert_raises_value_error: "x" must not match inside "expected".
    if not any(re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", message) for n in names):
        checks.fail(f"{function} raised ValueError for an invalid {described}, but the message "
                    f"({message!r}) names none of them.", "Mention the argument so the user knows what to fix.")


def _all_finite_grads(result, names, function):
    grads = result.grads if isinstance(result.grads, list) else []
    for i, name in enumerate(names):
        got = grads[i] if i < len(grads) else None
        if got is None:
            checks.fail(f"no gradient reaches `{name}` in {function}: the graph is broken.",
                        "Look for .detach(), .item(), .numpy() or torch.no_grad() on the path.")
        got = checks.as_array(got, f"the gradient of {function} with respect to `{name}`")
        if not np.all(np.isfinite(got)):
            checks.fail(f"the gradient of {function} with respect to `{name}` contains NaN or inf "
                        f"when the prediction is silent (all zeros).",
                        "sqrt and log have infinite slope at 0: the magnitude must never reach 0.")


HINT_STFT = ("Pad n_fft//2 samples on each side by reflection (center=True), use a periodic Hann window "
             "of length n_fft, and floor the squared magnitude at eps before the square root.")


# ---------------------------------------------------------------------------
# stft_magnitude
@A.test("stft_magnitude", points=3)
def test_stft_magnitude_matches_numpy_reference(sub):
    """stft_magnitude equals a from-scratch numpy STFT (reflect padding, periodic Hann, rfft), float64 and float32."""
    rng = np.random.default_rng(40)
    x = _signals(rng, 3, 150)
    for n_fft, hop in [(64, 16), (32, 12), (16, 16)]:
        expected = np_stft_magnitude(x, n_fft, hop)
        out = sub.call("stft_magnitude", x, n_fft, hop)
        checks.assert_close(out.value, expected,
                            f"stft_magnitude(x, n_fft={n_fft}, hop_length={hop}) for 3 different signals",
                            rtol=RTOL64, atol=ATOL64, hint=HINT_STFT)
    # float32: FFT error below 5e-6 * peak (module docstring), so atol 5e-5 * peak.
    x32 = x.astype(np.float32)
    expected = np_stft_magnitude(x32, 32, 8)
    out = sub.call("stft_magnitude", x32, 32, 8)
    checks.assert_close(out.value, expected, "stft_magnitude(x, n_fft=32, hop_length=8) for 3 float32 signals",
                        rtol=1e-4, atol=5e-5 * expected.max(), hint=HINT_STFT)


@A.test("stft_magnitude", points=1)
def test_stft_magnitude_keeps_dtype_batch_of_one_and_inputs(sub):
    """float32 in -> float32 out, float64 in -> float64 out, one signal equals its row of a batch, input untouched."""
    rng = np.random.default_rng(41)
    x = _signals(rng, 3, 120)
    # The function compared with itself (its values are graded by the other tests).
    batch = sub.call("stft_magnitude", x, 32, 8, return_inputs=True)
    shape = (3, 17, 16)  # n_fft // 2 + 1 bins, 1 + n_samples // hop_length frames
    rows = checks.as_array(batch.value, "stft_magnitude of 3 signals of 120 samples, n_fft=32, hop_length=8", shape,
                           hint="(batch, n_fft // 2 + 1, n_frames) with n_frames = 1 + n_samples // hop_length.")
    checks.assert_dtype(batch, "float64", "stft_magnitude")
    checks.assert_not_mutated(batch, ["x"], "stft_magnitude")
    for item in (0, 2):
        one = sub.call("stft_magnitude", x[item:item + 1], 32, 8)
        # Both float64: the same FFTs of the same frames, equal to rounding (rtol 1e-9).
        checks.assert_close(one.value, rows[item:item + 1], f"stft_magnitude of signal {item} alone (a batch of "
                            "one), compared with its row of your stft_magnitude of the batch of 3",
                            rtol=RTOL64, atol=ATOL64,
                            hint="Each signal of the batch gets its own STFT: nothing may mix items or depend "
                                 "on the batch size (look for squeeze() of the batch dimension).")
    out32 = sub.call("stft_magnitude", x.astype(np.float32), 32, 8)
    checks.as_array(out32.value, "stft_magnitude of a float32 signal", shape)
    checks.assert_dtype(out32, "float32", "stft_magnitude")


@A.test("stft_magnitude", points=2)
def test_stft_magnitude_gradient_matches_finite_differences(sub):
    """The vector-Jacobian product w.r.t. x matches central finite differences of the oracle."""
    rng = np.random.default_rng(42)
    x = _signals(rng, 2, 40)
    cot = rng.normal(size=np_stft_magnitude(x, 16, 4).shape)
    out = sub.call("stft_magnitude", Diff(x), 16, 4, cotangent=cot)
    expected = checks.finite_difference_vjp(lambda s: np_stft_magnitude(s, 16, 4), [x], cot, [0])
    checks.assert_grads_close(out, expected, ["x"], "stft_magnitude", rtol=FD_RTOL, atol=FD_ATOL)


@A.test("stft_magnitude", points=2)
def test_stft_magnitude_floors_silence_at_sqrt_eps_with_finite_gradient(sub):
    """Silence gives sqrt(eps) in every bin, for the default and a given eps, and finite gradients."""
    x = np.zeros((2, 64))
    out = sub.call("stft_magnitude", Diff(x), 32, 8, cotangent=np.ones((2, 17, 9)))
    checks.assert_close(out.value, np.full((2, 17, 9), 1e-4), "stft_magnitude of silence (default eps=1e-8)",
                        rtol=1e-9, atol=1e-15,
                        hint="The magnitude is sqrt(max(re**2 + im**2, eps)): silence gives sqrt(eps).")
    _all_finite_grads(out, ["x"], "stft_magnitude")
    out = sub.call("stft_magnitude", x, 32, 8, eps=1e-6)
    checks.assert_close(out.value, np.full((2, 17, 9), 1e-3), "stft_magnitude of silence with eps=1e-6",
                        rtol=1e-9, atol=1e-15, hint="Use the eps argument, not a constant.")


@A.test("stft_magnitude", points=1)
def test_stft_magnitude_rejects_bad_arguments(sub):
    """ValueError naming x (not 2-D), n_fft (n_fft//2 >= n_samples: no reflect padding), hop_length (< 1)."""
    rng = np.random.default_rng(43)
    x = rng.normal(size=(2, 40))
    checks.assert_accepts(sub, "stft_magnitude", x, 16, 4)
    checks.assert_raises_value_error(sub, "stft_magnitude", x[0], 16, 4, argument="x")
    checks.assert_raises_value_error(sub, "stft_magnitude", x[:, :32], 64, 16, argument="n_fft")
    checks.assert_raises_value_error(sub, "stft_magnitude", x, 16, 0, argument="hop_length")


# ---------------------------------------------------------------------------
# The three distances: values, closed-form gradients, dtype, validation.
def _distance_inputs(seed):
    rng = np.random.default_rng(seed)
    # Two items at very different levels, so a per-item average differs from the whole-tensor value.
    x = _magnitudes(rng, (2, 9, 7), scales=(1.0, 20.0))
    y = _magnitudes(rng, (2, 9, 7), scales=(1.0, 20.0))
    return x, y


def _check_distance_value(sub, name, oracle, hint):
    x, y = _distance_inputs(50)
    out = sub.call(name, x, y)
    value = checks.assert_scalar(out.value, f"{name}(x_mag, y_mag)")
    checks.assert_close(value, oracle(x, y), f"{name}(x_mag, y_mag) for a batch of 2 spectrograms",
                        rtol=RTOL64, atol=ATOL64, hint=hint)
    same = sub.call(name, y, y)
    checks.assert_close(checks.assert_scalar(same.value, f"{name}(y_mag, y_mag)"), 0.0,
                        f"{name} of identical inputs", rtol=0, atol=1e-12,
                        hint="A distance between a spectrogram and itself is zero.")


def _check_distance_gradient(sub, name, expected_grads):
    x, y = _distance_inputs(51)
    out = sub.call(name, Diff(x), Diff(y))
    checks.assert_grads_close(out, expected_grads(x, y), ["x_mag", "y_mag"], name, rtol=1e-8, atol=1e-12)


def _check_scalar_dtype(sub, name, x, y, *args, names=("x_mag", "y_mag")):
    """A batch of one: a 0-d result of the input dtype, inputs not modified (the value is graded elsewhere)."""
    out = sub.call(name, x, y, *args, return_inputs=True)
    checks.assert_scalar(out.value, f"{name} of a batch of one (float64)")
    checks.assert_dtype(out, "float64", name)
    checks.assert_not_mutated(out, list(names), name)
    out32 = sub.call(name, x.astype(np.float32), y.astype(np.float32), *args)
    checks.assert_scalar(out32.value, f"{name} of a batch of one (float32)")
    checks.assert_dtype(out32, "float32", name)


def _check_distance_dtype(sub, name):
    rng = np.random.default_rng(52)
    _check_scalar_dtype(sub, name, _magnitudes(rng, (1, 5, 4)), _magnitudes(rng, (1, 5, 4)))


def _check_distance_rejects(sub, name):
    x, y = _distance_inputs(53)
    checks.assert_accepts(sub, name, x, y)
    # Shapes that broadcast silently: only an explicit check catches them.
    _raises_value_error(sub, name, x, y[:1], names=["x_mag", "y_mag"])
    _raises_value_error(sub, name, x[:, :, :5], y, names=["x_mag", "y_mag"])


def _sc_grads(x, y):
    d = y - x
    nd, ny = np.sqrt(np.sum(d ** 2)), np.sqrt(np.sum(y ** 2))
    return [-d / (nd * ny), d / (nd * ny) - nd * y / ny ** 3]


def _log_grads(x, y):
    s = np.sign(np.log(y) - np.log(x)) / x.size
    return [-s / x, s / y]


def _lin_grads(x, y):
    s = np.sign(y - x) / x.size
    return [-s, s]


HINT_SC = ("Spectral convergence is one number for the whole tensor: the Frobenius norm of the "
           "difference over the Frobenius norm of the target y_mag.")
HINT_LOG = "Natural log of the magnitudes themselves, absolute difference, mean over every element."
HINT_LIN = "Absolute difference of the magnitudes, mean over every element (batch, bins and frames)."


@A.test("spectral_convergence", points=2)
def test_spectral_convergence_matches_numpy_reference(sub):
    """spectral_convergence is ||y - x||_F / ||y||_F over the whole batch, and 0 for identical inputs."""
    _check_distance_value(sub, "spectral_convergence", np_spectral_convergence, HINT_SC)


@A.test("spectral_convergence", points=2)
def test_spectral_convergence_gradients_match_closed_form(sub):
    """Gradients w.r.t. x_mag and y_mag match the derivative of the norm ratio (float64)."""
    _check_distance_gradient(sub, "spectral_convergence", _sc_grads)


@A.test("spectral_convergence", points=1)
def test_spectral_convergence_normalises_by_the_target(sub):
    """With x = 3 y the value is 2 (||2y||/||y||), not 2/3: the denominator is the target's norm."""
    rng = np.random.default_rng(54)
    y = _magnitudes(rng, (2, 6, 5))
    out = sub.call("spectral_convergence", 3 * y, y)
    value = checks.assert_scalar(out.value, "spectral_convergence(3 * y_mag, y_mag)")
    if abs(value - 2.0 / 3.0) < 1e-6:
        checks.fail("spectral_convergence(3 * y_mag, y_mag) is 2/3: it divides by the norm of the prediction.",
                    "x_mag is the prediction, y_mag the target; normalise by the target.")
    checks.assert_close(value, 2.0, "spectral_convergence(3 * y_mag, y_mag)", rtol=1e-9, atol=1e-12,
                        hint=HINT_SC)


@A.test("spectral_convergence", points=1)
def test_spectral_convergence_keeps_dtype_batch_of_one_and_inputs(sub):
    """0-d result of the input dtype, batch of one, inputs not modified."""
    _check_distance_dtype(sub, "spectral_convergence")


@A.test("spectral_convergence", points=1)
def test_spectral_convergence_rejects_mismatched_shapes(sub):
    """ValueError naming x_mag/y_mag when the shapes differ, even when they would broadcast."""
    _check_distance_rejects(sub, "spectral_convergence")


@A.test("log_magnitude_l1", points=2)
def test_log_magnitude_l1_matches_numpy_reference(sub):
    """log_magnitude_l1 is mean |log y - log x| (natural log), and 0 for identical inputs."""
    _check_distance_value(sub, "log_magnitude_l1", np_log_magnitude_l1, HINT_LOG)


@A.test("log_magnitude_l1", points=2)
def test_log_magnitude_l1_gradients_match_closed_form(sub):
    """Gradients w.r.t. x_mag and y_mag are -/+ sign(log y - log x) / (N * magnitude) (float64)."""
    _check_distance_gradient(sub, "log_magnitude_l1", _log_grads)


@A.test("log_magnitude_l1", points=1)
def test_log_magnitude_l1_keeps_dtype_batch_of_one_and_inputs(sub):
    """0-d result of the input dtype, batch of one, inputs not modified."""
    _check_distance_dtype(sub, "log_magnitude_l1")


@A.test("log_magnitude_l1", points=1)
def test_log_magnitude_l1_rejects_mismatched_shapes(sub):
    """ValueError naming x_mag/y_mag when the shapes differ, even when they would broadcast."""
    _check_distance_rejects(sub, "log_magnitude_l1")


@A.test("linear_magnitude_l1", points=2)
def test_linear_magnitude_l1_matches_numpy_reference(sub):
    """linear_magnitude_l1 is mean |y - x| over every element, and 0 for identical inputs."""
    _check_distance_value(sub, "linear_magnitude_l1", np_linear_magnitude_l1, HINT_LIN)


@A.test("linear_magnitude_l1", points=2)
def test_linear_magnitude_l1_gradients_match_closed_form(sub):
    """Gradients w.r.t. x_mag and y_mag are -/+ sign(y - x) / N (float64)."""
    _check_distance_gradient(sub, "linear_magnitude_l1", _lin_grads)


@A.test("linear_magnitude_l1", points=1)
def test_linear_magnitude_l1_keeps_dtype_batch_of_one_and_inputs(sub):
    """0-d result of the input dtype, batch of one, inputs not modified."""
    _check_distance_dtype(sub, "linear_magnitude_l1")


@A.test("linear_magnitude_l1", points=1)
def test_linear_magnitude_l1_rejects_mismatched_shapes(sub):
    """ValueError naming x_mag/y_mag when the shapes differ, even when they would broadcast."""
    _check_distance_rejects(sub, "linear_magnitude_l1")


# ---------------------------------------------------------------------------
# stft_loss
HINT_LOSS = ("w_sc * spectral convergence + w_log * log-magnitude L1 + w_lin * linear-magnitude L1, "
             "all on stft_magnitude(., n_fft, hop_length) of the prediction x and the target y.")


@A.test("stft_loss", points=3)
def test_stft_loss_matches_numpy_reference(sub):
    """stft_loss equals the weighted sum of the three terms, for given weights and for the defaults."""
    rng = np.random.default_rng(60)
    x, y = _signals(rng, 2, 200), _signals(rng, 2, 200, scales=(0.5, 1.5))
    out = sub.call("stft_loss", x, y, 64, 10, w_sc=0.7, w_log=1.3, w_lin=0.4)
    checks.assert_close(checks.assert_scalar(out.value, "stft_loss(...)"),
                        np_stft_loss(x, y, 64, 10, 0.7, 1.3, 0.4),
                        "stft_loss(x, y, n_fft=64, hop_length=10, w_sc=0.7, w_log=1.3, w_lin=0.4)",
                        rtol=RTOL64, atol=ATOL64, hint=HINT_LOSS)
    x, y = _signals(rng, 2, 1100), _signals(rng, 2, 1100, scales=(0.5, 1.5))
    out = sub.call("stft_loss", x, y)
    checks.assert_close(checks.assert_scalar(out.value, "stft_loss(x, y)"), np_stft_loss(x, y),
                        "stft_loss(x, y) with the defaults (n_fft=1024, hop_length=256, w_sc=w_log=1, w_lin=0)",
                        rtol=RTOL64, atol=ATOL64, hint="Check the default arguments against the signature.")


@A.test("stft_loss", points=2)
def test_stft_loss_gradients_match_finite_differences(sub):
    """Gradients w.r.t. both x and y match central finite differences of the oracle (float64)."""
    rng = np.random.default_rng(61)
    x, y = _signals(rng, 2, 40), _signals(rng, 2, 40, scales=(0.7, 1.4))
    args = (16, 4, 1.0, 1.0, 0.5)
    out = sub.call("stft_loss", Diff(x), Diff(y), *args)
    expected = checks.finite_difference_vjp(lambda a, b: np_stft_loss(a, b, *args), [x, y], 1.0, [0, 1])
    checks.assert_grads_close(out, expected, ["x", "y"], "stft_loss", rtol=FD_RTOL, atol=FD_ATOL)


@A.test("stft_loss", points=2)
def test_stft_loss_is_zero_for_identical_inputs_and_finite_at_silence(sub):
    """0 when x equals y; a finite value and finite gradients when the prediction is all zeros."""
    rng = np.random.default_rng(62)
    y = _signals(rng, 2, 256)
    out = sub.call("stft_loss", y, y, 64, 16, w_lin=0.5)
    checks.assert_close(checks.assert_scalar(out.value, "stft_loss(y, y)"), 0.0, "stft_loss of identical inputs",
                        rtol=0, atol=1e-12, hint="Every term is a distance between the two spectrograms.")
    x = np.zeros_like(y)
    out = sub.call("stft_loss", Diff(x), Diff(y), 64, 16, w_lin=0.5)
    checks.assert_close(checks.assert_scalar(out.value, "stft_loss(zeros, y)"),
                        np_stft_loss(x, y, 64, 16, 1.0, 1.0, 0.5), "stft_loss of a silent prediction",
                        rtol=RTOL64, atol=ATOL64,
                        hint="The magnitudes of silence are sqrt(eps), so every log stays finite.")
    _all_finite_grads(out, ["x", "y"], "stft_loss")


@A.test("stft_loss", points=1)
def test_stft_loss_treats_second_argument_as_target(sub):
    """stft_loss(x, y) normalises spectral convergence by y: swapping x and y changes the value."""
    rng = np.random.default_rng(63)
    y = _signals(rng, 2, 256)
    x = 3 * y
    out = sub.call("stft_loss", x, y, 64, 16, w_sc=1.0, w_log=0.0)
    value = checks.assert_scalar(out.value, "stft_loss(3 * y, y, w_log=0)")
    swapped = np_stft_loss(y, x, 64, 16, 1.0, 0.0)
    if abs(value - swapped) < 1e-6:
        checks.fail(f"stft_loss(3 * y, y, w_log=0) is {value:.6g}, the value with prediction and target "
                    f"swapped.", "The second argument, y, is the target: spectral convergence divides by its norm.")
    checks.assert_close(value, np_stft_loss(x, y, 64, 16, 1.0, 0.0), "stft_loss(3 * y, y, w_log=0)",
                        rtol=RTOL64, atol=ATOL64, hint=HINT_LOSS)


@A.test("stft_loss", points=1)
def test_stft_loss_keeps_dtype_batch_of_one_and_inputs(sub):
    """0-d result of the input dtype, batch of one, inputs not modified."""
    rng = np.random.default_rng(64)
    x, y = rng.normal(size=(1, 100)), rng.normal(size=(1, 100))
    _check_scalar_dtype(sub, "stft_loss", x, y, 32, 8, names=("x", "y"))


@A.test("stft_loss", points=1)
def test_stft_loss_rejects_bad_arguments(sub):
    """ValueError naming x/y for different shapes, and n_fft when it is too large to reflect-pad."""
    rng = np.random.default_rng(65)
    x, y = rng.normal(size=(2, 100)), rng.normal(size=(2, 100))
    checks.assert_accepts(sub, "stft_loss", x, y, 32, 8)
    _raises_value_error(sub, "stft_loss", x, y[:1], 32, 8, names=["x", "y"])
    _raises_value_error(sub, "stft_loss", x, y[:, :90], 32, 8, names=["x", "y"])
    checks.assert_raises_value_error(sub, "stft_loss", x, y, 256, 64, argument="n_fft")


# ---------------------------------------------------------------------------
# multi_resolution_stft_loss
HINT_MR = ("The mean over resolutions of stft_loss(x, y, n_fft, n_fft // 4, w_sc, w_log, w_lin), "
           "one resolution per entry of fft_sizes.")


@A.test("multi_resolution_stft_loss", points=3)
def test_multi_resolution_stft_loss_matches_numpy_reference(sub):
    """The mean of stft_loss over the given resolutions (hop n_fft//4), weights passed on; defaults too."""
    rng = np.random.default_rng(70)
    x, y = _signals(rng, 2, 300), _signals(rng, 2, 300, scales=(0.5, 1.5))
    sizes = (128, 64, 32)
    out = sub.call("multi_resolution_stft_loss", x, y, Tuple(*sizes), w_sc=0.8, w_log=1.2, w_lin=0.3)
    checks.assert_close(checks.assert_scalar(out.value, "multi_resolution_stft_loss(...)"),
                        np_multi_resolution_stft_loss(x, y, sizes, 0.8, 1.2, 0.3),
                        "multi_resolution_stft_loss(x, y, (128, 64, 32), w_sc=0.8, w_log=1.2, w_lin=0.3)",
                        rtol=RTOL64, atol=ATOL64, hint=HINT_MR)
    x, y = _signals(rng, 2, 2100), _signals(rng, 2, 2100, scales=(0.5, 1.5))
    out = sub.call("multi_resolution_stft_loss", x, y)
    checks.assert_close(checks.assert_scalar(out.value, "multi_resolution_stft_loss(x, y)"),
                        np_multi_resolution_stft_loss(x, y),
                        "multi_resolution_stft_loss(x, y) with the default six resolutions 2048 ... 64",
                        rtol=RTOL64, atol=ATOL64, hint="Check the default arguments against the signature.")


@A.test("multi_resolution_stft_loss", points=2)
def test_multi_resolution_stft_loss_gradients_match_finite_differences(sub):
    """Gradients w.r.t. both x and y match central finite differences of the oracle (float64)."""
    rng = np.random.default_rng(71)
    x, y = _signals(rng, 2, 40), _signals(rng, 2, 40, scales=(0.7, 1.4))
    sizes = (32, 16, 8)
    out = sub.call("multi_resolution_stft_loss", Diff(x), Diff(y), Tuple(*sizes), w_lin=0.5)
    expected = checks.finite_difference_vjp(
        lambda a, b: np_multi_resolution_stft_loss(a, b, sizes, 1.0, 1.0, 0.5), [x, y], 1.0, [0, 1])
    checks.assert_grads_close(out, expected, ["x", "y"], "multi_resolution_stft_loss", rtol=FD_RTOL, atol=FD_ATOL)


@A.test("multi_resolution_stft_loss", points=1)
def test_multi_resolution_stft_loss_is_a_mean_over_resolutions(sub):
    """Listing the same resolution twice leaves the loss unchanged (a mean, not a sum)."""
    rng = np.random.default_rng(72)
    x, y = _signals(rng, 2, 256), _signals(rng, 2, 256, scales=(0.5, 1.5))
    once = checks.assert_scalar(sub.call("multi_resolution_stft_loss", x, y, Tuple(64)).value,
                                "multi_resolution_stft_loss(x, y, (64,))")
    twice = checks.assert_scalar(sub.call("multi_resolution_stft_loss", x, y, Tuple(64, 64)).value,
                                 "multi_resolution_stft_loss(x, y, (64, 64))")
    # The function compared with itself (its values are graded by the other tests): float64, rtol 1e-9.
    if abs(twice - 2 * once) < 1e-6 * abs(once) and abs(once) > 1e-12:
        checks.fail(f"with fft_sizes=(64, 64) the loss is {twice:.6g}, twice its value {once:.6g} with (64,): it "
                    "grows with the number of resolutions.",
                    "Average the per-resolution losses so the scale does not depend on how many there are.")
    checks.assert_close(twice, once, "your multi_resolution_stft_loss with fft_sizes=(64, 64), compared with yours "
                        "with (64,)", rtol=RTOL64, atol=ATOL64, hint=HINT_MR)


@A.test("multi_resolution_stft_loss", points=2)
def test_multi_resolution_stft_loss_is_zero_for_identical_inputs_and_finite_at_silence(sub):
    """0 when x equals y; the right value and finite gradients when the prediction is all zeros."""
    rng = np.random.default_rng(73)
    y = _signals(rng, 2, 256)
    out = sub.call("multi_resolution_stft_loss", y, y, Tuple(128, 64, 32), w_lin=0.5)
    checks.assert_close(checks.assert_scalar(out.value, "multi_resolution_stft_loss(y, y)"), 0.0,
                        "multi_resolution_stft_loss of identical inputs", rtol=0, atol=1e-12,
                        hint="Every term at every resolution is a distance between the two spectrograms.")
    x = np.zeros_like(y)
    out = sub.call("multi_resolution_stft_loss", Diff(x), Diff(y), Tuple(128, 64, 32), w_lin=0.5)
    checks.assert_close(checks.assert_scalar(out.value, "multi_resolution_stft_loss(zeros, y)"),
                        np_multi_resolution_stft_loss(x, y, (128, 64, 32), 1.0, 1.0, 0.5),
                        "multi_resolution_stft_loss of a silent prediction", rtol=RTOL64, atol=ATOL64,
                        hint="The magnitudes of silence are sqrt(eps), so every log stays finite.")
    _all_finite_grads(out, ["x", "y"], "multi_resolution_stft_loss")


@A.test("multi_resolution_stft_loss", points=1)
def test_multi_resolution_stft_loss_treats_second_argument_as_target(sub):
    """multi_resolution_stft_loss(x, y) normalises by the target y: swapping x and y changes the value."""
    rng = np.random.default_rng(74)
    y = _signals(rng, 2, 256)
    x = 3 * y
    value = checks.assert_scalar(
        sub.call("multi_resolution_stft_loss", x, y, Tuple(128, 32), w_log=0.0).value,
        "multi_resolution_stft_loss(3 * y, y, w_log=0)")
    swapped = np_multi_resolution_stft_loss(y, x, (128, 32), 1.0, 0.0)
    if abs(value - swapped) < 1e-6:
        checks.fail(f"multi_resolution_stft_loss(3 * y, y, w_log=0) is {value:.6g}, the value with prediction "
                    f"and target swapped.", "Pass the prediction first and the target second to stft_loss.")
    checks.assert_close(value, np_multi_resolution_stft_loss(x, y, (128, 32), 1.0, 0.0),
                        "multi_resolution_stft_loss(3 * y, y, w_log=0)", rtol=RTOL64, atol=ATOL64, hint=HINT_MR)


@A.test("multi_resolution_stft_loss", points=1)
def test_multi_resolution_stft_loss_keeps_dtype_batch_of_one_and_inputs(sub):
    """0-d result of the input dtype, batch of one, inputs not modified."""
    rng = np.random.default_rng(75)
    x, y = rng.normal(size=(1, 100)), rng.normal(size=(1, 100))
    _check_scalar_dtype(sub, "multi_resolution_stft_loss", x, y, Tuple(64, 16), names=("x", "y"))


@A.test("multi_resolution_stft_loss", points=1)
def test_multi_resolution_stft_loss_rejects_bad_arguments(sub):
    """ValueError naming fft_sizes when it is empty, and x/y when their shapes differ."""
    rng = np.random.default_rng(76)
    x, y = rng.normal(size=(2, 100)), rng.normal(size=(2, 100))
    checks.assert_accepts(sub, "multi_resolution_stft_loss", x, y, Tuple(32, 16))
    checks.assert_raises_value_error(sub, "multi_resolution_stft_loss", x, y, Tuple(), argument="fft_sizes")
    _raises_value_error(sub, "multi_resolution_stft_loss", x, y[:1], Tuple(32, 16), names=["x", "y"])


# ---------------------------------------------------------------------------
# match_harmonic_sound
SR, N_SAMPLES, N_FRAMES, N_HARMONICS = 8000, 4096, 64, 8
MATCH_STEPS, MATCH_LR = 100, 0.1


def _instrument_targets(seed):
    """Two tones with vibrato, an attack-decay-release envelope and random harmonic phases.

    Returns target audio (2, N_SAMPLES) float32, f0 in rad/sample (2, N_FRAMES) float32,
    the harmonic distributions (2, N_HARMONICS) and envelopes (2, N_FRAMES), float64.
    The random phases keep waveform losses from working: only the spectrum matches.
    """
    rng = np.random.default_rng(seed)
    t = np.arange(N_FRAMES) * (N_SAMPLES / SR) / N_FRAMES            # frame times, s
    f0_hz = np.stack([220 + 6 * np.sin(2 * np.pi * 5.0 * t), 330 + 9 * np.sin(2 * np.pi * 6.0 * t + 1.0)])
    f0 = 2 * np.pi * f0_hz / SR
    k = np.arange(1, N_HARMONICS + 1)
    clarinet = np.where(k % 2 == 1, 1.0 / k, 0.15 / k)               # strong odd harmonics
    brass = np.exp(-0.5 * ((k - 3) / 1.5) ** 2)                       # a formant-like bump at k = 3
    distribution = np.stack([clarinet / clarinet.sum(), brass / brass.sum()])
    attack = np.minimum(t / np.array([[0.04], [0.1]]), 1.0)
    release = np.clip((t[-1] - t) / 0.05, 0.0, 1.0)
    envelope = np.array([[0.6], [0.4]]) * attack * np.exp(-np.array([[1.5], [0.5]]) * t) * release
    phases = rng.uniform(0, 2 * np.pi, (2, N_HARMONICS))
    audio = np_harmonic_tone(f0, distribution, envelope, N_SAMPLES, phases)
    return audio.astype(np.float32), f0.astype(np.float32), distribution, envelope


def _shared_match(sub):
    """The fit both match_harmonic_sound tests grade, run once per submission: its target, the
    known parameters, and what the student's function returned."""
    target, f0, true_dist, envelope = _instrument_targets(80)
    fitted = sub.shared("match_harmonic_sound", lambda: _run_match(sub, target, f0, seed=1))
    return (target, f0, true_dist, envelope), fitted


def _run_match(sub, target, f0, seed):
    out = sub.call("match_harmonic_sound", target, f0, N_HARMONICS, n_steps=MATCH_STEPS, lr=MATCH_LR, seed=seed)
    if not isinstance(out.value, (list, tuple)) or len(out.value) != 3:
        checks.fail("match_harmonic_sound should return a tuple (distribution, amplitude, losses).",
                    "Return exactly three things, in this order.")
    distribution = checks.as_array(out.value[0], "the fitted harmonic distribution", (2, N_HARMONICS),
                                   hint="One distribution per batch item: (batch, n_harmonics).")
    amplitude = checks.as_array(out.value[1], "the fitted global amplitude", (2, N_FRAMES),
                                hint="One amplitude per frame and batch item: (batch, n_frames), after scaling.")
    for what, values in (("harmonic distribution", distribution), ("global amplitude", amplitude)):
        if not np.all(np.isfinite(values)):
            checks.fail(f"the fitted {what} contains NaN or inf.",
                        "The loss or its gradient became NaN or inf during the fit: check that every step of the "
                        "synthesis and of the loss stays finite (a division by a sum that can be 0, a log or "
                        "sqrt at 0).")
    losses = out.value[2]
    if isinstance(losses, np.ndarray):
        losses = list(losses.reshape(-1))
    if not isinstance(losses, list) or not all(isinstance(v, (int, float)) or
                                               (isinstance(v, np.ndarray) and v.size == 1) for v in losses):
        checks.fail("the loss history should be a list of numbers, one per step.",
                    "Append loss.item() after each step.")
    losses = np.array([float(np.asarray(v)) for v in losses])
    return distribution.astype(np.float64), amplitude.astype(np.float64), losses


@A.test("match_harmonic_sound", points=2, timeout=90)
def test_match_harmonic_sound_reduces_the_spectral_loss(sub):
    """After 100 steps the resynthesised tone is far closer to the target by an independent MR-STFT loss."""
    (target, f0, true_dist, envelope), (distribution, amplitude, losses) = _shared_match(sub)
    if losses.shape != (MATCH_STEPS,):
        checks.fail(f"the loss history has {losses.size} entries for n_steps={MATCH_STEPS}.",
                    "Record the loss once per optimisation step, and run exactly n_steps steps.")
    if not np.all(np.isfinite(losses)):
        checks.fail("the loss history contains NaN or inf.", "Check the gradients of your loss at the first step.")
    # Independent check: resynthesise the returned parameters (zero phases) and measure them ourselves.
    fitted = np_harmonic_tone(f0, distribution, amplitude, N_SAMPLES)
    fitted_loss = np_multi_resolution_stft_loss(fitted, target)
    # Baseline: the right loudness but a flat timbre. A correct fit reaches about a quarter of it
    # (random phases keep it above zero); half of it leaves a wide margin for other initialisations.
    baseline = np_multi_resolution_stft_loss(
        np_harmonic_tone(f0, np.full((2, N_HARMONICS), 1.0 / N_HARMONICS), envelope, N_SAMPLES), target)
    if not fitted_loss <= 0.5 * baseline:
        checks.fail(f"the fitted parameters give a multi-resolution STFT loss of {fitted_loss:.3f} against the "
                    f"target; a flat spectrum at the right loudness gives {baseline:.3f}, and a good fit stays "
                    f"below {0.5 * baseline:.3f}.",
                    "Optimise both the harmonic amplitudes and the global amplitude with Adam at the given lr, "
                    "minimising multi_resolution_stft_loss(prediction, target).")
    # The recorded history must be that same loss: its last entry (taken one step before the end) lies
    # within 15 % + 0.02 of our float64 value of the final parameters.
    if abs(losses[-1] - fitted_loss) > 0.15 * fitted_loss + 0.02:
        checks.fail(f"the last recorded loss is {losses[-1]:.4f}, but the multi-resolution STFT loss of the "
                    f"returned parameters is {fitted_loss:.4f}.",
                    "Record multi_resolution_stft_loss(prediction, target) at each step, and return the "
                    "parameters the optimiser found.")
    if not losses[-1] < losses[0]:
        checks.fail(f"the loss went from {losses[0]:.4f} to {losses[-1]:.4f}: it did not decrease.",
                    "Call optimizer.zero_grad(), loss.backward() and optimizer.step() at every step.")


@A.test("match_harmonic_sound", points=3, timeout=90)
def test_match_harmonic_sound_recovers_the_harmonic_distribution(sub):
    """The fitted distribution sums to one and correlates (r >= 0.98) with the known one; so does the envelope."""
    (target, f0, true_dist, envelope), (distribution, amplitude, _) = _shared_match(sub)
    sums = distribution.sum(axis=1)
    if not np.all(np.abs(sums - 1) < 1e-3) or np.any(distribution < 0):
        checks.fail(f"the returned harmonic distributions sum to {np.round(sums, 4).tolist()}; each should be "
                    f"non-negative and sum to one.",
                    "Return the normalised amplitudes, as harmonic_synth uses them, not the raw parameters.")
    for item in range(2):
        # A correct fit reaches r > 0.999; 0.98 tolerates other initialisations and float32 noise
        # while a flat, shared, or unnormalised-then-wrong distribution falls far below.
        r = np.corrcoef(distribution[item], true_dist[item])[0, 1]
        if not r >= 0.98:
            checks.fail(f"batch item {item}: the fitted distribution {np.round(distribution[item], 3).tolist()} "
                        f"correlates with the true one {np.round(true_dist[item], 3).tolist()} at r = {r:.3f} "
                        f"(needed: r >= 0.98).",
                    "Fit one distribution per batch item with the multi-resolution STFT loss; a waveform loss "
                    "cannot match harmonics whose phases differ.")
        r_env = np.corrcoef(amplitude[item], envelope[item])[0, 1]
        if not r_env >= 0.9:
            checks.fail(f"batch item {item}: the fitted global amplitude correlates with the true envelope at "
                        f"r = {r_env:.3f} (needed: r >= 0.9).",
                        "Fit one global amplitude per frame and return it after scale_function.")
