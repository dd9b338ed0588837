"""Hidden tests for 00_pytorch_basics (tensors, autograd, optimisers).

Oracles are written here from COURSE_SPEC.md: analytic gradients of the worker's LIBRARY
functions for ``central_difference_grad``, the closed form ``slope * x + intercept`` and its
derivatives for ``LinearModel``, and full-batch gradient descent on the mean squared error in
float64 numpy for ``fit_linear_model``.

Tolerances of central differences. With step h, the central difference of f along entry i is
f'(x_i) + h**2 / 6 * f'''(xi) exactly (Taylor with remainder), so the truncation error is at
most h**2 / 6 * max|f'''| near x_i. Each evaluation of f is rounded: a float sum of n terms
has an error of at most about n * u * sum|terms| (u = 2**-24 in float32, 2**-53 in float64),
and the difference of two such values divided by 2h is off by at most that bound / h. The
perturbed point x_i + h is itself rounded, which changes the real step by up to u * |x_i + h|:
a relative error of about 2 * u * (|x_i| + h) / h on the result. Every float32 test passes
eps = 1e-2, near the optimum (u / max|f'''|) ** (1/3) ~ 4e-3 of that trade-off, and allows
4 times the bound: any correct float32 or float64 implementation passes, while a forward
difference (error h / 2 * |f''| ~ 1e-2) or a wrong denominator (a factor 2) is far outside.
"""
import numpy as np

from autograder import checks
from autograder.harness import Assignment, Attr, Diff, Lib, New, Ref, StudentError, Tuple

A = Assignment("00_pytorch_basics", depends={"fit_linear_model": ["LinearModel"]})

U = {"float32": 2.0 ** -24, "float64": 2.0 ** -53}
SAFETY = 4.0


# ---------------------------------------------------------------------------
# central_difference_grad: analytic oracles and error bounds for the LIBRARY functions.
def _case(name, x, h, **params):
    """(Lib spec, analytic gradient, atol, rtol) for one LIBRARY function at x with step h.

    The bounds follow the module docstring: truncation h**2/6 * max|f'''| plus the rounding of
    two evaluations of f divided by 2h, times SAFETY; rtol covers the rounding of the step.
    """
    dtype = str(x.dtype)
    u = U[dtype]
    x64 = np.asarray(x, np.float64)
    n = x64.size
    reach = np.abs(x64) + h  # every |coordinate| f sees
    if name == "cubic_sum":
        grad = 3 * x64 ** 2
        trunc = h ** 2  # ((x+h)^3 - (x-h)^3) / 2h = 3x^2 + h^2: f''' = 6 exactly
        rounding = (n + 2) * u * np.sum(reach ** 3)
    elif name in ("weighted_sin", "numpy_weighted_sin"):
        w = np.asarray(params["w"], np.float64)
        grad = np.broadcast_to(w * np.cos(x64), x64.shape).copy()
        trunc = h ** 2 / 6 * np.max(np.abs(w))  # |d^3/dx^3 w sin x| <= |w|
        # The NumPy black box is exact in float64 and rounded once to x's dtype.
        rounding = (u * np.sum(np.abs(w)) if name == "numpy_weighted_sin"
                    else (n + 2) * u * np.sum(np.abs(w) * np.ones_like(x64)))
    elif name == "exp_dot":
        w = np.asarray(params["w"], np.float64)
        value = np.exp(np.sum(w * x64))
        grad = value * w
        top = value * np.exp(np.max(np.abs(w)) * h)  # f anywhere within one step
        trunc = h ** 2 / 6 * np.max(np.abs(w)) ** 3 * top
        # The exponent is a sum of n products (absolute error (n + 1) u sum|w x|), which exp
        # turns into a relative error, plus the rounding of exp itself.
        rounding = top * ((n + 1) * u * np.sum(np.abs(w) * reach) + 2 * u)
    elif name == "quadratic":
        m = np.asarray(params["m"], np.float64)
        flat = x64.reshape(-1)
        grad = ((m + m.T) @ flat).reshape(x64.shape)
        trunc = 0.0  # a quadratic has no third derivative: central differences are exact
        rounding = (2 * n + 2) * u * np.sum(reach.reshape(-1) * (np.abs(m) @ reach.reshape(-1)))
    else:
        raise KeyError(name)
    atol = SAFETY * (trunc + rounding / h)
    rtol = max(SAFETY * 2 * u * (np.max(np.abs(x64)) + h) / h, 1e-12)
    return Lib(name, **params), grad, float(atol), float(rtol)


