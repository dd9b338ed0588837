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

import numpy as np

from autograder import checks, oracles
from autograder.harness import Assignment, Diff, Lib

A = Assignment("02_oscillator", depends={"sinusoid": ["upsample"],
                                         "frequency_loss_landscape": ["hz_to_radians", "sinusoid"]})

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


def returned_float32(out):
    """True when a call returned float32: a float64 value check then uses float32 tolerances, because
    the dtype is graded once, by the test that states it (keeps_float64), not again by the values."""
    return isinstance(out.meta, dict) and out.meta.get("dtype") == "float32"


# ---------------------------------------------------------------------------
# hz_to_radians.
HZ_HINT = "One cycle is 2*pi radians and there are sample_rate samples per second."


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_matches_closed_form(sub):
    """hz_to_radians is 2*pi*f/sample_rate, elementwise, in float64 (kept) and in float32."""
    f = np.array([[0.0, 440.0, 8000.0], [1.0, 22050.0, 100.0]])
    out = sub.call("hz_to_radians", f, 16000)
    # The dtype first: a float32 result cannot hold 1e-9 relative, and its message says why.
    checks.assert_dtype(out, "float64", "hz_to_radians")
    checks.assert_close(out.value, TWO_PI * f / 16000, "hz_to_radians([[0, 440, 8000], [1, 22050, 100]], 16000)",
                        rtol=RTOL64, atol=1e-12, unit="rad/sample", hint=HZ_HINT)
    # float32 and 3-D (batch, n_harmonics, n_frames): a couple of float32 roundings, rtol 1e-6.
    f32 = np.random.default_rng(20).uniform(20, 8000, (2, 3, 4)).astype(np.float32)
    out = sub.call("hz_to_radians", f32, 44100)
    checks.assert_close(out.value, TWO_PI * f32.astype(np.float64) / 44100, "hz_to_radians of a float32 (2, 3, 4) "
                        "tensor at 44100 Hz", rtol=1e-6, atol=1e-9, unit="rad/sample", hint=HZ_HINT)


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_keeps_float32_and_any_shape(sub):
    """A float32 (batch, n_harmonics, n_frames) tensor in, float32 out of the same shape."""
    f = np.random.default_rng(20).uniform(20, 8000, (2, 3, 4)).astype(np.float32)
    out = sub.call("hz_to_radians", f, 44100)
    checks.as_array(out.value, "hz_to_radians of a (2, 3, 4) tensor at 44100 Hz", f.shape,
                    hint="hz_to_radians is elementwise: the output has the shape of frequency_hz.")
    checks.assert_dtype(out, "float32", "hz_to_radians")


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_accepts_plain_numbers_at_full_precision(sub):
    """hz_to_radians(440.0, 16000) works on a Python number and equals its result for a float64 tensor of 440."""
    out = sub.call("hz_to_radians", 440.0, 16000)
    value = checks.as_array(out.value, "hz_to_radians(440.0, 16000)")
    if value.size != 1:
        checks.fail(f"hz_to_radians(440.0, 16000) has shape {value.shape}; one number was expected.",
                    "A plain number in gives a plain number (or a 0-d tensor) out.")
    # Compared with the same function on a float64 tensor (graded against 2 pi f / sr elsewhere):
    # float64 rounds 2*pi*440/16000 by ~1e-17, while a detour through float32 is off by ~1e-8 relative.
    tensor = checks.as_array(sub.call("hz_to_radians", np.array([440.0]), 16000).value,
                             "hz_to_radians(a float64 tensor [440.0], 16000)")
    checks.assert_close(value.reshape(-1), tensor.reshape(-1)[:1],
                        "hz_to_radians(440.0, 16000) compared with your hz_to_radians(float64 tensor [440.0], 16000)",
                        rtol=1e-12, atol=0, unit="rad/sample",
                        hint="A plain number in should give a plain number (or a float64 tensor) out: "
                             "torch.tensor(440.0) would round it to float32.")


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
    checks.assert_not_mutated(out, ["frequency_hz"], "hz_to_radians")


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_rejects_nonpositive_sample_rate(sub):
    """sample_rate 0 or negative raises ValueError naming sample_rate."""
    f = np.array([[440.0]])
    checks.assert_accepts(sub, "hz_to_radians", f, 16000)
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
    """A batch of one (7 frames to 50 samples) gives its row of a batch of 3; a one-frame envelope stays constant."""
    env = np.random.default_rng(32).uniform(0, 1, (3, 7)).astype(np.float32)
    batch = checks.as_array(sub.call("upsample", env, 50).value, "upsample of three 7-frame envelopes to 50 samples",
                            (3, 50))
    for item in (0, 2):
        one = sub.call("upsample", env[item:item + 1], 50)
        # The same convex combinations of the same frames: equal up to a few float32 roundings.
        checks.assert_close(one.value, batch[item:item + 1],
                            f"upsample of envelope {item} alone (a batch of one), compared with its row of your "
                            "upsample of the batch of 3", rtol=1e-5, atol=1e-6,
                            hint="Each batch item is interpolated on its own: nothing may mix items or depend "
                                 "on the batch size (look for squeeze() of the batch dimension).")
    # One frame: every sample sits at or beyond the only frame, so the output is that frame's value.
    _check_upsample(sub, np.array([[0.25], [-2.0]], np.float32), 9,
                    "upsample of two one-frame envelopes [[0.25], [-2.0]] to 9 samples")


