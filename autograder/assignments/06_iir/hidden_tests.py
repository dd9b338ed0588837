"""Hidden tests for 06_iir (IIR filters and custom gradients).

Oracles (``oracles.py`` beside this file), all float64 and written from COURSE_SPEC.md:

* the all-pole filter: ``scipy.signal.lfilter([1], [1, *a], x)`` row by row (direct form II
  transposed, a library implementation, not the recursion students write); closed-form
  impulse responses of one pole (``r**n``) and of its time-aliased version
  (``r**n / (1 - r**N)``);
* the frequency-sampled filter: numpy's complex FFT of the spec's formula;
* gradients: the complex step on those oracles (exact to rounding); second-order gradients
  (what ``gradgradcheck`` checks, requested from the trusted side with ``second_order=``):
  float64 central differences of a complex-step directional derivative;
* biquads: the closed forms ``[-2 r cos(theta), r**2]``, ``np.roots`` for the poles, the
  stability triangle ``|a2| < 1, |a1| < 1 + a2``, and the chain rule for gradients;
* the per-sample graph: a worker-side helper (``worker.py``) counts the autograd nodes behind
  a call's output or behind its ``create_graph=True`` gradients; the test decides.

Tolerances:

* float32 filters: ``oracles.all_pole_atol`` bounds the rounding of any sample-by-sample
  evaluation by ``4 (p + 1) eps32 ||h||_1 (max|x| + ||a||_1 max|y|)`` (errors injected at each
  sample reach the output through the impulse response ``h``); ``oracles.frequency_sampled_atol``
  bounds the FFT route from the actual spectra. Both are 50 to 300 times the errors of correct
  implementations (measured on 30 random filters with poles up to radius 0.99) and far below
  what any mistake in the bug zoo changes (0.01 and more, relative).
* float64 values: the same bounds with eps64, plus 1e-12 absolute.
* gradients in float64 against the complex step: ``rtol = 1e-6`` and ``atol = 1e-9`` times the
  largest gradient: a loop through autograd, float64 accumulation or another correct backward
  all agree to about 1e-12 relative. Second-order gradients: the central-difference oracle is
  good to about 1e-9 relative, so ``rtol = 1e-5`` and ``atol = 1e-7`` times the largest value.
* biquads are elementwise maps with a handful of roundings: ``rtol = 1e-5`` in float32,
  ``1e-12`` in float64.
"""
import re

import numpy as np

from autograder import checks
from autograder.harness import Assignment, Attr, Diff, Lib, Ref, StudentError

from . import oracles

# The exercise allows AllPoleFilter.forward to run iir_naive under torch.no_grad().
A = Assignment("06_iir", depends={"AllPoleFilter": ["iir_naive"]})

EPS64 = float(np.finfo(np.float64).eps)
GRAD_RTOL, GRAD_ATOL = 1e-6, 1e-9
SECOND_RTOL, SECOND_ATOL = 1e-5, 1e-7
APPLY = Attr(Ref("AllPoleFilter"), "apply")
APPLY_NAME = "AllPoleFilter.apply"

RECURSION_HINT = ("The recursion is y[n] = x[n] - sum_{k=1..p} a[k-1] y[n-k] with y[n] = 0 for n < 0: a[0] "
                  "weights the previous output y[n-1], the sign is minus, and every sample from n = 0 on "
                  "uses every earlier output it has.")
PER_ITEM_HINT = ("With a (batch, p), item b is filtered with its own coefficients a[b]; with a (p,), every "
                 "item shares them.")


# ---------------------------------------------------------------------------
# Inputs.
def _shared_case(seed, batch=3, p=3, n_samples=96, radius=(0.5, 0.97), dtype=np.float32):
    rng = np.random.default_rng(seed)
    a = oracles.stable_coefficients(rng, p, radius).astype(dtype)
    x = rng.normal(size=(batch, n_samples)).astype(dtype)
    return x, a


def _per_item_case(seed, n_samples=80, dtype=np.float32):
    """Three items with different second-order filters: a resonance, a low-pass pair, real poles."""
    rng = np.random.default_rng(seed)
    a = np.array([np.real(np.poly([0.95 * np.exp(0.6j), 0.95 * np.exp(-0.6j)]))[1:],
                  np.real(np.poly([0.7 * np.exp(2.2j), 0.7 * np.exp(-2.2j)]))[1:],
                  np.real(np.poly([0.8, -0.5]))[1:]]).astype(dtype)
    x = rng.normal(size=(3, n_samples)).astype(dtype)
    return x, a


def _filter_atol(x, a, dtype):
    eps = oracles.EPS32 if np.dtype(dtype) == np.float32 else EPS64
    return oracles.all_pole_atol(x, a, eps) + (0.0 if np.dtype(dtype) == np.float32 else 1e-12)


def _grad_atol(expected):
    return GRAD_ATOL * max(1.0, max(float(np.max(np.abs(e))) for e in expected))


# ---------------------------------------------------------------------------
# Shared checks for the two exact filters (iir_naive and AllPoleFilter.apply).
def _check_filter_values(sub, target, name, x, a, what):
    out = sub.call(target, x, a)
    checks.assert_close(out.value, oracles.all_pole(x, a), f"{name} {what}", rtol=0,
                        atol=_filter_atol(x, a, x.dtype), hint=RECURSION_HINT)
    return out