def _describe(name, x):
    return f"central_difference_grad({name}, x of shape {tuple(np.shape(x))}, {np.asarray(x).dtype})"


def _check_gradient(sub, name, x, h, pass_eps=True, hint=None, **params):
    spec, expected, atol, rtol = _case(name, x, h, **params)
    kwargs = {"eps": h} if pass_eps else {}
    out = sub.call("central_difference_grad", spec, x, **kwargs)
    what = _describe(name, x) + (f" with eps={h:g}" if pass_eps else " with the default eps")
    checks.assert_close(out.value, expected, what, rtol=rtol, atol=atol,
                        hint=hint or "Perturb one entry at a time, by +eps and by -eps (all other entries "
                                     "unchanged), and divide the difference of the two values of f by 2 * eps. "
                                     "The result has the shape of x.")
    return out


@A.test("central_difference_grad", points=2)
def test_central_difference_grad_matches_analytic_gradients(sub):
    """In float32 with eps=1e-2 it matches the analytic gradient of four functions, for x of any shape (0-d to 3-d)."""
    rng = np.random.default_rng(100)
    h = 1e-2
    cubic_x = np.array([[0.5, -0.8, 0.0], [0.3, 1.0, -0.6]], np.float32)  # includes an exact 0
    _check_gradient(sub, "cubic_sum", cubic_x, h)
    _check_gradient(sub, "cubic_sum", np.array(0.6, np.float32), h,
                    hint="x may be 0-d (a single number): x.numel() is 1 and x.shape is ().")
    w = rng.uniform(0.5, 2.0, (2, 1, 3))
    _check_gradient(sub, "weighted_sin", rng.uniform(-1.5, 1.5, (2, 1, 3)).astype(np.float32), h, w=w)
    _check_gradient(sub, "exp_dot", rng.uniform(-0.5, 0.5, (2, 2)).astype(np.float32), h,
                    w=rng.uniform(-1, 1, (2, 2)))
    # A non-separable function: every entry of the gradient depends on every entry of x.
    _check_gradient(sub, "quadratic", rng.uniform(-1, 1, 4).astype(np.float32), h,
                    m=rng.uniform(-1, 1, (4, 4)))


@A.test("central_difference_grad", points=1)
def test_central_difference_grad_default_eps_is_accurate_in_float64(sub):
    """float64 in, float64 out; with the default eps=1e-6 the gradient is accurate to ~1e-8."""
    rng = np.random.default_rng(101)
    # Default h = 1e-6: truncation ~ 1e-13, rounding ~ n * 1e-16 / 1e-6 ~ 1e-9; a default of
    # 1e-3 would leave an error ~ 1e-7, outside these bounds. A float32 result (rounding 6e-8
    # relative) cannot be that accurate: the dtype is checked first, so its message says why.
    x = rng.uniform(-1.5, 1.5, (2, 3))
    w = rng.uniform(1.0, 2.0, (2, 3))
    spec, _, _, _ = _case("weighted_sin", x, 1e-6, w=w)
    checks.assert_dtype(sub.call("central_difference_grad", spec, x), "float64", "central_difference_grad")
    _check_gradient(sub, "weighted_sin", x, 1e-6, pass_eps=False, w=w,
                    hint="In float64 the default eps=1e-6 gives about 9 correct digits; check the "
                         "default value and that you compute in x's dtype.")
    _check_gradient(sub, "exp_dot", rng.uniform(-0.5, 0.5, 4), 1e-6, pass_eps=False, w=rng.uniform(-1, 1, 4))