@A.test("upsample", points=2)
def test_upsample_gradient_is_the_transposed_interpolation(sub):
    """In float64 the values are exact and d<cot, upsample(e)>/d e = cot @ W for the interpolation matrix W."""
    rng = np.random.default_rng(33)
    for shape, n_samples in (((2, 6), 45), ((2, 2, 3), 20)):
        env, cot = rng.normal(size=shape), rng.normal(size=shape[:-1] + (n_samples,))
        out = sub.call("upsample", Diff(env), n_samples, cotangent=cot)
        # The float64 values first (exact to rounding): a gradient is only meaningful for the right function.
        scale = float(np.max(np.abs(env)))
        rtol, atol = (1e-5, 1e-6 * scale) if returned_float32(out) else (RTOL64, ATOL64)
        checks.assert_close(out.value, oracles.upsample(env, n_samples), f"upsample of a float64 envelope of shape "
                            f"{shape} to {n_samples} samples", rtol=rtol, atol=atol, hint=UPSAMPLE_HINT)
        expected = cot @ oracles.interpolation_matrix(shape[-1], n_samples)
        checks.assert_grads_close(out, [expected], ["envelope"], "upsample", rtol=GRAD_RTOL, atol=GRAD_ATOL,
                                  hint=f"For an envelope of shape {shape}: " + UPSAMPLE_HINT)


@A.test("upsample", points=1)
def test_upsample_keeps_float64_and_does_not_modify_input(sub):
    """float64 in gives float64 out of shape (batch, n_samples), and the envelope is unchanged."""
    env = np.random.default_rng(34).normal(size=(2, 5))
    out = sub.call("upsample", env, 23, return_inputs=True)
    checks.as_array(out.value, "upsample of a float64 (2, 5) envelope to 23 samples", (2, 23))
    checks.assert_dtype(out, "float64", "upsample")
    checks.assert_not_mutated(out, ["envelope"], "upsample")


@A.test("upsample", points=1)
def test_upsample_rejects_bad_arguments(sub):
    """A 1-D or 4-D envelope and n_samples < 1 raise ValueError naming the argument."""
    checks.assert_accepts(sub, "upsample", np.ones((1, 5), np.float32), 10)
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
    out = _check_sinusoid(sub, amp, freq, 157, phase0, "sinusoid output for a batch of 3 different tones "
                          "(5 frames, 157 samples)")
    checks.assert_dtype(out, "float32", "sinusoid")


