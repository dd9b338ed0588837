"""Feedback that blames the right function, once.

A wrong dependency never costs a correct function its points (its tests run with a trusted
dependency in place, and say so); one bug costs points in the tests of that bug only (the
zoo checks every mutant for that: tests/test_course_pipeline.py); hints match the symptom.
"""
import pathlib

import nbformat
import numpy as np
import pytest

from autograder import checks, engine, harness, notebooks, zoo

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _grade_with(assignment, mutant_source, tmp_path, name="variant"):
    solution = zoo.handed_in(assignment)
    function = mutant_source.split("def ", 1)[1].split("(", 1)[0]
    mutant = zoo.Mutant(assignment, function, name, "", [], mutant_source, None)
    path = tmp_path / name / f"{assignment}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(zoo.full_variant(solution, mutant), str(path))
    [result] = engine.grade_all([notebooks.SubmissionFile(path, assignment, name)], engine.Limits())
    return result


def _by_function(result):
    found = {}
    for test in result.tests:
        found.setdefault(test.function, []).append(test)
    return found


SINUSOID_INCLUSIVE = '''
def sinusoid(amplitude, frequency, n_samples, phase=None):
    """An inclusive running sum: the first sample is already one step in."""
    if phase is None:
        phase = torch.zeros(amplitude.shape[0], dtype=amplitude.dtype, device=amplitude.device)
    a = upsample(amplitude, n_samples)
    w = upsample(frequency, n_samples)
    return a * torch.sin(phase[:, None] + torch.cumsum(w, dim=-1))
'''


def test_a_wrong_sinusoid_does_not_cost_frequency_loss_landscape_its_points(tmp_path):
    result = _grade_with("02_oscillator", SINUSOID_INCLUSIVE, tmp_path)
    tests = _by_function(result)
    assert any(t.status != "passed" for t in tests["sinusoid"])
    for test in tests["frequency_loss_landscape"]:
        assert test.status == "passed", test.message
        assert "`sinusoid` failed its own tests" in test.message
    assert all(t.status == "passed" for f in ("hz_to_radians", "upsample", "wrapped_phase") for t in tests[f])


STFT_WITHOUT_EPS = '''
def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    """No floor under the power: sqrt(0) has an infinite derivative."""
    window = torch.hann_window(n_fft, periodic=True, dtype=x.dtype, device=x.device)
    spec = torch.stft(x, n_fft, hop_length=hop_length, window=window, center=True, pad_mode="reflect",
                      return_complex=True)
    return torch.sqrt(spec.real ** 2 + spec.imag ** 2)
'''


@pytest.mark.slow
def test_a_wrong_stft_magnitude_does_not_cost_match_harmonic_sound_its_points(tmp_path):
    result = _grade_with("04_spectral_losses", STFT_WITHOUT_EPS, tmp_path)
    tests = _by_function(result)
    assert any(t.status != "passed" for t in tests["stft_magnitude"])
    for test in tests["match_harmonic_sound"]:
        assert test.status == "passed", test.message
        assert "`stft_magnitude`" in test.message and "in its place" in test.message


def test_a_function_returning_a_numpy_array_is_told_a_tensor_is_required(tmp_path):
    source = '''
def waveform_l1(x, y):
    """Right values, but in numpy."""
    return np.mean(np.abs(x.detach().numpy() - y.detach().numpy()))
'''
    result = _grade_with("01_gain", source, tmp_path)
    tests = _by_function(result)["waveform_l1"]
    assert any("returned a numpy" in t.message and "torch.Tensor" in t.message for t in tests)
    gradient = [t for t in tests if "gradient" in t.id]
    assert gradient and all(t.status == "failed" and "not a tensor" in t.message for t in gradient)


def test_not_attempted_only_for_the_stubs_own_bare_not_implemented_error():
    stub = {"type": "NotImplementedError", "message": "",
            "traceback": 'File "/tmp/ipykernel_1/123.py", line 4, in sinusoid\n    raise NotImplementedError()'}
    library = {"type": "NotImplementedError",
               "message": "Input Error: Only 3D, 4D and 5D input Tensors supported (got 2D) for the modes: "
                          "nearest | linear | bilinear",
               "traceback": 'File "/x/site-packages/torch/nn/functional.py", line 4000, in interpolate'}
    assert "not been attempted" in str(harness.StudentError("sinusoid()", stub))
    text = str(harness.StudentError("upsample()", library))
    assert "not been attempted" not in text and "does not support" in text


def test_a_scalar_mismatch_names_no_index():
    with pytest.raises(harness.TestFailure) as failure:
        checks.assert_close(np.float64(0.5), 0.25, "waveform_l1 of two signals", rtol=1e-6, atol=0)
    assert "index" not in str(failure.value) and "got 0.5" in str(failure.value)
    with pytest.raises(harness.TestFailure) as failure:
        checks.assert_close(np.float64(np.nan), 0.25, "the loss", rtol=1e-6, atol=0)
    assert "index" not in str(failure.value) and "NaN" in str(failure.value)