@A.test("central_difference_grad", points=1)
def test_central_difference_grad_needs_only_values_of_f(sub):
    """On a black box autograd cannot see through (f computed in NumPy) it agrees with the same f written in torch."""
    rng = np.random.default_rng(102)
    # float64 and eps=1e-6: both results are accurate to ~1e-9 (module docstring), whatever the step.
    x = rng.uniform(-1.5, 1.5, (3, 2))
    w = rng.uniform(0.5, 2.0, (3, 2))
    spec, _, atol_numpy, rtol_numpy = _case("numpy_weighted_sin", x, 1e-6, w=w)
    torch_spec, _, atol_torch, rtol_torch = _case("weighted_sin", x, 1e-6, w=w)
    result = sub.call("central_difference_grad", spec, x, eps=1e-6, expect_error=True)
    if result.error is not None:
        if result.error.get("type") == "NotImplementedError":
            raise StudentError("central_difference_grad", result.error)
        checks.fail(f"central_difference_grad raised {result.error.get('type')} ({result.error.get('message', '')}) "
                    "for an f that computes its value in NumPy, outside PyTorch's graph.",
                    "Finite differences need only values of f: do not call backward(), torch.autograd.grad "
                    "or .grad, and do not require grad on the perturbed inputs.")
    # The same function written in torch: the two results differ only by the rounding of f's
    # values (each within its own bound of the exact derivative, so within the sum of both),
    # plus one float32 rounding of each should the result be float32 (the dtype is graded elsewhere).
    same_in_torch = sub.call("central_difference_grad", torch_spec, x, eps=1e-6)
    expected = checks.as_array(same_in_torch.value, "central_difference_grad of sum(w * sin(x)) written in torch")
    checks.assert_close(result.value, expected, "central_difference_grad of sum(w * sin(x)) computed in NumPy "
                        "(compared with your result for the same f written in torch)",
                        rtol=rtol_numpy + rtol_torch + 2 * U["float32"], atol=atol_numpy + atol_torch,
                        hint="Finite differences need only values of f: evaluate f at perturbed copies of x and "
                             "nothing else (no backward(), torch.autograd.grad or .grad).")


@A.test("central_difference_grad", points=1)
def test_central_difference_grad_does_not_modify_x(sub):
    """x is unchanged afterwards, bit for bit (perturb a copy, not x itself)."""
    # float32 values where x + h - 2h + h does not round back to x: undoing an in-place
    # perturbation by arithmetic leaves traces. Only x is checked here, not the gradient.
    x = np.array([0.1, 0.7, -0.3, 1.9, 0.05], np.float32)
    out = sub.call("central_difference_grad", Lib("cubic_sum"), x, eps=1e-2, return_inputs=True)
    checks.assert_not_mutated(out, ["x"], "central_difference_grad")


@A.test("central_difference_grad", points=1)
def test_central_difference_grad_rejects_nonpositive_eps(sub):
    """eps = 0 or eps < 0 raises ValueError naming eps (and a positive eps does not)."""
    x = np.array([0.5, -0.25], np.float32)
    checks.assert_accepts(sub, "central_difference_grad", Lib("cubic_sum"), x, eps=1e-2)
    checks.assert_raises_value_error(sub, "central_difference_grad", Lib("cubic_sum"), x, eps=0.0, argument="eps")
    checks.assert_raises_value_error(sub, "central_difference_grad", Lib("cubic_sum"), x, eps=-1e-3,
                                     argument="eps")


# ---------------------------------------------------------------------------
# LinearModel. A model with chosen parameter values is evaluated with
# torch.func.functional_call, which swaps the values in for one call.
SLOPE, INTERCEPT = 0.7, -0.3


def _with_parameters(slope, intercept, x):
    """Arguments for torch.func.functional_call(LinearModel(), {...}, (x,))."""
    return (Attr(Attr(Ref("torch"), "func"), "functional_call"),
            New("LinearModel"), {"slope": slope, "intercept": intercept}, Tuple(x))


def _module_or_fail(sub):
    """A fresh LinearModel as plain data ({"__module__", "parameters", ...})."""
    checks.require_kind(sub, "LinearModel", "class")
    result = sub.call(Attr(New("LinearModel"), "train"), expect_error=True)
    if result.error is not None:
        if result.error.get("type") == "NotImplementedError":
            raise StudentError("LinearModel", result.error)
        if result.error.get("type") == "AttributeError" and "train" in result.error.get("message", ""):
            checks.fail("LinearModel is not a torch.nn.Module.",
                        "Subclass torch.nn.Module and call super().__init__() first.")
        raise StudentError("LinearModel", result.error)
    value = result.value
    if not isinstance(value, dict) or "parameters" not in value:
        checks.fail("LinearModel is not a torch.nn.Module.", "Subclass torch.nn.Module.")
    return value


