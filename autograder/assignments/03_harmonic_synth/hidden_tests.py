"""Hidden tests for 03_harmonic_synth (additive and harmonic synthesis).

Every oracle is float64 numpy written from COURSE_SPEC.md: the shared
``oracles.sinusoid`` / ``oracles.sinusoid_vjp`` for one sinusoid (explicit
interpolation matrix, explicit exclusive cumulative sum), summed here over
sinusoids; the harmonic pipeline (scale, mask, normalise, multiply, synthesise)
spelled out step by step; closed-form derivatives by the chain rule; and, for
the classic waveforms, the Fourier series of the ideal sawtooth and square.

Tolerance reasoning used throughout (eps32 = 2**-23 ~ 1.2e-7):

* float32 oscillators. The phase of a sinusoid is a running sum of n_samples
  terms whose partial sums never exceed phi_max = n_samples * max(omega). Each
  addition rounds by at most eps32/2 * phi_max, so the phase is off by at most
  n_samples * phi_max * eps32 / 2 rad (a worst case; real errors are a random
  walk and far smaller), and so is sin(phase). Upsampling, the products and
  the sum over components add a few eps32 relative. The bound, weighted by each
  component's largest amplitude, is ``oracles.oscillator_atol``; for the sizes used here
  it is 1e-3 to 5e-3, while every mistake in the bug zoo moves samples by 0.05
  or more.
* float64: the same bound with eps64 is below 1e-11; ``rtol = 1e-9`` and
  ``atol = 1e-9`` leave room for any correct ordering of the operations.
* Gradients are checked in float64 against closed forms with ``rtol = 1e-6``,
  the 02_oscillator convention: loose enough for loops and float64
  accumulation, tight enough for any wrong derivative.
* Elementwise float32 maps (k * f0, a mask, the scale function) round once or
  a few times: ``rtol = 1e-5``.
"""
import math

import numpy as np

from autograder import checks, oracles
from autograder.harness import Assignment, Diff

A = Assignment("03_harmonic_synth", depends={
    "harmonic_synth": ["scale_function", "remove_above_nyquist", "harmonic_frequencies", "additive_synth"]})

EPS32 = oracles.EPS32
RTOL64, ATOL64 = 1e-9, 1e-9
GRAD_RTOL, GRAD_ATOL = 1e-6, 1e-8


# ---------------------------------------------------------------------------
# Independent float64 oracles.
def np_additive(amplitudes, frequencies, n_samples):
    """sum over sinusoids of oracles.sinusoid, zero initial phase: (batch, n_samples)."""
    amplitudes = np.asarray(amplitudes, np.float64)
    frequencies = np.asarray(frequencies, np.float64)
    return sum(oracles.sinusoid(amplitudes[:, k], frequencies[:, k], n_samples)
               for k in range(amplitudes.shape[1]))


def np_additive_vjp(amplitudes, frequencies, n_samples, cotangent):
    """Gradients of <cotangent, additive> w.r.t. amplitudes and frequencies (a sum of sinusoids)."""
    amplitudes = np.asarray(amplitudes, np.float64)
    frequencies = np.asarray(frequencies, np.float64)
    d_amp, d_freq = np.zeros_like(amplitudes), np.zeros_like(frequencies)
    zero_phase = np.zeros(amplitudes.shape[0])
    for k in range(amplitudes.shape[1]):
        d_amp[:, k], d_freq[:, k], _ = oracles.sinusoid_vjp(amplitudes[:, k], frequencies[:, k], n_samples,
                                                            zero_phase, cotangent)
    return d_amp, d_freq


def np_log_sigmoid(x):
    """log(1 / (1 + exp(-x))) without overflow."""
    x = np.asarray(x, np.float64)
    return -np.logaddexp(0.0, -x)