def _check_filter_gradients(sub, target, name, x, a, seed):
    cot = np.random.default_rng(seed).normal(size=x.shape)
    out = sub.call(target, Diff(x), Diff(a), cotangent=cot)
    checks.as_array(out.value, f"{name} output", x.shape)
    expected = oracles.complex_step_vjp(oracles.all_pole, [x, a], cot, [0, 1])
    checks.assert_grads_close(out, expected, ["x", "a"], name, rtol=GRAD_RTOL, atol=_grad_atol(expected))


def _raises_value_error(sub, target, name, *args, argument):
    """checks.assert_raises_value_error for a target that is not a plain name."""
    result = sub.call(target, *args, expect_error=True)
    if result.error is None:
        checks.fail(f"{name} accepted an invalid `{argument}` without raising ValueError.",
                    f"Validate `{argument}` at the top and raise ValueError.")
    if result.error.get("type") == "NotImplementedError":
        raise StudentError(name, result.error)
    if result.error.get("type") != "ValueError":
        checks.fail(f"{name} raised {result.error.get('type')} for an invalid `{argument}`; a ValueError "
                    f"was expected.", "Check the argument yourself before using it.")
    if not re.search(rf"(?<![\w]){re.escape(argument)}(?![\w])", result.error.get("message", "")):
        checks.fail(f"{name} raised ValueError for an invalid `{argument}`, but the message "
                    f"({result.error.get('message', '')!r}) does not name the argument.",
                    f"Mention `{argument}` in the error message so the user knows what to fix.")


def _accepts(sub, target, name, *args):
    result = sub.call(target, *args, expect_error=True)
    if result.error is not None:
        if result.error.get("type") == "NotImplementedError":
            raise StudentError(name, result.error)
        checks.fail(f"{name} raised {result.error.get('type')} for valid arguments "
                    f"({result.error.get('message', '')!r}); it must raise only for bad ones.",
                    "Check the condition of each `raise`: it should fire only for the cases the docstring lists.")


def _check_rejects_filter_arguments(sub, target, name, extra=()):
    x, a = _shared_case(19, batch=3, p=2, n_samples=16)
    _accepts(sub, target, name, x, a, *extra)
    _accepts(sub, target, name, x, np.stack([a, a, a]), *extra)
    _raises_value_error(sub, target, name, x[0], a, *extra, argument="x")
    _raises_value_error(sub, target, name, x, a[None, None], *extra, argument="a")
    _raises_value_error(sub, target, name, x, np.stack([a, a]), *extra, argument="a")


# ---------------------------------------------------------------------------
# iir_naive.
@A.test("iir_naive", points=2)
def test_iir_naive_matches_lfilter_with_shared_coefficients(sub):
    """Third-order filter shared by a batch of 3 different signals (float32) matches scipy.signal.lfilter."""
    x, a = _shared_case(600)
    _check_filter_values(sub, "iir_naive", "iir_naive", x, a, "with a (3,) shared by a batch of 3")


@A.test("iir_naive", points=2)
def test_iir_naive_matches_lfilter_with_per_item_coefficients(sub):
    """a of shape (batch, p): each of 3 signals has its own biquad (float32), as scipy.signal.lfilter row by row."""
    x, a = _per_item_case(601)
    _check_filter_values(sub, "iir_naive", "iir_naive", x, a, "with a (3, 2), one filter per item")


@A.test("iir_naive", points=1)
def test_iir_naive_impulse_response_of_one_pole_is_geometric(sub):
    """a = [-0.8] gives 0.8**n and a = [0.5] gives (-0.5)**n for a unit impulse (float64, zero initial state)."""
    x = np.zeros((2, 12))
    x[:, 0] = 1.0
    a = np.array([[-0.8], [0.5]])
    n = np.arange(12)
    out = sub.call("iir_naive", x, a)
    checks.assert_close(out.value, np.stack([0.8 ** n, (-0.5) ** n]),
                        "iir_naive impulse responses of the one-pole filters a = [-0.8] and a = [0.5]",
                        rtol=1e-12, atol=1e-14,
                        hint="With a = [-0.8] the recursion is y[n] = x[n] + 0.8 y[n-1]: the impulse response "
                             "decays as 0.8**n from y[0] = 1. A growing or sign-flipping response means the "
                             "sign convention is reversed.")


@A.test("iir_naive", points=1)
def test_iir_naive_handles_a_batch_of_one(sub):
    """Filtering one item alone gives the same output as its row in a batch of 3 (a (p,) shared)."""
    x, a = _shared_case(602, n_samples=40)
    whole = checks.as_array(sub.call("iir_naive", x, a).value, "iir_naive output", x.shape)
    alone = sub.call("iir_naive", x[1:2], a)
    checks.assert_close(alone.value, whole[1:2].astype(np.float64), "iir_naive of a batch of one",
                        rtol=0, atol=_filter_atol(x, a, np.float32),
                        hint="Keep the batch dimension even when it is 1; do not squeeze it away.")


