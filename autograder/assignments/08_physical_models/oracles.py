"""Independent float64 references for 08_physical_models, written from COURSE_SPEC.md.

Matrices are built entry by entry in numpy; discretisation and simulation come from
scipy.signal (``cont2discrete(method="bilinear")`` and ``dlsim``); the modal sum and the
Karplus-Strong recursion are spelled out as explicit loops. Nothing here imports or
copies the notebook's reference solution.
"""
import numpy as np
import scipy.signal


def sho(stiffness, mass, damping):
    """A (..., 2, 2), B (..., 2, 1), C (..., 1, 2) of m x'' + c x' + k x = u, state [x, x']."""
    k, m, c = np.broadcast_arrays(*(np.asarray(p, np.float64) for p in (stiffness, mass, damping)))
    shape = k.shape
    A = np.zeros(shape + (2, 2))
    A[..., 0, 1] = 1.0
    A[..., 1, 0] = -k / m
    A[..., 1, 1] = -c / m
    B = np.zeros(shape + (2, 1))
    B[..., 1, 0] = 1.0 / m
    C = np.zeros(shape + (1, 2))
    C[..., 0, 0] = 1.0
    return A, B, C


def sho_vjp(stiffness, mass, damping, g_A, g_B):
    """Gradients of <g_A, A> + <g_B, B> w.r.t. stiffness, mass, damping ((batch,) each; C is constant).

    A[1,0] = -k/m, A[1,1] = -c/m, B[1,0] = 1/m, so
    d/dk = -g_A[1,0] / m,  d/dc = -g_A[1,1] / m,  d/dm = (k g_A[1,0] + c g_A[1,1] - g_B[1,0]) / m**2.
    """
    k, m, c = (np.asarray(p, np.float64) for p in (stiffness, mass, damping))
    a10, a11, b1 = g_A[..., 1, 0], g_A[..., 1, 1], g_B[..., 1, 0]
    return -a10 / m, (k * a10 + c * a11 - b1) / m ** 2, -a11 / m


def bilinear(A, B, sample_period):
    """scipy.signal.cont2discrete(method="bilinear"), item by item.

    Ad depends on A only, so it keeps A's shape (..., S, S); Bd has the broadcast leading
    shape of A and B, (..., S, m).
    """
    A, B = np.asarray(A, np.float64), np.asarray(B, np.float64)
    S, m = A.shape[-1], B.shape[-1]

    def one(a, b):
        ad, bd, _, _, _ = scipy.signal.cont2discrete((a, b, np.zeros((1, S)), np.zeros((1, m))),
                                                     sample_period, method="bilinear")
        return ad, bd

    Ad = np.zeros(A.shape)
    for idx in np.ndindex(A.shape[:-2]):
        Ad[idx] = one(A[idx], B.reshape(-1, S, m)[0])[0]
    lead = np.broadcast_shapes(A.shape[:-2], B.shape[:-2])
    A_full, B_full = np.broadcast_to(A, lead + (S, S)), np.broadcast_to(B, lead + (S, m))
    Bd = np.zeros(lead + (S, m))
    for idx in np.ndindex(lead):
        Bd[idx] = one(A_full[idx], B_full[idx])[1]
    return Ad, Bd


def bilinear_vjp(A, B, sample_period, g_Ad, g_Bd):
    """Closed-form gradients of <g_Ad, Ad> + <g_Bd, Bd> (A and B with the same leading shape).

    With H = A T / 2, M = (I - H)^-1: dM = M dH M, so
    dAd = (T/2) M dA (Ad + I)  and  dBd = (T/2) M dA Bd + T M dB, whose adjoints are
    grad_A = (T/2) M^T (g_Ad (Ad + I)^T + g_Bd Bd^T),  grad_B = T M^T g_Bd.
    """
    A, B = np.asarray(A, np.float64), np.asarray(B, np.float64)
    T = float(sample_period)
    eye = np.eye(A.shape[-1])
    M = np.linalg.inv(eye - A * T / 2)
    Ad = M @ (eye + A * T / 2)
    Bd = T * M @ B
    Mt = np.swapaxes(M, -1, -2)
    grad_A = T / 2 * Mt @ (g_Ad @ np.swapaxes(Ad + eye, -1, -2) + g_Bd @ np.swapaxes(Bd, -1, -2))
    grad_B = T * Mt @ g_Bd
    return grad_A, grad_B


