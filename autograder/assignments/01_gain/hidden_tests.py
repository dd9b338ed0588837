"""Hidden tests for 01_gain (a differentiable gain and a first spectral loss).

Oracles are written here from COURSE_SPEC.md in float64 numpy: ``np.fft.rfft`` for
the spectra, closed-form gradients (the derivative of a DFT magnitude), and a
plain numpy Adam (Kingma & Ba 2015, with PyTorch's defaults) for ``fit_gain``.
``fit_gain`` is always given a loss from the worker's LIBRARY (``mse`` or
``mean_abs``), so it is graded independently of the student's own losses.

Tolerances. float32 has eps32 = 2**-23 ~ 1.2e-7. A length-N float32 rfft has an
error per bin of at most ~ N * eps32 * max|x| (a loose bound: every bin is a sum of
N products rounded once each), so a magnitude is off by at most that much and a
loss that averages |A**p - C**p| by at most p * max(A, C)**(p - 1) times twice it.
Gradient tests run in float64, where the same bound is ~1e-13: they use rtol 1e-6,
loose enough for any correct formula and tight enough for any wrong one.
"""
import numpy as np

from autograder import checks, oracles
from autograder.harness import Assignment, Attr, Diff, Lib, New, StudentError

A = Assignment("01_gain", depends={"fit_gain": ["LinearGain"]})

EPS32 = oracles.EPS32


# ---------------------------------------------------------------------------
# Oracles and inputs.
def _np_waveform_l1(x, y):
    return np.mean(np.abs(np.asarray(x, np.float64) - np.asarray(y, np.float64)))


def _np_spectral_l1(x, y, power=1.0):
    a = np.abs(np.fft.rfft(np.asarray(x, np.float64), axis=-1))
    c = np.abs(np.fft.rfft(np.asarray(y, np.float64), axis=-1))
    return np.mean(np.abs(a ** power - c ** power))