@A.test("iir_naive", points=3)
def test_iir_naive_gradients_match_complex_step(sub):
    """Gradients w.r.t. x and a shared (p,) by a batch of 2 match the complex-step derivative of lfilter (float64)."""
    x, a = _shared_case(603, batch=2, p=2, n_samples=24, radius=(0.6, 0.95), dtype=np.float64)
    _check_filter_gradients(sub, "iir_naive", "iir_naive", x, a, 604)


@A.test("iir_naive", points=2)
def test_iir_naive_gradients_with_per_item_coefficients(sub):
    """Gradients w.r.t. x and a of shape (batch, p) match the complex-step derivative (float64)."""
    x, a = _per_item_case(605, n_samples=20, dtype=np.float64)
    _check_filter_gradients(sub, "iir_naive", "iir_naive", x, a, 606)


@A.test("iir_naive", points=1)
def test_iir_naive_keeps_float64(sub):
    """float64 in, float64 out, accurate to float64 precision."""
    x, a = _shared_case(607, n_samples=50, dtype=np.float64)
    out = sub.call("iir_naive", x, a)
    checks.assert_dtype(out, "float64", "iir_naive")
    checks.assert_close(out.value, oracles.all_pole(x, a), "iir_naive in float64", rtol=0,
                        atol=_filter_atol(x, a, np.float64), hint=RECURSION_HINT)


@A.test("iir_naive", points=1)
def test_iir_naive_does_not_modify_inputs(sub):
    """iir_naive leaves x and a unchanged."""
    x, a = _per_item_case(608, n_samples=30)
    out = sub.call("iir_naive", x, a, return_inputs=True)
    checks.as_array(out.value, "iir_naive output", x.shape)
    checks.assert_not_mutated(out, ["x", "a"], "iir_naive")


@A.test("iir_naive", points=1)
def test_iir_naive_rejects_bad_arguments(sub):
    """ValueError naming the argument: 1-D x, 3-D a, a with 2 rows for a batch of 3."""
    _check_rejects_filter_arguments(sub, "iir_naive", "iir_naive")


# ---------------------------------------------------------------------------
# iir_frequency_sampled.
FREQ_HINT = ("Compute irfft(rfft(x, n=N) / rfft([1, *a], n=N), n=N) with N = n_fft over the last dimension, "
             "then keep the first n_samples samples. Pass n= to every transform: without it, irfft returns "
             "N - 1 samples for odd N.")


def _check_frequency_sampled(sub, x, a, n_fft, what):
    out = sub.call("iir_frequency_sampled", x, a, n_fft)
    checks.assert_close(out.value, oracles.frequency_sampled(x, a, n_fft), f"iir_frequency_sampled {what}",
                        rtol=0, atol=oracles.frequency_sampled_atol(x, a, n_fft), hint=FREQ_HINT)
    return out


@A.test("iir_frequency_sampled", points=2)
def test_iir_frequency_sampled_matches_formula_with_shared_coefficients(sub):
    """a (3,) shared by a batch of 3 (float32), n_fft = 75 (odd) and 64 for 60 samples: the spec's FFT formula."""
    x, a = _shared_case(610, n_samples=60, radius=(0.5, 0.9))
    for n_fft in (75, 64, 60):
        _check_frequency_sampled(sub, x, a, n_fft, f"with n_fft = {n_fft} for 60 samples")


@A.test("iir_frequency_sampled", points=2)
def test_iir_frequency_sampled_matches_formula_with_per_item_coefficients(sub):
    """a of shape (batch, p), one biquad per item (float32), n_fft = 128 for 50 samples."""
    x, a = _per_item_case(611, n_samples=50)
    _check_frequency_sampled(sub, x, a, 128, "with a (3, 2) and n_fft = 128")


@A.test("iir_frequency_sampled", points=2)
def test_iir_frequency_sampled_aliases_the_impulse_response(sub):
    """One pole r: the impulse response comes out as r**n / (1 - r**N), the time-aliased r**n (float64)."""
    n_samples = 16
    x = np.zeros((2, n_samples))
    x[:, 0] = 1.0
    a = np.array([[-0.9], [0.8]])               # poles at 0.9 and -0.8
    r = np.array([[0.9], [-0.8]])
    n = np.arange(n_samples)[None, :]
    for n_fft in (16, 25):
        out = sub.call("iir_frequency_sampled", x, a, n_fft)
        checks.assert_close(out.value, r ** n / (1 - r ** n_fft),
                            f"iir_frequency_sampled impulse response of one pole with n_fft = {n_fft}",
                            rtol=1e-9, atol=1e-12,
                            hint="Sampling the response 1 / A on N frequencies makes the impulse response "
                                 "periodic with period N: h[n] + h[n + N] + h[n + 2N] + ... The result here "
                                 "should be exactly that, no more and no less aliased. " + FREQ_HINT)


@A.test("iir_frequency_sampled", points=1)
def test_iir_frequency_sampled_handles_a_batch_of_one(sub):
    """One item alone gives the same output as its row in a batch of 3 (a (p,) shared)."""
    x, a = _shared_case(612, n_samples=40, radius=(0.5, 0.9))
    whole = checks.as_array(sub.call("iir_frequency_sampled", x, a, 64).value,
                            "iir_frequency_sampled output", x.shape)
    alone = sub.call("iir_frequency_sampled", x[2:3], a, 64)
    checks.assert_close(alone.value, whole[2:3].astype(np.float64), "iir_frequency_sampled of a batch of one",
                        rtol=0, atol=oracles.frequency_sampled_atol(x, a, 64),
                        hint="Keep the batch dimension even when it is 1; do not squeeze it away.")


