"""Hidden tests for 09_ddsp_capstone (harmonic plus noise, and a small DDSP decoder).

Oracles (``oracles.py`` beside this file): float64 numpy written from COURSE_SPEC.md. The STFT
framing is explicit numpy indexing (centred, reflect padding, periodic Hann), the A-weighting
is its IEC 61672-1 formula, the harmonic synthesiser uses the shared interpolation matrix and
an explicit exclusive cumulative sum, the noise filters are explicit FFT convolutions with an
overlap-add loop, and the multi-resolution STFT loss is written out. Gradients are checked
against central finite differences of these oracles (float64).

The trained decoder is evaluated on notes of the synthetic instrument (``instrument.py``
beside this file) drawn with HELD_OUT_SEED, a seed the notebook never uses (it draws seeds 0
and 1). The decoder is called in the worker; everything after its returned raw controls
(synthesis, loss, loudness) is computed here with the oracles, in float64.

Identity of the instrument. The notebook's cell tagged ``instrument`` must hold exactly the
text of ``instrument.py`` (without its final newline: authoring tools strip it), so the
training notes and the grader's held-out notes come from the same code. Check::

    import json, pathlib
    nb = json.loads(pathlib.Path("source/09_ddsp_capstone/09_ddsp_capstone.ipynb").read_text())
    cell, = [c for c in nb["cells"] if "instrument" in c.get("metadata", {}).get("tags", [])]
    text = pathlib.Path("autograder/assignments/09_ddsp_capstone/instrument.py").read_text()
    assert "".join(cell["source"]) == text.rstrip("\\n")

The same holds in release/ and solutions/ (the cell is given code, not an answer cell).

Tolerances:

* loudness_db: the contract allows 0.01 dB. Float32 rounding in the STFT moves a frame's power
  by a few 1e-7 relative, i.e. about 1e-6 dB; every mistake in the bug zoo moves some frame by
  0.1 dB or more (the +1e-10 mistake by 1.2 dB on a frame at -95 dB).
* harmonic part in float32: ``autograder.oracles.oscillator_atol`` (the phase running-sum bound
  of 03_harmonic_synth, weighted by each harmonic's amplitude). Noise part in float32: an FFT
  convolution rounds each output by a few eps32 * log2(n_fft) times the sum of |h| times the
  largest |noise|: 1e-4 of that scale bounds it with room to spare, while the bugs move outputs
  by 10% of it or more.
* Gradients (float64) against central differences with eps = 1e-6: truncation (eps**2 times a
  third derivative) and rounding (1e-16 / eps of the output scale) stay below 1e-8 of the
  gradient scale, so rtol = 1e-5 with atol = 1e-6 of each gradient's largest entry is safe.
* Decoder properties compare the student's decoder with itself (float32: 1e-5 absolute plus
  1e-4 relative covers batched versus unbatched matrix products).
* Trained decoder: see LOSS_FULL_CREDIT and LOUDNESS_FULL_CREDIT below.
"""
import functools

import numpy as np

from autograder import checks
from autograder import oracles as shared
from autograder.harness import Assignment, Attr, Diff, Lib, New, Partial, Ref, StudentError

from . import instrument
from . import oracles as ref

# Training without decoder.pt takes about 30 s of one core; the limit leaves room for a busy machine.
A = Assignment("09_ddsp_capstone", cell_timeout=600, submission_files=["decoder.pt"], files_made_by=["Decoder"])

SAMPLE_RATE, HOP_LENGTH, FRAME_SIZE = 16000, 128, 1024      # the notebook's given constants
CONTROL_KEYS = ("global_amplitude", "harmonic_amplitudes", "noise_magnitudes")
HELD_OUT_SEED, N_HELD_OUT, NOISE_SEED = 2718281, 8, 31415

# Multi-resolution STFT loss of the resynthesised held-out notes (measured on these 8 notes, float64):
# the untrained reference Decoder (torch.manual_seed(0), as in the notebook) scores 8.77 (other
# initialisations 9.2 to 10.4); two renditions of the same notes by the instrument itself (other
# phase, other breath noise) differ by 1.01; the instrument played 3 dB too quiet scores 1.15, 6 dB
# too quiet 1.46. The reference solution, trained for the notebook's 200 steps, scores 1.136 to 1.170
# over training seeds 0 to 3, and two other correct architectures (the Decoder alternatives) 1.141 and
# 1.160; stopped after 150 steps it scores 1.26 to 1.45, and a decoder trained without looking at
# its loudness input 2.15. Full credit at or below 1.30 (0.13 above the worst reference run, about
# 3 dB of level error), nothing at or above the untrained decoder's loss, linear in between.
LOSS_UNTRAINED, LOSS_FULL_CREDIT, LOSS_FLOOR = 8.77, 1.30, 1.01
# RMS difference (dB) between the loudness contours of the resynthesis and of the notes, over frames
# within 40 dB of each note's peak: the reference runs above give 1.6 to 2.3 dB, the 150-step runs
# 4.2 and 7.0 dB, the decoder trained without loudness 11.3 dB, an untrained one 28 to 31 dB. Full
# credit at or below 3 dB, nothing at or above 12 dB, linear in between.
LOUDNESS_FULL_CREDIT, LOUDNESS_ZERO_CREDIT = 3.0, 12.0


def _float32(*arrays):
    return [np.asarray(a, np.float32) for a in arrays]


