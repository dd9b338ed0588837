"""Hidden tests for 02_oscillator (the sinusoidal oscillator).

Oracles are float64 numpy written from COURSE_SPEC.md: ``2 pi f / sample_rate``; an
explicit linear-interpolation matrix (``np.interp``, align_corners=False semantics);
the explicit exclusive cumulative sum; ``sin`` of it; ``np.mod`` for wrapping; closed-form
derivatives by the chain rule; and, for the loss landscape, sinusoids written as
``sin(omega * n)`` directly.

Tolerance reasoning (eps32 = 2**-23 ~ 1.2e-7):

* Elementwise float32 maps (``hz_to_radians``) round a couple of times: ``rtol = 1e-6``.
* Upsampling is a convex combination of two frames: at most a few roundings of the largest
  neighbouring value, ``rtol = 1e-5`` and ``atol = 1e-6 * max|envelope|``.
* float32 oscillators: ``oracles.oscillator_atol`` bounds the phase accumulation error
  (worst case, ``n_samples * phi_max * eps32 / 2``).
* Wrapped phase: compared as a circular distance (2 pi apart is equal). A float32 phase of
  magnitude P rounds by eps32 * P, so short signals get ``4 eps32 (n_samples max|omega| + 2 pi)``
  whatever the chunk size; over 60 s at 16 kHz the spec fixes the bound at 1e-3 rad, which a
  phase accumulated in float32 without wrapping (errors of 1e-2 rad) does not meet.
* float64 everywhere: ``rtol = atol = 1e-9``; gradients in float64 against closed forms with
  ``rtol = 1e-6`` (loops and other orders of summation welcome, wrong derivatives are not).
"""
import math

import numpy as np

from autograder import checks, oracles
from autograder.harness import Assignment, Diff, Lib

A = Assignment("02_oscillator")

EPS32 = oracles.EPS32
TWO_PI = 2 * np.pi
RTOL64, ATOL64 = 1e-9, 1e-9
GRAD_RTOL, GRAD_ATOL = 1e-6, 1e-8


# ---------------------------------------------------------------------------
# Oracles.
def circular_error(actual, expected):
    """|actual - expected| measured around the circle, in rad (0 when they differ by 2 pi k)."""
    diff = np.asarray(actual, np.float64) - np.asarray(expected, np.float64)
    return np.abs(np.angle(np.exp(1j * diff)))


def np_wrapped_phase(omega, phase0=None):
    """Exclusive cumulative sum in float64, wrapped to [0, 2 pi)."""
    return np.mod(oracles.exclusive_phase(omega, phase0), TWO_PI)


def wrapped_phase_vjp(cotangent):
    """d<cot, phase>/d omega (a reversed exclusive cumsum) and d/d phase0 (a sum); wrapping adds constants."""
    d_omega = np.cumsum(cotangent[..., ::-1], axis=-1)[..., ::-1] - cotangent
    return d_omega, cotangent.sum(axis=-1)


def np_unit_sinusoid(frequency_hz, n_samples, sample_rate):
    """sin(omega n), omega = 2 pi f / sample_rate, n = 0 .. n_samples - 1: (n_samples,)."""
    return np.sin(TWO_PI * frequency_hz / sample_rate * np.arange(n_samples))


def np_landscape(target_hz, candidates_hz, n_samples, sample_rate, loss):
    y = np_unit_sinusoid(target_hz, n_samples, sample_rate)
    return np.array([loss(np_unit_sinusoid(c, n_samples, sample_rate), y) for c in candidates_hz])


def np_mse_landscape_grad(target_hz, candidates_hz, n_samples, sample_rate, cotangent):
    """d/d candidate_hz of mean((sin(w n) - y)^2): mean(2 (x - y) cos(w n) n) * 2 pi / sample_rate."""
    n = np.arange(n_samples)
    y = np_unit_sinusoid(target_hz, n_samples, sample_rate)
    grads = []
    for c in candidates_hz:
        w = TWO_PI * c / sample_rate
        grads.append(np.mean(2 * (np.sin(w * n) - y) * np.cos(w * n) * n) * TWO_PI / sample_rate)
    return np.asarray(cotangent) * np.array(grads)