@A.test("sinusoid", points=1)
def test_sinusoid_handles_a_batch_of_one_without_phase(sub):
    """One tone without a phase argument equals its row of a batch of 3 tones given phase zeros."""
    rng = np.random.default_rng(4)
    amp = rng.uniform(0.2, 1.0, (3, 6)).astype(np.float32)
    freq = rng.uniform(0.1, 0.9, (3, 6)).astype(np.float32)
    batch = checks.as_array(sub.call("sinusoid", amp, freq, 101, np.zeros(3, np.float32)).value,
                            "sinusoid of 3 tones (6 frames, 101 samples) with phase zeros", (3, 101))
    # Two float32 runs of the same computation: each within oscillator_atol of the exact tone.
    atol = 2 * oracles.oscillator_atol(amp, freq, 101)
    for item in (0, 2):
        one = sub.call("sinusoid", amp[item:item + 1], freq[item:item + 1], 101)
        checks.assert_close(one.value, batch[item:item + 1],
                            f"sinusoid of tone {item} alone with phase=None, compared with its row of your "
                            "sinusoid of the 3 tones with phase zeros", rtol=0, atol=atol,
                            hint="phase=None means an initial phase of zero for every item, and each item is "
                                 "synthesised on its own: cumulate over time (the last dimension), never over "
                                 "the batch.")


@A.test("sinusoid", points=1)
def test_sinusoid_with_constant_controls_is_a_sampled_sine(sub):
    """Constant controls give a * sin(phase0 + omega * n) (exclusive phase), in float32 and exactly in float64."""
    amp = np.array([[0.5, 0.5], [1.0, 1.0]], np.float32)
    freq = np.array([[0.3, 0.3], [1.1, 1.1]], np.float32)
    phase0 = np.array([0.0, 1.0], np.float32)
    n = np.arange(20)
    expected = amp[:, :1] * np.sin(phase0[:, None] + freq[:, :1].astype(np.float64) * n)
    out = sub.call("sinusoid", amp, freq, 20, phase0)
    checks.assert_close(out.value, expected, "sinusoid with constant amplitude [0.5, 1] and omega [0.3, 1.1] rad, "
                        "phase0 [0, 1] rad", rtol=0, atol=1e-5, hint=SINUSOID_HINT)
    # The same in float64, exact to rounding (phases up to ~25 rad: errors ~1e-14).
    amp64, freq64, phase64 = amp.astype(np.float64), freq.astype(np.float64), phase0.astype(np.float64)
    out = sub.call("sinusoid", amp64, freq64, 20, phase64)
    rtol, atol = (0, 1e-5) if returned_float32(out) else (RTOL64, ATOL64)
    checks.assert_close(out.value, amp64[:, :1] * np.sin(phase64[:, None] + freq64[:, :1] * n),
                        "sinusoid of the same constant controls in float64", rtol=rtol, atol=atol,
                        hint="float64 controls give float64 audio, accurate to float64 precision: keep every "
                             "intermediate (the phase buffer, the default phase) in the controls' dtype.")


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
    """float64 controls without a phase give float64 audio of shape (batch, n_samples)."""
    rng = np.random.default_rng(5)
    amp, freq = rng.uniform(0.2, 1, (2, 3)), rng.uniform(0.05, 0.5, (2, 3))
    out = sub.call("sinusoid", amp, freq, 64)
    checks.as_array(out.value, "sinusoid of float64 controls (2 tones, 64 samples)", (2, 64))
    checks.assert_dtype(out, "float64", "sinusoid")


@A.test("sinusoid", points=1)
def test_sinusoid_does_not_modify_inputs(sub):
    """amplitude, frequency and phase are left as they were."""
    rng = np.random.default_rng(6)
    amp = rng.uniform(0.2, 1, (2, 3)).astype(np.float32)
    freq = rng.uniform(0.05, 0.5, (2, 3)).astype(np.float32)
    phase0 = np.array([0.5, 2.0], np.float32)
    out = sub.call("sinusoid", amp, freq, 30, phase0, return_inputs=True)
    checks.assert_not_mutated(out, ["amplitude", "frequency", "phase"], "sinusoid")