@A.test("iir_frequency_sampled", points=3)
def test_iir_frequency_sampled_gradients_match_complex_step(sub):
    """Gradients w.r.t. x and a shared by a batch of 2, n_fft = 33 for 20 samples (float64)."""
    x, a = _shared_case(613, batch=2, p=2, n_samples=20, radius=(0.6, 0.9), dtype=np.float64)
    cot = np.random.default_rng(614).normal(size=x.shape)
    out = sub.call("iir_frequency_sampled", Diff(x), Diff(a), 33, cotangent=cot)
    checks.as_array(out.value, "iir_frequency_sampled output", x.shape)
    expected = oracles.complex_step_vjp(lambda x_, a_: oracles.frequency_sampled(x_, a_, 33), [x, a], cot, [0, 1],
                                        step=1e-7)
    checks.assert_grads_close(out, expected, ["x", "a"], "iir_frequency_sampled", rtol=GRAD_RTOL,
                              atol=_grad_atol(expected))


@A.test("iir_frequency_sampled", points=1)
def test_iir_frequency_sampled_keeps_float64(sub):
    """float64 in, float64 out, accurate to float64 precision."""
    x, a = _shared_case(615, n_samples=40, radius=(0.5, 0.9), dtype=np.float64)
    out = sub.call("iir_frequency_sampled", x, a, 81)
    checks.assert_dtype(out, "float64", "iir_frequency_sampled")
    checks.assert_close(out.value, oracles.frequency_sampled(x, a, 81), "iir_frequency_sampled in float64",
                        rtol=0, atol=oracles.frequency_sampled_atol(x, a, 81, EPS64) + 1e-12, hint=FREQ_HINT)


@A.test("iir_frequency_sampled", points=1)
def test_iir_frequency_sampled_does_not_modify_inputs(sub):
    """iir_frequency_sampled leaves x and a unchanged."""
    x, a = _per_item_case(616, n_samples=30)
    out = sub.call("iir_frequency_sampled", x, a, 64, return_inputs=True)
    checks.as_array(out.value, "iir_frequency_sampled output", x.shape)
    checks.assert_not_mutated(out, ["x", "a"], "iir_frequency_sampled")


@A.test("iir_frequency_sampled", points=1)
def test_iir_frequency_sampled_rejects_bad_arguments(sub):
    """ValueError naming the argument: n_fft < n_samples, 1-D x, 3-D a, a with 2 rows for a batch of 3."""
    x, a = _shared_case(617, batch=3, p=2, n_samples=16)
    _accepts(sub, "iir_frequency_sampled", "iir_frequency_sampled", x, a, 16)
    checks.assert_raises_value_error(sub, "iir_frequency_sampled", x, a, 15, argument="n_fft")
    _check_rejects_filter_arguments(sub, "iir_frequency_sampled", "iir_frequency_sampled", extra=(32,))


# ---------------------------------------------------------------------------
# AllPoleFilter.
BACKWARD_HINT = ("Derive both gradients from y = H x: the gradient for x is the transposed filter applied to the "
                 "incoming gradient (time reversal), and the gradient for a[k-1] pairs that result with the "
                 "output delayed by k samples. A shared (p,) a collects contributions from every item.")


@A.test("AllPoleFilter", points=2)
def test_all_pole_filter_matches_lfilter_with_shared_coefficients(sub):
    """AllPoleFilter.apply(x, a) with a (3,) shared by a batch of 3 (float32) matches scipy.signal.lfilter."""
    x, a = _shared_case(620, n_samples=400)
    _check_filter_values(sub, APPLY, APPLY_NAME, x, a, "with a (3,) shared by a batch of 3")


@A.test("AllPoleFilter", points=2)
def test_all_pole_filter_matches_lfilter_with_per_item_coefficients(sub):
    """a of shape (batch, p): each of 3 signals has its own biquad (float32)."""
    x, a = _per_item_case(621, n_samples=300)
    _check_filter_values(sub, APPLY, APPLY_NAME, x, a, "with a (3, 2), one filter per item")


@A.test("AllPoleFilter", points=1)
def test_all_pole_filter_handles_a_batch_of_one(sub):
    """One item with its (1, p) coefficients gives the same output as its row in a batch of 3."""
    x, a = _per_item_case(622, n_samples=64)
    whole = checks.as_array(sub.call(APPLY, x, a).value, f"{APPLY_NAME} output", x.shape)
    alone = sub.call(APPLY, x[1:2], a[1:2])
    checks.assert_close(alone.value, whole[1:2].astype(np.float64), f"{APPLY_NAME} of a batch of one",
                        rtol=0, atol=_filter_atol(x, a, np.float32),
                        hint="Keep the batch dimension even when it is 1; do not squeeze it away.")