def phase_atol(omega, eps=EPS32):
    """Float32 wrapped-phase bound for a short signal: a few roundings of the largest unwrapped phase.

    It does not shrink with ``chunk_size``: chunks are a memory and accuracy knob, and an
    implementation that is accurate enough without them is not wrong on a short signal.
    """
    largest = np.shape(omega)[-1] * float(np.max(np.abs(omega))) + TWO_PI
    return 4 * eps * largest + 1e-5


def _f0_tracks(rng, n_frames, ranges_hz):
    """(len(ranges), n_frames) smooth f0 tracks in Hz, each a line with vibrato."""
    frames = np.arange(n_frames)
    return np.array([np.linspace(lo, hi, n_frames) * (1 + 0.02 * np.sin(2 * np.pi * frames / rng.uniform(20, 40)))
                     for lo, hi in ranges_hz])


# ---------------------------------------------------------------------------
# hz_to_radians.
HZ_HINT = "One cycle is 2*pi radians and there are sample_rate samples per second."


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_matches_closed_form(sub):
    """hz_to_radians is 2*pi*f/sample_rate, elementwise, and keeps float64."""
    f = np.array([[0.0, 440.0, 8000.0], [1.0, 22050.0, 100.0]])
    out = sub.call("hz_to_radians", f, 16000)
    checks.assert_close(out.value, TWO_PI * f / 16000, "hz_to_radians([[0, 440, 8000], [1, 22050, 100]], 16000)",
                        rtol=RTOL64, atol=1e-12, unit="rad/sample", hint=HZ_HINT)
    checks.assert_dtype(out, "float64", "hz_to_radians")


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_keeps_float32_and_any_shape(sub):
    """A float32 (batch, n_harmonics, n_frames) tensor in, float32 out of the same shape."""
    f = np.random.default_rng(20).uniform(20, 8000, (2, 3, 4)).astype(np.float32)
    out = sub.call("hz_to_radians", f, 44100)
    checks.assert_close(out.value, TWO_PI * f.astype(np.float64) / 44100, "hz_to_radians of a (2, 3, 4) tensor at "
                        "44100 Hz", rtol=1e-6, atol=1e-9, unit="rad/sample", hint=HZ_HINT)
    checks.assert_dtype(out, "float32", "hz_to_radians")


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_accepts_plain_numbers_at_full_precision(sub):
    """hz_to_radians(440.0, 16000) works on a Python number, without rounding it to float32."""
    out = sub.call("hz_to_radians", 440.0, 16000)
    value = checks.as_array(out.value, "hz_to_radians(440.0, 16000)")
    # float64 rounds 2*pi*440/16000 by ~1e-17; float32 would be off by ~1e-9 relative.
    checks.assert_close(value, TWO_PI * 440.0 / 16000, "hz_to_radians(440.0, 16000)", rtol=1e-12, atol=0,
                        unit="rad/sample", hint="A plain number in should give a plain number (or a float64 "
                        "tensor) out: torch.tensor(440.0) would round it to float32.")


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_gradient_is_two_pi_over_sample_rate(sub):
    """d omega / d f = 2 pi / sample_rate reaches the input (float64)."""
    rng = np.random.default_rng(21)
    f, cot = rng.uniform(50, 5000, (2, 5)), rng.normal(size=(2, 5))
    out = sub.call("hz_to_radians", Diff(f), 16000, cotangent=cot)
    checks.assert_grads_close(out, [cot * TWO_PI / 16000], ["frequency_hz"], "hz_to_radians",
                              rtol=GRAD_RTOL, atol=1e-12)


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_does_not_modify_input(sub):
    """The Hz tensor is left as it was."""
    f = np.array([[110.0, 220.0, 440.0]], np.float32)
    out = sub.call("hz_to_radians", f, 16000, return_inputs=True)
    checks.assert_close(out.value, TWO_PI * f.astype(np.float64) / 16000, "hz_to_radians([[110, 220, 440]], 16000)",
                        rtol=1e-6, atol=1e-9, unit="rad/sample", hint=HZ_HINT)
    checks.assert_not_mutated(out, ["frequency_hz"], "hz_to_radians")


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_rejects_nonpositive_sample_rate(sub):
    """sample_rate 0 or negative raises ValueError naming sample_rate."""
    f = np.array([[440.0]])
    checks.assert_raises_value_error(sub, "hz_to_radians", f, 0, argument="sample_rate")
    checks.assert_raises_value_error(sub, "hz_to_radians", f, -16000, argument="sample_rate")


