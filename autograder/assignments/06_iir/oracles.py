"""Independent references for 06_iir, written from COURSE_SPEC.md.

* The all-pole filter is ``scipy.signal.lfilter([1], [1, *a], x)``, row by row: a library
  filter (direct form II transposed), not the recursion the students write.
* The frequency-sampled filter is the formula of the spec with numpy's complex FFT:
  ``ifft(fft(x, N) / fft([1, *a], N))[..., :n_samples]``. For real inputs it equals the
  spec's ``irfft(rfft(x, N) / rfft([1, *a], N), n=N)``, and, unlike the real transforms,
  it is an analytic (rational) function of the entries of ``x`` and ``a``.
* Gradients come from the complex step: for a function ``f`` that is analytic in its
  inputs and real on real inputs, ``Im f(v + i h d) / h`` is the directional derivative
  along ``d`` with no subtractive cancellation. ``lfilter`` and numpy's FFT both accept
  complex arrays and run the same arithmetic on them, so both oracles are analytic in this
  sense (``h = 1e-30`` for lfilter, ``1e-7`` for the FFT route: see ``complex_step_vjp``).
* Second-order requests (the gradient of ``S = sum_i <grad_i, c_i>``) use the identity
  ``S(v) = d/dt L(v + t c) at t = 0``: ``S`` is one complex-step evaluation, and its gradient
  is taken by float64 central differences (step 1e-5: truncation ~1e-10 relative for the
  smooth rational functions here, rounding ~1e-16 / 1e-5 = 1e-11 relative).
"""
import numpy as np
import scipy.signal

EPS32 = float(np.finfo(np.float32).eps)
STEP = 1e-30          # complex step
FD_STEP = 1e-5        # central-difference step of the second-order oracle


def _rows(a, batch):
    a = np.asarray(a)
    return [a] * batch if a.ndim == 1 else [a[i] for i in range(batch)]


def all_pole(x, a):
    """y[n] = x[n] - sum_k a[k-1] y[n-k], zero initial state; a (p,) or (batch, p). float64 or complex."""
    x = np.asarray(x)
    dtype = np.result_type(x, np.asarray(a), np.float64)
    x = x.astype(dtype)
    out = np.empty_like(x)
    for i, row in enumerate(_rows(np.asarray(a, dtype), x.shape[0])):
        out[i] = scipy.signal.lfilter(np.ones(1, dtype), np.concatenate([np.ones(1, dtype), row]), x[i])
    return out


def impulse_response(a, n_samples):
    """(batch or 1, n_samples) impulse responses of the all-pole filters in ``a``."""
    a = np.atleast_2d(np.asarray(a, np.float64))
    impulse = np.zeros((a.shape[0], n_samples))
    impulse[:, 0] = 1.0
    return all_pole(impulse, a)


def all_pole_atol(x, a, eps=EPS32):
    """Bound on the rounding error of any sample-by-sample evaluation of the all-pole filter.

    Evaluating ``y[n] = x[n] - sum_k a_k y[n-k]`` in floating point adds at each sample an error
    ``|d[n]| <= (p + 1) eps (|x[n]| + sum_k |a_k| |y[n-k]|)`` (p + 1 roundings of a sum, to first
    order). The computed output then satisfies the same recursion driven by ``x + d``, so the
    output error is ``h * d`` (the filter's impulse response ``h`` convolved with the injected
    errors), at most ``||h||_1 max|d|``. Direct form II transposed (scipy) injects errors into
    its states instead, which reach the output through the same ``h``: the same bound up to a
    factor of about 2. The factor 4 leaves room for both, per batch item, largest over the batch.
    """
    x = np.asarray(x, np.float64)
    a2 = np.asarray(a, np.float64)
    rows = _rows(a2, x.shape[0])
    y = all_pole(x, a2)
    bounds = []
    for i, row in enumerate(rows):
        h1 = np.abs(impulse_response(row, x.shape[1])).sum()
        p = row.shape[-1]
        bounds.append(4 * (p + 1) * eps * h1 * (np.abs(x[i]).max() + np.abs(row).sum() * np.abs(y[i]).max()))
    return float(max(bounds)) + 1e-30


def frequency_sampled(x, a, n_fft):
    """ifft(fft(x, N) / fft([1, *a], N))[..., :n_samples] with N = n_fft (complex, analytic)."""
    x = np.asarray(x)
    a = np.asarray(a)
    n_samples = x.shape[-1]
    ones = np.ones(a.shape[:-1] + (1,), dtype=a.dtype)
    denominator = np.fft.fft(np.concatenate([ones, a], axis=-1), n=n_fft, axis=-1)
    y = np.fft.ifft(np.fft.fft(x, n=n_fft, axis=-1) / denominator, axis=-1)[..., :n_samples]
    if not (np.iscomplexobj(x) or np.iscomplexobj(a)):
        y = y.real
    return y