@A.test("sinusoid", points=1)
def test_sinusoid_rejects_bad_arguments(sub):
    """A 1-D amplitude, a frequency of another shape and a phase of the wrong length raise ValueError."""
    amp, freq = np.ones((2, 3), np.float32), np.full((2, 3), 0.1, np.float32)
    checks.assert_accepts(sub, "sinusoid", amp, freq, 10, np.zeros(2, np.float32))
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
    """Different frequency tracks with initial phases (float32, 3000 samples; float64): the exclusive phase mod 2 pi."""
    rng = np.random.default_rng(40)
    omega = rng.uniform(0.05, 1.5, (2, 3000)).astype(np.float32)
    phase0 = np.array([0.0, 2.5], np.float32)
    out, _ = _check_wrapped(sub, omega, phase0, "wrapped_phase of 2 random tracks of 3000 samples")
    checks.assert_dtype(out, "float32", "wrapped_phase")
    # float64 tracks: exact to rounding (phases below 1e3 rad round by ~1e-13).
    omega64, phase64 = rng.uniform(0.1, 2.0, (2, 200)), np.array([0.3, 4.0])
    out = sub.call("wrapped_phase", omega64, phase64)
    value = checks.as_array(out.value, "wrapped_phase of 2 float64 tracks of 200 samples", omega64.shape,
                            hint=WRAP_HINT)
    error = circular_error(value, np_wrapped_phase(omega64, phase64))
    checks.assert_close(error, np.zeros_like(error), "the circular phase error of wrapped_phase of 2 float64 tracks "
                        "of 200 samples", rtol=0, atol=phase_atol(omega64) if returned_float32(out) else 1e-9,
                        unit="rad", hint=WRAP_HINT)


@A.test("wrapped_phase", points=1)
def test_wrapped_phase_stays_in_zero_to_two_pi(sub):
    """Negative frequencies and a negative initial phase still give values in [0, 2 pi]."""
    rng = np.random.default_rng(41)
    omega = rng.uniform(-1.0, 0.3, (2, 500)).astype(np.float32)
    phase0 = np.array([-1.0, 7.0], np.float32)
    # Only the range of the values (the phase itself is graded by the other tests).
    value = checks.as_array(sub.call("wrapped_phase", omega, phase0).value,
                            "wrapped_phase of tracks with negative frequencies", omega.shape, hint=WRAP_HINT)
    if not np.all(np.isfinite(value)):
        checks.fail("wrapped_phase of tracks with negative frequencies contains NaN or inf.", WRAP_HINT)
    # float32 rounding of x mod 2 pi may land exactly on 2 pi; anything outside [0, 2 pi] is not wrapped.
    low, high = float(np.min(value)), float(np.max(value))
    if low < 0 or high > TWO_PI + 1e-6:
        if low < 0 and high <= TWO_PI + 1e-6:
            hint = "torch.fmod keeps the sign of its input; torch.remainder does not."
        elif low >= 0:
            hint = "Reduce the phase modulo 2*pi (torch.remainder) before returning it."
        else:
            hint = "Reduce the phase modulo 2*pi with torch.remainder, which maps negative phases into [0, 2*pi) too."
        checks.fail(f"wrapped_phase returned values from {low:.4f} to {high:.4f} rad; they must lie in "
                    f"[0, 2*pi) = [0, {TWO_PI:.4f}).", hint)