# ---------------------------------------------------------------------------
# loudness_db.
LOUDNESS_HINT = ("Frame x like stft_magnitude (centred, reflect padding, periodic Hann of frame_size samples), "
                 "weight the power re**2 + im**2 of bin k by (R_A(f_k) / R_A(1000))**2 at "
                 "f_k = k * sample_rate / frame_size, average over all frame_size // 2 + 1 bins, then "
                 "10 * log10(clamp(p, min=1e-10)).")


def _loudness_signals(rng, n_samples, sample_rate, dtype=np.float64):
    """Two different sounds: a chirp with noise, and two tones under a rising envelope."""
    t = np.arange(n_samples) / sample_rate
    sweep = 0.3 * np.sin(2 * np.pi * (50 * t + (6000 - 50) * t ** 2 / (2 * t[-1]))) + 0.02 * rng.normal(size=n_samples)
    ramp = np.linspace(0.05, 0.8, n_samples)
    tones = ramp * (np.sin(2 * np.pi * 150 * t) + 0.3 * np.sin(2 * np.pi * 3000 * t + 1.0))
    return np.stack([sweep, tones]).astype(dtype)


def _check_loudness(sub, x, sample_rate, what, *args):
    out = sub.call("loudness_db", x, sample_rate, *args)
    expected = ref.loudness_db(x, sample_rate, *args)
    checks.assert_close(out.value, expected, what, rtol=0, atol=0.01, unit="dB", hint=LOUDNESS_HINT)
    return out


@A.test("loudness_db", points=3)
def test_loudness_db_matches_numpy_a_weighted_power(sub):
    """A chirp with noise and two tones (float64, 22.05 kHz, frame_size 512, hop 100) match numpy within 0.01 dB."""
    x = _loudness_signals(np.random.default_rng(900), 3000, 22050)
    _check_loudness(sub, x, 22050, "loudness_db of a chirp and of two tones (frame_size=512, hop_length=100)",
                    512, 100)


@A.test("loudness_db", points=2)
def test_loudness_db_of_test_tones_follows_the_a_weighting(sub):
    """Tones at 100 Hz, 1 kHz and 4 kHz, amplitudes 0.5 and 0.05 (float32, default frames) match numpy within 0.01 dB."""  # noqa: E501
    t = np.arange(8000) / 16000
    x = np.stack([a * np.sin(2 * np.pi * f * t) for f in (100.0, 1000.0, 4000.0) for a in (0.5, 0.05)])
    out = sub.call("loudness_db", x.astype(np.float32), 16000)
    expected = ref.loudness_db(x.astype(np.float32), 16000)
    got = checks.as_array(out.value, "loudness_db of six test tones", expected.shape,
                          hint="With the defaults (frame_size=1024, hop_length=256), 8000 samples give "
                               "1 + 8000 // 256 = 32 centred frames.")
    if np.all(np.isfinite(got)):
        # A teaching hint: the level of the 100 Hz and 4 kHz tones relative to the 1 kHz tone.
        middle = got.shape[-1] // 2
        rel = [float(got[i, middle] - got[2, middle]) for i in (0, 4)]
        exp = [float(expected[i, middle] - expected[2, middle]) for i in (0, 4)]
        hint = (f"Relative to the 1 kHz tone, your 100 Hz tone is at {rel[0]:+.2f} dB and your 4 kHz tone at "
                f"{rel[1]:+.2f} dB; the A-weighting puts them at {exp[0]:+.2f} dB and {exp[1]:+.2f} dB. "
                + LOUDNESS_HINT)
    else:
        hint = LOUDNESS_HINT
    checks.assert_close(got, expected, "loudness_db of tones at 100 Hz, 1 kHz and 4 kHz (amplitudes 0.5, 0.05)",
                        rtol=0, atol=0.01, unit="dB", hint=hint)


