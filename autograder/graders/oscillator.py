"""Hidden tests for 02_oscillator (the sinusoidal oscillator)."""
import numpy as np

from autograder import checks, oracles
from autograder.harness import Assignment, Diff

A = Assignment("02_oscillator")


@A.test("hz_to_radians", points=1)
def test_hz_to_radians_matches_closed_form(sub):
    """hz_to_radians is 2*pi*f/sample_rate, elementwise, for tensors."""
    f = np.array([[0.0, 440.0, 8000.0], [1.0, 22050.0, 100.0]])
    out = sub.call("hz_to_radians", f, 16000)
    checks.assert_close(out.value, 2 * np.pi * f / 16000, "hz_to_radians([[0, 440, 8000], ...], 16000)",
                        rtol=1e-9, atol=1e-12, unit="rad/sample",
                        hint="One full cycle is 2*pi radians; divide by the samples per second.")
    checks.assert_dtype(out, "float64", "hz_to_radians")


@A.test("sinusoid", points=3)
def test_sinusoid_matches_numpy_reference(sub):
    """sinusoid equals amplitude * sin(exclusive phase) of the upsampled controls."""
    rng = np.random.default_rng(2)
    amp = rng.uniform(0.2, 1.0, (3, 5)).astype(np.float32)
    freq = rng.uniform(0.05, 0.6, (3, 5)).astype(np.float32)
    phase0 = rng.uniform(0, 2 * np.pi, 3).astype(np.float32)
    out = sub.call("sinusoid", amp, freq, 160, phase0)
    checks.assert_close(out.value, oracles.sinusoid(amp, freq, 160, phase0),
                        "sinusoid output for a batch of 3 different tones", rtol=0, atol=2e-4,
                        hint="The phase is the exclusive cumulative sum: the first sample is "
                             "amplitude[0] * sin(phase0); upsample with align_corners=False.")


@A.test("sinusoid", points=2)
def test_sinusoid_gradients_match_closed_form(sub):
    """Gradients w.r.t. amplitude, frequency and initial phase match the chain rule (float64)."""
    rng = np.random.default_rng(3)
    amp, freq = rng.uniform(0.2, 1, (2, 4)), rng.uniform(0.05, 0.5, (2, 4))
    phase0 = rng.uniform(0, 6, 2)
    cot = rng.normal(size=(2, 50))
    out = sub.call("sinusoid", Diff(amp), Diff(freq), 50, Diff(phase0), cotangent=cot)
    expected = oracles.sinusoid_vjp(amp, freq, 50, phase0, cot)
    checks.assert_grads_close(out, expected, ["amplitude", "frequency", "phase"], "sinusoid",
                              rtol=1e-6, atol=1e-8)