def _spectral_l1_vjp(x, y, power):
    """Closed-form gradients of spectral_l1 with respect to x and y (float64).

    With X_k = sum_n x_n w^(kn), w = exp(-2 pi i / N), the magnitude A_k = |X_k| has
    dA_k/dx_n = Re(conj(X_k) w^(kn)) / A_k. The loss mean_k |A_k^p - C_k^p| then gives
    dL/dx_n = sum_k s_k p A_k^(p-1) / M * Re(conj(X_k) w^(kn)) / A_k, s_k = sign(A^p - C^p),
    M = batch * bins; the gradient for y is the same with C and a minus sign.
    """
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    n = x.shape[-1]
    k = np.arange(n // 2 + 1)
    w = np.exp(-2j * np.pi * np.outer(k, np.arange(n)) / n)  # (bins, n)
    xs, ys = np.fft.rfft(x, axis=-1), np.fft.rfft(y, axis=-1)
    a, c = np.abs(xs), np.abs(ys)
    s = np.sign(a ** power - c ** power)
    m = x.shape[0] * len(k)
    gx = np.real((s * power * a ** (power - 1) / m * np.conj(xs) / a) @ w)
    gy = np.real((-s * power * c ** (power - 1) / m * np.conj(ys) / c) @ w)
    return gx, gy


def _spectrum_pair(rng, batch, n):
    """x, y with |rfft(x)| >= 1 and |rfft(y)| / |rfft(x)| in [0.3, 0.7] or [1.4, 2] in every bin.

    Away from |X_k| = 0 (where |.| of a complex number has no derivative) and from
    |X_k| = |Y_k| (the kink of the outer |.|), so gradients are well defined and a
    finite difference or a closed form gives them without ambiguity.
    """
    bins = n // 2 + 1
    mag_x = rng.uniform(1.0, 2.0, (batch, bins))
    ratio = np.where(rng.random((batch, bins)) < 0.5, rng.uniform(0.3, 0.7, (batch, bins)),
                     rng.uniform(1.4, 2.0, (batch, bins)))
    spectra = []
    for mag in (mag_x, mag_x * ratio):
        phase = rng.uniform(0, 2 * np.pi, (batch, bins))
        spec = mag * np.exp(1j * phase)
        spec[:, 0] = mag[:, 0] * rng.choice([-1.0, 1.0], batch)  # DC is real
        if n % 2 == 0:
            spec[:, -1] = mag[:, -1] * rng.choice([-1.0, 1.0], batch)  # so is Nyquist
        spectra.append(np.fft.irfft(spec, n=n, axis=-1))
    return spectra


def _spectral_atol(x, y, power):
    """Bound on the float32 error of spectral_l1 (see the module docstring)."""
    n = np.shape(x)[-1]
    delta = n * EPS32 * max(np.max(np.abs(x)), np.max(np.abs(y)))
    mags = np.abs(np.fft.rfft(np.concatenate([np.asarray(x, np.float64), np.asarray(y, np.float64)]), axis=-1))
    slope = power * (mags.max() ** (power - 1) if power >= 1 else mags.min() ** (power - 1))
    return 2 * slope * delta


def _adam(grad, gain, n_steps, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam (Kingma & Ba 2015) on one scalar, PyTorch's defaults; returns gains before each step and the final gain."""
    m = v = 0.0
    gains = []
    for t in range(1, n_steps + 1):
        gains.append(gain)
        g = grad(gain)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        gain = gain - lr / (1 - beta1 ** t) * m / (np.sqrt(v) / np.sqrt(1 - beta2 ** t) + eps)
    return np.array(gains), gain


def _mse_problem(seed, shape, true_gain):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=shape).astype(np.float32)
    target = (true_gain * x.astype(np.float64)).astype(np.float32)
    x64, t64 = x.astype(np.float64), target.astype(np.float64)
    losses = lambda gains: np.array([np.mean((g * x64 - t64) ** 2) for g in gains])  # noqa: E731
    grad = lambda g: 2 * np.mean((g * x64 - t64) * x64)  # noqa: E731
    return x, target, losses, grad


# ---------------------------------------------------------------------------
# Helpers.
def _float64_out(out, x):
    """float64 input and a float64 result: values are held to float64 precision. A float32 result of
    float64 input is held to float32 precision, as its dtype is graded once, by the keeps_float64 test."""
    dtype = out.meta.get("dtype") if isinstance(out.meta, dict) else None
    return np.asarray(x).dtype == np.float64 and dtype == "float64"



def _new_or_error(sub, target, *args, **kwargs):
    """Call expecting success, but report a student's exception as a test failure message."""
    result = sub.call(target, *args, expect_error=True, **kwargs)
    if result.error is not None:
        if result.error.get("type") == "NotImplementedError":
            raise StudentError("LinearGain", result.error)
        return None, result.error
    return result, None


def _number(item):
    """A Python float, or a one-element tensor taken as its number (None for anything else)."""
    if isinstance(item, float) and not isinstance(item, bool):
        return item
    if isinstance(item, np.ndarray) and item.size == 1 and np.issubdtype(item.dtype, np.floating):
        return float(item.reshape(()))
    return None


def _fit_result(result, n_steps, strict=True):
    """Validate fit_gain's answer: (float, list of n_steps floats). Returns (gain, losses array).

    ``strict=False`` (the tests of the fitted values) also takes a one-element tensor for a float
    and a tensor of losses for a list: the types are graded once, by the test that states them.
    """
    value = result.value
    kind = result.meta.get("type") if isinstance(result.meta, dict) else "?"
    if not isinstance(value, list) or len(value) != 2:
        checks.fail(f"fit_gain should return a pair (final_gain, losses), but it returned a {kind}.",
                    "End with `return final_gain, losses`.")
    gain, losses = value
    if not strict:
        if _number(gain) is not None:
            gain = _number(gain)
        if isinstance(losses, np.ndarray) and losses.ndim == 1:
            losses = list(losses)
        if isinstance(losses, list) and all(_number(item) is not None for item in losses):
            losses = [_number(item) for item in losses]
    if not isinstance(gain, float) or isinstance(gain, bool):
        what = "a tensor" if isinstance(gain, np.ndarray) else (
            f"a {gain.get('__module__') or gain.get('__object__')}" if isinstance(gain, dict) else type(gain).__name__)
        checks.fail(f"the final gain returned by fit_gain should be a Python float, but it is {what}.",
                    "Convert the learned 0-d parameter to a number with .item().")
    if not isinstance(losses, list):
        checks.fail("the losses returned by fit_gain should be a list of floats, one per step, "
                    f"but they are {'a tensor' if isinstance(losses, np.ndarray) else type(losses).__name__}.",
                    "Append loss.item() to a Python list at every step.")
    if len(losses) != n_steps:
        checks.fail(f"fit_gain(..., n_steps={n_steps}) returned {len(losses)} losses; expected one per step, "
                    f"{n_steps}.", "Record exactly one loss per optimisation step.")
    bad = [i for i, item in enumerate(losses) if not isinstance(item, float) or isinstance(item, bool)]
    if bad:
        item = losses[bad[0]]
        what = "a tensor" if isinstance(item, np.ndarray) else type(item).__name__
        checks.fail(f"losses[{bad[0]}] returned by fit_gain should be a Python float, but it is {what}.",
                    "Store loss.item(), not the loss tensor (which also keeps its whole graph alive).")
    losses = np.array(losses, dtype=np.float64)
    if not np.isfinite(gain) or not np.all(np.isfinite(losses)):
        checks.fail("fit_gain returned NaN or inf.", "Check the learning rate and the loss you minimise.")
    return gain, losses


# ---------------------------------------------------------------------------
# LinearGain.
@A.test("LinearGain", points=2)
def test_linear_gain_scales_every_sample(sub):
    """LinearGain(0.7)(x) is 0.7 * x for a single signal and for a batch of different signals (and float64 x)."""
    rng = np.random.default_rng(10)
    for shape in [(1, 40), (3, 50)]:
        x = rng.normal(size=shape).astype(np.float32)
        out = sub.call(New("LinearGain", 0.7), x)
        # One float32 multiplication per sample: relative error <= eps32 / 2 ~ 6e-8.
        checks.assert_close(out.value, np.float32(0.7) * x.astype(np.float64), f"LinearGain(0.7)(x) for x of shape "
                            f"{shape}", rtol=1e-6, atol=1e-7,
                            hint="forward multiplies every sample by the gain and keeps the shape of x.")
    # float64 x: the gain may be a float32 parameter (0.7 rounded by < 3e-8 relative), so rtol 1e-7.
    x = rng.normal(size=(2, 16))
    out = sub.call(New("LinearGain", 0.7), x)
    checks.assert_close(out.value, 0.7 * x, "LinearGain(0.7)(x) for float64 x of shape (2, 16)",
                        rtol=1e-7 if _float64_out(out, x) else 1e-6, atol=0 if _float64_out(out, x) else 1e-7,
                        hint="forward multiplies every sample by the gain and keeps the shape of x.")


@A.test("LinearGain", points=2)
def test_linear_gain_gain_is_a_0d_parameter(sub):
    """LinearGain(0.7).gain is a 0-d nn.Parameter holding 0.7."""
    result, error = _new_or_error(sub, Attr(New("LinearGain", 0.7), "get_parameter"), "gain")
    if error is not None:
        checks.fail(f"LinearGain(0.7) has no parameter named `gain` ({error.get('type')}: "
                    f"{error.get('message', '')}).",
                    "Wrap the initial value in torch.nn.Parameter and assign it to self.gain, "
                    "after calling super().__init__().")
    value = checks.as_array(result.value, "LinearGain(0.7).gain")
    if value.shape != ():
        checks.fail(f"LinearGain(0.7).gain has shape {value.shape}; a 0-d tensor (shape ()) was expected.",
                    "torch.tensor(0.7) is 0-d; torch.tensor([0.7]) has shape (1,).")
    # 0.7 rounded to float32 is off by < 3e-8.
    checks.assert_close(value, 0.7, "LinearGain(0.7).gain", rtol=1e-6, atol=0,
                        hint="Initialise the parameter with the `gain` argument.")
    if not result.meta.get("requires_grad"):
        checks.fail("LinearGain(0.7).gain does not require grad, so an optimiser cannot learn it.",
                    "Parameters require grad unless you ask otherwise.")


@A.test("LinearGain", points=1)
def test_linear_gain_defaults_to_unity(sub):
    """LinearGain() starts at gain 1.0: it passes its input through unchanged."""
    hint = "The default value of the `gain` argument is 1.0."
    result, error = _new_or_error(sub, Attr(New("LinearGain"), "get_parameter"), "gain")
    if error is not None:
        checks.fail(f"LinearGain() has no parameter named `gain` ({error.get('type')}: "
                    f"{error.get('message', '')}).", hint)
    gain = checks.as_array(result.value, "LinearGain().gain")
    if gain.size == 1:
        gain = gain.reshape(())  # the parameter's shape is graded by linear_gain_gain_is_a_0d_parameter
    checks.assert_close(gain, 1.0, "LinearGain().gain", rtol=0, atol=0, hint=hint)
    x = np.random.default_rng(11).normal(size=(2, 30)).astype(np.float32)
    out = sub.call(New("LinearGain"), x)
    checks.assert_close(out.value, x, "LinearGain()(x)", rtol=0, atol=0, hint=hint)


@A.test("LinearGain", points=2)
def test_linear_gain_gradients_reach_input_and_gain(sub):
    """Gradients of <c, LinearGain(0.7)(x)>: 0.7 * c for x and sum(c * x) for the gain."""
    rng = np.random.default_rng(12)
    x, cot = rng.normal(size=(3, 20)), rng.normal(size=(3, 20))
    out = sub.call(New("LinearGain", 0.7), Diff(x), cotangent=cot, param_grads=True)
    # The parameter is float32: 0.7 and its gradient are rounded once (relative 6e-8).
    checks.assert_grads_close(out, [np.float32(0.7) * cot], ["x"], "LinearGain", rtol=1e-6, atol=1e-9)
    grads = out.param_grads if isinstance(out.param_grads, dict) else {}
    if "gain" not in grads:
        checks.fail(f"LinearGain's parameters are {sorted(grads) or 'none'}; a parameter named `gain` was "
                    "expected, so the optimiser has nothing to learn.",
                    "Assign a torch.nn.Parameter (not a plain tensor or float) to self.gain.")
    if grads["gain"] is None:
        checks.fail("no gradient reaches the parameter `gain`: forward does not use it in the graph.",
                    "Multiply by the parameter itself, not by a Python number taken from it (.item()).")
    got = grads["gain"]
    if isinstance(got, np.ndarray) and got.size == 1:
        got = got.reshape(())  # the parameter's shape is graded by linear_gain_gain_is_a_0d_parameter
    checks.assert_close(got, np.sum(cot * x), "the gradient with respect to `gain`",
                        rtol=1e-5, atol=1e-6, hint="forward should be gain * x, with one 0-d gain.")


@A.test("LinearGain", points=1)
def test_linear_gain_keeps_float64(sub):
    """float64 in, float64 out."""
    x = np.random.default_rng(13).normal(size=(2, 16))
    out = sub.call(New("LinearGain", 0.7), x)
    checks.as_array(out.value, "LinearGain(0.7)(x) for float64 x of shape (2, 16)", x.shape)
    checks.assert_dtype(out, "float64", "LinearGain")


@A.test("LinearGain", points=1)
def test_linear_gain_does_not_modify_input(sub):
    """LinearGain leaves its input tensor unchanged."""
    x = np.random.default_rng(14).normal(size=(2, 16)).astype(np.float32)
    out = sub.call(New("LinearGain", 0.7), x, return_inputs=True)
    checks.assert_not_mutated(out, ["x"], "LinearGain")


# ---------------------------------------------------------------------------
# waveform_l1.
def _check_waveform_value(sub, x, y, what):
    out = sub.call("waveform_l1", x, y)
    got = checks.assert_scalar(out.value, f"waveform_l1 of {what}")
    # A float32 mean of n values of size ~1: relative error ~ n * eps32 at worst, < 1e-4 here;
    # in float64 the same bound is ~1e-14.
    tight = _float64_out(out, x)
    checks.assert_close(got, _np_waveform_l1(x, y), f"waveform_l1 of {what}", rtol=1e-9 if tight else 1e-5,
                        atol=1e-12 if tight else 1e-6, hint="The mean over every sample of every item of |x - y|.")


@A.test("waveform_l1", points=1)
def test_waveform_l1_matches_numpy_for_one_signal(sub):
    """waveform_l1 is mean |x - y| for a batch of one signal."""
    rng = np.random.default_rng(20)
    x, y = rng.normal(size=(2, 1, 64)).astype(np.float32)
    _check_waveform_value(sub, x, y, "a batch of one signal of 64 samples")


@A.test("waveform_l1", points=2)
def test_waveform_l1_matches_numpy_for_a_batch(sub):
    """waveform_l1 averages over every item of a batch of different signals (a 0-d tensor; float32 and float64)."""
    rng = np.random.default_rng(21)
    x = rng.normal(size=(3, 50)).astype(np.float32) * np.array([[0.1], [1.0], [3.0]], np.float32)
    y = rng.normal(size=(3, 50)).astype(np.float32)
    _check_waveform_value(sub, x, y, "a batch of 3 different signals of 50 samples")
    x, y = rng.normal(size=(2, 2, 32))
    _check_waveform_value(sub, x, y, "a float64 batch of 2 signals of 32 samples")


@A.test("waveform_l1", points=2)
def test_waveform_l1_gradients_match_closed_form(sub):
    """Gradients: sign(x - y) / numel for x and its negative for y (float64, away from x = y)."""
    rng = np.random.default_rng(22)
    x = rng.normal(size=(2, 24))
    # |x - y| >= 0.1 everywhere: |.| has no derivative at 0.
    y = x + rng.choice([-1.0, 1.0], x.shape) * rng.uniform(0.1, 1.0, x.shape)
    out = sub.call("waveform_l1", Diff(x), Diff(y))
    checks.assert_scalar(out.value, "waveform_l1")
    g = np.sign(x - y) / x.size
    checks.assert_grads_close(out, [g, -g], ["x", "y"], "waveform_l1", rtol=1e-6, atol=1e-12)


@A.test("waveform_l1", points=1)
def test_waveform_l1_keeps_float64(sub):
    """float64 in, float64 out."""
    rng = np.random.default_rng(23)
    x, y = rng.normal(size=(2, 2, 32))
    out = sub.call("waveform_l1", x, y)
    checks.assert_scalar(out.value, "waveform_l1 of float64 inputs")
    checks.assert_dtype(out, "float64", "waveform_l1")


@A.test("waveform_l1", points=1)
def test_waveform_l1_does_not_modify_inputs(sub):
    """waveform_l1 leaves x and y unchanged."""
    rng = np.random.default_rng(24)
    x, y = rng.normal(size=(2, 2, 32)).astype(np.float32)
    out = sub.call("waveform_l1", x, y, return_inputs=True)
    checks.assert_not_mutated(out, ["x", "y"], "waveform_l1")


@A.test("waveform_l1", points=1)
def test_waveform_l1_rejects_mismatched_shapes(sub):
    """x and y of different shapes raise ValueError naming y (even when they would broadcast)."""
    rng = np.random.default_rng(25)
    checks.assert_accepts(sub, "waveform_l1", rng.normal(size=(2, 64)).astype(np.float32),
                          rng.normal(size=(2, 64)).astype(np.float32))
    checks.assert_raises_value_error(sub, "waveform_l1", rng.normal(size=(2, 64)).astype(np.float32),
                                     rng.normal(size=(1, 64)).astype(np.float32), argument="y")
    checks.assert_raises_value_error(sub, "waveform_l1", rng.normal(size=(2, 64)).astype(np.float32),
                                     rng.normal(size=(2, 32)).astype(np.float32), argument="y")


# ---------------------------------------------------------------------------
# spectral_l1.
def _check_spectral_value(sub, x, y, what, power=None, hint=None):
    kwargs = {} if power is None else {"power": power}
    p = 1.0 if power is None else power
    out = sub.call("spectral_l1", x, y, **kwargs)
    label = f"spectral_l1 of {what}" + ("" if power is None else f" with power={power}")
    got = checks.assert_scalar(out.value, label)
    # float64: an FFT of a few dozen points rounds by ~1e-15 relative, so 1e-9 and 1e-12.
    tight = _float64_out(out, x)
    checks.assert_close(got, _np_spectral_l1(x, y, p), label, rtol=1e-9 if tight else 1e-5,
                        atol=1e-12 if tight else _spectral_atol(x, y, p),
                        hint=hint or "Take rfft over the last (time) dimension, the magnitude of each bin raised "
                                     "to `power`, then the mean over batch and bins of the absolute difference.")


@A.test("spectral_l1", points=2)
def test_spectral_l1_matches_numpy_for_one_signal(sub):
    """spectral_l1 matches np.fft.rfft magnitudes for a batch of one signal (even and odd lengths)."""
    rng = np.random.default_rng(30)
    for n in (64, 63):
        x, y = rng.normal(size=(2, 1, n)).astype(np.float32)
        _check_spectral_value(sub, x, y, f"a batch of one signal of {n} samples")


@A.test("spectral_l1", points=2)
def test_spectral_l1_matches_numpy_for_a_batch(sub):
    """One rfft per item (over time, not over the batch), averaged over batch and bins (float32 and float64)."""
    rng = np.random.default_rng(31)
    x = rng.normal(size=(3, 48)).astype(np.float32) * np.array([[0.2], [1.0], [2.0]], np.float32)
    y = rng.normal(size=(3, 48)).astype(np.float32)
    _check_spectral_value(sub, x, y, "a batch of 3 different signals of 48 samples",
                          hint="Every item of the batch gets its own rfft over time (the last dimension); "
                               "the mean then runs over all items and all n_samples // 2 + 1 bins.")
    x, y = rng.normal(size=(2, 2, 32))
    _check_spectral_value(sub, x, y, "a float64 batch of 2 signals of 32 samples")


@A.test("spectral_l1", points=2)
def test_spectral_l1_raises_magnitudes_to_power(sub):
    """With power=2 and power=0.5 the magnitudes (not their difference) are raised to the power."""
    rng = np.random.default_rng(32)
    x, y = (s.astype(np.float32) for s in _spectrum_pair(rng, 2, 40))
    for power in (2.0, 0.5):
        _check_spectral_value(sub, x, y, "a batch of 2 signals of 40 samples", power=power)


@A.test("spectral_l1", points=1)
def test_spectral_l1_is_zero_for_a_circular_shift(sub):
    """A circular shift changes only the phase of every bin, so spectral_l1(x, roll(x)) is 0."""
    rng = np.random.default_rng(33)
    x = rng.normal(size=(2, 64)).astype(np.float32)
    y = np.roll(x, 5, axis=-1)
    out = sub.call("spectral_l1", x, y)
    got = checks.as_array(out.value, "spectral_l1(x, roll(x, 5))")
    # Whatever its shape (the shape is graded by the value tests): every value must be 0.
    checks.assert_close(got, np.zeros(got.shape), "spectral_l1(x, x circularly shifted by 5 samples)", rtol=0,
                        atol=_spectral_atol(x, y, 1.0),
                        hint="A circular shift in time changes only the phase of each bin of an rfft over time: "
                             "a non-zero loss means the comparison sees phase (complex spectra, real or imaginary "
                             "parts) or the transform runs over another dimension than time.")


@A.test("spectral_l1", points=3)
def test_spectral_l1_gradients_match_closed_form(sub):
    """Gradients w.r.t. x and y match the derivative of the DFT magnitude (float64, power 1 and 1.5)."""
    rng = np.random.default_rng(34)
    for power, n in ((1.0, 32), (1.5, 31)):
        x, y = _spectrum_pair(rng, 2, n)
        kwargs = {} if power == 1.0 else {"power": power}
        out = sub.call("spectral_l1", Diff(x), Diff(y), **kwargs)
        checks.assert_scalar(out.value, "spectral_l1")
        checks.assert_grads_close(out, _spectral_l1_vjp(x, y, power), ["x", "y"], "spectral_l1",
                                  rtol=1e-6, atol=1e-10,
                                  hint=f"(power={power}, n_samples={n}) If the value tests fail too, fix the "
                                       "value first; otherwise look for an operation whose derivative differs "
                                       "from the formula's, such as a power or an absolute value in the wrong place.")


@A.test("spectral_l1", points=1)
def test_spectral_l1_keeps_float64(sub):
    """float64 in, float64 out."""
    rng = np.random.default_rng(35)
    x, y = rng.normal(size=(2, 2, 32))
    out = sub.call("spectral_l1", x, y)
    checks.assert_scalar(out.value, "spectral_l1 of float64 inputs")
    checks.assert_dtype(out, "float64", "spectral_l1")


@A.test("spectral_l1", points=1)
def test_spectral_l1_does_not_modify_inputs(sub):
    """spectral_l1 leaves x and y unchanged."""
    rng = np.random.default_rng(36)
    x, y = rng.normal(size=(2, 2, 32)).astype(np.float32)
    out = sub.call("spectral_l1", x, y, power=2.0, return_inputs=True)
    checks.assert_not_mutated(out, ["x", "y"], "spectral_l1")


@A.test("spectral_l1", points=1)
def test_spectral_l1_rejects_mismatched_shapes(sub):
    """x and y of different shapes raise ValueError naming y (even when they would broadcast)."""
    rng = np.random.default_rng(37)
    checks.assert_accepts(sub, "spectral_l1", rng.normal(size=(2, 64)).astype(np.float32),
                          rng.normal(size=(2, 64)).astype(np.float32))
    checks.assert_raises_value_error(sub, "spectral_l1", rng.normal(size=(2, 64)).astype(np.float32),
                                     rng.normal(size=(1, 64)).astype(np.float32), argument="y")
    checks.assert_raises_value_error(sub, "spectral_l1", rng.normal(size=(2, 64)).astype(np.float32),
                                     rng.normal(size=(2, 32)).astype(np.float32), argument="y")


# ---------------------------------------------------------------------------
# fit_gain. Every test passes a LIBRARY loss, never the student's.
@A.test("fit_gain", points=2)
def test_fit_gain_returns_gain_and_one_loss_per_step(sub):
    """fit_gain(x, target, loss_fn) returns (float, list of n_steps floats); defaults n_steps=500."""
    x, target, _, _ = _mse_problem(40, (2, 32), 0.5)
    _fit_result(sub.call("fit_gain", x, target, Lib("mse"), n_steps=7, lr=0.01), 7)
    _, losses = _fit_result(sub.call("fit_gain", x, target, Lib("mse")), 500)
    if not losses[-1] < losses[0]:
        checks.fail(f"with the default n_steps and lr the loss went from {losses[0]:.4g} to {losses[-1]:.4g}; "
                    "it should decrease.", "Call optimizer.step() after loss.backward() at every step.")


@A.test("fit_gain", points=3)
def test_fit_gain_follows_adam_from_unit_gain(sub):
    """The recorded losses and the final gain follow Adam (default betas) started at gain 1.0."""
    n_steps, lr = 60, 0.05
    x, target, losses_at, grad = _mse_problem(41, (3, 256), 0.5)
    gains, final = _adam(grad, 1.0, n_steps, lr)
    expected = losses_at(gains)
    gain, losses = _fit_result(sub.call("fit_gain", x, target, Lib("mse"), n_steps=n_steps, lr=lr), n_steps,
                               strict=False)
    # float32 rounds the gain by ~6e-8 per step, < 4e-6 after 60 steps; the loss is
    # (g - 0.5)**2 * mean(x**2), so its relative error stays < 1e-3 while |g - 0.5| > 1e-2
    # and its absolute error < 1e-6 below that.
    checks.assert_close(losses[:1], expected[:1], "losses[0], the loss before the first step", rtol=1e-4,
                        atol=1e-6, hint="Start from LinearGain(1.0) and record the loss computed before each "
                                        "optimizer.step().")
    checks.assert_close(losses, expected, f"the list of losses recorded by fit_gain(x, target, mse, n_steps={n_steps}, "
                        f"lr={lr})", rtol=1e-3, atol=1e-6,
                        hint="Check the optimiser (Adam, default betas, the lr you are given), that gradients "
                             "are cleared before every backward(), and that each loss is the one computed before "
                             "its update.")
    checks.assert_close(gain, final, "the final gain (after the last step)", rtol=0, atol=1e-4,
                        hint="Return the gain after all n_steps updates.")


@A.test("fit_gain", points=2)
def test_fit_gain_minimises_the_given_loss(sub):
    """With loss_fn=mean |a - b| Adam moves the gain by lr per step, so losses[k] = (0.5 - k*lr) * mean|x|."""
    n_steps, lr = 30, 0.01
    x, target, _, _ = _mse_problem(42, (2, 128), 0.5)
    gain, losses = _fit_result(sub.call("fit_gain", x, target, Lib("mean_abs"), n_steps=n_steps, lr=lr), n_steps,
                               strict=False)
    # The L1 gradient sign(g - 0.5) * mean|x| has a constant size, so Adam's step m_hat/sqrt(v_hat)
    # is exactly lr until the gain reaches 0.5 (not within 30 steps from 1.0). float32 drift < 30 * 1e-7.
    expected = (1.0 - lr * np.arange(n_steps) - 0.5) * np.mean(np.abs(x.astype(np.float64)))
    checks.assert_close(losses, expected, f"the list of losses of fit_gain(x, 0.5 * x, mean_abs, n_steps={n_steps}, "
                        f"lr={lr})", rtol=1e-4, atol=1e-6,
                        hint="Minimise loss_fn(model(x), target) with the loss_fn you are given.")
    checks.assert_close(gain, 1.0 - n_steps * lr, "the final gain", rtol=0, atol=1e-4)


@A.test("fit_gain", points=2)
def test_fit_gain_recovers_the_true_gain(sub):
    """For target = 0.6 * x, 150 Adam steps at lr=0.05 from 1.0 end within 2e-3 of 0.6 (single signal)."""
    x, target, losses_at, _ = _mse_problem(43, (1, 200), 0.6)
    gain, losses = _fit_result(sub.call("fit_gain", x, target, Lib("mse"), n_steps=150, lr=0.05), 150, strict=False)
    # The float64 Adam oracle ends 1.4e-4 from 0.6 (Adam's steps shrink as its moment
    # estimates settle); 2e-3 is a 0.03 dB level error, inaudible, and 14x that margin.
    checks.assert_close(gain, 0.6, "the fitted gain for target = 0.6 * x", rtol=0, atol=2e-3,
                        hint="Run all n_steps of Adam on loss_fn(model(x), target) and return the final gain.")
    if not losses[-1] < 1e-3 * losses[0]:
        checks.fail(f"the loss fell only from {losses[0]:.4g} to {losses[-1]:.4g} in 150 steps; a fit to a "
                    "scaled copy of x should drive it below a thousandth of its start.")


@A.test("fit_gain", points=1)
def test_fit_gain_accepts_float64_and_leaves_inputs_unchanged(sub):
    """float64 x and target work, and fit_gain does not modify them."""
    x, target, _, _ = _mse_problem(44, (2, 64), 0.8)
    x, target = x.astype(np.float64), target.astype(np.float64)
    # Only that the call returns and what it did to x and target: the fit is graded elsewhere.
    out = sub.call("fit_gain", x, target, Lib("mse"), n_steps=20, lr=0.01, return_inputs=True)
    checks.assert_not_mutated(out, ["x", "target"], "fit_gain")


@A.test("fit_gain", points=1)
def test_fit_gain_rejects_mismatched_target(sub):
    """x and target of different shapes raise ValueError naming target (even when they would broadcast)."""
    rng = np.random.default_rng(45)
    checks.assert_accepts(sub, "fit_gain", rng.normal(size=(2, 64)).astype(np.float32),
                          rng.normal(size=(2, 64)).astype(np.float32), Lib("mse"), n_steps=3)
    checks.assert_raises_value_error(sub, "fit_gain", rng.normal(size=(2, 64)).astype(np.float32),
                                     rng.normal(size=(1, 64)).astype(np.float32), Lib("mse"),
                                     argument="target", n_steps=3)