@A.test("AllPoleFilter", points=3)
def test_all_pole_filter_gradients_match_complex_step(sub):
    """Gradients w.r.t. x and a (p,) shared by a batch of 2 match the complex-step derivative (float64)."""
    x, a = _shared_case(623, batch=2, p=3, n_samples=24, radius=(0.6, 0.95), dtype=np.float64)
    cot = np.random.default_rng(624).normal(size=x.shape)
    out = sub.call(APPLY, Diff(x), Diff(a), cotangent=cot)
    checks.as_array(out.value, f"{APPLY_NAME} output", x.shape)
    expected = oracles.complex_step_vjp(oracles.all_pole, [x, a], cot, [0, 1])
    checks.assert_grads_close(out, expected, ["x", "a"], APPLY_NAME, rtol=GRAD_RTOL, atol=_grad_atol(expected),
                              hint=BACKWARD_HINT)


@A.test("AllPoleFilter", points=2)
def test_all_pole_filter_gradients_with_per_item_coefficients(sub):
    """Gradients w.r.t. x and a of shape (batch, p) match the complex-step derivative (float64)."""
    x, a = _per_item_case(625, n_samples=20, dtype=np.float64)
    cot = np.random.default_rng(626).normal(size=x.shape)
    out = sub.call(APPLY, Diff(x), Diff(a), cotangent=cot)
    checks.as_array(out.value, f"{APPLY_NAME} output", x.shape)
    expected = oracles.complex_step_vjp(oracles.all_pole, [x, a], cot, [0, 1])
    checks.assert_grads_close(out, expected, ["x", "a"], APPLY_NAME, rtol=GRAD_RTOL, atol=_grad_atol(expected),
                              hint=BACKWARD_HINT + " " + PER_ITEM_HINT)


@A.test("AllPoleFilter", points=3)
def test_all_pole_filter_second_order_gradients_match(sub):
    """Double backward (what gradgradcheck checks) for a (p,) and a (batch, p) matches central differences (float64)."""
    cases = [_shared_case(627, batch=2, p=2, n_samples=16, radius=(0.6, 0.9), dtype=np.float64),
             _per_item_case(628, n_samples=14, dtype=np.float64)]
    for seed, (x, a) in enumerate(cases, start=629):
        rng = np.random.default_rng(seed)
        cot, cx, ca = rng.normal(size=x.shape), rng.normal(size=x.shape), rng.normal(size=a.shape)
        out = sub.call(APPLY, Diff(x), Diff(a), cotangent=cot, second_order=[cx, ca])
        checks.as_array(out.value, f"{APPLY_NAME} output", x.shape)
        expected = oracles.second_order(oracles.all_pole, [x, a], cot, [cx, ca], [0, 1])
        got = out.second_grads if isinstance(out.second_grads, list) else []
        for i, (name, exp) in enumerate(zip(["x", "a"], expected)):
            value = got[i] if i < len(got) else None
            if value is None:
                checks.fail(f"{APPLY_NAME}: no second-order gradient reaches `{name}` (a of shape {a.shape}): "
                            "the gradients from backward are not differentiable.",
                            "backward must build its results from differentiable operations on tensors that "
                            "remember where they came from: call the Function itself for the filtering, and "
                            "use the output through ctx.save_for_backward, not a detached copy or NumPy.")
            checks.assert_close(value, exp, f"the second-order gradient with respect to `{name}` "
                                f"(a of shape {a.shape})", rtol=SECOND_RTOL,
                                atol=SECOND_ATOL * max(1.0, float(np.max(np.abs(exp)))),
                                hint="First-order gradients can be right while their own derivatives are not: "
                                     "the output y used in backward must come from ctx.save_for_backward "
                                     "(so that it stays connected to x and a), and the filtering in backward "
                                     "must be differentiable, i.e. done by the Function itself.")


@A.test("AllPoleFilter", points=1)
def test_all_pole_filter_works_in_float32_with_gradients(sub):
    """float32 x and a: float32 output and gradients close to the float64 derivative."""
    x, a = _shared_case(632, batch=2, p=2, n_samples=32, radius=(0.5, 0.9))
    cot = np.random.default_rng(633).normal(size=x.shape).astype(np.float32)
    out = sub.call(APPLY, Diff(x), Diff(a), cotangent=cot)
    checks.assert_dtype(out, "float32", APPLY_NAME)
    expected = oracles.complex_step_vjp(oracles.all_pole, [x, a], cot, [0, 1])
    # Rounding bounds: grad_x is the all-pole filter of the reversed float32 cotangent (tol_x per
    # sample); grad_a sums grad_x[n] y[n-k] over samples and batch, so its error is at most
    # tol_x sum|y| + tol_y sum|grad_x| plus the float32 rounding of that sum (n eps sum|grad_x||y|).
    y = oracles.all_pole(x, a)
    tol_x = oracles.all_pole_atol(cot[:, ::-1], a)
    tol_y = oracles.all_pole_atol(x, a)
    g_x = np.abs(expected[0]).sum()
    tol_a = tol_x * np.abs(y).sum() + tol_y * g_x + x.shape[1] * oracles.EPS32 * g_x * np.abs(y).max()
    grads = out.grads if isinstance(out.grads, list) else []
    for g in grads:
        if g is not None and checks.as_array(g, "a gradient").dtype != np.float32:
            checks.fail(f"{APPLY_NAME} returned a {g.dtype} gradient for float32 inputs.",
                        "Return gradients in the dtype of the inputs.")
    checks.assert_grads_close(out, expected, ["x", "a"], APPLY_NAME, rtol=0, atol=max(tol_x, tol_a),
                              hint=BACKWARD_HINT)


