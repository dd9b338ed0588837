"""Hidden tests for 08_physical_models (oscillators, modes, strings).

Oracles (``oracles.py`` beside this file, float64, written from COURSE_SPEC.md): the
mass-spring-damper matrices entry by entry; ``scipy.signal.cont2discrete(method="bilinear")``
for the discretisation; ``scipy.signal.dlsim`` of the system (Ad, Bd, C Ad, C Bd) for the
simulation (dlsim outputs C' x[n] + D' u[n], and the spec's y[n] = C x[n+1] is exactly that);
closed forms (a rotation's impulse response, the bilinear map of an undamped pole, the modal
sum); and a sample-by-sample numpy loop for Karplus-Strong. Gradients: closed forms by the
chain rule (sho_matrices, discretize_bilinear, modal_synth) and float64 central finite
differences of the scipy/numpy oracles (simulate_state_space, karplus_strong).

Tolerance reasoning (eps32 = 2**-23 ~ 1.2e-7):

* Elementwise maps (k / m, 1 / m) round once or twice: rtol 1e-6.
* A float32 S x S solve or inverse is backward stable: its error is at most about
  S * eps32 * cond(I - A T / 2) times the size of the result. ``_bilinear_atol`` takes 20 times
  that (any correct ordering: solve, inverse, 2 M - I), ~1e-5 for the matrices used here, while
  every mistake in the bug zoo moves entries by 1e-2 or more.
* A float32 simulation of a stable system whose Ad is rho times an orthogonal matrix: each step
  rounds the state by about 2 S eps32 |x|max, and an error made at one step shrinks by rho per
  step afterwards, so the output is off by at most |C| |x|max S eps32 (4 / (1 - rho) + 2).
* Modal sums: the argument 2 pi f t is rounded to a few eps32 relative, so each mode is off by
  about 8 eps32 |a| (2 pi f t_max + t_max / tau + 1) at worst; a per-sample decay factor raised
  to the power n (also correct) adds a relative error of up to n eps32 / 2, hence a further
  8 eps32 |a| n_samples.
* Karplus-Strong in float32: each output sample rounds by about 2 eps32 |y|max, and since the
  loop filter has gain <= 1 an error never grows: at most n_samples * 2 eps32 |y|max in all.
* float64 results are compared at 1e-9: a correct float64 computation is 1e5 times closer.
* Gradients in float64 against closed forms: rtol 1e-6 (loops, other orders of summation,
  another formula all pass); against central differences with step 1e-6 of smooth float64
  functions: truncation ~1e-12 and rounding ~1e-10 relative, so rtol 1e-6 as well.
"""
import re

import numpy as np

from autograder import checks
from autograder.harness import Assignment, Diff, Lib, Ref, StudentError

from . import oracles

# No graded function here calls another one: each is checked on its own.
A = Assignment("08_physical_models")

EPS32 = float(np.finfo(np.float32).eps)
RTOL64, ATOL64 = 1e-9, 1e-9
GRAD_RTOL, GRAD_ATOL = 1e-6, 1e-8
CONCATENATE = "physical_models_concatenated_outputs"


# ---------------------------------------------------------------------------
# Helpers.
def _outputs(value, function, names, shapes, hint=""):
    """The tuple a function returned, as arrays of the expected shapes."""
    if not isinstance(value, list) or len(value) != len(names):
        kind = f"a tuple of {len(value)}" if isinstance(value, list) else type(value).__name__
        checks.fail(f"{function} should return a tuple of {len(names)} tensors ({', '.join(names)}), "
                    f"but returned {kind}.", f"End with `return {', '.join(names)}`.")
    return [checks.as_array(v, f"the `{n}` returned by {function}", s, hint=hint)
            for v, n, s in zip(value, names, shapes)]


def _assert_tuple_dtype(value, dtype, function, names):
    if not isinstance(value, list) or len(value) != len(names):
        checks.fail(f"{function} should return a tuple of {len(names)} tensors ({', '.join(names)}).")
    for v, name in zip(value, names):
        got = str(v.dtype) if isinstance(v, np.ndarray) else type(v).__name__
        if got != dtype:
            checks.fail(f"given {dtype} inputs, {function} returned `{name}` as {got}.",
                        "Create new tensors (zeros, ones, the identity) with dtype=... and device=... of the "
                        "inputs instead of the defaults.")