# ---------------------------------------------------------------------------
# upsample.
UPSAMPLE_HINT = ("Interpolate linearly along the last dimension with align_corners=False semantics: sample n "
                 "sits at frame position (n + 0.5) * n_frames / n_samples - 0.5, clamped to the first and "
                 "last frame.")


def _check_upsample(sub, envelope, n_samples, what):
    out = sub.call("upsample", envelope, n_samples)
    scale = float(np.max(np.abs(envelope))) or 1.0
    checks.assert_close(out.value, oracles.upsample(envelope, n_samples), what, rtol=1e-5, atol=1e-6 * scale,
                        hint=UPSAMPLE_HINT)
    return out


@A.test("upsample", points=2)
def test_upsample_matches_linear_interpolation_for_2d_envelopes(sub):
    """(3, 5) envelopes that differ per item, to 160 samples, match np.interp at align_corners=False."""
    env = np.random.default_rng(30).uniform(-1, 1, (3, 5)).astype(np.float32)
    _check_upsample(sub, env, 160, "upsample of 3 different (5-frame) envelopes to 160 samples")


@A.test("upsample", points=2)
def test_upsample_keeps_channels_of_3d_envelopes(sub):
    """(2, 3, 4) envelopes to 37 samples: every channel interpolated on its own, channels kept."""
    env = np.random.default_rng(31).uniform(0, 2, (2, 3, 4)).astype(np.float32)
    _check_upsample(sub, env, 37, "upsample of a (batch=2, channels=3, n_frames=4) envelope to 37 samples")


@A.test("upsample", points=1)
def test_upsample_handles_a_batch_of_one_and_a_single_frame(sub):
    """A batch of one (7 frames to 50 samples) and a one-frame envelope, which must stay constant."""
    env = np.random.default_rng(32).uniform(0, 1, (1, 7)).astype(np.float32)
    _check_upsample(sub, env, 50, "upsample of one 7-frame envelope to 50 samples")
    _check_upsample(sub, np.array([[0.25], [-2.0]], np.float32), 9,
                    "upsample of two one-frame envelopes [[0.25], [-2.0]] to 9 samples")


@A.test("upsample", points=2)
def test_upsample_gradient_is_the_transposed_interpolation(sub):
    """d<cot, upsample(e)>/d e = cot @ W for the interpolation matrix W (float64, 2-D and 3-D)."""
    rng = np.random.default_rng(33)
    for shape, n_samples in (((2, 6), 45), ((2, 2, 3), 20)):
        env, cot = rng.normal(size=shape), rng.normal(size=shape[:-1] + (n_samples,))
        out = sub.call("upsample", Diff(env), n_samples, cotangent=cot)
        expected = cot @ oracles.interpolation_matrix(shape[-1], n_samples)
        checks.assert_grads_close(out, [expected], ["envelope"], "upsample", rtol=GRAD_RTOL, atol=GRAD_ATOL,
                                  hint=f"For an envelope of shape {shape}: " + UPSAMPLE_HINT)