@A.test("AllPoleFilter", points=1)
def test_all_pole_filter_keeps_float64(sub):
    """float64 in, float64 out, accurate to float64 precision."""
    x, a = _per_item_case(634, n_samples=60, dtype=np.float64)
    out = sub.call(APPLY, x, a)
    checks.assert_dtype(out, "float64", APPLY_NAME)
    checks.assert_close(out.value, oracles.all_pole(x, a), f"{APPLY_NAME} in float64", rtol=0,
                        atol=_filter_atol(x, a, np.float64),
                        hint="Run scipy (or your loop) in the dtype of x, not in a fixed float32.")


@A.test("AllPoleFilter", points=1)
def test_all_pole_filter_does_not_modify_inputs(sub):
    """AllPoleFilter.apply leaves x and a unchanged."""
    x, a = _shared_case(635, n_samples=50)
    out = sub.call(APPLY, x, a, return_inputs=True)
    checks.as_array(out.value, f"{APPLY_NAME} output", x.shape)
    checks.assert_not_mutated(out, ["x", "a"], APPLY_NAME)


GRAPH_HINT = ("Inside forward autograd records nothing; the Function is one node. A graph that grows with the "
              "signal means a per-sample loop runs where autograd sees it.")


def _graph_size(sub, part, x, a):
    size = sub.call(Lib("iir_graph_size", part=part), APPLY, x, a).value
    if isinstance(size, bool) or not isinstance(size, int):
        checks.fail(f"could not count the autograd graph of {APPLY_NAME} (got {size!r}).")
    return size


@A.test("AllPoleFilter", points=2)
def test_all_pole_filter_output_graph_does_not_grow_with_length(sub):
    """The output of AllPoleFilter.apply on 512 samples hangs on a handful of autograd nodes, not one per sample."""
    x, a = _shared_case(636, batch=2, p=2, n_samples=512)
    size = _graph_size(sub, "output", x, a)
    if size > 20:
        checks.fail(f"the output of {APPLY_NAME} for 2 x 512 samples hangs on {size} autograd nodes; "
                    "a custom Function needs 1 (plus one per input), at most 20 are allowed.",
                    GRAPH_HINT + " Check that AllPoleFilter subclasses torch.autograd.Function and that "
                                 "apply is not replaced by a function that filters through autograd.")


@A.test("AllPoleFilter", points=1)
def test_all_pole_filter_gradient_graph_does_not_grow_with_length(sub):
    """Gradients taken with create_graph=True (for second order) on 512 samples have at most 100 autograd nodes."""
    x, a = _shared_case(637, batch=2, p=2, n_samples=512)
    size = _graph_size(sub, "gradient", x, a)
    if size > 100:
        checks.fail(f"the gradients of {APPLY_NAME} for 2 x 512 samples, taken with create_graph=True, hang on "
                    f"{size} autograd nodes; at most 100 are allowed (the reference needs about 15).",
                    "backward runs with autograd recording when second derivatives are wanted: filter the "
                    "reversed gradient with AllPoleFilter.apply itself, not with a per-sample loop.")


@A.test("AllPoleFilter", points=1)
def test_all_pole_filter_rejects_bad_arguments(sub):
    """ValueError naming the argument: 1-D x, 3-D a, a with 2 rows for a batch of 3."""
    _check_rejects_filter_arguments(sub, APPLY, APPLY_NAME)


# ---------------------------------------------------------------------------
# biquad_from_pole.
BIQUAD_HINT = ("The pair of poles r e^{+-i theta} gives (1 - r e^{i theta} z^-1)(1 - r e^{-i theta} z^-1) = "
               "1 - 2 r cos(theta) z^-1 + r**2 z^-2; return [a1, a2] in the last dimension.")


def _np_biquad(radius, angle):
    radius, angle = np.broadcast_arrays(np.asarray(radius, np.float64), np.asarray(angle, np.float64))
    return np.stack([-2 * radius * np.cos(angle), radius ** 2], axis=-1)


@A.test("biquad_from_pole", points=2)
def test_biquad_from_pole_matches_closed_form_with_broadcasting(sub):
    """radius (3, 1) and angle (4,) broadcast to (3, 4, 2) = [-2 r cos(angle), r**2] (float32)."""
    rng = np.random.default_rng(640)
    radius = rng.uniform(0.2, 1.0, (3, 1)).astype(np.float32)
    angle = rng.uniform(0.1, 3.0, (4,)).astype(np.float32)
    out = sub.call("biquad_from_pole", radius, angle)
    # cos rounds once (~1 ulp), the products twice: 1e-6 relative, 1e-7 absolute near cos = 0.
    checks.assert_close(out.value, _np_biquad(radius, angle), "biquad_from_pole with radius (3, 1), angle (4,)",
                        rtol=1e-5, atol=1e-6, hint=BIQUAD_HINT)