@A.test("loudness_db", points=1)
def test_loudness_db_of_silence_is_minus_100_db_with_zero_gradient(sub):
    """Silence, and a tone after silence: silent frames are -100 dB, the gradient is finite and 0 in silence."""
    n = 2048
    x = np.zeros((2, n))
    x[1, n // 2:] = 0.5 * np.sin(2 * np.pi * 440 * np.arange(n // 2) / 16000)
    cotangent = np.ones((2, 1 + n // 256))
    out = sub.call("loudness_db", Diff(x), 16000, cotangent=cotangent)
    checks.assert_close(out.value, ref.loudness_db(x, 16000), "loudness_db of silence and of a tone after silence",
                        rtol=0, atol=0.01, unit="dB",
                        hint="Silent frames have p = 0: clamp p at 1e-10 before the log, so they are exactly -100 dB.")
    grads = out.grads if isinstance(out.grads, list) else []
    if not grads or grads[0] is None:
        checks.fail("no gradient reaches `x` through loudness_db.",
                    "Keep every step in torch (no .numpy(), no .item()) so that the loudness stays differentiable.")
    grad = checks.as_array(grads[0], "the gradient of loudness_db with respect to x", x.shape)
    if not np.all(np.isfinite(grad)):
        checks.fail("the gradient of loudness_db contains NaN or inf for a signal with silent parts.",
                    "Use the power re**2 + im**2 directly; the square root of a magnitude has an infinite "
                    "derivative at 0, and log of 0 is -inf.")
    if np.any(grad[0] != 0):
        checks.fail(f"in complete silence the gradient should be exactly 0, but its largest entry is "
                    f"{float(np.abs(grad[0]).max()):.3g}.", "Below 1e-10 the clamp is flat: its derivative is 0.")


@A.test("loudness_db", points=1)
def test_loudness_db_clamps_quiet_frames_at_1e_minus_10(sub):
    """A tone fading from -95 dB into the floor: the power is clamped at 1e-10, not offset by it (float64)."""
    n = 4096
    t = np.arange(n) / 16000
    # A 1 kHz tone of amplitude A has a mean weighted power of about 192 A**2 per frame (defaults):
    # 1.25e-6 gives 3e-10 (-95.2 dB), then the amplitude falls 30 dB into the floor.
    x = (1.25e-6 * np.sin(2 * np.pi * 1000 * t) * np.geomspace(1.0, 10 ** (-30 / 20), n))[None]
    out = sub.call("loudness_db", x, 16000)
    checks.assert_close(out.value, ref.loudness_db(x, 16000), "loudness_db of a tone fading from -95 dB to silence",
                        rtol=0, atol=0.01, unit="dB",
                        hint="10 log10(clamp(p, min=1e-10)) is not 10 log10(p + 1e-10): the two differ by 1.2 dB "
                             "at p = 3e-10.")


@A.test("loudness_db", points=2)
def test_loudness_db_gradient_matches_finite_differences(sub):
    """The gradient w.r.t. x matches central differences of the numpy reference (float64, frame_size 32, hop 8)."""
    rng = np.random.default_rng(901)
    x = 0.1 * rng.normal(size=(2, 96))
    x[1] *= np.linspace(0.2, 2.0, 96)
    args = (8000, 32, 8)
    cotangent = rng.normal(size=(2, 1 + 96 // 8))
    out = sub.call("loudness_db", Diff(x), *args, cotangent=cotangent)
    (expected,) = checks.finite_difference_vjp(lambda v: ref.loudness_db(v, *args), [x], cotangent, [0])
    checks.assert_grads_close(out, [expected], ["x"], "loudness_db", rtol=1e-5, atol=1e-6 * np.abs(expected).max(),
                              hint="d/dx of 10 log10(p) is 10 / (p ln 10) dp/dx; a detached weight, a wrong "
                                   "window or an in-place operation changes it.")


@A.test("loudness_db", points=1)
def test_loudness_db_keeps_float64(sub):
    """float64 in, float64 out."""
    x = _loudness_signals(np.random.default_rng(902), 2000, 16000)
    checks.assert_dtype(sub.call("loudness_db", x, 16000), "float64", "loudness_db")


@A.test("loudness_db", points=1)
def test_loudness_db_does_not_modify_x(sub):
    """loudness_db leaves x unchanged."""
    x = _loudness_signals(np.random.default_rng(903), 2000, 16000, np.float32)
    checks.assert_not_mutated(sub.call("loudness_db", x, 16000, return_inputs=True), ["x"], "loudness_db")


@A.test("loudness_db", points=1)
def test_loudness_db_handles_a_batch_of_one(sub):
    """A batch of one gives the same frames as that item inside a batch of two."""
    x = _loudness_signals(np.random.default_rng(904), 2000, 16000, np.float32)
    both = checks.as_array(sub.call("loudness_db", x, 16000).value, "loudness_db of a batch of two")
    one = sub.call("loudness_db", x[1:], 16000)
    checks.assert_close(one.value, both[1:], "loudness_db of a batch of one (compared with the same sound in a batch "
                        "of two)", rtol=0, atol=1e-4, unit="dB",
                        hint="Average over the frequency bins (dimension 1 of the STFT), never over the batch.")


@A.test("loudness_db", points=1)
def test_loudness_db_rejects_bad_arguments(sub):
    """ValueError naming the argument: 1-D x, x of frame_size // 2 samples or fewer, sample_rate <= 0."""
    checks.assert_accepts(sub, "loudness_db", np.zeros((1, 513), np.float32), 16000)   # 513 > 1024 // 2: valid
    checks.assert_raises_value_error(sub, "loudness_db", np.zeros(2048, np.float32), 16000, argument="x")
    checks.assert_raises_value_error(sub, "loudness_db", np.zeros((2, 512), np.float32), 16000, argument="x")
    checks.assert_raises_value_error(sub, "loudness_db", np.zeros((1, 600), np.float32), 16000, 1200, 100,
                                     argument="x")
    checks.assert_raises_value_error(sub, "loudness_db", np.zeros((1, 2048), np.float32), 0, argument="sample_rate")


# ---------------------------------------------------------------------------
# harmonic_plus_noise.
HPN_HINT = ("harmonic_synth(hz_to_radians(f0_hz, sample_rate), global_amplitude, harmonic_amplitudes, n_samples) "
            "+ filtered_noise(scale_function(noise_magnitudes), noise), with n_samples = noise.shape[-1] and "
            "the sample_rate argument (not a global constant).")


def _hpn_inputs(rng, batch, n_frames, n_harmonics, n_bands, hop, sample_rate, f0_range=(180.0, 900.0),
                dtype=np.float32):
    """Differing items; no harmonic within 0.01 rad of Nyquist, so the mask is unambiguous."""
    while True:
        base = rng.uniform(*f0_range, size=(batch, 1))
        f0_hz = base * (1 + 0.03 * np.sin(np.linspace(0, 3, n_frames)))[None] + rng.uniform(-5, 5, (batch, n_frames))
        omega = 2 * np.pi * f0_hz[:, None, :] * np.arange(1, n_harmonics + 1)[None, :, None] / sample_rate
        if np.all(np.abs(omega - np.pi) > 1e-2):
            break
    arrays = [f0_hz, rng.uniform(-3, 2, (batch, n_frames)), rng.uniform(-4, 3, (batch, n_harmonics, n_frames)),
              rng.uniform(-5, 2, (batch, n_bands, n_frames)), rng.uniform(-1, 1, (batch, n_frames * hop))]
    return [a.astype(dtype) for a in arrays]


def _harmonic_atol(f0_hz, global_amplitude, harmonic_amplitudes, n_samples, sample_rate):
    f0 = 2 * np.pi * np.asarray(f0_hz, np.float64) / sample_rate
    n_harmonics = harmonic_amplitudes.shape[1]
    omega = f0[:, None, :] * np.arange(1, n_harmonics + 1)[None, :, None]
    amplitude = ref.scale(global_amplitude)[:, None, :] * np.ones_like(omega)   # each harmonic at most the global
    return shared.oscillator_atol(amplitude, omega, n_samples)


def _noise_atol(noise_magnitudes, noise):
    responses = ref.fir_window_design(np.swapaxes(ref.scale(noise_magnitudes), 1, 2))
    return 1e-4 * float(np.abs(responses).sum(axis=-1).max() * np.abs(noise).max())


@A.test("harmonic_plus_noise", points=2)
def test_harmonic_plus_noise_harmonic_half_matches_numpy(sub):
    """With zero noise, the output is 03's harmonic synthesiser at f0 in radians (8 kHz, some harmonics above Nyquist)."""  # noqa: E501
    rng = np.random.default_rng(910)
    f0, ga, ha, nm, _ = _hpn_inputs(rng, 2, 5, 6, 4, 40, 8000, f0_range=(250.0, 800.0))
    silent = np.zeros((2, 200), np.float32)
    out = sub.call("harmonic_plus_noise", f0, ga, ha, nm, silent, 8000)
    expected = ref.harmonic(f0, ga, ha, 200, 8000)
    checks.assert_close(out.value, expected, "harmonic_plus_noise with zero noise (two different notes at 8 kHz)",
                        rtol=0, atol=_harmonic_atol(f0, ga, ha, 200, 8000),
                        hint="The harmonic part is harmonic_synth(hz_to_radians(f0_hz, sample_rate), global_amplitude, "
                             "harmonic_amplitudes, n_samples) with the raw amplitudes: harmonic_synth scales them "
                             "itself, and the sample rate is the argument's.")


@A.test("harmonic_plus_noise", points=2)
def test_harmonic_plus_noise_noise_half_matches_numpy(sub):
    """With f0 above Nyquist, the output is filtered_noise(scale_function(noise_magnitudes), noise) (5 bands, 6 frames)."""  # noqa: E501
    rng = np.random.default_rng(911)
    _, ga, ha, nm, noise = _hpn_inputs(rng, 2, 6, 4, 5, 16, 8000)
    f0 = np.full((2, 6), 5000.0, np.float32)                     # above 4 kHz: every harmonic is removed
    out = sub.call("harmonic_plus_noise", f0, ga, ha, nm, noise, 8000)
    checks.assert_close(out.value, ref.noise(nm, noise), "harmonic_plus_noise with every harmonic above Nyquist",
                        rtol=0, atol=_noise_atol(nm, noise),
                        hint="The noise part is filtered_noise(scale_function(noise_magnitudes), noise): the raw "
                             "magnitudes go through scale_function, keep the (batch, n_bands, n_frames) layout "
                             "(filtered_noise transposes itself), and the noise is the argument.")


@A.test("harmonic_plus_noise", points=1)
def test_harmonic_plus_noise_adds_both_halves(sub):
    """Three different notes at 16 kHz, 50 samples per frame: the sum of both halves."""
    rng = np.random.default_rng(912)
    f0, ga, ha, nm, noise = _hpn_inputs(rng, 3, 4, 5, 3, 50, 16000)
    out = sub.call("harmonic_plus_noise", f0, ga, ha, nm, noise, 16000)
    expected = ref.harmonic_plus_noise(f0, ga, ha, nm, noise, 16000)
    checks.assert_close(out.value, expected, "harmonic_plus_noise of three different notes",
                        rtol=0, atol=_harmonic_atol(f0, ga, ha, 200, 16000) + _noise_atol(nm, noise), hint=HPN_HINT)


@A.test("harmonic_plus_noise", points=2)
def test_harmonic_plus_noise_gradients_match_finite_differences(sub):
    """Gradients w.r.t. f0_hz, both amplitudes, the noise magnitudes and the noise match central differences (float64)."""  # noqa: E501
    rng = np.random.default_rng(913)
    inputs = _hpn_inputs(rng, 2, 3, 3, 3, 8, 8000, f0_range=(300.0, 1500.0), dtype=np.float64)
    cotangent = rng.normal(size=(2, 24))
    out = sub.call("harmonic_plus_noise", *[Diff(a) for a in inputs], 8000, cotangent=cotangent)
    expected = checks.finite_difference_vjp(lambda *a: ref.harmonic_plus_noise(*a, 8000), inputs, cotangent,
                                            range(5))
    names = ["f0_hz", "global_amplitude", "harmonic_amplitudes", "noise_magnitudes", "noise"]
    for i, (name, exp) in enumerate(zip(names, expected)):
        single = type(out)(value=out.value, meta=out.meta, grads=[(out.grads or [None] * 5)[i]])
        checks.assert_grads_close(single, [exp], [name], "harmonic_plus_noise", rtol=1e-5,
                                  atol=1e-6 * max(np.abs(exp).max(), 1e-3),
                                  hint="Every input reaches the output through torch operations only: no "
                                       ".detach(), .item() or numpy, no tensor rebuilt from values.")


@A.test("harmonic_plus_noise", points=1)
def test_harmonic_plus_noise_is_finite_when_every_harmonic_is_above_nyquist(sub):
    """With f0 above Nyquist the harmonic part is silent: gradients finite, and 0 for both harmonic amplitudes."""
    rng = np.random.default_rng(914)
    _, ga, ha, nm, noise = _hpn_inputs(rng, 2, 4, 3, 3, 8, 8000, dtype=np.float64)
    f0 = np.full((2, 4), 4500.0)
    out = sub.call("harmonic_plus_noise", f0, Diff(ga), Diff(ha), Diff(nm), noise, 8000,
                   cotangent=rng.normal(size=(2, 32)))
    values = checks.as_array(out.value, "harmonic_plus_noise with every harmonic above Nyquist", (2, 32))
    grads = out.grads if isinstance(out.grads, list) else []
    for name, grad in zip(["global_amplitude", "harmonic_amplitudes", "noise_magnitudes"], grads + [None] * 3):
        if grad is not None and not np.all(np.isfinite(grad)):
            checks.fail(f"the gradient with respect to `{name}` contains NaN or inf when every harmonic is above "
                        "Nyquist.", "A frame whose harmonics are all removed has a total of 0: never divide by it.")
    if not np.all(np.isfinite(values)):
        checks.fail("harmonic_plus_noise returned NaN or inf when every harmonic is above Nyquist.",
                    "A frame whose harmonics are all removed has a total of 0: never divide by it.")
    for name, grad in zip(["global_amplitude", "harmonic_amplitudes"], grads[:2]):
        if grad is not None and np.any(np.asarray(grad) != 0):
            checks.fail(f"the harmonic part is silent, yet the gradient with respect to `{name}` is not 0.",
                        "Harmonics at or above Nyquist are removed (their amplitude is 0) before the synthesis.")


@A.test("harmonic_plus_noise", points=1)
def test_harmonic_plus_noise_keeps_float64(sub):
    """float64 in, float64 out."""
    inputs = _hpn_inputs(np.random.default_rng(915), 2, 4, 3, 3, 8, 8000, dtype=np.float64)
    checks.assert_dtype(sub.call("harmonic_plus_noise", *inputs, 8000), "float64", "harmonic_plus_noise")


@A.test("harmonic_plus_noise", points=1)
def test_harmonic_plus_noise_does_not_modify_inputs(sub):
    """harmonic_plus_noise leaves its five tensor arguments unchanged."""
    inputs = _hpn_inputs(np.random.default_rng(916), 2, 4, 3, 3, 8, 8000)
    out = sub.call("harmonic_plus_noise", *inputs, 8000, return_inputs=True)
    checks.assert_not_mutated(out, ["f0_hz", "global_amplitude", "harmonic_amplitudes", "noise_magnitudes", "noise"],
                              "harmonic_plus_noise")


@A.test("harmonic_plus_noise", points=1)
def test_harmonic_plus_noise_handles_a_batch_of_one(sub):
    """A batch of one gives the same audio as that item inside a batch of two."""
    inputs = _hpn_inputs(np.random.default_rng(917), 2, 4, 5, 3, 20, 16000)
    both = checks.as_array(sub.call("harmonic_plus_noise", *inputs, 16000).value,
                           "harmonic_plus_noise of a batch of two")
    one = sub.call("harmonic_plus_noise", *[a[1:] for a in inputs], 16000)
    checks.assert_close(one.value, both[1:], "harmonic_plus_noise of a batch of one (compared with the same note in a "
                        "batch of two)", rtol=1e-4, atol=1e-5,
                        hint="Keep the batch dimension first everywhere; never sum or mix over it.")


@A.test("harmonic_plus_noise", points=1)
def test_harmonic_plus_noise_rejects_bad_arguments(sub):
    """ValueError naming the argument: each tensor of the wrong shape, n_bands < 2, a bad noise length, sample_rate <= 0."""  # noqa: E501
    f0, ga, ha, nm, noise = _hpn_inputs(np.random.default_rng(918), 2, 5, 4, 3, 8, 8000)
    checks.assert_accepts(sub, "harmonic_plus_noise", f0, ga, ha, nm, noise, 8000)
    bad = [("f0_hz", (f0[0], ga, ha, nm, noise, 8000)),
           ("global_amplitude", (f0, ga[:, :4], ha, nm, noise, 8000)),
           ("harmonic_amplitudes", (f0, ga, ha[:, :, :4], nm, noise, 8000)),
           ("noise_magnitudes", (f0, ga, ha, nm[:, :, :4], noise, 8000)),
           ("noise_magnitudes", (f0, ga, ha, nm[:, :1], noise, 8000)),
           ("noise", (f0, ga, ha, nm, noise[:1], 8000)),
           ("noise", (f0, ga, ha, nm, noise[:, :38], 8000)),
           ("sample_rate", (f0, ga, ha, nm, noise, 0))]
    for argument, args in bad:
        checks.assert_raises_value_error(sub, "harmonic_plus_noise", *args, argument=argument)


# ---------------------------------------------------------------------------
# Decoder (fresh instances: every call in the worker starts from the same random state, so
# New("Decoder") builds the same weights in every call).
def _decoder_inputs(rng, batch, n_frames):
    t = np.arange(n_frames) / 125.0
    f0 = rng.uniform(200, 600, (batch, 1)) * (1 + 0.02 * np.sin(2 * np.pi * 5 * t))[None]
    loudness = rng.uniform(-40, 0, (batch, 1)) + 10 * np.sin(np.pi * t / t[-1])[None] - 5
    return _float32(f0, loudness)


def _controls(sub, target, f0, loudness, what, **kwargs):
    """Call a decoder; validate the dict, the shapes (time last) and finiteness; return (controls, result)."""
    out = sub.call(target, f0, loudness, **kwargs)
    found = checks.as_dict(out.value, what, CONTROL_KEYS)
    batch, n_frames = f0.shape
    ga = checks.as_array(found["global_amplitude"], f"{what}['global_amplitude']", (batch, n_frames),
                         hint="One raw value per item and frame: (batch, n_frames).")
    arrays = {"global_amplitude": ga}
    for key, least in (("harmonic_amplitudes", 1), ("noise_magnitudes", 2)):
        value = checks.as_array(found[key], f"{what}[{key!r}]")
        if value.ndim != 3 or value.shape[0] != batch or value.shape[2] != n_frames or value.shape[1] < least:
            checks.fail(f"{what}[{key!r}] has shape {tuple(value.shape)}; expected (batch, channels, n_frames) = "
                        f"({batch}, channels, {n_frames}) with at least {least} channel(s).",
                        "torch layers work on (batch, n_frames, features): transpose the output to put time last.")
        arrays[key] = value
    for key, value in arrays.items():
        if not np.all(np.isfinite(value)):
            checks.fail(f"{what}[{key!r}] contains NaN or inf.", "Clamp f0 before its logarithm.")
    return arrays, out


@A.test("Decoder", points=2)
def test_Decoder_returns_the_three_controls_with_documented_shapes(sub):
    """Decoder()(f0_hz, loudness) is a dict of raw controls (batch, n_frames), (batch, K, n_frames), (batch, B, n_frames)."""  # noqa: E501
    checks.require_kind(sub, "Decoder", "class")
    rng = np.random.default_rng(920)
    first, _ = _controls(sub, New("Decoder"), *_decoder_inputs(rng, 3, 37),
                         "Decoder()(f0_hz, loudness) for 3 notes of 37 frames")
    second, _ = _controls(sub, New("Decoder"), *_decoder_inputs(rng, 1, 6),
                          "Decoder()(f0_hz, loudness) for 1 note of 6 frames")
    for key in CONTROL_KEYS[1:]:
        if first[key].shape[1] != second[key].shape[1]:
            checks.fail(f"{key} has {first[key].shape[1]} channels for 3 notes of 37 frames but {second[key].shape[1]} "
                        "for 1 note of 6 frames.", "The number of harmonics and bands is fixed by the constructor.")


@A.test("Decoder", points=1)
def test_Decoder_has_fewer_than_50000_parameters(sub):
    """A Decoder built with the default arguments has between 1 and 49,999 parameters."""
    checks.require_kind(sub, "Decoder", "class")
    module = sub.call(Attr(New("Decoder"), "train")).value
    if not (isinstance(module, dict) and isinstance(module.get("parameters"), dict)):
        checks.fail("Decoder() is not a torch.nn.Module.", "class Decoder(torch.nn.Module), with super().__init__().")
    count = sum(int(np.asarray(p).size) for p in module["parameters"].values())
    if not 0 < count < 50000:
        checks.fail(f"Decoder() has {count} parameters; the budget is at least 1 and fewer than 50,000.",
                    "DDSP's decoder scaled down: hidden size about 48, one GRU layer." if count
                    else "Register the layers as attributes in __init__ (self.gru = torch.nn.GRU(...)).")


@A.test("Decoder", points=1)
def test_Decoder_treats_batch_items_independently(sub):
    """Each note of a batch of three gives the controls it gives alone (a batch of one)."""
    checks.require_kind(sub, "Decoder", "class")
    f0, loudness = _decoder_inputs(np.random.default_rng(921), 3, 20)
    batch, _ = _controls(sub, New("Decoder"), f0, loudness, "Decoder()(f0_hz, loudness) for 3 notes")
    alone, _ = _controls(sub, New("Decoder"), f0[1:2], loudness[1:2], "Decoder()(f0_hz, loudness) for 1 note")
    for key in CONTROL_KEYS:
        checks.assert_close(alone[key], batch[key][1:2], f"{key} of a note alone (compared with the same note as "
                            "item 1 of a batch of three)", rtol=1e-4, atol=1e-5,
                            hint="torch.nn.GRU expects (n_frames, batch, features) unless batch_first=True; "
                                 "and BatchNorm mixes the items of a batch.")


def _changes(before, after):
    return {key: float(np.abs(after[key] - before[key]).max()) for key in CONTROL_KEYS}


@A.test("Decoder", points=1)
def test_Decoder_controls_follow_loudness(sub):
    """Raising the loudness by 12 dB over a few frames changes all three controls."""
    checks.require_kind(sub, "Decoder", "class")
    f0, loudness = _decoder_inputs(np.random.default_rng(922), 2, 30)
    louder = loudness.copy()
    louder[:, 10:20] += 12.0
    before, _ = _controls(sub, New("Decoder"), f0, loudness, "Decoder()(f0_hz, loudness)")
    after, _ = _controls(sub, New("Decoder"), f0, louder, "Decoder()(f0_hz, louder)")
    still = [key for key, change in _changes(before, after).items() if change <= 1e-5]
    if still:
        checks.fail(f"raising the loudness by 12 dB over frames 10 to 19 leaves {', '.join(still)} unchanged "
                    "(to 1e-5).", "The loudness is one of the decoder's two inputs: embed it and let every "
                                  "control depend on it.")


@A.test("Decoder", points=1)
def test_Decoder_controls_follow_f0(sub):
    """Raising f0 by a fifth over a few frames changes all three controls."""
    checks.require_kind(sub, "Decoder", "class")
    f0, loudness = _decoder_inputs(np.random.default_rng(923), 2, 30)
    higher = f0.copy()
    higher[:, 10:20] *= 1.5
    before, _ = _controls(sub, New("Decoder"), f0, loudness, "Decoder()(f0_hz, loudness)")
    after, _ = _controls(sub, New("Decoder"), higher, loudness, "Decoder()(higher f0_hz, loudness)")
    still = [key for key, change in _changes(before, after).items() if change <= 1e-5]
    if still:
        checks.fail(f"raising f0 by a fifth over frames 10 to 19 leaves {', '.join(still)} unchanged (to 1e-5).",
                    "f0 is one of the decoder's two inputs: embed it and let every control depend on it.")


@A.test("Decoder", points=1)
def test_Decoder_gradients_reach_every_parameter(sub):
    """A loss on the three controls has a finite gradient for every parameter and for both inputs."""
    checks.require_kind(sub, "Decoder", "class")
    rng = np.random.default_rng(924)
    f0, loudness = _decoder_inputs(rng, 2, 12)
    wrapped = {"__new__": Lib("controls_as_one_tensor"), "args": [New("Decoder")], "kwargs": {}}
    probe = sub.call(wrapped, f0, loudness)
    stacked = checks.as_array(probe.value, "the three controls stacked along the channel dimension")
    if stacked.ndim != 3:
        checks.fail(f"the stacked controls have shape {tuple(stacked.shape)}.", "Return the documented shapes.")
    out = sub.call(wrapped, Diff(f0), Diff(loudness), cotangent=rng.normal(size=stacked.shape), param_grads=True)
    grads = out.grads if isinstance(out.grads, list) else []
    for name, grad in zip(["f0_hz", "loudness"], grads + [None, None]):
        if grad is None:
            checks.fail(f"no gradient reaches the input `{name}`.", "Compute the normalised inputs with torch "
                        "operations (no numpy, no .item(), no torch.no_grad()).")
        if not np.all(np.isfinite(grad)):
            checks.fail(f"the gradient with respect to `{name}` contains NaN or inf.", "Clamp f0 before log2.")
    params = out.param_grads if isinstance(out.param_grads, dict) else {}
    if not params:
        checks.fail("the Decoder has no parameters.", "Register its layers as attributes in __init__.")
    missing = [name.removeprefix("decoder.") for name, grad in params.items() if grad is None]
    if missing:
        checks.fail(f"{len(missing)} parameter(s) get no gradient from the controls, e.g. `{missing[0]}`.",
                    "Every layer must take part in the output: look for a layer that is built but not called, "
                    "a torch.no_grad() block or a .detach() in forward.")
    bad = [name.removeprefix("decoder.") for name, grad in params.items() if not np.all(np.isfinite(grad))]
    if bad:
        checks.fail(f"the gradient of parameter `{bad[0]}` contains NaN or inf.", "Clamp f0 before log2.")


@A.test("Decoder", points=1)
def test_Decoder_does_not_modify_inputs(sub):
    """The decoder leaves f0_hz and loudness unchanged (normalise into new tensors)."""
    checks.require_kind(sub, "Decoder", "class")
    f0, loudness = _decoder_inputs(np.random.default_rng(925), 2, 12)
    _, out = _controls(sub, New("Decoder"), f0, loudness, "Decoder()(f0_hz, loudness)", return_inputs=True)
    checks.assert_not_mutated(out, ["f0_hz", "loudness"], "Decoder.forward")


# ---------------------------------------------------------------------------
# The trained decoder on held-out notes.
@functools.lru_cache(maxsize=1)
def held_out_notes():
    """(f0_hz, audio, excitation): N_HELD_OUT one-second notes and the uniform noise used to resynthesise them."""
    f0_hz, audio = instrument.make_notes(HELD_OUT_SEED, N_HELD_OUT, 1.0, SAMPLE_RATE, HOP_LENGTH)
    excitation = np.random.default_rng(NOISE_SEED).uniform(-1.0, 1.0, audio.shape)
    return f0_hz, audio, excitation


def _features(sub, audio):
    """The decoder's loudness input as the notebook computes it, with the student's own loudness_db.

    The decoder was trained on what that function measures, so it is judged on the same: a bug in
    loudness_db costs points in loudness_db's tests only. When the function cannot be used (it raises,
    or returns the wrong shape or non-finite values), the reference loudness is used and the feedback says so.
    """
    n_frames = audio.shape[-1] // HOP_LENGTH
    result = sub.call("loudness_db", audio.astype(np.float32), SAMPLE_RATE, FRAME_SIZE, HOP_LENGTH, expect_error=True)
    value = result.value
    if (result.error is None and isinstance(value, np.ndarray) and value.shape == (audio.shape[0], n_frames + 1)
            and np.issubdtype(value.dtype, np.floating) and np.all(np.isfinite(value))):
        return value[:, :n_frames].astype(np.float32), ""
    reference = ref.loudness_db(audio.astype(np.float32), SAMPLE_RATE, FRAME_SIZE, HOP_LENGTH)[:, :n_frames]
    return reference.astype(np.float32), " (Your loudness_db could not be used on these notes, so their loudness " \
                                          "was measured with the reference.)"


def _trained_decoder_audio(sub):
    """Resynthesis of the held-out notes from the trained decoder's raw controls (float64, trusted side)."""
    if sub.kind("decoder") == "missing":
        checks.fail("`decoder` is not defined: the cell that trains or loads it did not run to the end.",
                    "Run the notebook from the top; the training cell defines `decoder`.")
    module = sub.call(Attr(Ref("decoder"), "eval"), expect_error=True)
    if module.error is not None or not (isinstance(module.value, dict) and "__module__" in module.value):
        if module.error is not None and module.error.get("type") == "NotImplementedError":
            raise StudentError("decoder.eval", module.error)
        checks.fail("`decoder` should be the trained Decoder (a torch.nn.Module) left by the training cell.",
                    "Keep the name `decoder` for the trained model.")
    f0_hz, audio, excitation = held_out_notes()
    loudness, note = _features(sub, audio)
    controls, _ = _controls(sub, "decoder", f0_hz.astype(np.float32), loudness,
                            f"decoder(f0_hz, loudness) on {N_HELD_OUT} held-out notes")
    resynthesis = ref.harmonic_plus_noise(f0_hz, controls["global_amplitude"], controls["harmonic_amplitudes"],
                                          controls["noise_magnitudes"], excitation, SAMPLE_RATE)
    return audio, resynthesis, note


def _provenance(sub):
    if "decoder.pt" in sub.provided_files:
        return " decoder.pt came with the submission, and the notebook loaded it."
    return (" No decoder.pt came with the submission, so the notebook trained the decoder during grading; "
            "submit decoder.pt beside the notebook next time.")


def _fraction(value, zero, full):
    """Linear credit between ``zero`` (nothing) and ``full`` (everything), rounded to 0.01 so that
    grading is repeatable across machines and thread counts."""
    return round(min(max((zero - value) / (zero - full), 0.0), 1.0), 2)


@A.test("decoder", points=6)
def test_decoder_resynthesises_held_out_notes(sub):
    """Multi-resolution STFT loss of the trained decoder on 8 held-out notes: full credit at or below 1.30."""
    audio, resynthesis, note = _trained_decoder_audio(sub)
    loss = float(ref.multi_resolution_stft_loss(resynthesis, audio))
    if not np.isfinite(loss):
        checks.fail("the resynthesis of the held-out notes is not finite.", "Check the decoder's outputs.")
    fraction = _fraction(loss, LOSS_UNTRAINED, LOSS_FULL_CREDIT)
    message = (f"On {N_HELD_OUT} held-out notes of the instrument, the multi-resolution STFT loss between the notes "
               f"and their resynthesis from your decoder's controls is {loss:.3f}: full credit at or below "
               f"{LOSS_FULL_CREDIT:.2f}, none at or above {LOSS_UNTRAINED:.2f} (an untrained decoder); two renditions "
               f"of the same notes by the instrument itself differ by about {LOSS_FLOOR:.2f}.{note}{_provenance(sub)}")
    if fraction < 1:
        message += (" Hint: check the loss curve (does it still fall at the end?), that the decoder is trained on "
                    "note_loudness of the training notes, and that decoder.pt belongs to your current Decoder.")
    return Partial(fraction, message)


@A.test("decoder", points=2)
def test_decoder_follows_the_loudness_of_held_out_notes(sub):
    """The resynthesis follows the loudness contour of 8 held-out notes: RMS error at most 3 dB for full credit."""
    audio, resynthesis, note = _trained_decoder_audio(sub)
    target = ref.loudness_db(audio, SAMPLE_RATE, FRAME_SIZE, HOP_LENGTH)
    got = ref.loudness_db(resynthesis, SAMPLE_RATE, FRAME_SIZE, HOP_LENGTH)
    considered = target > target.max(axis=1, keepdims=True) - 40.0
    error = float(np.sqrt(np.mean((got - target)[considered] ** 2)))
    fraction = _fraction(error, LOUDNESS_ZERO_CREDIT, LOUDNESS_FULL_CREDIT)
    message = (f"Over the frames within 40 dB of each held-out note's peak, the loudness of your decoder's "
               f"resynthesis differs from the note's by {error:.1f} dB RMS: full credit at or below "
               f"{LOUDNESS_FULL_CREDIT:g} dB, none at or above {LOUDNESS_ZERO_CREDIT:g} dB.{note}{_provenance(sub)}")
    if fraction < 1:
        message += (" Hint: the global amplitude must rise and fall with the loudness input; a decoder that ignores "
                    "its loudness input can only guess an average level.")
    return Partial(fraction, message)