@A.test("wrapped_phase", points=2)
def test_wrapped_phase_does_not_depend_on_chunk_size(sub):
    """chunk_size 1, 7 and 64 give the phase that chunk_size 10000 (bigger than the signal) gives."""
    rng = np.random.default_rng(42)
    omega = rng.uniform(0.1, 3.0, (2, 300)).astype(np.float32)
    phase0 = np.array([1.0, 5.0], np.float32)
    # Compared with the function itself in one chunk (its accuracy is graded by the other tests):
    # each run is within phase_atol of the exact phase, so two runs are within twice that.
    whole = checks.as_array(sub.call("wrapped_phase", omega, phase0, chunk_size=10000).value,
                            "wrapped_phase with chunk_size=10000", omega.shape, hint=WRAP_HINT)
    for chunk in (1, 7, 64):
        value = checks.as_array(sub.call("wrapped_phase", omega, phase0, chunk_size=chunk).value,
                                f"wrapped_phase with chunk_size={chunk}", omega.shape, hint=WRAP_HINT)
        error = circular_error(value, whole)
        checks.assert_close(error, np.zeros_like(error), f"the circular distance between your wrapped_phase with "
                            f"chunk_size={chunk} and with chunk_size=10000 (one chunk)", rtol=0,
                            atol=2 * phase_atol(omega), unit="rad",
                            hint="Chunks must hand over the phase reached at their end: the next chunk starts "
                                 "from the previous chunk's last phase plus its last frequency.")


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
    """float64 in gives float64 out of the same shape, and frequency and phase are unchanged."""
    rng = np.random.default_rng(45)
    omega, phase0 = rng.uniform(0.1, 2.0, (2, 200)), np.array([0.3, 4.0])
    out = sub.call("wrapped_phase", omega, phase0, return_inputs=True)
    checks.as_array(out.value, "wrapped_phase of float64 tracks", omega.shape, hint=WRAP_HINT)
    checks.assert_dtype(out, "float64", "wrapped_phase")
    checks.assert_not_mutated(out, ["frequency", "phase"], "wrapped_phase")


@A.test("wrapped_phase", points=1)
def test_wrapped_phase_rejects_bad_arguments(sub):
    """A 1-D frequency, a phase of the wrong length and chunk_size < 1 raise ValueError naming the argument."""
    omega = np.full((2, 10), 0.1, np.float32)
    checks.assert_accepts(sub, "wrapped_phase", omega, np.zeros(2, np.float32), 4)
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
    """MSE between sin(w_c n) and sin(w_t n) for candidates around a 440 Hz target (float64, and float32)."""
    candidates = np.linspace(100.0, 1000.0, 19)
    candidates[7] = 440.0
    out = sub.call("frequency_loss_landscape", 440.0, candidates, 1600, 16000, Lib("mse"))
    checks.assert_close(out.value, np_landscape(440.0, candidates, 1600, 16000, _mse),
                        "the MSE landscape for a 440 Hz target, 1600 samples at 16 kHz", rtol=1e-7, atol=1e-9,
                        hint=LANDSCAPE_HINT)
    # 1234 samples: no tone completes a whole or half number of cycles, so the last sample counts.
    candidates = np.array([150.0, 437.0, 440.0, 610.0, 925.0])
    out = sub.call("frequency_loss_landscape", 440.0, candidates, 1234, 16000, Lib("mse"))
    checks.assert_close(out.value, np_landscape(440.0, candidates, 1234, 16000, _mse),
                        "the MSE landscape for a 440 Hz target, 1234 samples at 16 kHz", rtol=1e-7, atol=1e-9,
                        hint=LANDSCAPE_HINT)
    # float32 candidates: the oscillators' float32 rounding bound, |d mse / d x| <= 4 per sample.
    candidates = np.array([200.0, 440.0, 880.0], np.float32)
    out = sub.call("frequency_loss_landscape", 440.0, candidates, 256, 16000, Lib("mse"))
    omega = TWO_PI * candidates.astype(np.float64)[None] / 16000
    atol = 4 * oracles.oscillator_atol(np.ones((1, 1)), omega, 256)
    checks.assert_close(out.value, np_landscape(440.0, candidates.astype(np.float64), 256, 16000, _mse),
                        "the MSE landscape for 3 float32 candidates, 256 samples at 16 kHz", rtol=0, atol=atol,
                        hint=LANDSCAPE_HINT)