@A.test("biquad_from_pole", points=1)
def test_biquad_from_pole_polynomial_has_the_pole(sub):
    """The roots of z**2 + a1 z + a2 are r e^{+-i angle} for 5 poles (float64)."""
    radius = np.array([0.5, 0.9, 0.99, 0.3, 0.75])
    angle = np.array([0.2, 1.0, 2.5, 3.0, 1.7])
    coeffs = checks.as_array(sub.call("biquad_from_pole", radius, angle).value, "biquad_from_pole output", (5, 2))
    for i in range(5):
        roots = np.roots([1.0, coeffs[i, 0], coeffs[i, 1]])
        got = roots[np.argmax(roots.imag)]
        expected = radius[i] * np.exp(1j * angle[i])
        if not abs(got - expected) <= 1e-6:
            checks.fail(f"biquad_from_pole({radius[i]}, {angle[i]}) = {coeffs[i].tolist()}: the polynomial "
                        f"z**2 + a1 z + a2 has a root at radius {abs(got):.6g}, angle {np.angle(got):.6g} rad; "
                        f"expected radius {radius[i]}, angle {angle[i]} rad.", BIQUAD_HINT)


@A.test("biquad_from_pole", points=2)
def test_biquad_from_pole_gradients_match_closed_form(sub):
    """Gradients w.r.t. radius (3, 1) and angle (1, 4), summed over broadcasting (float64)."""
    rng = np.random.default_rng(641)
    radius = rng.uniform(0.2, 1.0, (3, 1))
    angle = rng.uniform(0.1, 3.0, (1, 4))
    cot = rng.normal(size=(3, 4, 2))
    out = sub.call("biquad_from_pole", Diff(radius), Diff(angle), cotangent=cot)
    checks.as_array(out.value, "biquad_from_pole output", (3, 4, 2))
    r, th = np.broadcast_arrays(radius, angle)
    d_r = cot[..., 0] * (-2 * np.cos(th)) + cot[..., 1] * 2 * r
    d_th = cot[..., 0] * 2 * r * np.sin(th)
    checks.assert_grads_close(out, [d_r.sum(axis=1, keepdims=True), d_th.sum(axis=0, keepdims=True)],
                              ["radius", "angle"], "biquad_from_pole", rtol=1e-9, atol=1e-12)


@A.test("biquad_from_pole", points=1)
def test_biquad_from_pole_keeps_float64(sub):
    """float64 in, float64 out."""
    radius, angle = np.array([0.9, 0.5]), np.array([0.3, 2.0])
    out = sub.call("biquad_from_pole", radius, angle)
    checks.assert_dtype(out, "float64", "biquad_from_pole")
    checks.assert_close(out.value, _np_biquad(radius, angle), "biquad_from_pole in float64", rtol=1e-12,
                        atol=1e-15, hint=BIQUAD_HINT)


@A.test("biquad_from_pole", points=1)
def test_biquad_from_pole_does_not_modify_inputs(sub):
    """biquad_from_pole leaves radius and angle unchanged."""
    radius = np.array([[0.9], [1.2]], np.float32)
    angle = np.array([0.3, -2.0, 7.0], np.float32)
    out = sub.call("biquad_from_pole", radius, angle, return_inputs=True)
    checks.as_array(out.value, "biquad_from_pole output", (2, 3, 2))
    checks.assert_not_mutated(out, ["radius", "angle"], "biquad_from_pole")


@A.test("biquad_from_pole", points=1)
def test_biquad_from_pole_rejects_shapes_that_do_not_broadcast(sub):
    """radius (3,) and angle (4,) do not broadcast: ValueError naming radius or angle."""
    checks.assert_accepts(sub, "biquad_from_pole", np.full(3, 0.9, np.float32), np.full(3, 0.5, np.float32))
    result = sub.call("biquad_from_pole", np.full(3, 0.9, np.float32), np.full(4, 0.5, np.float32),
                      expect_error=True)
    if result.error is None:
        checks.fail("biquad_from_pole accepted radius (3,) and angle (4,), which do not broadcast.",
                    "Check that the shapes broadcast (torch.broadcast_shapes) and raise ValueError if not.")
    if result.error.get("type") == "NotImplementedError":
        raise StudentError("biquad_from_pole", result.error)
    message = result.error.get("message", "")
    if result.error.get("type") != "ValueError":
        checks.fail(f"biquad_from_pole raised {result.error.get('type')} for radius (3,) and angle (4,); "
                    "a ValueError was expected.",
                    "torch raises RuntimeError for shapes that do not broadcast: catch it, or check first.")
    if not re.search(r"(?<![\w])(radius|angle)(?![\w])", message):
        checks.fail(f"biquad_from_pole raised ValueError for shapes that do not broadcast, but the message "
                    f"({message!r}) names neither radius nor angle.",
                    "Mention the arguments in the error message so the user knows what to fix.")


# ---------------------------------------------------------------------------
# stable_biquad.
STABLE_HINT = ("u1 = raw[..., 0], u2 = raw[..., 1]; a1 = 2 tanh(u1); a2 = ((2 - |a1|) tanh(u2) + |a1|) / 2; "
               "return [a1, a2] in the last dimension.")


def _np_stable(raw):
    raw = np.asarray(raw, np.float64)
    a1 = 2 * np.tanh(raw[..., 0])
    a2 = ((2 - np.abs(a1)) * np.tanh(raw[..., 1]) + np.abs(a1)) / 2
    return np.stack([a1, a2], axis=-1)