@A.test("upsample", points=1)
def test_upsample_keeps_float64_and_does_not_modify_input(sub):
    """float64 in gives float64 out, exact to rounding, and the envelope is unchanged."""
    env = np.random.default_rng(34).normal(size=(2, 5))
    out = sub.call("upsample", env, 23, return_inputs=True)
    checks.assert_close(out.value, oracles.upsample(env, 23), "upsample of a float64 (2, 5) envelope to 23 samples",
                        rtol=RTOL64, atol=ATOL64, hint=UPSAMPLE_HINT)
    checks.assert_dtype(out, "float64", "upsample")
    checks.assert_not_mutated(out, ["envelope"], "upsample")


@A.test("upsample", points=1)
def test_upsample_rejects_bad_arguments(sub):
    """A 1-D or 4-D envelope and n_samples < 1 raise ValueError naming the argument."""
    checks.assert_raises_value_error(sub, "upsample", np.ones(5, np.float32), 10, argument="envelope")
    checks.assert_raises_value_error(sub, "upsample", np.ones((1, 1, 2, 5), np.float32), 10, argument="envelope")
    checks.assert_raises_value_error(sub, "upsample", np.ones((1, 5), np.float32), 0, argument="n_samples")


# ---------------------------------------------------------------------------
# sinusoid.
SINUSOID_HINT = ("Upsample amplitude and frequency to n_samples, then phase[n] = phase0 + sum of omega[m] for "
                 "m < n (exclusive: the first sample is amplitude[0] * sin(phase0)); cumulate over time, "
                 "the last dimension.")


def _check_sinusoid(sub, amp, freq, n_samples, phase0, what, **atol):
    args = (amp, freq, n_samples) if phase0 is None else (amp, freq, n_samples, phase0)
    out = sub.call("sinusoid", *args)
    tol = atol.get("atol", oracles.oscillator_atol(amp, freq, n_samples))
    checks.assert_close(out.value, oracles.sinusoid(amp, freq, n_samples, phase0), what,
                        rtol=atol.get("rtol", 0), atol=tol, hint=SINUSOID_HINT)
    return out


@A.test("sinusoid", points=3)
def test_sinusoid_matches_numpy_reference(sub):
    """sinusoid equals amplitude * sin(exclusive phase) of the upsampled controls (3 different tones)."""
    rng = np.random.default_rng(2)
    amp = rng.uniform(0.2, 1.0, (3, 5)).astype(np.float32)
    freq = rng.uniform(0.05, 0.6, (3, 5)).astype(np.float32)
    phase0 = rng.uniform(0, 2 * np.pi, 3).astype(np.float32)
    out = _check_sinusoid(sub, amp, freq, 160, phase0, "sinusoid output for a batch of 3 different tones")
    checks.assert_dtype(out, "float32", "sinusoid")


@A.test("sinusoid", points=1)
def test_sinusoid_handles_a_batch_of_one_without_phase(sub):
    """One tone, no phase argument: the default initial phase is zero, so the first sample is 0."""
    rng = np.random.default_rng(4)
    amp = rng.uniform(0.2, 1.0, (1, 6)).astype(np.float32)
    freq = rng.uniform(0.1, 0.9, (1, 6)).astype(np.float32)
    _check_sinusoid(sub, amp, freq, 101, None, "sinusoid of one tone (6 frames, 101 samples) with phase=None")


@A.test("sinusoid", points=1)
def test_sinusoid_with_constant_controls_is_a_sampled_sine(sub):
    """Constant controls give a * sin(phase0 + omega * n): the exclusive phase convention."""
    amp = np.array([[0.5, 0.5], [1.0, 1.0]], np.float32)
    freq = np.array([[0.3, 0.3], [1.1, 1.1]], np.float32)
    phase0 = np.array([0.0, 1.0], np.float32)
    n = np.arange(20)
    expected = amp[:, :1] * np.sin(phase0[:, None] + freq[:, :1].astype(np.float64) * n)
    out = sub.call("sinusoid", amp, freq, 20, phase0)
    checks.assert_close(out.value, expected, "sinusoid with constant amplitude [0.5, 1] and omega [0.3, 1.1] rad, "
                        "phase0 [0, 1] rad", rtol=0, atol=1e-5, hint=SINUSOID_HINT)