@A.test("frequency_loss_landscape", points=1)
def test_frequency_loss_landscape_passes_prediction_then_target(sub):
    """loss_fn(prediction, target) order, shown with a loss that is not symmetric; candidates unsorted."""
    candidates = np.array([660.0, 200.0, 450.0, 300.0])
    out = sub.call("frequency_loss_landscape", 300.0, candidates, 400, 8000, Lib("prediction_weighted_mse"))
    weighted = lambda x, y: np.mean((1.5 + x) * (x - y) ** 2)  # noqa: E731 - the loss, as the worker's
    checks.assert_close(out.value, np_landscape(300.0, candidates, 400, 8000, weighted),
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
    # The landscape compared with itself (its values are graded by the other tests). Even a phase
    # accumulated in float32 stays within oscillator_atol of the exact samples at f + sample_rate,
    # and mean |x - y| moves by at most that much per tone: twice it bounds the difference.
    omega = TWO_PI * candidates[None] / 8000
    atol = 2 * oracles.oscillator_atol(np.ones((1, 1)), omega, 300)
    checks.assert_close(value[3:], value[:3],
                        "your mean-absolute-error landscape at f + sample_rate, compared with yours at f "
                        "(f = 100, 250, 700 Hz, sample_rate = 8000 Hz)", rtol=0, atol=atol,
                        hint="A sinusoid sampled at sample_rate cannot tell f from f + sample_rate: "
                             "2*pi*(f + sr)/sr*n differs by a whole number of turns. Build each candidate's "
                             "sinusoid from its frequency in rad/sample (hz_to_radians).")


@A.test("frequency_loss_landscape", points=2)
def test_frequency_loss_landscape_gradient_reaches_the_candidates(sub):
    """d loss / d candidate_hz matches the closed form of the MSE landscape (float64)."""
    candidates, cot = np.array([300.0, 470.0, 520.0, 900.0]), np.array([1.0, -0.5, 2.0, 0.7])
    out = sub.call("frequency_loss_landscape", 440.0, Diff(candidates), 200, 16000, Lib("mse"), cotangent=cot)
    grads = out.grads if isinstance(out.grads, list) else []
    if not grads or grads[0] is None:
        checks.fail("no gradient reaches `candidates_hz`: the landscape is cut off from the candidate frequencies.",
                    "Keep the losses as tensors (torch.stack), not floats: .item() or float() cuts the gradient "
                    "that the plot of the landscape's slope needs.")
    checks.assert_grads_close(out, [np_mse_landscape_grad(440.0, candidates, 200, 16000, cot)], ["candidates_hz"],
                              "frequency_loss_landscape", rtol=1e-6, atol=1e-10,
                              hint="d loss / d f = sum over samples of d loss / d x[n] * amplitude * cos(phase[n]) * "
                                   "d phase[n] / d f, with phase[n] = 2*pi*f/sample_rate*n: if the values pass, look "
                                   "for a step that changes the frequency's scale or the time index.")


@A.test("frequency_loss_landscape", points=1)
def test_frequency_loss_landscape_keeps_float32_and_does_not_modify_candidates(sub):
    """float32 candidates give a float32 (n_candidates,) result and are left unchanged."""
    candidates = np.array([200.0, 440.0, 880.0], np.float32)
    out = sub.call("frequency_loss_landscape", 440.0, candidates, 256, 16000, Lib("mse"), return_inputs=True)
    checks.as_array(out.value, "the landscape for 3 float32 candidates", (3,),
                    hint="One loss per candidate, in a 1-D tensor: torch.stack the losses.")
    checks.assert_dtype(out, "float32", "frequency_loss_landscape")
    checks.assert_not_mutated(out, ["candidates_hz"], "frequency_loss_landscape")


@A.test("frequency_loss_landscape", points=1)
def test_frequency_loss_landscape_rejects_bad_arguments(sub):
    """2-D candidates and n_samples < 1 raise ValueError naming the argument."""
    checks.assert_accepts(sub, "frequency_loss_landscape", 440.0, np.array([400.0, 450.0]), 100, 16000, Lib("mse"))
    checks.assert_raises_value_error(sub, "frequency_loss_landscape", 440.0, np.ones((2, 2)) * 400, 100, 16000,
                                     Lib("mse"), argument="candidates_hz")
    checks.assert_raises_value_error(sub, "frequency_loss_landscape", 440.0, np.array([400.0]), 0, 16000,
                                     Lib("mse"), argument="n_samples")