@A.test("LinearModel", points=1)
def test_linear_model_has_two_zero_scalar_parameters(sub):
    """LinearModel() has exactly two nn.Parameters, slope and intercept, both 0-d and 0."""
    params = _module_or_fail(sub)["parameters"]
    names = sorted(params) if isinstance(params, dict) else []
    if names != ["intercept", "slope"]:
        checks.fail(f"LinearModel's parameters are {names or 'none'}; exactly `slope` and `intercept` were "
                    "expected.",
                    "Assign torch.nn.Parameter objects to self.slope and self.intercept (plain tensors, "
                    "floats or buffers are not parameters, and nn.Linear brings its own names).")
    for name in ("slope", "intercept"):
        value = checks.as_array(params[name], f"LinearModel().{name}")
        if value.shape != ():
            checks.fail(f"LinearModel().{name} has shape {value.shape}; a 0-d tensor (shape ()) was expected.",
                        "torch.tensor(0.0) is 0-d; torch.zeros(1) has shape (1,).")
        checks.assert_close(value, 0.0, f"the initial LinearModel().{name}", rtol=0, atol=0,
                            hint="Both parameters start at exactly 0.")


@A.test("LinearModel", points=1)
def test_linear_model_computes_slope_times_x_plus_intercept(sub):
    """forward(x) = slope * x + intercept elementwise, for a batch of 1 and of 3, and for float64 x."""
    rng = np.random.default_rng(110)
    slope, intercept = np.float32(SLOPE), np.float32(INTERCEPT)
    for shape in [(1, 4), (3, 5)]:
        x = rng.uniform(-2, 2, shape).astype(np.float32)
        # The parameters are set for the call, so the initial values (graded above) do not matter here.
        out = sub.call(*_with_parameters(np.array(slope), np.array(intercept), x))
        # Two float32 roundings (product and sum): error <= 2 u (|slope x| + |intercept|) < 1e-6.
        checks.assert_close(out.value, np.float64(slope) * x + np.float64(intercept),
                            f"forward(x) with slope={SLOPE}, intercept={INTERCEPT}, x of shape {shape}",
                            rtol=1e-6, atol=1e-6,
                            hint="forward multiplies x by the slope parameter and adds the intercept parameter.")
    # float64 x with float32 parameters: type promotion gives float64, exact to float64 rounding. A float32
    # result is held to float32 precision here (its dtype is graded by the keeps_float64 test).
    x = rng.uniform(-2, 2, (2, 6))
    out = sub.call(*_with_parameters(np.array(slope), np.array(intercept), x))
    exact = isinstance(out.meta, dict) and out.meta.get("dtype") == "float64"
    checks.assert_close(out.value, np.float64(slope) * x + np.float64(intercept),
                        f"forward(x) with float32 slope={SLOPE}, intercept={INTERCEPT} and float64 x of shape (2, 6)",
                        rtol=1e-12 if exact else 1e-6, atol=1e-12 if exact else 1e-6,
                        hint="forward multiplies x by the slope parameter and adds the intercept parameter.")