def np_scale(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    """max_value * sigmoid(x) ** ln(exponent) + threshold, the power taken in log space."""
    return max_value * np.exp(math.log(exponent) * np_log_sigmoid(x)) + threshold


def np_scale_derivative(x, exponent=10.0, max_value=2.0):
    """d/dx of max_value * s ** p with s = sigmoid(x): max_value * p * s ** p * (1 - s)."""
    p = math.log(exponent)
    x = np.asarray(x, np.float64)
    return max_value * p * np.exp(p * np_log_sigmoid(x)) * np.exp(np_log_sigmoid(-x))


def np_harmonic_parts(f0, global_amplitude, harmonic_amplitudes):
    """Frame-rate pieces of the harmonic pipeline, in the order of the spec."""
    f0 = np.asarray(f0, np.float64)
    n_harmonics = np.shape(harmonic_amplitudes)[1]
    frequencies = f0[:, None, :] * np.arange(1, n_harmonics + 1)[None, :, None]
    loudness = np_scale(global_amplitude)
    kept = frequencies < np.pi
    masked = np.where(kept, np_scale(harmonic_amplitudes), 0.0)
    total = masked.sum(axis=1, keepdims=True)
    safe_total = np.where(total > 0, total, 1.0)
    distribution = masked / safe_total
    return frequencies, loudness, kept, safe_total, distribution


def np_harmonic_synth(f0, global_amplitude, harmonic_amplitudes, n_samples):
    frequencies, loudness, _, _, distribution = np_harmonic_parts(f0, global_amplitude, harmonic_amplitudes)
    return np_additive(loudness[:, None, :] * distribution, frequencies, n_samples)


def np_harmonic_vjp(f0, global_amplitude, harmonic_amplitudes, n_samples, cotangent):
    """Chain rule through additive synthesis, the global amplitude, the normalisation and the scale.

    With d_j = m_j s_j / S (mask m, scaled amplitude s, S = sum_j m_j s_j) and A_j = g d_j:
    dL/dg = sum_j dL/dA_j d_j;  dL/ds_i = m_i / S * (dL/dd_i - sum_j dL/dd_j d_j), dL/dd_j = g dL/dA_j;
    dL/df0 = sum_j j * dL/domega_j. The mask is piecewise constant, so it has no derivative.
    """
    frequencies, loudness, kept, safe_total, distribution = np_harmonic_parts(
        f0, global_amplitude, harmonic_amplitudes)
    amplitudes = loudness[:, None, :] * distribution
    d_amp, d_freq = np_additive_vjp(amplitudes, frequencies, n_samples, cotangent)
    n_harmonics = amplitudes.shape[1]
    d_f0 = np.sum(d_freq * np.arange(1, n_harmonics + 1)[None, :, None], axis=1)
    d_loudness = np.sum(d_amp * distribution, axis=1)
    d_distribution = d_amp * loudness[:, None, :]
    d_scaled = np.where(kept, (d_distribution - np.sum(d_distribution * distribution, axis=1, keepdims=True))
                        / safe_total, 0.0)
    return (d_f0, d_loudness * np_scale_derivative(global_amplitude),
            d_scaled * np_scale_derivative(harmonic_amplitudes))


def np_vibrato(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    i = np.arange(n_frames, dtype=np.float64)
    return (f0_hz + depth_hz * np.sin(2 * np.pi * rate_hz * i / frame_rate))[None, :]


# ---------------------------------------------------------------------------
# Tolerances and inputs.
def returned_float32(out):
    """True when a call returned float32: a float64 value check then uses float32 tolerances, because
    the dtype is graded once, by the test that states it (keeps_float64), not again by the values."""
    return isinstance(out.meta, dict) and out.meta.get("dtype") == "float32"


def _harmonic_atol(f0, global_amplitude, harmonic_amplitudes, n_samples, eps=EPS32):
    frequencies, loudness, _, _, distribution = np_harmonic_parts(f0, global_amplitude, harmonic_amplitudes)
    return oracles.oscillator_atol(loudness[:, None, :] * distribution, frequencies, n_samples, eps)


def _away_from_nyquist(frequencies, margin=2e-3):
    """True when no frequency is within ``margin`` rad of pi (the mask is unambiguous in float32)."""
    return bool(np.all(np.abs(np.asarray(frequencies, np.float64) - np.pi) > margin))


def _f0_tracks(rng, ranges, n_frames, n_harmonics):
    """One f0 track per (low, high) range, linear with jitter, no harmonic within 2e-3 rad of pi."""
    while True:
        tracks = []
        for low, high in ranges:
            line = np.linspace(low, high, n_frames)
            tracks.append(line + rng.uniform(-0.02, 0.02, n_frames) * (high - low + 0.1))
        f0 = np.array(tracks)
        harmonics = f0[:, None, :] * np.arange(1, n_harmonics + 1)[None, :, None]
        if _away_from_nyquist(harmonics) and np.all(f0 > 0):
            return f0


PIPELINE_HINT = ("In order: scale_function on both raw amplitudes; zero the harmonics at or above pi; divide "
                 "by the sum over harmonics (dimension 1) of what is left; multiply by the global amplitude "
                 "(one value per item and frame, shared by all harmonics); additive_synth.")


# ---------------------------------------------------------------------------
# additive_synth.
ADDITIVE_HINT = ("Upsample amplitudes and frequencies with align_corners=False, take the exclusive cumulative "
                 "sum of the upsampled frequency over time (the first sample has phase 0), and sum "
                 "amplitude * sin(phase) over the sinusoid dimension (dimension 1).")


def _check_additive(sub, amplitudes, frequencies, n_samples, what):
    out = sub.call("additive_synth", amplitudes, frequencies, n_samples)
    checks.assert_close(out.value, np_additive(amplitudes, frequencies, n_samples), what, rtol=0,
                        atol=oracles.oscillator_atol(amplitudes, frequencies, n_samples), hint=ADDITIVE_HINT)
    return out


@A.test("additive_synth", points=3)
def test_additive_synth_matches_numpy_sum_of_sinusoids(sub):
    """additive_synth is a numpy sum of sinusoids with time-varying frequency (batch = n_sinusoids = 3, and more)."""
    rng = np.random.default_rng(300)
    # batch == n_sinusoids, so summing over the wrong dimension keeps the output shape.
    amplitudes = rng.uniform(0.1, 1.0, (3, 3, 5)).astype(np.float32)
    frequencies = rng.uniform(0.05, 0.6, (3, 3, 5)).astype(np.float32)
    _check_additive(sub, amplitudes, frequencies, 160,
                    "additive_synth for a batch of 3 different sounds of 3 sinusoids each")
    # Signed amplitudes, frequencies beyond 2 pi (they alias, and must not be clamped or dropped) and
    # n_samples that is not a multiple of n_frames.
    amplitudes = rng.uniform(-1.0, 1.0, (2, 4, 7)).astype(np.float32)
    frequencies = rng.uniform(0.05, 7.0, (2, 4, 7)).astype(np.float32)
    _check_additive(sub, amplitudes, frequencies, 101,
                    "additive_synth for 2 sounds of 4 sinusoids with signed amplitudes and frequencies up to 7 "
                    "rad/sample, 7 frames to 101 samples")


@A.test("additive_synth", points=1)
def test_additive_synth_handles_a_batch_of_one(sub):
    """One sound of 4 sinusoids alone equals its row of a batch of 3 (n_samples not a multiple of n_frames)."""
    rng = np.random.default_rng(301)
    amplitudes = rng.uniform(0.1, 1.0, (3, 4, 7)).astype(np.float32)
    frequencies = rng.uniform(0.05, 0.9, (3, 4, 7)).astype(np.float32)
    batch = checks.as_array(sub.call("additive_synth", amplitudes, frequencies, 101).value,
                            "additive_synth for a batch of 3 sounds of 4 sinusoids", (3, 101))
    # Compared with the function itself (its values are graded by the other tests): two float32
    # runs, each within oscillator_atol of the exact sound.
    atol = 2 * oracles.oscillator_atol(amplitudes, frequencies, 101)
    for item in (0, 2):
        one = sub.call("additive_synth", amplitudes[item:item + 1], frequencies[item:item + 1], 101)
        checks.assert_close(one.value, batch[item:item + 1],
                            f"additive_synth of sound {item} alone (a batch of one), compared with its row of your "
                            "additive_synth of the batch of 3", rtol=0, atol=atol,
                            hint="Each item of the batch is synthesised on its own: sum over the sinusoid "
                                 "dimension (1), cumulate over time (the last), and never mix items (dimension 0).")


@A.test("additive_synth", points=1)
def test_additive_synth_constant_controls_give_sines_from_zero_phase(sub):
    """Constant controls give a1 sin(w1 n) + a2 sin(w2 n), in float32 and exactly in float64: the first sample is 0."""
    amplitudes = np.array([[[0.5] * 3, [0.25] * 3]], np.float32)
    frequencies = np.array([[[0.3] * 3, [1.1] * 3]], np.float32)
    n = np.arange(64)
    w = frequencies.astype(np.float64)[0, :, 0]
    expected = (0.5 * np.sin(w[0] * n) + 0.25 * np.sin(w[1] * n))[None]
    out = sub.call("additive_synth", amplitudes, frequencies, 64)
    checks.assert_close(out.value, expected, "additive_synth with constant amplitudes (0.5, 0.25) and "
                        "frequencies (0.3, 1.1) rad/sample", rtol=0,
                        atol=oracles.oscillator_atol(amplitudes, frequencies, 64),
                        hint="Every sinusoid starts at phase 0, so output[0] = 0 and output[n] = "
                             "sum_k a_k sin(w_k n): the phase is the sum of the frequencies of the samples "
                             "*before* n (an exclusive cumulative sum).")
    # The same in float64, exact to rounding (phases below 70 rad: errors ~1e-14).
    out = sub.call("additive_synth", amplitudes.astype(np.float64), frequencies.astype(np.float64), 64)
    checks.assert_close(out.value, expected, "additive_synth of the same constant controls in float64",
                        rtol=0 if returned_float32(out) else RTOL64,
                        atol=oracles.oscillator_atol(amplitudes, frequencies, 64) if returned_float32(out) else ATOL64,
                        hint="float64 controls give float64 audio, accurate to float64 precision: keep every "
                             "intermediate (the phase in particular) in the controls' dtype.")


@A.test("additive_synth", points=3)
def test_additive_synth_gradients_match_closed_form(sub):
    """Gradients w.r.t. amplitudes and frequencies match the chain rule (float64, batch of 2)."""
    rng = np.random.default_rng(302)
    amplitudes = rng.uniform(0.2, 1.0, (2, 3, 4))
    frequencies = rng.uniform(0.05, 0.8, (2, 3, 4))
    cot = rng.normal(size=(2, 50))
    out = sub.call("additive_synth", Diff(amplitudes), Diff(frequencies), 50, cotangent=cot)
    checks.as_array(out.value, "additive_synth output", (2, 50))
    checks.assert_grads_close(out, np_additive_vjp(amplitudes, frequencies, 50, cot),
                              ["amplitudes", "frequencies"], "additive_synth", rtol=GRAD_RTOL, atol=GRAD_ATOL)


@A.test("additive_synth", points=1)
def test_additive_synth_keeps_float64(sub):
    """float64 in, float64 out of shape (batch, n_samples)."""
    rng = np.random.default_rng(303)
    amplitudes = rng.uniform(0.1, 1.0, (2, 3, 6))
    frequencies = rng.uniform(0.05, 2.5, (2, 3, 6))
    out = sub.call("additive_synth", amplitudes, frequencies, 200)
    checks.as_array(out.value, "additive_synth of float64 controls (batch 2, 3 sinusoids, 200 samples)", (2, 200))
    checks.assert_dtype(out, "float64", "additive_synth")


@A.test("additive_synth", points=1)
def test_additive_synth_does_not_modify_inputs(sub):
    """additive_synth leaves amplitudes and frequencies unchanged (negative amplitudes, frequencies up to 7)."""
    rng = np.random.default_rng(304)
    # Signed amplitudes and frequencies beyond 2 pi are valid inputs: an in-place clamp or wrap would show.
    amplitudes = rng.uniform(-1.0, 1.0, (2, 3, 4)).astype(np.float32)
    frequencies = rng.uniform(0.05, 7.0, (2, 3, 4)).astype(np.float32)
    out = sub.call("additive_synth", amplitudes, frequencies, 40, return_inputs=True)
    checks.assert_not_mutated(out, ["amplitudes", "frequencies"], "additive_synth")


@A.test("additive_synth", points=1)
def test_additive_synth_rejects_bad_arguments(sub):
    """ValueError naming the argument: 2-D amplitudes, frequencies of another shape, n_samples < 1."""
    rng = np.random.default_rng(305)
    good = rng.uniform(0.1, 0.5, (2, 3, 4)).astype(np.float32)
    flat = rng.uniform(0.1, 0.5, (2, 4)).astype(np.float32)
    checks.assert_accepts(sub, "additive_synth", good, good, 16)
    checks.assert_raises_value_error(sub, "additive_synth", flat, flat, 16, argument="amplitudes")
    checks.assert_raises_value_error(sub, "additive_synth", good, good[:, :, :1], 16, argument="frequencies")
    checks.assert_raises_value_error(sub, "additive_synth", good, good[:, :2], 16, argument="frequencies")
    checks.assert_raises_value_error(sub, "additive_synth", good, good, 0, argument="n_samples")


# ---------------------------------------------------------------------------
# harmonic_frequencies.
HARMONICS_HINT = ("Harmonic k (k = 1 .. n_harmonics) has frequency k * f0; the result is "
                  "(batch, n_harmonics, n_frames): insert the harmonic dimension at position 1.")


@A.test("harmonic_frequencies", points=2)
def test_harmonic_frequencies_are_integer_multiples_of_f0(sub):
    """k * f0 for k = 1..n, for a batch of one and for batch = n_harmonics = 3 with different f0."""
    rng = np.random.default_rng(310)
    for shape, n_harmonics in (((1, 6), 5), ((3, 4), 3)):
        f0 = rng.uniform(0.01, 0.5, shape).astype(np.float32)
        out = sub.call("harmonic_frequencies", f0, n_harmonics)
        expected = f0.astype(np.float64)[:, None, :] * np.arange(1, n_harmonics + 1)[None, :, None]
        # One float32 product per value: relative error <= eps32 / 2.
        checks.assert_close(out.value, expected, f"harmonic_frequencies(f0 of shape {shape}, {n_harmonics})",
                            rtol=1e-6, atol=0, unit="rad/sample", hint=HARMONICS_HINT)


@A.test("harmonic_frequencies", points=1)
def test_harmonic_frequencies_gradient_is_weighted_sum(sub):
    """In float64 the values are exact and the gradient w.r.t. f0 is sum_k k * cotangent[:, k-1, :]."""
    rng = np.random.default_rng(311)
    f0 = rng.uniform(0.01, 0.5, (2, 5))
    cot = rng.normal(size=(2, 4, 5))
    out = sub.call("harmonic_frequencies", Diff(f0), 4, cotangent=cot)
    # The float64 values first: products of f0 by small integers are exact to one rounding.
    checks.assert_close(out.value, f0[:, None, :] * np.arange(1, 5)[None, :, None],
                        "harmonic_frequencies of a float64 f0 with 4 harmonics",
                        rtol=1e-6 if returned_float32(out) else 1e-12, atol=0,
                        hint=HARMONICS_HINT)
    checks.assert_grads_close(out, [np.sum(cot * np.arange(1, 5)[None, :, None], axis=1)], ["f0"],
                              "harmonic_frequencies", rtol=1e-9, atol=1e-12)


@A.test("harmonic_frequencies", points=1)
def test_harmonic_frequencies_keeps_float64(sub):
    """float64 in, float64 out of shape (batch, n_harmonics, n_frames)."""
    f0 = np.random.default_rng(312).uniform(0.01, 0.5, (2, 3))
    out = sub.call("harmonic_frequencies", f0, 6)
    checks.as_array(out.value, "harmonic_frequencies of a float64 f0 of shape (2, 3) with 6 harmonics", (2, 6, 3),
                    hint=HARMONICS_HINT)
    checks.assert_dtype(out, "float64", "harmonic_frequencies")


@A.test("harmonic_frequencies", points=1)
def test_harmonic_frequencies_does_not_modify_f0(sub):
    """harmonic_frequencies leaves f0 unchanged (values and shape)."""
    f0 = np.random.default_rng(313).uniform(0.01, 0.5, (2, 3)).astype(np.float32)
    out = sub.call("harmonic_frequencies", f0, 4, return_inputs=True)
    checks.assert_not_mutated(out, ["f0"], "harmonic_frequencies")


@A.test("harmonic_frequencies", points=1)
def test_harmonic_frequencies_rejects_bad_arguments(sub):
    """ValueError naming the argument: f0 that is not (batch, n_frames), n_harmonics < 1."""
    rng = np.random.default_rng(314)
    checks.assert_accepts(sub, "harmonic_frequencies", rng.uniform(0.1, 0.5, (2, 3)).astype(np.float32), 4)
    checks.assert_raises_value_error(sub, "harmonic_frequencies", rng.uniform(0.1, 0.5, (2, 1, 3)).astype(
        np.float32), 4, argument="f0")
    checks.assert_raises_value_error(sub, "harmonic_frequencies", rng.uniform(0.1, 0.5, (2, 3)).astype(
        np.float32), 0, argument="n_harmonics")


# ---------------------------------------------------------------------------
# remove_above_nyquist.
NYQUIST_HINT = ("Keep an amplitude where its frequency is strictly below pi rad/sample (half the sample "
                "rate) and set it to 0 where the frequency is pi or more; never change kept amplitudes.")


def _nyquist_case(rng, shape, dtype):
    """Amplitudes of both signs and frequencies on [0, 2 pi] away from pi, a few exactly at pi."""
    frequencies = rng.uniform(0.0, 2 * np.pi, shape)
    frequencies = np.where(np.abs(frequencies - np.pi) < 1e-3, 1.0, frequencies)
    flat = frequencies.reshape(-1)
    flat[rng.choice(flat.size, 3, replace=False)] = np.pi
    frequencies = flat.reshape(shape).astype(dtype)
    amplitudes = rng.normal(size=shape).astype(dtype)
    return amplitudes, frequencies


def _np_remove(amplitudes, frequencies):
    return np.where(np.asarray(frequencies, np.float64) >= np.pi, 0.0, np.asarray(amplitudes, np.float64))


@A.test("remove_above_nyquist", points=2)
def test_remove_above_nyquist_zeroes_components_at_or_above_pi(sub):
    """Amplitudes at or above pi become 0, the others are unchanged (batch = n_harmonics = 3)."""
    rng = np.random.default_rng(320)
    amplitudes, frequencies = _nyquist_case(rng, (3, 3, 6), np.float32)
    out = sub.call("remove_above_nyquist", amplitudes, frequencies)
    # A selection, not arithmetic: kept values are returned exactly.
    checks.assert_close(out.value, _np_remove(amplitudes, frequencies),
                        "remove_above_nyquist for frequencies spread over [0, 2 pi]", rtol=0, atol=0,
                        hint=NYQUIST_HINT)


@A.test("remove_above_nyquist", points=1)
def test_remove_above_nyquist_treats_exactly_pi_as_aliased(sub):
    """A component exactly at pi is removed; one just below pi is kept (float32 and float64)."""
    for dtype in (np.float32, np.float64):
        pi = dtype(np.pi)
        below = np.nextafter(pi, dtype(0))
        frequencies = np.array([[[below, pi, 3 * pi / 2, 0.5]]], dtype)
        amplitudes = np.array([[[0.7, 0.7, 0.7, 0.7]]], dtype)
        out = sub.call("remove_above_nyquist", amplitudes, frequencies)
        value = checks.as_array(out.value, "remove_above_nyquist at frequencies (pi - 1 ulp, pi, 3 pi / 2, 0.5)",
                                amplitudes.shape, hint=NYQUIST_HINT)
        expected = _np_remove(amplitudes, frequencies)
        # The hint names the mistake only when the component exactly at pi is the one kept.
        only_pi_kept = (value[0, 0, 1] == amplitudes[0, 0, 1]
                        and np.array_equal(np.delete(value, 1, axis=-1), np.delete(expected, 1, axis=-1)))
        checks.assert_close(value, expected,
                            f"remove_above_nyquist at frequencies (pi - 1 ulp, pi, 3 pi / 2, 0.5), "
                            f"{np.dtype(dtype).name}", rtol=0, atol=0,
                            hint="At exactly pi rad/sample a sinusoid is sampled twice per period: it is "
                                 "already at the Nyquist limit and must be removed (>=, not >)." if only_pi_kept
                            else NYQUIST_HINT)


@A.test("remove_above_nyquist", points=1)
def test_remove_above_nyquist_gradient_passes_only_kept_components(sub):
    """The gradient w.r.t. amplitudes is the cotangent where kept and 0 where removed (float64)."""
    rng = np.random.default_rng(322)
    amplitudes, frequencies = _nyquist_case(rng, (2, 4, 5), np.float64)
    cot = rng.normal(size=amplitudes.shape)
    out = sub.call("remove_above_nyquist", Diff(amplitudes), frequencies, cotangent=cot)
    checks.assert_grads_close(out, [np.where(frequencies >= np.pi, 0.0, cot)], ["amplitudes"],
                              "remove_above_nyquist", rtol=0, atol=0)


@A.test("remove_above_nyquist", points=1)
def test_remove_above_nyquist_keeps_float64(sub):
    """float64 in, float64 out of the shape of amplitudes."""
    amplitudes, frequencies = _nyquist_case(np.random.default_rng(323), (2, 3, 4), np.float64)
    out = sub.call("remove_above_nyquist", amplitudes, frequencies)
    checks.as_array(out.value, "remove_above_nyquist of float64 tensors of shape (2, 3, 4)", amplitudes.shape,
                    hint="The output has the shape of amplitudes.")
    checks.assert_dtype(out, "float64", "remove_above_nyquist")


@A.test("remove_above_nyquist", points=1)
def test_remove_above_nyquist_does_not_modify_inputs(sub):
    """remove_above_nyquist returns a new tensor and leaves amplitudes and frequencies unchanged."""
    amplitudes, frequencies = _nyquist_case(np.random.default_rng(324), (2, 3, 4), np.float32)
    out = sub.call("remove_above_nyquist", amplitudes, frequencies, return_inputs=True)
    checks.assert_not_mutated(out, ["amplitudes", "frequencies"], "remove_above_nyquist")


@A.test("remove_above_nyquist", points=1)
def test_remove_above_nyquist_rejects_mismatched_shapes(sub):
    """frequencies of another shape raise ValueError naming frequencies (even when they would broadcast)."""
    amplitudes, frequencies = _nyquist_case(np.random.default_rng(325), (2, 3, 4), np.float32)
    checks.assert_accepts(sub, "remove_above_nyquist", amplitudes, frequencies)
    checks.assert_raises_value_error(sub, "remove_above_nyquist", amplitudes, frequencies[:, :, :1],
                                     argument="frequencies")
    checks.assert_raises_value_error(sub, "remove_above_nyquist", amplitudes, frequencies[:, :2],
                                     argument="frequencies")


# ---------------------------------------------------------------------------
# scale_function.
SCALE_HINT = ("max_value * sigmoid(x) ** ln(exponent) + threshold: the power is the natural logarithm of "
              "`exponent` (math.log), applied to sigmoid(x) alone; then scale by max_value; then add threshold.")


@A.test("scale_function", points=2)
def test_scale_function_matches_exponentiated_sigmoid(sub):
    """With the defaults, scale_function is 2 * sigmoid(x) ** ln(10) + 1e-7, elementwise, any shape."""
    rng = np.random.default_rng(330)
    for shape in [(3, 4, 5), (2, 7)]:
        x = rng.uniform(-8, 8, shape).astype(np.float32)
        out = sub.call("scale_function", x)
        # sigmoid and the power each round by a few eps32; the power multiplies the base's
        # relative error by ln(10) = 2.3: about 1e-6 relative in all, so rtol = 1e-5.
        checks.assert_close(out.value, np_scale(x), f"scale_function(x) for x of shape {shape} in [-8, 8]",
                            rtol=1e-5, atol=1e-13, hint=SCALE_HINT)


@A.test("scale_function", points=1)
def test_scale_function_uses_its_arguments(sub):
    """exponent, max_value and threshold change the curve as the formula says (float64)."""
    x = np.linspace(-6, 6, 25)
    for kwargs in (dict(exponent=3.0, max_value=1.5, threshold=1e-3), dict(exponent=100.0, max_value=0.5,
                                                                         threshold=0.0)):
        out = sub.call("scale_function", x, **kwargs)
        checks.assert_close(out.value, np_scale(x, **kwargs), f"scale_function(x, {kwargs})", rtol=RTOL64,
                            atol=1e-15, hint=SCALE_HINT)


@A.test("scale_function", points=2)
def test_scale_function_gradient_matches_closed_form(sub):
    """d/dx = max_value * ln(exponent) * s ** ln(exponent) * (1 - s), s = sigmoid(x) (float64)."""
    rng = np.random.default_rng(332)
    x = rng.uniform(-6, 6, (2, 3, 4))
    cot = rng.normal(size=x.shape)
    for kwargs in ({}, dict(exponent=4.0, max_value=3.0, threshold=1e-2)):
        out = sub.call("scale_function", Diff(x), cotangent=cot, **kwargs)
        d = np_scale_derivative(x, kwargs.get("exponent", 10.0), kwargs.get("max_value", 2.0))
        checks.assert_grads_close(out, [cot * d], ["x"], "scale_function", rtol=GRAD_RTOL, atol=1e-12)


@A.test("scale_function", points=1)
def test_scale_function_is_finite_for_extreme_inputs(sub):
    """For x from -1000 to 1000 (float32) values and gradients are finite: threshold to max_value + threshold."""
    x = np.array([[-1000.0, -200.0, -100.0, -30.0, -5.0, 0.0, 5.0, 30.0, 100.0, 200.0, 1000.0]], np.float32)
    out = sub.call("scale_function", Diff(x), cotangent=np.ones_like(x))
    value = checks.as_array(out.value, "scale_function at extreme inputs", x.shape)
    overflow = ("A NaN or inf at large |x| comes from a formula that overflows (exp(-x) for x = -1000) or takes "
                "log(0) on the way; torch.sigmoid and the power operator are safe.")
    checks.assert_close(value, np_scale(x), "scale_function at extreme inputs", rtol=1e-5, atol=1e-13,
                        hint=overflow if not np.all(np.isfinite(value)) else
                        "Large negative x must give threshold, large positive x max_value + threshold.")
    # The derivative is below 1e-25 at |x| >= 30 and at most ~0.7 elsewhere; float32 rounding
    # of denormals near 0 is far below the atol of 1e-6.
    grads = out.grads if isinstance(out.grads, list) else []
    finite = bool(grads) and isinstance(grads[0], np.ndarray) and bool(np.all(np.isfinite(grads[0])))
    checks.assert_grads_close(out, [np_scale_derivative(x)], ["x"], "scale_function", rtol=1e-4, atol=1e-6,
                              hint=overflow if not finite else
                              "The derivative is max_value * ln(exponent) * s ** ln(exponent) * (1 - s) with "
                              "s = sigmoid(x): check the operations between x and the output.")


@A.test("scale_function", points=1)
def test_scale_function_keeps_float64(sub):
    """float64 in, float64 out of the shape of x."""
    x = np.random.default_rng(334).uniform(-8, 8, (2, 5))
    out = sub.call("scale_function", x)
    checks.as_array(out.value, "scale_function of a float64 x of shape (2, 5)", x.shape,
                    hint="scale_function is elementwise: the output has the shape of x.")
    checks.assert_dtype(out, "float64", "scale_function")


@A.test("scale_function", points=1)
def test_scale_function_does_not_modify_x(sub):
    """scale_function leaves x unchanged."""
    x = np.random.default_rng(335).uniform(-8, 8, (2, 5)).astype(np.float32)
    out = sub.call("scale_function", x, return_inputs=True)
    checks.assert_not_mutated(out, ["x"], "scale_function")


@A.test("scale_function", points=1)
def test_scale_function_rejects_bad_arguments(sub):
    """ValueError naming the argument: exponent <= 1 (not increasing), max_value <= 0."""
    x = np.zeros((1, 3), np.float32)
    checks.assert_accepts(sub, "scale_function", x, exponent=3.0, max_value=1.5)
    for exponent in (1.0, 0.5):
        checks.assert_raises_value_error(sub, "scale_function", x, exponent=exponent, argument="exponent")
    for max_value in (0.0, -2.0):
        checks.assert_raises_value_error(sub, "scale_function", x, max_value=max_value, argument="max_value")


# ---------------------------------------------------------------------------
# harmonic_synth.
def _harmonic_case(seed, f0_ranges, n_harmonics, n_frames, dtype):
    rng = np.random.default_rng(seed)
    f0 = _f0_tracks(rng, f0_ranges, n_frames, n_harmonics)
    global_amplitude = rng.normal(0.0, 1.5, f0.shape)
    harmonic_amplitudes = rng.normal(0.0, 2.0, (len(f0_ranges), n_harmonics, n_frames))
    return f0.astype(dtype), global_amplitude.astype(dtype), harmonic_amplitudes.astype(dtype)


def _check_harmonic(sub, f0, global_amplitude, harmonic_amplitudes, n_samples, what):
    out = sub.call("harmonic_synth", f0, global_amplitude, harmonic_amplitudes, n_samples)
    checks.assert_close(out.value, np_harmonic_synth(f0, global_amplitude, harmonic_amplitudes, n_samples), what,
                        rtol=0, atol=_harmonic_atol(f0, global_amplitude, harmonic_amplitudes, n_samples),
                        hint=PIPELINE_HINT)


@A.test("harmonic_synth", points=3)
def test_harmonic_synth_matches_numpy_pipeline(sub):
    """scale, mask at Nyquist, normalise, multiply, synthesise (batch = n_harmonics = 4; a tone crossing Nyquist)."""
    # Item 0 stays well below Nyquist; items 1-3 have harmonics crossing pi over time.
    f0, glob, harm = _harmonic_case(340, [(0.1, 0.3), (0.7, 0.9), (1.2, 1.4), (0.5, 1.1)], 4, 5, np.float32)
    _check_harmonic(sub, f0, glob, harm, 120, "harmonic_synth for a batch of 4 sounds with 4 harmonics")
    # One rising tone whose 6 harmonics cross Nyquist one after another; 8 frames to 97 samples.
    f0, glob, harm = _harmonic_case(341, [(0.3, 1.5)], 6, 8, np.float32)
    _check_harmonic(sub, f0, glob, harm, 97, "harmonic_synth for one rising sound with 6 harmonics")


@A.test("harmonic_synth", points=1)
def test_harmonic_synth_handles_a_batch_of_one(sub):
    """A rising tone with 6 harmonics crossing Nyquist, alone, equals its row of a batch of 3."""
    f0, glob, harm = _harmonic_case(341, [(0.3, 1.5), (0.1, 0.4), (0.9, 0.6)], 6, 8, np.float32)
    batch = checks.as_array(sub.call("harmonic_synth", f0, glob, harm, 97).value,
                            "harmonic_synth for a batch of 3 sounds with 6 harmonics", (3, 97))
    # Compared with the function itself (its values are graded by the other tests): two float32
    # runs, each within _harmonic_atol of the exact sound.
    atol = 2 * _harmonic_atol(f0, glob, harm, 97)
    for item in (0, 2):
        one = sub.call("harmonic_synth", f0[item:item + 1], glob[item:item + 1], harm[item:item + 1], 97)
        checks.assert_close(one.value, batch[item:item + 1],
                            f"harmonic_synth of sound {item} alone (a batch of one), compared with its row of "
                            "your harmonic_synth of the batch of 3", rtol=0, atol=atol,
                            hint="Each item is synthesised on its own: normalise over the harmonic dimension "
                                 "(1) only, and give each item its own global amplitude (never mix dimension 0).")


@A.test("harmonic_synth", points=3)
def test_harmonic_synth_gradients_match_closed_form(sub):
    """Gradients w.r.t. f0, global_amplitude and harmonic_amplitudes match the chain rule (float64)."""
    # Item 1 has f0 above pi in its last frame: every harmonic is removed there.
    f0, glob, harm = _harmonic_case(342, [(0.2, 0.9), (1.4, 3.4)], 3, 4, np.float64)
    cot = np.random.default_rng(343).normal(size=(2, 48))
    out = sub.call("harmonic_synth", Diff(f0), Diff(glob), Diff(harm), 48, cotangent=cot)
    checks.assert_close(out.value, np_harmonic_synth(f0, glob, harm, 48), "harmonic_synth in float64",
                        rtol=RTOL64, atol=ATOL64, hint=PIPELINE_HINT)
    grads = out.grads if isinstance(out.grads, list) else []
    finite = all(not isinstance(g, np.ndarray) or np.all(np.isfinite(g)) for g in grads)
    checks.assert_grads_close(out, np_harmonic_vjp(f0, glob, harm, 48, cot),
                              ["f0", "global_amplitude", "harmonic_amplitudes"], "harmonic_synth",
                              rtol=GRAD_RTOL, atol=GRAD_ATOL,
                              hint="The values are right, so look for a step whose derivative differs from the "
                                   "formula's: a detached or re-created tensor, or a step done outside autograd "
                                   "(NumPy, .item())." if finite else
                              "A NaN in the gradient while the values are finite comes from a division whose "
                              "derivative is taken where its denominator is 0 (every harmonic removed): make the "
                              "denominator safe before dividing.")


@A.test("harmonic_synth", points=2)
def test_harmonic_synth_is_silent_and_finite_when_every_harmonic_is_aliased(sub):
    """With f0 above pi every harmonic is removed: output exactly 0, gradients finite (and 0), never NaN."""
    rng = np.random.default_rng(344)
    f0 = rng.uniform(np.pi + 0.05, 3.6, (2, 4)).astype(np.float32)
    glob = rng.normal(size=(2, 4)).astype(np.float32)
    harm = rng.normal(size=(2, 5, 4)).astype(np.float32)
    cot = rng.normal(size=(2, 40)).astype(np.float32)
    out = sub.call("harmonic_synth", Diff(f0), Diff(glob), Diff(harm), 40, cotangent=cot)
    value = checks.as_array(out.value, "harmonic_synth when every harmonic is at or above pi", (2, 40))
    checks.assert_close(value, np.zeros((2, 40)), "harmonic_synth when every harmonic is at or above pi",
                        rtol=0, atol=0,
                        hint="The sum over harmonics is 0 here, and 0 / 0 is NaN: divide by a safe "
                             "denominator (for example torch.where(total > 0, total, 1))."
                        if not np.all(np.isfinite(value)) else
                        "Every harmonic is at or above pi rad/sample here, so every one must be removed "
                        "before synthesis and the output is silence.")
    zeros = [np.zeros_like(f0), np.zeros_like(glob), np.zeros_like(harm)]
    grads = out.grads if isinstance(out.grads, list) else []
    finite = all(isinstance(g, np.ndarray) and np.all(np.isfinite(g)) for g in grads)
    checks.assert_grads_close(out, zeros, ["f0", "global_amplitude", "harmonic_amplitudes"], "harmonic_synth",
                              rtol=0, atol=0,
                              hint="torch.where(mask, a / b, 0) hides a NaN in the value but not in the "
                                   "gradient: autograd still differentiates a / b where b = 0. Make the "
                                   "denominator itself safe before dividing." if not finite else
                              "With every harmonic removed the output is constant (silence), so no input may "
                              "receive a gradient: the removed harmonics must not reach the output at all.")


@A.test("harmonic_synth", points=1)
def test_harmonic_synth_keeps_float64(sub):
    """float64 in, float64 out of shape (batch, n_samples)."""
    f0, glob, harm = _harmonic_case(345, [(0.3, 0.5), (0.6, 1.0)], 5, 6, np.float64)
    out = sub.call("harmonic_synth", f0, glob, harm, 150)
    checks.as_array(out.value, "harmonic_synth of float64 controls (batch 2, 150 samples)", (2, 150))
    checks.assert_dtype(out, "float64", "harmonic_synth")


@A.test("harmonic_synth", points=1)
def test_harmonic_synth_does_not_modify_inputs(sub):
    """harmonic_synth leaves f0, global_amplitude and harmonic_amplitudes unchanged."""
    f0, glob, harm = _harmonic_case(346, [(0.5, 1.2), (0.2, 0.4)], 4, 5, np.float32)
    out = sub.call("harmonic_synth", f0, glob, harm, 60, return_inputs=True)
    checks.assert_not_mutated(out, ["f0", "global_amplitude", "harmonic_amplitudes"], "harmonic_synth")


@A.test("harmonic_synth", points=1)
def test_harmonic_synth_rejects_bad_arguments(sub):
    """ValueError naming the argument: 1-D f0, mismatched global or harmonic amplitudes, n_samples < 1."""
    f0, glob, harm = _harmonic_case(347, [(0.2, 0.4), (0.3, 0.5)], 3, 4, np.float32)
    checks.assert_accepts(sub, "harmonic_synth", f0, glob, harm, 32)
    checks.assert_raises_value_error(sub, "harmonic_synth", f0[0], glob[0], harm[0], 32, argument="f0")
    checks.assert_raises_value_error(sub, "harmonic_synth", f0, glob[:1], harm, 32, argument="global_amplitude")
    checks.assert_raises_value_error(sub, "harmonic_synth", f0, glob, harm[:1], 32,
                                     argument="harmonic_amplitudes")
    checks.assert_raises_value_error(sub, "harmonic_synth", f0, glob, harm[:, :, :1], 32,
                                     argument="harmonic_amplitudes")
    checks.assert_raises_value_error(sub, "harmonic_synth", f0, glob, harm, 0, argument="n_samples")


# ---------------------------------------------------------------------------
# Classic waveforms from their Fourier series.
#
# For theta in (0, 2 pi), sum_{k>=1} 2 / (pi k) sin(k theta) = 1 - theta / pi (a falling sawtooth), and
# sum_{k odd} 4 / (pi k) sin(k theta) = sign(sin theta) (a square wave). The partial sum to N harmonics
# misses a tail sum_{k>N} b_k sin(k theta) with b_k decreasing. Partial sums of sin(k theta) over any run
# of consecutive k are bounded by 1 / |sin(theta / 2)| (over consecutive odd k by 1 / |sin theta|), so
# Abel summation bounds the tail by b_{N+1} times that:
#     sawtooth: |error| <= 2 / (pi (N + 1) sin(d / 2)),   square: |error| <= 4 / (pi (N + 1) sin d),
# for theta at least d rad from every discontinuity (0 for the sawtooth; 0 and pi for the square).
# With N = 64 and d = 0.5 these are 0.040 and 0.041, well outside the Gibbs overshoot, which lives within
# about pi / N = 0.05 rad of a jump. Any wrong amplitude law (a missing factor, 1 / k**2, every k for the
# square) misses the ideal wave by 0.2 or more somewhere on the grid.
WAVE_HARMONICS, WAVE_DISTANCE = 64, 0.5


def _partial_sum(amplitudes, theta):
    k = np.arange(1, len(amplitudes) + 1)
    return np.sin(np.outer(theta, k)) @ np.asarray(amplitudes, np.float64)


def _check_series_values(sub, function, law, hint):
    for n in (1, 7, WAVE_HARMONICS):
        out = sub.call(function, n)
        k = np.arange(1, n + 1)
        # One float32 division per value: relative error <= eps32.
        checks.assert_close(out.value, law(k), f"{function}({n})", rtol=1e-6, atol=0, hint=hint)


def _check_series_wave(sub, function, ideal, theta, bound, what):
    out = sub.call(function, WAVE_HARMONICS)
    amplitudes = checks.as_array(out.value, f"{function}({WAVE_HARMONICS})", (WAVE_HARMONICS,))
    if not np.all(np.isfinite(amplitudes)):
        checks.fail(f"{function}({WAVE_HARMONICS}) contains NaN or inf.", "Harmonic numbers start at k = 1.")
    # Plus float32 rounding of the amplitudes: sum_k |a_k| eps32 < 1e-5.
    checks.assert_close(_partial_sum(amplitudes, theta), ideal(theta),
                        f"the sum of {WAVE_HARMONICS} harmonics sin(k theta) weighted by {function}, compared with "
                        f"the ideal {what} at least {WAVE_DISTANCE} rad from its jumps", rtol=0, atol=bound + 1e-5,
                        hint=f"The Fourier series of the {what} must converge to it: check the amplitude law "
                             f"harmonic by harmonic.")


SAWTOOTH_HINT = "Harmonic k = 1, 2, ..., n_harmonics has amplitude 2 / (pi * k); the result has shape (n_harmonics,)."
SQUARE_HINT = ("Odd harmonics k = 1, 3, 5, ... have amplitude 4 / (pi * k), even harmonics 0; the result has "
               "shape (n_harmonics,), with k = 1 first.")


@A.test("sawtooth_amplitudes", points=2)
def test_sawtooth_amplitudes_are_two_over_pi_k(sub):
    """sawtooth_amplitudes(n) is 2 / (pi k) for k = 1..n, shape (n,)."""
    _check_series_values(sub, "sawtooth_amplitudes", lambda k: 2 / (np.pi * k), SAWTOOTH_HINT)


@A.test("sawtooth_amplitudes", points=2)
def test_sawtooth_amplitudes_sum_to_the_ideal_sawtooth(sub):
    """64 harmonics approximate the ideal sawtooth 1 - theta / pi within the truncation bound, away from the jump."""
    theta = np.linspace(WAVE_DISTANCE, 2 * np.pi - WAVE_DISTANCE, 1500)
    bound = 2 / (np.pi * (WAVE_HARMONICS + 1) * np.sin(WAVE_DISTANCE / 2))
    _check_series_wave(sub, "sawtooth_amplitudes", lambda t: 1 - t / np.pi, theta, bound, "sawtooth")


@A.test("sawtooth_amplitudes", points=1)
def test_sawtooth_amplitudes_rejects_bad_n_harmonics(sub):
    """n_harmonics < 1 raises ValueError naming n_harmonics."""
    checks.assert_accepts(sub, "sawtooth_amplitudes", 4)
    checks.assert_raises_value_error(sub, "sawtooth_amplitudes", 0, argument="n_harmonics")
    checks.assert_raises_value_error(sub, "sawtooth_amplitudes", -3, argument="n_harmonics")


@A.test("square_amplitudes", points=2)
def test_square_amplitudes_are_four_over_pi_k_for_odd_k(sub):
    """square_amplitudes(n) is 4 / (pi k) for odd k and 0 for even k, k = 1..n, shape (n,)."""
    _check_series_values(sub, "square_amplitudes", lambda k: np.where(k % 2 == 1, 4 / (np.pi * k), 0.0),
                         SQUARE_HINT)


@A.test("square_amplitudes", points=2)
def test_square_amplitudes_sum_to_the_ideal_square(sub):
    """64 harmonics approximate the ideal square sign(sin theta) within the truncation bound, away from the jumps."""
    theta = np.linspace(0, 2 * np.pi, 3001)
    theta = theta[np.abs(np.sin(theta)) >= np.sin(WAVE_DISTANCE)]
    bound = 4 / (np.pi * (WAVE_HARMONICS + 1) * np.sin(WAVE_DISTANCE))
    _check_series_wave(sub, "square_amplitudes", lambda t: np.sign(np.sin(t)), theta, bound, "square wave")


@A.test("square_amplitudes", points=1)
def test_square_amplitudes_rejects_bad_n_harmonics(sub):
    """n_harmonics < 1 raises ValueError naming n_harmonics."""
    checks.assert_accepts(sub, "square_amplitudes", 4)
    checks.assert_raises_value_error(sub, "square_amplitudes", 0, argument="n_harmonics")
    checks.assert_raises_value_error(sub, "square_amplitudes", -3, argument="n_harmonics")


# ---------------------------------------------------------------------------
# vibrato.
VIBRATO_HINT = ("Frame i (i = 0, 1, ..., n_frames - 1) lies at time i / frame_rate seconds; the vibrato is "
                "f0_hz + depth_hz * sin(2 pi rate_hz t), returned as (1, n_frames).")


def _vibrato_atol(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    # float32: the sine's argument (up to 2 pi rate n / frame_rate rad) is rounded to a relative
    # eps32 in a few operations, so the sine moves by about 4 * argument * eps32; f0 rounds by eps32.
    argument = 2 * np.pi * rate_hz * n_frames / frame_rate
    return 4 * EPS32 * (abs(depth_hz) * argument + abs(f0_hz)) + 1e-6


@A.test("vibrato", points=2)
def test_vibrato_matches_closed_form(sub):
    """vibrato(220, 5.5, 8, 250, 250) is 220 + 8 sin(2 pi 5.5 i / 250), shape (1, 250); frame 0 is 220 Hz."""
    args = (220.0, 5.5, 8.0, 250, 250.0)
    out = sub.call("vibrato", *args)
    checks.assert_close(out.value, np_vibrato(*args), "vibrato(220.0, 5.5, 8.0, n_frames=250, frame_rate=250.0)",
                        rtol=0, atol=_vibrato_atol(*args), unit="Hz", hint=VIBRATO_HINT)


@A.test("vibrato", points=1)
def test_vibrato_counts_time_in_frames_at_frame_rate(sub):
    """At frame_rate 50 and 31.25 the sine advances 2 pi rate / frame_rate per frame."""
    for args in ((110.0, 1.5, 3.0, 120, 50.0), (440.0, 6.0, 20.0, 70, 31.25)):
        out = sub.call("vibrato", *args)
        checks.assert_close(out.value, np_vibrato(*args), f"vibrato{args}", rtol=0, atol=_vibrato_atol(*args),
                            unit="Hz", hint=VIBRATO_HINT)


@A.test("vibrato", points=1)
def test_vibrato_gradients_match_closed_form(sub):
    """With 0-d float64 tensors, gradients w.r.t. f0_hz, rate_hz and depth_hz match the chain rule."""
    rng = np.random.default_rng(372)
    f0, rate, depth, n, fr = 196.0, 5.0, 6.0, 80, 100.0
    cot = rng.normal(size=(1, n))
    i = np.arange(n)
    arg = 2 * np.pi * rate * i / fr
    expected = [np.array(cot.sum()), np.array(np.sum(cot[0] * depth * np.cos(arg) * 2 * np.pi * i / fr)),
                np.array(np.sum(cot[0] * np.sin(arg)))]
    out = sub.call("vibrato", Diff(np.array(f0)), Diff(np.array(rate)), Diff(np.array(depth)), n, fr,
                   cotangent=cot)
    checks.assert_close(out.value, np_vibrato(f0, rate, depth, n, fr), "vibrato with 0-d float64 tensors",
                        rtol=RTOL64, atol=1e-9, unit="Hz", hint=VIBRATO_HINT)
    checks.assert_grads_close(out, expected, ["f0_hz", "rate_hz", "depth_hz"], "vibrato", rtol=GRAD_RTOL,
                              atol=GRAD_ATOL)


@A.test("vibrato", points=1)
def test_vibrato_keeps_float64_and_leaves_inputs_unchanged(sub):
    """0-d float64 tensors in, float64 (1, n_frames) out; the tensors are not modified."""
    args = (np.array(261.6), np.array(5.8), np.array(4.0))
    out = sub.call("vibrato", *args, 100, 200.0, return_inputs=True)
    checks.as_array(out.value, "vibrato with 0-d float64 tensors and n_frames=100", (1, 100), hint=VIBRATO_HINT)
    checks.assert_dtype(out, "float64", "vibrato")
    checks.assert_not_mutated(out, ["f0_hz", "rate_hz", "depth_hz"], "vibrato")


@A.test("vibrato", points=1)
def test_vibrato_rejects_bad_arguments(sub):
    """ValueError naming the argument: n_frames < 1, frame_rate <= 0."""
    checks.assert_accepts(sub, "vibrato", 220.0, 5.0, 3.0, 50, 100.0)
    checks.assert_raises_value_error(sub, "vibrato", 220.0, 5.0, 3.0, 0, 100.0, argument="n_frames")
    checks.assert_raises_value_error(sub, "vibrato", 220.0, 5.0, 3.0, 50, 0.0, argument="frame_rate")
    checks.assert_raises_value_error(sub, "vibrato", 220.0, 5.0, 3.0, 50, -100.0, argument="frame_rate")