def frequency_sampled_atol(x, a, n_fft, eps=EPS32):
    """Bound on the float32 rounding error of the FFT route, from the actual spectra of the inputs.

    With X = rfft(x, N), A = rfft([1, *a], N) and Y = X / A:
    * a forward or inverse FFT has a normwise error of at most about ``eps log2 N`` relative
      (Cooley-Tukey; pocketfft's is smaller), so X carries ``||dX||_2 <= eps log2 N ||X||_2``
      with ``||X||_2 = sqrt(N) ||x||_2``, and the inverse transform adds ``eps log2 N ||Y||_2``;
    * each bin of A is a sum of p + 1 rotated coefficients: ``|dA| <= (p + 1 + log2 N) eps
      ||[1, a]||_1``, and dividing by A turns it into ``dY = -X dA / A**2``;
    * a sample of the output is at most the L2 norm of the output error, ``||dY||_2 / sqrt(N)``.
    Together: ``eps (log2 N (max|1/A| ||X||_2 + ||Y||_2) + (p + 1 + log2 N) ||[1, a]||_1
    ||X / A**2||_2) / sqrt(N)``, times 4 for the constants of the FFT error bounds.
    """
    x = np.asarray(x, np.float64)
    bounds = []
    for i, row in enumerate(_rows(np.asarray(a, np.float64), x.shape[0])):
        spectrum_a = np.fft.fft(np.concatenate([[1.0], row]), n=n_fft)
        spectrum_x = np.fft.fft(x[i], n=n_fft)
        log_n = np.log2(n_fft)
        l1 = 1.0 + np.abs(row).sum()
        terms = (log_n * (np.linalg.norm(spectrum_x) / np.abs(spectrum_a).min()
                          + np.linalg.norm(spectrum_x / spectrum_a))
                 + (row.size + 1 + log_n) * l1 * np.linalg.norm(spectrum_x / spectrum_a ** 2))
        bounds.append(4 * eps * terms / np.sqrt(n_fft))
    return float(max(bounds))


def complex_step_vjp(f, inputs, cotangent, wrt, step=STEP):
    """Gradients of <cotangent, f(*inputs)> with respect to inputs[i], i in wrt (complex step).

    ``step = 1e-30`` suits ``lfilter``, whose imaginary parts stay exactly zero for real inputs.
    An FFT mixes real parts into imaginary ones (twiddle factors), leaving rounding noise of
    about ``eps64 |y|`` there, so FFT-based functions take ``step = 1e-7``: noise / step is
    about 1e-9 relative, and the truncation error (step squared times the third derivative)
    about 1e-14.
    """
    inputs = [np.asarray(v, np.float64) for v in inputs]
    grads = []
    for i in wrt:
        g = np.zeros_like(inputs[i])
        for idx in np.ndindex(inputs[i].shape):
            shifted = list(inputs)
            shifted[i] = inputs[i].astype(np.complex128)
            shifted[i][idx] += 1j * step
            g[idx] = np.sum(cotangent * np.imag(f(*shifted))) / step
        grads.append(g)
    return grads


def second_order(f, inputs, cotangent, directions, wrt):
    """Gradient of S = sum_i <grad_i, c_i> (grad_i = d<cotangent, f>/d inputs[i]) w.r.t. inputs[j], j in wrt.

    ``directions`` holds one array (or None) per index of ``wrt``: the c_i of the request.
    """
    inputs = [np.asarray(v, np.float64) for v in inputs]

    def directional(values):
        shifted = [v.astype(np.complex128) for v in values]
        for i, c in zip(wrt, directions):
            if c is not None:
                shifted[i] = shifted[i] + 1j * STEP * np.asarray(c, np.float64)
        return np.sum(cotangent * np.imag(f(*shifted))) / STEP

    grads = []
    for j in wrt:
        g = np.zeros_like(inputs[j])
        for idx in np.ndindex(inputs[j].shape):
            plus, minus = list(inputs), list(inputs)
            plus[j], minus[j] = inputs[j].copy(), inputs[j].copy()
            plus[j][idx] += FD_STEP
            minus[j][idx] -= FD_STEP
            g[idx] = (directional(plus) - directional(minus)) / (2 * FD_STEP)
        grads.append(g)
    return grads


def stable_coefficients(rng, p, radius=(0.3, 0.95)):
    """Real all-pole coefficients (p,) of a stable filter: conjugate pole pairs (and one real pole if p is odd)."""
    poles = []
    for _ in range(p // 2):
        r, theta = rng.uniform(*radius), rng.uniform(0.1, np.pi - 0.1)
        poles += [r * np.exp(1j * theta), r * np.exp(-1j * theta)]
    if p % 2:
        poles.append(rng.choice([-1.0, 1.0]) * rng.uniform(*radius))
    return np.real(np.poly(poles))[1:]