@A.test("LinearModel", points=2)
def test_linear_model_gradients_reach_x_slope_and_intercept(sub):
    """Gradients of <c, model(x)>: slope * c for x, sum(c * x) for slope and sum(c) for intercept."""
    rng = np.random.default_rng(111)
    x, cot = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    # A fresh model through its own parameters (float32 by default: one rounding, relative 6e-8).
    # These two gradients do not depend on the parameters' values, so neither does this part.
    out = sub.call(New("LinearModel"), x, cotangent=cot, param_grads=True)
    grads = out.param_grads if isinstance(out.param_grads, dict) else {}
    for name, expected in (("slope", np.sum(cot * x)), ("intercept", np.sum(cot))):
        if name not in grads:
            checks.fail(f"LinearModel's parameters are {sorted(grads) or 'none'}; `{name}` is missing, so an "
                        "optimiser could not learn it.", f"Assign a torch.nn.Parameter to self.{name}.")
        if grads[name] is None:
            checks.fail(f"no gradient reaches the parameter `{name}`: forward does not use it in the graph.",
                        "Use the parameter itself in forward, not a number taken from it (.item(), float()).")
        got = grads[name]
        if isinstance(got, np.ndarray) and got.size == 1:
            got = got.reshape(())  # the parameter's shape is graded by the test above, not here
        checks.assert_close(got, expected, f"the gradient with respect to `{name}`", rtol=1e-6,
                            atol=1e-6, hint="forward should be slope * x + intercept.")
    # Non-zero values, float64 throughout: exact up to a sum of 15 products (rtol 1e-9).
    out = sub.call(*_with_parameters(Diff(np.array(SLOPE)), Diff(np.array(INTERCEPT)), Diff(x)), cotangent=cot)
    checks.assert_grads_close(out, [np.sum(cot * x), np.sum(cot), SLOPE * cot], ["slope", "intercept", "x"],
                              "LinearModel", rtol=1e-9, atol=1e-12,
                              hint=f"with slope={SLOPE} and intercept={INTERCEPT}; forward should be "
                                   "slope * x + intercept.")


@A.test("LinearModel", points=1)
def test_linear_model_keeps_float64_and_leaves_x_unchanged(sub):
    """float64 x gives a float64 output of x's shape (with float32 parameters), and x is not modified."""
    rng = np.random.default_rng(112)
    x = rng.uniform(-2, 2, (2, 6))
    out = sub.call(New("LinearModel"), x, return_inputs=True)
    checks.as_array(out.value, "LinearModel()(x) for float64 x of shape (2, 6)", x.shape)
    checks.assert_dtype(out, "float64", "LinearModel")
    checks.assert_not_mutated(out, ["x"], "LinearModel")
    # Non-zero float32 parameters: 0-d float32 tensors promote to float64 with float64 x.
    out = sub.call(*_with_parameters(np.array(SLOPE, np.float32), np.array(INTERCEPT, np.float32), x))
    checks.as_array(out.value, "forward(x) for float64 x of shape (2, 6) and float32 parameters", x.shape)
    checks.assert_dtype(out, "float64", "LinearModel")


# ---------------------------------------------------------------------------
# fit_linear_model.
def _gradient_descent(x, y, n_steps, lr):
    """Full-batch gradient descent on mean((a x + b - y)^2) from a = b = 0, float64."""
    x, y = np.asarray(x, np.float64).ravel(), np.asarray(y, np.float64).ravel()
    a = b = 0.0
    for _ in range(n_steps):
        r = a * x + b - y
        a, b = a - lr * 2 * np.mean(r * x), b - lr * 2 * np.mean(r)
    return a, b


def _fitted(result, call):
    """Validate that fit_linear_model returned a LinearModel; returns (slope, intercept) as floats."""
    value = result.value
    if not isinstance(value, dict) or "__module__" not in value:
        kind = "a tensor" if isinstance(value, np.ndarray) else (
            "a tuple or list" if isinstance(value, list) else
            value.get("__object__", "an object") if isinstance(value, dict) else type(value).__name__)
        checks.fail(f"{call} should return the fitted LinearModel, but it returned {kind}.",
                    "End with `return model`, the module itself (not its parameters or a tuple).")
    if value["__module__"] != "LinearModel":
        checks.fail(f"{call} returned a {value['__module__']}, not a LinearModel.",
                    "Build the model with LinearModel() and return it.")
    params = value.get("parameters") if isinstance(value.get("parameters"), dict) else {}
    out = []
    for name in ("slope", "intercept"):
        if name not in params or params[name] is None:
            checks.fail(f"the model returned by {call} has no parameter `{name}` (it has {sorted(params) or 'none'}).")
        arr = checks.as_array(params[name], f"the fitted {name}")
        if arr.size != 1:
            checks.fail(f"the fitted {name} has shape {arr.shape}; a single number was expected.")
        out.append(float(arr.reshape(())))
    if not np.all(np.isfinite(out)):
        checks.fail(f"{call} returned a model with parameters {out}: the fit diverged.",
                    "Check the loss (a mean, not a sum) and that gradients are cleared before every backward().")
    return out