def _raises_naming_one_of(sub, function, *args, arguments, what):
    """Like checks.assert_raises_value_error for ``what`` (arguments that disagree), accepting a
    message that names any one of ``arguments``."""
    result = sub.call(function, *args, expect_error=True)
    listed = " or ".join(f"`{a}`" for a in arguments)
    if result.error is None:
        checks.fail(f"{function} accepted {what} without raising ValueError.",
                    "Compare the batch sizes of the arguments before using them.")
    if result.error.get("type") == "NotImplementedError":
        raise StudentError(function, result.error)
    if result.error.get("type") != "ValueError":
        checks.fail(f"{function} raised {result.error.get('type')} for {what}; a ValueError was expected.",
                    "Check the shapes yourself before using them.")
    message = result.error.get("message", "")
    if not any(re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", message) for a in arguments):
        checks.fail(f"{function} raised ValueError for {what}, but the message ({message!r}) names none of "
                    f"{listed}.", "Name the arguments that disagree in the message.")


def _rotation(rng, size):
    """A random rotation (orthogonal, determinant +1): almost surely not symmetric, so Ad and Ad^T differ."""
    q, r = np.linalg.qr(rng.normal(size=(size, size)))
    q = q * np.sign(np.diag(r))
    if np.linalg.det(q) < 0:
        q[:, 0] = -q[:, 0]
    return q


# ---------------------------------------------------------------------------
# sho_matrices.
SHO_NAMES = ("A", "B", "C")
SHO_HINT = ("With state [position, velocity], m x'' + c x' + k x = u gives A = [[0, 1], [-k/m, -c/m]], "
            "B = [[0], [1/m]], C = [[1, 0]]; a batch of parameters gives a batch of matrices, "
            "(batch, 2, 2), (batch, 2, 1), (batch, 1, 2).")


def _sho_case(seed, dtype, batch=3):
    rng = np.random.default_rng(seed)
    k = rng.uniform(0.5, 40.0, batch).astype(dtype)
    m = rng.uniform(0.2, 3.0, batch).astype(dtype)
    c = rng.uniform(0.05, 2.0, batch).astype(dtype)
    return k, m, c


def _check_sho(sub, k, m, c, what):
    out = sub.call("sho_matrices", k, m, c)
    lead = np.broadcast_shapes(np.shape(k), np.shape(m), np.shape(c))
    got = _outputs(out.value, "sho_matrices", SHO_NAMES, [lead + (2, 2), lead + (2, 1), lead + (1, 2)], SHO_HINT)
    # One float32 division per entry: relative error <= eps32 / 2.
    for name, actual, expected in zip(SHO_NAMES, got, oracles.sho(k, m, c)):
        checks.assert_close(actual, expected, f"`{name}` from sho_matrices for {what}", rtol=1e-6, atol=0,
                            hint=SHO_HINT)


@A.test("sho_matrices", points=2)
def test_sho_matrices_match_the_definition(sub):
    """A = [[0, 1], [-k/m, -c/m]], B = [[0], [1/m]], C = [[1, 0]] for a batch of 3 different oscillators."""
    k, m, c = _sho_case(800, np.float32)
    _check_sho(sub, k, m, c, "a batch of 3 oscillators")


@A.test("sho_matrices", points=1)
def test_sho_matrices_accept_0d_parameters(sub):
    """0-d stiffness, mass and damping give unbatched matrices (2, 2), (2, 1), (1, 2)."""
    _check_sho(sub, np.array(7.5, np.float32), np.array(0.5, np.float32), np.array(0.3, np.float32),
               "0-d parameters (k = 7.5, m = 0.5, c = 0.3)")


@A.test("sho_matrices", points=1)
def test_sho_matrices_share_a_0d_mass_across_the_batch(sub):
    """A 0-d mass is shared by (batch,) stiffness and damping: matrices (3, 2, 2), (3, 2, 1), (3, 1, 2)."""
    k, _, c = _sho_case(801, np.float32)
    _check_sho(sub, k, np.array(1.7, np.float32), c, "(3,) stiffness and damping with a 0-d mass of 1.7")


@A.test("sho_matrices", points=2)
def test_sho_matrices_gradients_match_closed_form(sub):
    """Gradients of A and B w.r.t. stiffness, mass and damping match d(-k/m), d(-c/m), d(1/m) (float64)."""
    k, m, c = _sho_case(802, np.float64, batch=2)
    rng = np.random.default_rng(803)
    g_A, g_B, g_C = rng.normal(size=(2, 2, 2)), rng.normal(size=(2, 2, 1)), rng.normal(size=(2, 1, 2))
    plain = sub.call("sho_matrices", k, m, c)
    _outputs(plain.value, "sho_matrices", SHO_NAMES, [(2, 2, 2), (2, 2, 1), (2, 1, 2)], SHO_HINT)
    cot = np.concatenate([g_A.ravel(), g_B.ravel(), g_C.ravel()])
    out = sub.call(Lib(CONCATENATE), Ref("sho_matrices"), Diff(k), Diff(m), Diff(c), cotangent=cot)
    checks.assert_grads_close(out, oracles.sho_vjp(k, m, c, g_A, g_B), ["stiffness", "mass", "damping"],
                              "sho_matrices", rtol=GRAD_RTOL, atol=GRAD_ATOL)


@A.test("sho_matrices", points=1)
def test_sho_matrices_keep_float64(sub):
    """float64 parameters give float64 A, B and C."""
    k, m, c = _sho_case(804, np.float64)
    out = sub.call("sho_matrices", k, m, c)
    _assert_tuple_dtype(out.value, "float64", "sho_matrices", SHO_NAMES)


@A.test("sho_matrices", points=1)
def test_sho_matrices_do_not_modify_inputs(sub):
    """sho_matrices leaves stiffness, mass and damping unchanged."""
    k, m, c = _sho_case(805, np.float32)
    out = sub.call("sho_matrices", k, m, c, return_inputs=True)
    checks.assert_not_mutated(out, ["stiffness", "mass", "damping"], "sho_matrices")


@A.test("sho_matrices", points=1)
def test_sho_matrices_reject_bad_arguments(sub):
    """ValueError naming the argument: a 2-D stiffness, mass or damping; (batch,) lengths that disagree."""
    k, m, c = _sho_case(806, np.float32)
    checks.assert_accepts(sub, "sho_matrices", k, m, c)
    checks.assert_raises_value_error(sub, "sho_matrices", k[:, None], m, c, argument="stiffness")
    checks.assert_raises_value_error(sub, "sho_matrices", k, m[None, :], c, argument="mass")
    checks.assert_raises_value_error(sub, "sho_matrices", k, m, np.stack([c, c]), argument="damping")
    _raises_naming_one_of(sub, "sho_matrices", k, m, c[:2], arguments=["damping", "stiffness", "mass"],
                          what="a damping of 2 values with a stiffness and mass of 3")


# ---------------------------------------------------------------------------
# discretize_bilinear.
BILINEAR_NAMES = ("Ad", "Bd")
BILINEAR_HINT = ("With M = (I - A T / 2)^-1: Ad = M (I + A T / 2) and Bd = M B T, with matrix products "
                 "(@), not elementwise ones; the identity is S x S.")


def _bilinear_atol(A, sample_period, eps=EPS32):
    """20 * S * eps * cond(I - A T / 2) * (size of the results), per the module docstring."""
    A = np.asarray(A, np.float64)
    S = A.shape[-1]
    left = np.eye(S) - A * sample_period / 2
    cond = float(np.max(np.linalg.cond(left)))
    scale = float(np.max(np.linalg.norm(np.linalg.inv(left), ord=2, axis=(-2, -1))))
    return 20 * S * eps * cond * scale * (1 + float(np.max(np.abs(A))) * sample_period)


def _random_system(rng, lead, S, m, dtype, spread=0.8):
    A = rng.normal(scale=spread, size=lead + (S, S)).astype(dtype)
    B = rng.normal(size=lead + (S, m)).astype(dtype)
    return A, B


def _check_bilinear(sub, A, B, T, what):
    out = sub.call("discretize_bilinear", A, B, T)
    lead = np.broadcast_shapes(A.shape[:-2], B.shape[:-2])
    S, m = A.shape[-1], B.shape[-1]
    got = _outputs(out.value, "discretize_bilinear", BILINEAR_NAMES, [A.shape, lead + (S, m)],
                   "Ad depends on A only and has A's shape (..., S, S); Bd has shape (..., S, m), the leading "
                   "dimensions of A and B broadcast.")
    atol = _bilinear_atol(A, T) * max(1.0, float(np.max(np.abs(B))) * T)
    for name, actual, expected in zip(BILINEAR_NAMES, got, oracles.bilinear(A, B, T)):
        checks.assert_close(actual, expected, f"`{name}` from discretize_bilinear for {what}, compared with "
                            f"scipy.signal.cont2discrete(method='bilinear')", rtol=0, atol=atol, hint=BILINEAR_HINT)


@A.test("discretize_bilinear", points=3)
def test_discretize_bilinear_matches_scipy_cont2discrete(sub):
    """A batch of 3 random 3 x 3 systems with 2 inputs, T = 0.5, matches scipy's bilinear cont2discrete."""
    rng = np.random.default_rng(810)
    A, B = _random_system(rng, (3,), 3, 2, np.float32)
    _check_bilinear(sub, A, B, 0.5, "a batch of 3 systems with S = 3, m = 2, sample_period = 0.5")


@A.test("discretize_bilinear", points=1)
def test_discretize_bilinear_handles_an_unbatched_system(sub):
    """A (2, 2) and B (2, 1) give Ad (2, 2) and Bd (2, 1), T = 0.25."""
    rng = np.random.default_rng(811)
    A, B = _random_system(rng, (), 2, 1, np.float32, spread=1.5)
    _check_bilinear(sub, A, B, 0.25, "an unbatched system with S = 2, m = 1, sample_period = 0.25")


@A.test("discretize_bilinear", points=1)
def test_discretize_bilinear_broadcasts_leading_dimensions(sub):
    """A (3, S, S) with a shared B (S, 1); a shared A (S, S) with B (2, S, 1)."""
    rng = np.random.default_rng(812)
    A, B = _random_system(rng, (3,), 3, 1, np.float32)
    _check_bilinear(sub, A, B[0], 0.4, "A of shape (3, 3, 3) with B of shape (3, 1)")
    A2, B2 = _random_system(rng, (2,), 3, 1, np.float32)
    _check_bilinear(sub, A2[0], B2, 0.4, "A of shape (3, 3) with B of shape (2, 3, 1)")


@A.test("discretize_bilinear", points=1)
def test_discretize_bilinear_warps_an_undamped_oscillator(sub):
    """An undamped oscillator at f Hz becomes a pole on the unit circle at angle 2 atan(pi f T) (float64)."""
    sample_rate = 16000.0
    f = np.array([55.0, 440.0, 3000.0, 7000.0])
    w = 2 * np.pi * f
    A = np.zeros((4, 2, 2))
    A[:, 0, 1], A[:, 1, 0] = 1.0, -w ** 2
    B = np.zeros((4, 2, 1))
    B[:, 1, 0] = 1.0
    out = sub.call("discretize_bilinear", A, B, 1 / sample_rate)
    Ad, _ = _outputs(out.value, "discretize_bilinear", BILINEAR_NAMES, [(4, 2, 2), (4, 2, 1)])
    if not np.all(np.isfinite(Ad)):
        checks.fail("discretize_bilinear returned NaN or inf for an undamped oscillator.", BILINEAR_HINT)
    poles = np.linalg.eigvals(Ad)
    radius = np.abs(poles)
    angle = np.sort(np.abs(np.angle(poles)), axis=-1)
    expected = 2 * np.arctan(w / (2 * sample_rate))
    # I - A T / 2 has rows of very different scale (1 and w^2 T / 2 ~ 6e4), which a pivoted solve or an
    # explicit inverse handles to ~1e-12 here; 1e-7 leaves room for any float64 method, and every wrong
    # discretisation in the bug zoo misses by 1e-3 or more.
    checks.assert_close(radius, np.ones_like(radius), "the magnitude of the discrete poles of undamped oscillators "
                        "at 55, 440, 3000 and 7000 Hz", rtol=0, atol=1e-7,
                        hint="The bilinear transform maps the imaginary axis onto the unit circle: an undamped "
                             "oscillator neither grows nor decays. " + BILINEAR_HINT)
    checks.assert_close(angle, np.stack([expected, expected], axis=-1), "the angle of the discrete poles of "
                        "undamped oscillators at 55, 440, 3000 and 7000 Hz (sample rate 16 kHz)", rtol=0,
                        atol=1e-7, unit="rad/sample",
                        hint="The bilinear transform maps s = j w to the angle 2 atan(w T / 2), not w T: high "
                             "frequencies are compressed towards Nyquist. " + BILINEAR_HINT)


@A.test("discretize_bilinear", points=2)
def test_discretize_bilinear_gradients_match_closed_form(sub):
    """Gradients of Ad and Bd w.r.t. A and B match dM = M (T/2) dA M (float64, batch of 2)."""
    rng = np.random.default_rng(813)
    A, B = _random_system(rng, (2,), 3, 2, np.float64)
    T = 0.3
    g_Ad, g_Bd = rng.normal(size=(2, 3, 3)), rng.normal(size=(2, 3, 2))
    plain = sub.call("discretize_bilinear", A, B, T)
    _outputs(plain.value, "discretize_bilinear", BILINEAR_NAMES, [(2, 3, 3), (2, 3, 2)])
    out = sub.call(Lib(CONCATENATE), Ref("discretize_bilinear"), Diff(A), Diff(B), T,
                   cotangent=np.concatenate([g_Ad.ravel(), g_Bd.ravel()]))
    checks.assert_grads_close(out, oracles.bilinear_vjp(A, B, T, g_Ad, g_Bd), ["A", "B"], "discretize_bilinear",
                              rtol=GRAD_RTOL, atol=GRAD_ATOL)


@A.test("discretize_bilinear", points=1)
def test_discretize_bilinear_keeps_float64(sub):
    """float64 A and B give float64 Ad and Bd."""
    rng = np.random.default_rng(814)
    A, B = _random_system(rng, (2,), 2, 1, np.float64)
    out = sub.call("discretize_bilinear", A, B, 0.1)
    _assert_tuple_dtype(out.value, "float64", "discretize_bilinear", BILINEAR_NAMES)


@A.test("discretize_bilinear", points=1)
def test_discretize_bilinear_does_not_modify_inputs(sub):
    """discretize_bilinear leaves A and B unchanged."""
    rng = np.random.default_rng(815)
    A, B = _random_system(rng, (2,), 3, 1, np.float32)
    out = sub.call("discretize_bilinear", A, B, 0.5, return_inputs=True)
    checks.assert_not_mutated(out, ["A", "B"], "discretize_bilinear")


@A.test("discretize_bilinear", points=1)
def test_discretize_bilinear_rejects_bad_arguments(sub):
    """ValueError naming the argument: A not (..., S, S); B not (..., S, m); sample_period <= 0."""
    rng = np.random.default_rng(816)
    A, B = _random_system(rng, (2,), 2, 1, np.float32)
    checks.assert_accepts(sub, "discretize_bilinear", A, B, 0.5)
    checks.assert_raises_value_error(sub, "discretize_bilinear", A[:, :, :1], B, 0.5, argument="A")
    checks.assert_raises_value_error(sub, "discretize_bilinear", A[0, 0], B, 0.5, argument="A")
    checks.assert_raises_value_error(sub, "discretize_bilinear", A, np.ones((2, 3, 1), np.float32), 0.5,
                                     argument="B")
    checks.assert_raises_value_error(sub, "discretize_bilinear", A, B[0, :, 0], 0.5, argument="B")
    checks.assert_raises_value_error(sub, "discretize_bilinear", A, B, 0.0, argument="sample_period")
    checks.assert_raises_value_error(sub, "discretize_bilinear", A, B, -0.5, argument="sample_period")


# ---------------------------------------------------------------------------
# simulate_state_space.
SIMULATE_HINT = ("Start from x[0] = x0 (zeros by default); at every sample n first update the state, "
                 "x[n+1] = Ad x[n] + Bd u[n], then output y[n] = C x[n+1] (the new state). A matrix without "
                 "a batch dimension is shared by every item; one with a batch dimension belongs to its item.")


def _stable_case(seed, batch, S, n, dtype, shared=()):
    """Ad = rho * rotation per item (rho in [0.8, 0.9]); Bd, C, u, x0 normal."""
    rng = np.random.default_rng(seed)
    rho = rng.uniform(0.8, 0.9, batch)
    Ad = np.stack([r * _rotation(rng, S) for r in rho])
    Bd = rng.normal(size=(batch, S, 1))
    C = rng.normal(size=(batch, 1, S))
    u = rng.normal(size=(batch, n))
    x0 = rng.normal(size=(batch, S))
    parts = {"Ad": Ad, "Bd": Bd, "C": C}
    for name in shared:
        parts[name] = parts[name][0]
    cast = lambda a: a.astype(dtype)  # noqa: E731
    return cast(parts["Ad"]), cast(parts["Bd"]), cast(parts["C"]), cast(u), cast(x0), float(rho.max())


def _simulate_atol(Ad, Bd, C, u, x0, rho, eps=EPS32):
    """|C| |x|max S eps (4 / (1 - rho) + 2), per the module docstring."""
    S = np.shape(Ad)[-1]
    b_norm = float(np.max(np.linalg.norm(np.asarray(Bd, np.float64).reshape(-1, S), axis=-1)))
    x_max = float(np.max(np.linalg.norm(x0, axis=-1))) + b_norm * float(np.max(np.abs(u))) / (1 - rho)
    c_norm = float(np.max(np.linalg.norm(np.asarray(C, np.float64).reshape(-1, S), axis=-1)))
    return c_norm * x_max * S * eps * (4 / (1 - rho) + 2) + 1e-7


def _check_simulation(sub, case, what, with_x0=True):
    Ad, Bd, C, u, x0, rho = case
    args = (Ad, Bd, C, u, x0) if with_x0 else (Ad, Bd, C, u)
    out = sub.call("simulate_state_space", *args)
    expected, _ = oracles.simulate(Ad, Bd, C, u, x0 if with_x0 else None)
    start = x0 if with_x0 else np.zeros_like(x0)
    checks.assert_close(out.value, expected, f"simulate_state_space for {what}, compared with scipy.signal.dlsim",
                        rtol=0, atol=_simulate_atol(Ad, Bd, C, u, start, rho), hint=SIMULATE_HINT)


@A.test("simulate_state_space", points=3)
def test_simulate_state_space_matches_scipy_dlsim(sub):
    """A batch of 3 different stable 3-state systems, each with its own initial state, matches dlsim."""
    case = _stable_case(820, 3, 3, 60, np.float32)
    _check_simulation(sub, case, "a batch of 3 systems (Ad (3, 3, 3), Bd (3, 3, 1), C (3, 1, 3)) with x0")


@A.test("simulate_state_space", points=1)
def test_simulate_state_space_shares_unbatched_matrices(sub):
    """Ad, Bd, C without a batch dimension are shared by the batch; they may be mixed with batched ones."""
    case = _stable_case(821, 2, 3, 40, np.float32, shared=("Ad", "Bd", "C"))
    _check_simulation(sub, case, "a batch of 2 inputs through one shared system (Ad (3, 3), Bd (3, 1), C (1, 3))")
    case = _stable_case(822, 3, 2, 40, np.float32, shared=("Bd", "C"))
    _check_simulation(sub, case, "Ad (3, 2, 2) per item with a shared Bd (2, 1) and C (1, 2)")


@A.test("simulate_state_space", points=1)
def test_simulate_state_space_outputs_the_new_state_from_zero(sub):
    """Impulse through r R(theta), x0 omitted: y[n] = r^n sin(n theta) with C = [0, 1], r^n cos(n theta) with [1, 0]."""
    r, theta, n = 0.97, 0.4, 64
    rotation = r * np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    Ad = np.stack([rotation, rotation]).astype(np.float32)
    Bd = np.array([[1.0], [0.0]], np.float32)
    C = np.array([[[0.0, 1.0]], [[1.0, 0.0]]], np.float32)
    u = np.zeros((2, n), np.float32)
    u[:, 0] = 1.0
    k = np.arange(n)
    expected = np.stack([r ** k * np.sin(k * theta), r ** k * np.cos(k * theta)])
    out = sub.call("simulate_state_space", Ad, Bd, C, u)
    # The float32 matrix entries round theta and r by ~eps32: after 64 steps the phase is off by
    # ~64 * 2 eps32 ~ 2e-5 rad; with rounding of each step, 1e-4 is a safe bound.
    checks.assert_close(out.value, expected, "the impulse response of x[n+1] = 0.97 R(0.4) x[n] + [1, 0] u[n] "
                        "from the zero state (item 0: C = [0, 1], item 1: C = [1, 0])", rtol=0, atol=1e-4,
                        hint="After the impulse, x[1] = Bd = [1, 0] and x[n+1] = r^n [cos(n theta), sin(n theta)]; "
                             "the output at sample n reads the state *after* the update, so y[0] = C Bd. "
                             + SIMULATE_HINT)


def _simulate_fd(Ad, Bd, C, u, x0, cot, wrt):
    f = lambda *a: oracles.simulate(*a)[0]  # noqa: E731
    return checks.finite_difference_vjp(f, [Ad, Bd, C, u, x0], cot, wrt)


@A.test("simulate_state_space", points=2)
def test_simulate_state_space_gradients_wrt_matrices(sub):
    """Gradients w.r.t. Ad, Bd and C match float64 finite differences of dlsim (batch of 2)."""
    Ad, Bd, C, u, x0, _ = _stable_case(823, 2, 2, 25, np.float64)
    cot = np.random.default_rng(824).normal(size=(2, 25))
    out = sub.call("simulate_state_space", Diff(Ad), Diff(Bd), Diff(C), u, x0, cotangent=cot)
    checks.as_array(out.value, "simulate_state_space output", (2, 25))
    checks.assert_grads_close(out, _simulate_fd(Ad, Bd, C, u, x0, cot, [0, 1, 2]), ["Ad", "Bd", "C"],
                              "simulate_state_space", rtol=GRAD_RTOL, atol=GRAD_ATOL)


@A.test("simulate_state_space", points=2)
def test_simulate_state_space_gradients_wrt_input_and_initial_state(sub):
    """Gradients w.r.t. u and x0 match float64 finite differences of dlsim (shared matrices, batch of 2)."""
    Ad, Bd, C, u, x0, _ = _stable_case(825, 2, 2, 25, np.float64, shared=("Ad", "Bd", "C"))
    cot = np.random.default_rng(826).normal(size=(2, 25))
    out = sub.call("simulate_state_space", Ad, Bd, C, Diff(u), Diff(x0), cotangent=cot)
    checks.as_array(out.value, "simulate_state_space output", (2, 25))
    checks.assert_grads_close(out, _simulate_fd(Ad, Bd, C, u, x0, cot, [3, 4]), ["u", "x0"],
                              "simulate_state_space", rtol=GRAD_RTOL, atol=GRAD_ATOL)


@A.test("simulate_state_space", points=1)
def test_simulate_state_space_batch_of_one_matches_its_row(sub):
    """Simulating item 1 alone gives row 1 of simulating the batch of 2 (per-item matrices and x0)."""
    Ad, Bd, C, u, x0, _ = _stable_case(827, 2, 3, 30, np.float32)
    both = sub.call("simulate_state_space", Ad, Bd, C, u, x0)
    one = sub.call("simulate_state_space", Ad[1:], Bd[1:], C[1:], u[1:], x0[1:])
    both_value = checks.as_array(both.value, "simulate_state_space of a batch of 2", (2, 30))
    # The same computation on the same numbers: only a different batched matmul kernel may differ.
    checks.assert_close(one.value, both_value[1:], "simulate_state_space of a batch of one (item 1 alone), compared "
                        "with row 1 of the same function on the batch of 2", rtol=1e-5, atol=1e-5,
                        hint="Each item of the batch must be simulated with its own matrices, input and initial "
                             "state; check that nothing is indexed with a fixed item or squeezed away.")


@A.test("simulate_state_space", points=1)
def test_simulate_state_space_keeps_float64(sub):
    """float64 matrices and input (x0 omitted) give a float64 output."""
    Ad, Bd, C, u, _, _ = _stable_case(828, 2, 2, 10, np.float64)
    out = sub.call("simulate_state_space", Ad, Bd, C, u)
    checks.assert_dtype(out, "float64", "simulate_state_space")


@A.test("simulate_state_space", points=1)
def test_simulate_state_space_does_not_modify_inputs(sub):
    """simulate_state_space leaves Ad, Bd, C, u and x0 unchanged."""
    Ad, Bd, C, u, x0, _ = _stable_case(829, 2, 2, 20, np.float32)
    out = sub.call("simulate_state_space", Ad, Bd, C, u, x0, return_inputs=True)
    checks.assert_not_mutated(out, ["Ad", "Bd", "C", "u", "x0"], "simulate_state_space")


@A.test("simulate_state_space", points=1)
def test_simulate_state_space_rejects_bad_arguments(sub):
    """ValueError naming the argument: Bd as (S,), Ad not square, C as (S, 1), 1-D u, x0 of another shape,
    batches that disagree."""
    Ad, Bd, C, u, x0, _ = _stable_case(830, 2, 3, 10, np.float32)
    checks.assert_accepts(sub, "simulate_state_space", Ad, Bd, C, u, x0)
    checks.assert_raises_value_error(sub, "simulate_state_space", Ad, Bd[0, :, 0], C, u, x0, argument="Bd")
    checks.assert_raises_value_error(sub, "simulate_state_space", Ad[:, :, :2], Bd, C, u, x0, argument="Ad")
    checks.assert_raises_value_error(sub, "simulate_state_space", Ad, Bd, C[0].T.copy(), u, x0, argument="C")
    checks.assert_raises_value_error(sub, "simulate_state_space", Ad, Bd, C, u[0], x0, argument="u")
    checks.assert_raises_value_error(sub, "simulate_state_space", Ad, Bd, C, u, x0[:, :2], argument="x0")
    _raises_naming_one_of(sub, "simulate_state_space", Ad, Bd, C, u[:1], x0[:1], arguments=["Ad", "Bd", "C", "u"],
                          what="per-item matrices of a batch of 2 with an input u of a batch of 1")


# ---------------------------------------------------------------------------
# modal_synth.
MODAL_HINT = ("Time is t = n / sample_rate for n = 0 .. n_samples - 1 (seconds, starting at 0); each mode is "
              "a * exp(-t / tau) * sin(2 pi f t) with f in Hz and tau in seconds, and the modes of one item "
              "are summed (over dimension 1, not the batch).")


def _modal_case(seed, batch, n_modes, dtype, f_max=2000.0):
    rng = np.random.default_rng(seed)
    f = rng.uniform(60.0, f_max, (batch, n_modes)).astype(dtype)
    tau = rng.uniform(0.004, 0.05, (batch, n_modes)).astype(dtype)
    a = rng.uniform(-1.0, 1.0, (batch, n_modes)).astype(dtype)
    return f, tau, a


def _modal_atol(f, tau, a, n_samples, sample_rate, eps=EPS32):
    """sum_i 8 eps |a_i| (2 pi f_i t_max + t_max / tau_i + n_samples + 1), per the module docstring."""
    t_max = (n_samples - 1) / sample_rate
    f, tau, a = (np.asarray(p, np.float64) for p in (f, tau, a))
    per_item = np.sum(8 * eps * np.abs(a) * (2 * np.pi * np.abs(f) * t_max + t_max / tau + n_samples + 1), axis=-1)
    return float(per_item.max()) + 1e-7


def _check_modal(sub, f, tau, a, n_samples, sample_rate, what, eps=EPS32):
    out = sub.call("modal_synth", f, tau, a, n_samples, sample_rate)
    checks.assert_close(out.value, oracles.modal(f, tau, a, n_samples, sample_rate), f"modal_synth for {what}",
                        rtol=0, atol=_modal_atol(f, tau, a, n_samples, sample_rate, eps), hint=MODAL_HINT)
    return out


@A.test("modal_synth", points=3)
def test_modal_synth_matches_closed_form(sub):
    """A batch of 3 different sounds of 3 modes each (batch = n_modes) is the closed-form sum of damped sines."""
    f, tau, a = _modal_case(840, 3, 3, np.float32)
    _check_modal(sub, f, tau, a, 200, 8000.0, "a batch of 3 sounds of 3 modes, 200 samples at 8 kHz")


@A.test("modal_synth", points=1)
def test_modal_synth_counts_time_from_zero_at_the_sample_rate(sub):
    """One mode at sample_rate / 4 with tau = 1 / sample_rate is 0, e^-1, 0, -e^-3, ... at 8 kHz and 44.1 kHz."""
    for sample_rate in (8000.0, 44100.0):
        f = np.array([[sample_rate / 4]], np.float32)
        tau = np.array([[1 / sample_rate]], np.float32)
        a = np.array([[2.0]], np.float32)
        n = np.arange(12)
        expected = 2.0 * np.exp(-n) * np.sin(np.pi * n / 2)
        out = sub.call("modal_synth", f, tau, a, 12, sample_rate)
        checks.assert_close(out.value, expected[None], f"modal_synth of one mode at {sample_rate / 4:g} Hz with "
                            f"tau = 1/{sample_rate:g} s and amplitude 2 (sample rate {sample_rate:g} Hz)", rtol=0,
                            atol=1e-5, hint=MODAL_HINT)


@A.test("modal_synth", points=1)
def test_modal_synth_is_accurate_in_float64(sub):
    """float64 parameters give the closed form to float64 precision (modes up to 7 kHz, 400 samples at 16 kHz)."""
    f, tau, a = _modal_case(841, 2, 4, np.float64, f_max=7000.0)
    out = sub.call("modal_synth", f, tau, a, 400, 16000.0)
    checks.assert_close(out.value, oracles.modal(f, tau, a, 400, 16000.0), "modal_synth in float64", rtol=RTOL64,
                        atol=ATOL64, hint=MODAL_HINT + " Build the time axis in the dtype of the parameters.")


@A.test("modal_synth", points=3)
def test_modal_synth_gradients_match_closed_form(sub):
    """Gradients w.r.t. frequencies_hz, decays_s and amplitudes match the chain rule (float64, batch of 2)."""
    f, tau, a = _modal_case(842, 2, 3, np.float64)
    cot = np.random.default_rng(843).normal(size=(2, 120))
    out = sub.call("modal_synth", Diff(f), Diff(tau), Diff(a), 120, 8000.0, cotangent=cot)
    checks.as_array(out.value, "modal_synth output", (2, 120))
    checks.assert_grads_close(out, oracles.modal_vjp(f, tau, a, 120, 8000.0, cot),
                              ["frequencies_hz", "decays_s", "amplitudes"], "modal_synth", rtol=GRAD_RTOL,
                              atol=GRAD_ATOL)


@A.test("modal_synth", points=1)
def test_modal_synth_batch_of_one_matches_its_row(sub):
    """Synthesising item 0 alone gives row 0 of synthesising the batch of 2."""
    f, tau, a = _modal_case(844, 2, 5, np.float32)
    both = sub.call("modal_synth", f, tau, a, 100, 8000.0)
    one = sub.call("modal_synth", f[:1], tau[:1], a[:1], 100, 8000.0)
    both_value = checks.as_array(both.value, "modal_synth of a batch of 2", (2, 100))
    checks.assert_close(one.value, both_value[:1], "modal_synth of a batch of one (item 0 alone), compared with row "
                        "0 of the same function on the batch of 2", rtol=1e-5, atol=1e-5,
                        hint="Each item is the sum of its own modes only: check which dimension you sum over.")


@A.test("modal_synth", points=1)
def test_modal_synth_keeps_float64(sub):
    """float64 parameters give a float64 output."""
    f, tau, a = _modal_case(845, 2, 2, np.float64)
    out = sub.call("modal_synth", f, tau, a, 30, 8000.0)
    checks.assert_dtype(out, "float64", "modal_synth")


@A.test("modal_synth", points=1)
def test_modal_synth_does_not_modify_inputs(sub):
    """modal_synth leaves frequencies_hz, decays_s and amplitudes unchanged."""
    f, tau, a = _modal_case(846, 2, 3, np.float32)
    out = sub.call("modal_synth", f, tau, a, 50, 8000.0, return_inputs=True)
    checks.assert_not_mutated(out, ["frequencies_hz", "decays_s", "amplitudes"], "modal_synth")


@A.test("modal_synth", points=1)
def test_modal_synth_rejects_bad_arguments(sub):
    """ValueError naming the argument: 1-D frequencies_hz, mismatched decays_s or amplitudes, n_samples < 1,
    sample_rate <= 0."""
    f, tau, a = _modal_case(847, 2, 3, np.float32)
    checks.assert_accepts(sub, "modal_synth", f, tau, a, 16, 8000.0)
    checks.assert_raises_value_error(sub, "modal_synth", f[0], tau[0], a[0], 16, 8000.0, argument="frequencies_hz")
    checks.assert_raises_value_error(sub, "modal_synth", f, tau[:, :2], a, 16, 8000.0, argument="decays_s")
    checks.assert_raises_value_error(sub, "modal_synth", f, tau, a[:1], 16, 8000.0, argument="amplitudes")
    checks.assert_raises_value_error(sub, "modal_synth", f, tau, a, 0, 8000.0, argument="n_samples")
    checks.assert_raises_value_error(sub, "modal_synth", f, tau, a, 16, 0.0, argument="sample_rate")


# ---------------------------------------------------------------------------
# karplus_strong.
KS_HINT = ("y[n] = x[n] + feedback * (y[n - delay] + y[n - delay - 1]) / 2 with y = 0 before the start; the "
           "excitation is zero after its end and cut at n_samples. Note the 1/2 of the two-point average, and "
           "that the second term is one sample further back than the first.")


def _ks_case(seed, batch, n_excitation, dtype):
    rng = np.random.default_rng(seed)
    return rng.uniform(-1.0, 1.0, (batch, n_excitation)).astype(dtype)


def _ks_atol(expected, n_samples, eps=EPS32):
    """n_samples * 2 eps |y|max, per the module docstring."""
    return 2 * n_samples * eps * float(np.max(np.abs(expected))) + 1e-7


def _check_ks(sub, excitation, delay, feedback, n_samples, what):
    out = sub.call("karplus_strong", excitation, delay, feedback, n_samples)
    expected = oracles.karplus_strong(excitation, delay, feedback, n_samples)
    checks.assert_close(out.value, expected, f"karplus_strong for {what}", rtol=0,
                        atol=_ks_atol(expected, n_samples), hint=KS_HINT)


@A.test("karplus_strong", points=3)
def test_karplus_strong_matches_numpy_loop(sub):
    """Two different excitations of 10 samples, delay 7, feedback 0.95, 120 samples: the recursion of the spec."""
    excitation = _ks_case(850, 2, 10, np.float32)
    _check_ks(sub, excitation, 7, 0.95, 120, "2 excitations of 10 samples, delay 7, feedback 0.95, 120 samples")


@A.test("karplus_strong", points=1)
def test_karplus_strong_takes_feedback_per_item(sub):
    """A (batch,) feedback tensor gives each item its own loop gain; a 0-d tensor is shared."""
    excitation = _ks_case(851, 3, 6, np.float32)
    _check_ks(sub, excitation, 5, np.array([0.5, 0.9, -0.8], np.float32), 80,
              "feedback (0.5, 0.9, -0.8) per item, delay 5")
    _check_ks(sub, excitation, 5, np.array(0.99, np.float32), 80, "a 0-d feedback tensor 0.99, delay 5")


@A.test("karplus_strong", points=1)
def test_karplus_strong_handles_delay_one_and_a_long_excitation(sub):
    """delay = 1 (y[n-1] and y[n-2]), and an excitation of 50 samples cut to n_samples = 30."""
    excitation = _ks_case(852, 2, 50, np.float32)
    _check_ks(sub, excitation, 1, 0.9, 30, "delay 1 with a 50-sample excitation and n_samples = 30")
    _check_ks(sub, excitation[:, :4], 1, 0.9, 30, "delay 1 with a 4-sample excitation and n_samples = 30")


def _ks_fd(excitation, feedback, delay, n_samples, cot, wrt):
    f = lambda x, g: oracles.karplus_strong(x, delay, g, n_samples)  # noqa: E731
    return checks.finite_difference_vjp(f, [excitation, feedback], cot, wrt)


@A.test("karplus_strong", points=2)
def test_karplus_strong_gradient_wrt_feedback(sub):
    """The gradient w.r.t. a (batch,) feedback matches float64 finite differences of the recursion."""
    excitation = _ks_case(853, 2, 8, np.float64)
    feedback = np.array([0.97, 0.8])
    cot = np.random.default_rng(854).normal(size=(2, 60))
    out = sub.call("karplus_strong", excitation, 6, Diff(feedback), 60, cotangent=cot)
    checks.as_array(out.value, "karplus_strong output", (2, 60))
    checks.assert_grads_close(out, _ks_fd(excitation, feedback, 6, 60, cot, [1]), ["feedback"], "karplus_strong",
                              rtol=GRAD_RTOL, atol=GRAD_ATOL,
                              hint="The output depends on feedback through every pass around the loop; keep "
                                   "feedback a tensor in the graph (no float(), .item() or torch.tensor(feedback)).")


@A.test("karplus_strong", points=2)
def test_karplus_strong_gradients_wrt_excitation_and_0d_feedback(sub):
    """Gradients w.r.t. the excitation and a 0-d feedback match float64 finite differences."""
    excitation = _ks_case(855, 2, 8, np.float64)
    feedback = np.array(0.9)
    cot = np.random.default_rng(856).normal(size=(2, 50))
    out = sub.call("karplus_strong", Diff(excitation), 4, Diff(feedback), 50, cotangent=cot)
    checks.as_array(out.value, "karplus_strong output", (2, 50))
    checks.assert_grads_close(out, _ks_fd(excitation, feedback, 4, 50, cot, [0, 1]), ["excitation", "feedback"],
                              "karplus_strong", rtol=GRAD_RTOL, atol=GRAD_ATOL)


@A.test("karplus_strong", points=1)
def test_karplus_strong_batch_of_one_matches_its_row(sub):
    """Item 1 alone with its own feedback gives row 1 of the batch of 2."""
    excitation = _ks_case(857, 2, 9, np.float32)
    feedback = np.array([0.9, 0.6], np.float32)
    both = sub.call("karplus_strong", excitation, 4, feedback, 40)
    one = sub.call("karplus_strong", excitation[1:], 4, feedback[1:], 40)
    both_value = checks.as_array(both.value, "karplus_strong of a batch of 2", (2, 40))
    checks.assert_close(one.value, both_value[1:], "karplus_strong of a batch of one (item 1 alone), compared with "
                        "row 1 of the same function on the batch of 2", rtol=1e-6, atol=1e-6,
                        hint="Each item uses its own excitation and its own feedback value.")


@A.test("karplus_strong", points=1)
def test_karplus_strong_keeps_float64(sub):
    """A float64 excitation gives a float64 output (Python float feedback)."""
    out = sub.call("karplus_strong", _ks_case(858, 2, 5, np.float64), 3, 0.9, 20)
    checks.assert_dtype(out, "float64", "karplus_strong")


@A.test("karplus_strong", points=1)
def test_karplus_strong_does_not_modify_inputs(sub):
    """karplus_strong leaves the excitation and a feedback tensor unchanged."""
    excitation = _ks_case(859, 2, 40, np.float32)
    out = sub.call("karplus_strong", excitation, 3, np.array([0.9, 0.7], np.float32), 30, return_inputs=True)
    checks.assert_not_mutated(out, ["excitation", "feedback"], "karplus_strong")


@A.test("karplus_strong", points=1)
def test_karplus_strong_rejects_bad_arguments(sub):
    """ValueError naming the argument: delay 0, -2 or 2.5; 1-D excitation; feedback of another batch or 2-D;
    n_samples < 1."""
    excitation = _ks_case(860, 2, 6, np.float32)
    checks.assert_accepts(sub, "karplus_strong", excitation, 3, 0.9, 20)
    for delay in (0, -2, 2.5):
        checks.assert_raises_value_error(sub, "karplus_strong", excitation, delay, 0.9, 20, argument="delay")
    checks.assert_raises_value_error(sub, "karplus_strong", excitation[0], 3, 0.9, 20, argument="excitation")
    checks.assert_raises_value_error(sub, "karplus_strong", excitation, 3, np.full(3, 0.9, np.float32), 20,
                                     argument="feedback")
    checks.assert_raises_value_error(sub, "karplus_strong", excitation, 3, np.full((2, 1), 0.9, np.float32), 20,
                                     argument="feedback")
    checks.assert_raises_value_error(sub, "karplus_strong", excitation, 3, 0.9, 0, argument="n_samples")