@A.test("sinusoid", points=3)
def test_sinusoid_gradients_match_closed_form(sub):
    """Gradients w.r.t. amplitude, frequency and initial phase match the chain rule (float64)."""
    rng = np.random.default_rng(3)
    amp, freq = rng.uniform(0.2, 1, (2, 4)), rng.uniform(0.05, 0.5, (2, 4))
    phase0 = rng.uniform(0, 6, 2)
    cot = rng.normal(size=(2, 50))
    out = sub.call("sinusoid", Diff(amp), Diff(freq), 50, Diff(phase0), cotangent=cot)
    expected = oracles.sinusoid_vjp(amp, freq, 50, phase0, cot)
    checks.assert_grads_close(out, expected, ["amplitude", "frequency", "phase"], "sinusoid",
                              rtol=GRAD_RTOL, atol=GRAD_ATOL)


@A.test("sinusoid", points=1)
def test_sinusoid_keeps_float64(sub):
    """float64 controls without a phase give float64 audio, exact to rounding."""
    rng = np.random.default_rng(5)
    amp, freq = rng.uniform(0.2, 1, (2, 3)), rng.uniform(0.05, 0.5, (2, 3))
    out = _check_sinusoid(sub, amp, freq, 64, None, "sinusoid of float64 controls", rtol=RTOL64, atol=ATOL64)
    checks.assert_dtype(out, "float64", "sinusoid")


@A.test("sinusoid", points=1)
def test_sinusoid_does_not_modify_inputs(sub):
    """amplitude, frequency and phase are left as they were."""
    rng = np.random.default_rng(6)
    amp = rng.uniform(0.2, 1, (2, 3)).astype(np.float32)
    freq = rng.uniform(0.05, 0.5, (2, 3)).astype(np.float32)
    phase0 = np.array([0.5, 2.0], np.float32)
    out = sub.call("sinusoid", amp, freq, 30, phase0, return_inputs=True)
    checks.assert_close(out.value, oracles.sinusoid(amp, freq, 30, phase0), "sinusoid of two tones",
                        rtol=0, atol=oracles.oscillator_atol(amp, freq, 30), hint=SINUSOID_HINT)
    checks.assert_not_mutated(out, ["amplitude", "frequency", "phase"], "sinusoid")


@A.test("sinusoid", points=1)
def test_sinusoid_rejects_bad_arguments(sub):
    """A 1-D amplitude, a frequency of another shape and a phase of the wrong length raise ValueError."""
    amp, freq = np.ones((2, 3), np.float32), np.full((2, 3), 0.1, np.float32)
    checks.assert_raises_value_error(sub, "sinusoid", np.ones(3, np.float32), freq[0], 10, argument="amplitude")
    checks.assert_raises_value_error(sub, "sinusoid", amp, np.full((2, 4), 0.1, np.float32), 10,
                                     argument="frequency")
    checks.assert_raises_value_error(sub, "sinusoid", amp, freq, 10, np.zeros(3, np.float32), argument="phase")


# ---------------------------------------------------------------------------
# wrapped_phase.
WRAP_HINT = ("phase[n] = phase0 + sum of omega[m] for m < n, reduced modulo 2*pi into [0, 2*pi) (torch.remainder, "
             "not torch.fmod, which keeps the sign). Chunks must hand over the phase reached at their end.")


def _check_wrapped(sub, omega, phase0, what, hint=WRAP_HINT, **kwargs):
    tol = kwargs.pop("atol", None) or phase_atol(omega)
    args = (omega,) if phase0 is None else (omega, phase0)
    out = sub.call("wrapped_phase", *args, **kwargs)
    value = checks.as_array(out.value, what, omega.shape, hint=WRAP_HINT)
    error = circular_error(value, np_wrapped_phase(omega, phase0))
    checks.assert_close(error, np.zeros_like(error), f"the circular phase error of {what}", rtol=0, atol=tol,
                        unit="rad", hint=hint)
    return out, value