def _line_data(seed, shape, slope, intercept, noise, dtype=np.float32):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, shape)
    y = slope * x + intercept + noise * rng.normal(size=shape)
    return x.astype(dtype), y.astype(dtype)


@A.test("fit_linear_model", points=2)
def test_fit_linear_model_takes_gradient_descent_steps_on_the_mse(sub):
    """After n_steps=1 and n_steps=3 the parameters are where plain gradient descent on the MSE puts them."""
    x, y = _line_data(120, (2, 16), 1.3, -0.5, 0.2)
    for n_steps, lr in ((1, 0.2), (3, 0.05)):
        call = f"fit_linear_model(x, y, n_steps={n_steps}, lr={lr})"
        got = _fitted(sub.call("fit_linear_model", x, y, n_steps=n_steps, lr=lr), call)
        expected = _gradient_descent(x, y, n_steps, lr)
        # float32: each gradient is a mean of 32 products of size ~1 (error < 32 u ~ 2e-6), times
        # lr <= 0.2, over <= 3 steps: < 2e-6 in total. One step moves the parameters by ~0.1.
        checks.assert_close(np.array(got), np.array(expected), f"[slope, intercept] after {call}, starting from "
                            "slope = intercept = 0", rtol=0, atol=1e-5,
                            hint="Take exactly n_steps plain gradient-descent steps (torch.optim.SGD without "
                                 "momentum, or param -= lr * grad) on the MEAN squared error over all points, "
                                 "clearing the gradients before every backward().")


@A.test("fit_linear_model", points=2)
def test_fit_linear_model_recovers_a_noiseless_line_with_defaults(sub):
    """With the default n_steps=500 and lr=0.1 it recovers slope 2.5 and intercept -0.8 within 1e-4."""
    x, y = _line_data(121, (64,), 2.5, -0.8, 0.0)
    got = _fitted(sub.call("fit_linear_model", x, y), "fit_linear_model(x, y)")
    # For x uniform on [-1, 1] the Hessian of the MSE has eigenvalues ~0.66 and ~2, so each step
    # at lr=0.1 shrinks the error by at least 1 - 0.066: after 500 steps float64 gradient descent is
    # within 1e-14 of the line, and float32 settles within ~1e-6 (the rounding of the gradient at
    # the optimum, u * |y| ~ 2e-7, over the smallest curvature). 1e-4 leaves a wide margin; 50 or
    # 100 steps (error 6e-2, 2e-3) or lr=0.01 (6e-2) fall outside.
    checks.assert_close(np.array(got), np.array([2.5, -0.8]), "[slope, intercept] fitted to y = 2.5 x - 0.8 "
                        "with the defaults", rtol=0, atol=1e-4,
                        hint="Use the defaults n_steps=500 and lr=0.1 and run every step.")


@A.test("fit_linear_model", points=1)
def test_fit_linear_model_accepts_float64_and_leaves_inputs_unchanged(sub):
    """float64 x and y work (parameters may stay float32) and are not modified."""
    x, y = _line_data(122, (3, 10), -0.9, 0.3, 0.1, dtype=np.float64)
    # Only that the call returns and what it did to x and y: the fitted values are graded elsewhere.
    out = sub.call("fit_linear_model", x, y, n_steps=3, lr=0.1, return_inputs=True)
    checks.assert_not_mutated(out, ["x", "y"], "fit_linear_model")


@A.test("fit_linear_model", points=1)
def test_fit_linear_model_rejects_bad_arguments(sub):
    """y of another shape than x (even if it would broadcast) raises ValueError naming y; so does n_steps < 0."""
    x, y = _line_data(123, (2, 8), 1.0, 0.0, 0.1)
    checks.assert_accepts(sub, "fit_linear_model", x, y, n_steps=2)
    checks.assert_raises_value_error(sub, "fit_linear_model", x, y[:1], argument="y", n_steps=2)
    checks.assert_raises_value_error(sub, "fit_linear_model", x, y[:, :4], argument="y", n_steps=2)
    checks.assert_raises_value_error(sub, "fit_linear_model", x, y, argument="n_steps", n_steps=-1)
