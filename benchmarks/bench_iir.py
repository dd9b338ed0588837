"""Speed of the course's AllPoleFilter (06_iir), forward + backward, against the alternatives.

Work: batch 16, 1 s of audio at 16 kHz, all-pole filters of order 2 and 20 shared by the
batch (poles at radius 0.95), float32. Timed in one run, each ratio printed:

- AllPoleFilter.apply(x, a), then a backward pass to x and a (the reference solution);
- iir_naive(x, a) through autograd, then the same backward pass (the per-sample loop);
- the floor: scipy.signal.lfilter forward plus lfilter on the time-reversed gradient, NumPy
  arrays, no autograd: the two sequential recursions any exact backward pass needs on CPU;
- torchaudio.functional.lfilter, forward + backward, when a torchaudio that loads beside this
  torch can be imported (``--torchaudio-path`` adds a folder to sys.path for that); otherwise
  the reason is printed.

Targets (issue 9): AllPoleFilter at least 100x faster than iir_naive, and within 3x of the floor.

Usage: python benchmarks/bench_iir.py [--threads N] [--repeats R] [--naive-repeats R]
                                      [--torchaudio-path DIR]
"""
import argparse
import json
import sys

import numpy as np
import scipy.signal
import torch
from _common import ROOT, median_seconds, reference_namespace

SAMPLE_RATE, N_SAMPLES, BATCH, ORDERS = 16000, 16000, 16, (2, 20)


def coefficients(order, radius=0.95):
    """(order,) float32 all-pole coefficients with conjugate pole pairs spread over (0.2, 2.9) rad."""
    angles = np.linspace(0.2, 2.9, order // 2)
    poles = radius * np.exp(1j * angles)
    return torch.from_numpy(np.real(np.poly(np.concatenate([poles, poles.conj()])))[1:].astype(np.float32))


def forward_backward(fn, x, a):
    x = x.detach().requires_grad_(True)
    a = a.detach().requires_grad_(True)

    def run():
        fn(x, a).square().mean().backward()
    return run


def lfilter_floor(x, a):
    """lfilter forward, then lfilter on a time-reversed gradient: NumPy, no autograd."""
    signal = x.numpy()
    den = np.concatenate([[1.0], a.numpy()]).astype(np.float32)
    one = np.ones(1, np.float32)

    def run():
        y = scipy.signal.lfilter(one, den, signal, axis=-1)
        grad = (2.0 / y.size) * y
        scipy.signal.lfilter(one, den, grad[:, ::-1], axis=-1)
    return run


def torchaudio_filter(path):
    """torchaudio.functional.lfilter as fn(x, a), or the reason it is not available."""
    if path:
        sys.path.insert(0, path)
    try:
        import torchaudio.functional as taf
    except Exception as exc:  # noqa: BLE001 - an import that fails at load time raises OSError, ImportError, ...
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"

    def fn(x, a):
        a_coeffs = torch.cat([torch.ones(1, dtype=a.dtype), a])
        b_coeffs = torch.zeros_like(a_coeffs)
        b_coeffs[0] = 1.0
        return taf.lfilter(x, a_coeffs, b_coeffs, clamp=False)
    return fn, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--naive-repeats", type=int, default=1, help="iir_naive takes seconds per call")
    parser.add_argument("--torchaudio-path", default=None, help="folder holding a torchaudio package to try")
    args = parser.parse_args()
    ns = reference_namespace("06_iir")
    torch.set_num_threads(args.threads)  # after the notebook's imports cell, which sets one thread
    all_pole, naive = ns["AllPoleFilter"].apply, ns["iir_naive"]
    audio_filter, why_not = torchaudio_filter(args.torchaudio_path)

    x = torch.randn(BATCH, N_SAMPLES, generator=torch.Generator().manual_seed(0))
    report = {"threads": args.threads, "batch": BATCH, "n_samples": N_SAMPLES, "results": [],
              "torchaudio": "available" if audio_filter else why_not}
    print(f"forward + backward, batch {BATCH}, {N_SAMPLES} samples ({N_SAMPLES / SAMPLE_RATE:g} s at "
          f"{SAMPLE_RATE} Hz), float32, {args.threads} thread(s); median of {args.repeats} "
          f"(iir_naive: {args.naive_repeats})")
    for order in ORDERS:
        a = coefficients(order)
        with torch.no_grad():
            reference = scipy.signal.lfilter([1.0], np.concatenate([[1.0], a.double().numpy()]), x.double().numpy())
            error = float(np.abs(all_pole(x, a).double().numpy() - reference).max() / np.abs(reference).max())
        t_ours = median_seconds(forward_backward(all_pole, x, a), args.repeats)
        t_floor = median_seconds(lfilter_floor(x, a), args.repeats)
        t_naive = median_seconds(forward_backward(naive, x, a), args.naive_repeats, warmup=0)
        row = {"order": order, "all_pole_filter_s": t_ours, "lfilter_floor_s": t_floor, "iir_naive_s": t_naive,
               "speedup_vs_iir_naive": t_naive / t_ours, "ratio_to_floor": t_ours / t_floor,
               "relative_error_vs_float64": error}
        line = (f"  order {order:2d}: AllPoleFilter {1e3 * t_ours:7.1f} ms | "
                f"lfilter x2 (floor) {1e3 * t_floor:7.1f} ms -> {t_ours / t_floor:4.2f}x the floor | "
                f"iir_naive {t_naive:6.1f} s -> {t_naive / t_ours:7.0f}x faster")
        if audio_filter:
            t_audio = median_seconds(forward_backward(audio_filter, x, a), args.repeats)
            row["torchaudio_lfilter_s"] = t_audio
            line += f" | torchaudio lfilter {1e3 * t_audio:7.1f} ms"
        report["results"].append(row)
        print(line)
        print(f"            AllPoleFilter vs float64 lfilter: max error {error:.1e} of the peak")
    if not audio_filter:
        print(f"  torchaudio.functional.lfilter: not timed, torchaudio does not load ({why_not})")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "iir.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