@A.test("wrapped_phase", points=2)
def test_wrapped_phase_is_the_wrapped_exclusive_phase(sub):
    """Two different frequency tracks with initial phases, 3000 samples: the exclusive phase mod 2 pi."""
    rng = np.random.default_rng(40)
    omega = rng.uniform(0.05, 1.5, (2, 3000)).astype(np.float32)
    phase0 = np.array([0.0, 2.5], np.float32)
    out, _ = _check_wrapped(sub, omega, phase0, "wrapped_phase of 2 random tracks of 3000 samples")
    checks.assert_dtype(out, "float32", "wrapped_phase")


@A.test("wrapped_phase", points=1)
def test_wrapped_phase_stays_in_zero_to_two_pi(sub):
    """Negative frequencies and a negative initial phase still give values in [0, 2 pi]."""
    rng = np.random.default_rng(41)
    omega = rng.uniform(-1.0, 0.3, (2, 500)).astype(np.float32)
    phase0 = np.array([-1.0, 7.0], np.float32)
    _, value = _check_wrapped(sub, omega, phase0, "wrapped_phase of tracks with negative frequencies")
    # float32 rounding of x mod 2 pi may land exactly on 2 pi; anything outside [0, 2 pi] is not wrapped.
    low, high = float(np.min(value)), float(np.max(value))
    if low < 0 or high > TWO_PI + 1e-6:
        checks.fail(f"wrapped_phase returned values from {low:.4f} to {high:.4f} rad; they must lie in "
                    f"[0, 2*pi) = [0, {TWO_PI:.4f}).", "torch.fmod keeps the sign of its input; torch.remainder "
                    "does not.")


@A.test("wrapped_phase", points=2)
def test_wrapped_phase_does_not_depend_on_chunk_size(sub):
    """chunk_size 1, 7, 64 and 10000 (bigger than the signal) give the same phase."""
    rng = np.random.default_rng(42)
    omega = rng.uniform(0.1, 3.0, (2, 300)).astype(np.float32)
    phase0 = np.array([1.0, 5.0], np.float32)
    for chunk in (1, 7, 64, 10000):
        _check_wrapped(sub, omega, phase0, f"wrapped_phase with chunk_size={chunk}", chunk_size=chunk)


@A.test("wrapped_phase", points=3, timeout=120.0)
def test_wrapped_phase_is_accurate_over_60_s_at_16_khz_in_float32(sub):
    """60 s at 16 kHz of two sung-like f0 tracks (80-1000 Hz) in float32: error below 1e-3 rad (the spec)."""
    rng = np.random.default_rng(43)
    sample_rate, n_samples = 16000, 60 * 16000
    f0_frames = _f0_tracks(rng, 250, [(80.0, 300.0), (900.0, 400.0)])
    position = (np.arange(n_samples) + 0.5) * 250 / n_samples - 0.5  # any smooth track will do
    omega = np.stack([np.interp(position, np.arange(250), TWO_PI * f / sample_rate) for f in f0_frames])
    omega = omega.astype(np.float32)
    _check_wrapped(sub, omega, None, "wrapped_phase of 60 s of float32 frequency at 16 kHz", atol=1e-3,
                   hint="After a minute the running phase is near 1e5 rad, where neighbouring float32 numbers "
                        "are 0.008 rad apart. Wrap chunk by chunk so the numbers stay small, and make sure the "
                        "phase handed from one chunk to the next does not drift: its rounding errors add up "
                        "over hundreds of chunks (float64 bookkeeping for that one number per item is fine).")