@A.test("stable_biquad", points=2)
def test_stable_biquad_matches_formula(sub):
    """raw (4, 3, 2) of both signs (float32) -> [2 tanh(u1), ((2 - |a1|) tanh(u2) + |a1|) / 2]."""
    raw = np.random.default_rng(650).normal(scale=1.5, size=(4, 3, 2)).astype(np.float32)
    out = sub.call("stable_biquad", raw)
    # tanh, abs, a product and a sum: a few roundings of values of order 1.
    checks.assert_close(out.value, _np_stable(raw), "stable_biquad of raw (4, 3, 2)", rtol=1e-5, atol=1e-6,
                        hint=STABLE_HINT)


@A.test("stable_biquad", points=2)
def test_stable_biquad_lands_inside_the_stability_triangle(sub):
    """20000 random raw pairs up to +-8 (float64): |a2| < 1 and |a1| < 1 + a2, so both poles lie inside |z| = 1."""
    rng = np.random.default_rng(651)
    raw = np.clip(rng.normal(scale=3.0, size=(20000, 2)), -8, 8)
    coeffs = checks.as_array(sub.call("stable_biquad", raw).value, "stable_biquad output", (20000, 2))
    if not np.all(np.isfinite(coeffs)):
        checks.fail("stable_biquad returned NaN or inf for raw values between -8 and 8.", STABLE_HINT)
    a1, a2 = coeffs[:, 0], coeffs[:, 1]
    outside = ~((np.abs(a2) < 1) & (np.abs(a1) < 1 + a2))
    if np.any(outside):
        i = int(np.argmax(outside))
        checks.fail(f"{int(outside.sum())} of 20000 outputs lie outside the stability triangle, e.g. raw = "
                    f"{raw[i].tolist()} gives a1 = {a1[i]:.6g}, a2 = {a2[i]:.6g} (needs |a2| < 1 and "
                    f"|a1| < 1 + a2).",
                    "a2 must stay between |a1| - 1 and 1 for every u2: check the factor (2 - |a1|), the "
                    "absolute value, and the division by 2.")
    radius = np.max(np.abs(np.stack([np.roots([1, c1, c2]) for c1, c2 in coeffs[:200]])))
    if radius >= 1:
        checks.fail(f"a pole of z**2 + a1 z + a2 lies at radius {radius:.6g} >= 1.", STABLE_HINT)


@A.test("stable_biquad", points=2)
def test_stable_biquad_gradients_match_closed_form(sub):
    """Gradients w.r.t. raw (5, 2) by the chain rule through tanh and |a1| (float64, u1 away from 0)."""
    rng = np.random.default_rng(652)
    raw = rng.uniform(0.2, 2.0, (5, 2)) * rng.choice([-1.0, 1.0], (5, 2))
    cot = rng.normal(size=(5, 2))
    out = sub.call("stable_biquad", Diff(raw), cotangent=cot)
    checks.as_array(out.value, "stable_biquad output", (5, 2))
    t1, t2 = np.tanh(raw[:, 0]), np.tanh(raw[:, 1])
    a1 = 2 * t1
    da1_du1 = 2 * (1 - t1 ** 2)
    da2_da1 = np.sign(a1) * (1 - t2) / 2            # d/da1 of ((2 - |a1|) t2 + |a1|) / 2
    da2_du2 = (2 - np.abs(a1)) * (1 - t2 ** 2) / 2
    d_u1 = (cot[:, 0] + cot[:, 1] * da2_da1) * da1_du1
    d_u2 = cot[:, 1] * da2_du2
    checks.assert_grads_close(out, [np.stack([d_u1, d_u2], axis=-1)], ["raw"], "stable_biquad",
                              rtol=1e-9, atol=1e-12, hint=STABLE_HINT)


@A.test("stable_biquad", points=1)
def test_stable_biquad_keeps_float64(sub):
    """float64 in, float64 out."""
    raw = np.random.default_rng(653).normal(size=(3, 2))
    out = sub.call("stable_biquad", raw)
    checks.assert_dtype(out, "float64", "stable_biquad")
    checks.assert_close(out.value, _np_stable(raw), "stable_biquad in float64", rtol=1e-12, atol=1e-15,
                        hint=STABLE_HINT)


@A.test("stable_biquad", points=1)
def test_stable_biquad_does_not_modify_raw(sub):
    """stable_biquad leaves raw unchanged, even for raw values of +-30."""
    raw = np.array([[30.0, -30.0], [0.5, -1.0], [-30.0, 12.0]], np.float32)
    out = sub.call("stable_biquad", raw, return_inputs=True)
    checks.as_array(out.value, "stable_biquad output", (3, 2))
    checks.assert_not_mutated(out, ["raw"], "stable_biquad")


@A.test("stable_biquad", points=1)
def test_stable_biquad_rejects_bad_raw(sub):
    """raw whose last dimension is not 2 ((4, 3) or (5,)) raises ValueError naming raw."""
    checks.assert_accepts(sub, "stable_biquad", np.zeros((4, 2), np.float32))
    checks.assert_raises_value_error(sub, "stable_biquad", np.zeros((4, 3), np.float32), argument="raw")
    checks.assert_raises_value_error(sub, "stable_biquad", np.zeros(5, np.float32), argument="raw")