def simulate(Ad, Bd, C, u, x0=None):
    """y[n] = C x[n+1], x[n+1] = Ad x[n] + Bd u[n], with scipy.signal.dlsim.

    dlsim returns C' x[n] + D' u[n] from x[0] = x0; the spec's output is C x[n+1] =
    (C Ad) x[n] + (C Bd) u[n], i.e. dlsim of the system (Ad, Bd, C Ad, C Bd).
    Each of Ad, Bd, C is (S, S)/(S, 1)/(1, S) shared, or with a leading batch dimension.
    """
    u = np.asarray(u, np.float64)
    batch, n = u.shape
    S = np.shape(Ad)[-1]
    Ad = np.broadcast_to(np.asarray(Ad, np.float64), (batch, S, S))
    Bd = np.broadcast_to(np.asarray(Bd, np.float64), (batch, S, 1))
    C = np.broadcast_to(np.asarray(C, np.float64), (batch, 1, S))
    x0 = np.zeros((batch, S)) if x0 is None else np.asarray(x0, np.float64)
    y = np.zeros((batch, n))
    states = np.zeros((batch, n, S))
    for b in range(batch):
        system = (Ad[b], Bd[b], C[b] @ Ad[b], C[b] @ Bd[b], 1.0)
        _, out, x = scipy.signal.dlsim(system, u[b][:, None], x0=x0[b])
        y[b] = out[:, 0]
        states[b] = x
    return y, states


def modal(frequencies_hz, decays_s, amplitudes, n_samples, sample_rate):
    """sum_i a_i exp(-t / tau_i) sin(2 pi f_i t), t = n / sample_rate, summed mode by mode."""
    f, tau, a = (np.asarray(p, np.float64) for p in (frequencies_hz, decays_s, amplitudes))
    t = np.arange(n_samples) / float(sample_rate)
    out = np.zeros((f.shape[0], n_samples))
    for i in range(f.shape[1]):
        out += a[:, i, None] * np.exp(-t / tau[:, i, None]) * np.sin(2 * np.pi * f[:, i, None] * t)
    return out


def modal_vjp(frequencies_hz, decays_s, amplitudes, n_samples, sample_rate, cotangent):
    """Closed-form gradients w.r.t. frequencies_hz, decays_s, amplitudes.

    With e = exp(-t / tau), s = sin(2 pi f t): d/da = e s, d/df = a e cos(2 pi f t) 2 pi t,
    d/dtau = a e s t / tau**2; each summed over time against the cotangent.
    """
    f, tau, a = (np.asarray(p, np.float64)[..., None] for p in (frequencies_hz, decays_s, amplitudes))
    t = np.arange(n_samples) / float(sample_rate)
    e = np.exp(-t / tau)
    s, c = np.sin(2 * np.pi * f * t), np.cos(2 * np.pi * f * t)
    g = np.asarray(cotangent, np.float64)[:, None, :]
    return (np.sum(g * a * e * c * 2 * np.pi * t, -1), np.sum(g * a * e * s * t / tau ** 2, -1),
            np.sum(g * e * s, -1))


def karplus_strong(excitation, delay, feedback, n_samples):
    """y[n] = x[n] + g (y[n - delay] + y[n - delay - 1]) / 2, sample by sample, float64."""
    excitation = np.asarray(excitation, np.float64)
    batch = excitation.shape[0]
    g = np.broadcast_to(np.asarray(feedback, np.float64), (batch,))
    x = np.zeros((batch, n_samples))
    kept = min(n_samples, excitation.shape[1])
    x[:, :kept] = excitation[:, :kept]
    y = np.zeros((batch, n_samples))
    for b in range(batch):
        for n in range(n_samples):
            later = y[b, n - delay] if n - delay >= 0 else 0.0
            earlier = y[b, n - delay - 1] if n - delay - 1 >= 0 else 0.0
            y[b, n] = x[b, n] + g[b] * (later + earlier) / 2
    return y