@A.test("wrapped_phase", points=2)
def test_wrapped_phase_gradients_match_closed_form(sub):
    """d/d omega is a reversed exclusive cumsum of the cotangent and d/d phase0 its sum (float64, chunk_size=16)."""
    rng = np.random.default_rng(44)
    omega, phase0, cot = rng.uniform(0.1, 2.0, (2, 50)), rng.uniform(0, 6, 2), rng.normal(size=(2, 50))
    out = sub.call("wrapped_phase", Diff(omega), Diff(phase0), chunk_size=16, cotangent=cot)
    checks.assert_grads_close(out, wrapped_phase_vjp(cot), ["frequency", "phase"], "wrapped_phase",
                              rtol=GRAD_RTOL, atol=GRAD_ATOL,
                              hint="Wrapping subtracts constants (multiples of 2*pi), so the gradient is the "
                                   "one of the plain exclusive cumulative sum, across chunk boundaries too.")


@A.test("wrapped_phase", points=1)
def test_wrapped_phase_keeps_float64_and_does_not_modify_inputs(sub):
    """float64 in gives float64 out (exact to rounding) and frequency and phase are unchanged."""
    rng = np.random.default_rng(45)
    omega, phase0 = rng.uniform(0.1, 2.0, (2, 200)), np.array([0.3, 4.0])
    out, _ = _check_wrapped(sub, omega, phase0, "wrapped_phase of float64 tracks", atol=1e-9, return_inputs=True)
    checks.assert_dtype(out, "float64", "wrapped_phase")
    checks.assert_not_mutated(out, ["frequency", "phase"], "wrapped_phase")


@A.test("wrapped_phase", points=1)
def test_wrapped_phase_rejects_bad_arguments(sub):
    """A 1-D frequency, a phase of the wrong length and chunk_size < 1 raise ValueError naming the argument."""
    omega = np.full((2, 10), 0.1, np.float32)
    checks.assert_raises_value_error(sub, "wrapped_phase", omega[0], argument="frequency")
    checks.assert_raises_value_error(sub, "wrapped_phase", omega, np.zeros(3, np.float32), argument="phase")
    checks.assert_raises_value_error(sub, "wrapped_phase", omega, None, 0, argument="chunk_size")


# ---------------------------------------------------------------------------
# frequency_loss_landscape.
LANDSCAPE_HINT = ("For each candidate, build a unit-amplitude sinusoid at that frequency (hz_to_radians, zero initial "
                  "phase) and call loss_fn(candidate_audio, target_audio) with the sinusoid at target_hz; stack the "
                  "losses in the order of candidates_hz.")


def _mse(x, y):
    return np.mean((x - y) ** 2)


@A.test("frequency_loss_landscape", points=3)
def test_frequency_loss_landscape_matches_closed_form_mse(sub):
    """MSE between sin(w_c n) and sin(w_t n) for 19 candidates around a 440 Hz target (float64)."""
    candidates = np.linspace(100.0, 1000.0, 19)
    candidates[7] = 440.0
    out = sub.call("frequency_loss_landscape", 440.0, candidates, 1600, 16000, Lib("mse"))
    checks.assert_close(out.value, np_landscape(440.0, candidates, 1600, 16000, _mse),
                        "the MSE landscape for a 440 Hz target, 1600 samples at 16 kHz", rtol=1e-7, atol=1e-9,
                        hint=LANDSCAPE_HINT)


@A.test("frequency_loss_landscape", points=1)
def test_frequency_loss_landscape_passes_prediction_then_target(sub):
    """loss_fn(prediction, target) order, shown with a loss that is not symmetric; candidates unsorted."""
    candidates = np.array([660.0, 200.0, 450.0, 300.0])
    out = sub.call("frequency_loss_landscape", 300.0, candidates, 400, 8000, Lib("prediction_weighted_mse"))
    checks.assert_close(out.value, np_landscape(300.0, candidates, 400, 8000, lambda x, y: np.mean((1.5 + x) * (x - y) ** 2)),
                        "the landscape of loss(x, y) = mean((1.5 + x) * (x - y)**2) for a 300 Hz target at 8 kHz",
                        rtol=1e-7, atol=1e-9,
                        hint="The candidate's sinusoid is the prediction (first argument), the target's the second; "
                             "keep the candidates in the order given.")


@A.test("frequency_loss_landscape", points=1)
def test_frequency_loss_landscape_is_periodic_in_the_sample_rate(sub):
    """Candidates f and f + sample_rate alias to the same samples, so their losses are equal (float64)."""
    base = np.array([100.0, 250.0, 700.0])
    candidates = np.concatenate([base, base + 8000.0])
    out = sub.call("frequency_loss_landscape", 250.0, candidates, 300, 8000, Lib("mean_abs"))
    value = checks.as_array(out.value, "frequency_loss_landscape for candidates f and f + 8000 Hz", (6,),
                            hint=LANDSCAPE_HINT)
    expected = np_landscape(250.0, base, 300, 8000, lambda x, y: np.mean(np.abs(x - y)))
    checks.assert_close(value, np.concatenate([expected, expected]),
                        "the mean-absolute-error landscape at f and at f + sample_rate", rtol=1e-6, atol=1e-8,
                        hint="A sinusoid sampled at sample_rate cannot tell f from f + sample_rate: "
                             "2*pi*(f + sr)/sr*n differs by a whole number of turns.")


@A.test("frequency_loss_landscape", points=2)
def test_frequency_loss_landscape_gradient_reaches_the_candidates(sub):
    """d loss / d candidate_hz matches the closed form of the MSE landscape (float64)."""
    candidates, cot = np.array([300.0, 470.0, 520.0, 900.0]), np.array([1.0, -0.5, 2.0, 0.7])
    out = sub.call("frequency_loss_landscape", 440.0, Diff(candidates), 200, 16000, Lib("mse"), cotangent=cot)
    checks.assert_grads_close(out, [np_mse_landscape_grad(440.0, candidates, 200, 16000, cot)], ["candidates_hz"],
                              "frequency_loss_landscape", rtol=1e-6, atol=1e-10,
                              hint="Keep the losses as tensors (torch.stack), not floats: .item() or float() "
                                   "cuts the gradient that the plot of the landscape's slope needs.")


@A.test("frequency_loss_landscape", points=1)
def test_frequency_loss_landscape_keeps_float32_and_does_not_modify_candidates(sub):
    """float32 candidates give a float32 (n_candidates,) result and are left unchanged."""
    candidates = np.array([200.0, 440.0, 880.0], np.float32)
    out = sub.call("frequency_loss_landscape", 440.0, candidates, 256, 16000, Lib("mse"), return_inputs=True)
    omega = TWO_PI * candidates.astype(np.float64)[None] / 16000
    atol = 4 * oracles.oscillator_atol(np.ones((1, 1)), omega, 256)  # |d mse / d x| <= 4 per sample
    checks.assert_close(out.value, np_landscape(440.0, candidates.astype(np.float64), 256, 16000, _mse),
                        "the float32 MSE landscape for 3 candidates", rtol=0, atol=atol, hint=LANDSCAPE_HINT)
    checks.assert_dtype(out, "float32", "frequency_loss_landscape")
    checks.assert_not_mutated(out, ["candidates_hz"], "frequency_loss_landscape")


@A.test("frequency_loss_landscape", points=1)
def test_frequency_loss_landscape_rejects_bad_arguments(sub):
    """2-D candidates and n_samples < 1 raise ValueError naming the argument."""
    checks.assert_raises_value_error(sub, "frequency_loss_landscape", 440.0, np.ones((2, 2)) * 400, 100, 16000,
                                     Lib("mse"), argument="candidates_hz")
    checks.assert_raises_value_error(sub, "frequency_loss_landscape", 440.0, np.array([400.0]), 0, 16000,
                                     Lib("mse"), argument="n_samples")
