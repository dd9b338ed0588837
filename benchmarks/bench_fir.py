"""Speed of the course's fir_fft against fir_conv1d (05_fir_noise), forward + backward.

Work: batch 16, 1 s of audio at 16 kHz, one filter shared by the batch, n_taps from 8 to
4096; gradients with respect to both the signal and the taps (``(y ** 2).mean()``
backward). Both functions are the reference solutions of the source notebook:

- ``fir_conv1d``: direct convolution with ``F.conv1d`` (n_samples * n_taps multiply-adds);
- ``fir_fft``: FFT convolution zero-padded to exactly N = n_samples + n_taps - 1 points,
  as the exercise states it;
- a third column pads to the next 5-smooth length >= N instead (the contract allows any
  N >= n_samples + n_taps - 1): the FFT of a length with a large prime factor is several
  times slower, and n_samples + n_taps - 1 often is one (16007 is prime).

The ratio is conv1d time / fir_fft time: above 1, FFT convolution wins.

Usage: python benchmarks/bench_fir.py [--threads N] [--repeats R] [--taps 8 64 ...]
"""
import argparse
import json

import torch
from _common import ROOT, median_seconds, reference_namespace

SAMPLE_RATE, N_SAMPLES, BATCH = 16000, 16000, 16
TAPS = (8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096)


def fast_length(n):
    """The smallest integer >= n whose only prime factors are 2, 3 and 5."""
    while True:
        m = n
        for p in (2, 3, 5):
            while m % p == 0:
                m //= p
        if m == 1:
            return n
        n += 1


def fft_fast_length(x, h):
    n_fft = fast_length(x.shape[-1] + h.shape[-1] - 1)
    return torch.fft.irfft(torch.fft.rfft(x, n=n_fft) * torch.fft.rfft(h, n=n_fft), n=n_fft)[..., :x.shape[-1]]


def forward_backward(fn, x, h):
    x = x.detach().requires_grad_(True)
    h = h.detach().requires_grad_(True)

    def run():
        x.grad = h.grad = None
        fn(x, h).square().mean().backward()
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--taps", type=int, nargs="+", default=list(TAPS))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    namespace = reference_namespace("05_fir_noise")
    fir_conv1d, fir_fft = namespace["fir_conv1d"], namespace["fir_fft"]
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(BATCH, N_SAMPLES, generator=generator)

    report = {"threads": args.threads, "batch": BATCH, "n_samples": N_SAMPLES, "repeats": args.repeats,
              "results": []}
    print(f"forward + backward (x and h), batch {BATCH}, {N_SAMPLES} samples, {args.threads} thread(s), "
          f"median of {args.repeats}")
    print(f"  {'n_taps':>6} | {'fir_conv1d':>11} | {'fir_fft':>9} | {'FFT, 5-smooth N':>15} | "
          f"{'conv1d / fir_fft':>16} | N = n + L - 1")
    for n_taps in args.taps:
        h = torch.randn(n_taps, generator=generator) / n_taps ** 0.5
        with torch.no_grad():
            error = float((fir_conv1d(x, h) - fir_fft(x, h)).abs().max())
        times = {name: median_seconds(forward_backward(fn, x, h), repeats=args.repeats, warmup=1)
                 for name, fn in [("fir_conv1d", fir_conv1d), ("fir_fft", fir_fft),
                                  ("fft_fast_length", fft_fast_length)]}
        ratio = times["fir_conv1d"] / times["fir_fft"]
        n_fft = N_SAMPLES + n_taps - 1
        report["results"].append({"n_taps": n_taps, "n_fft": n_fft, "fast_n_fft": fast_length(n_fft),
                                  "max_abs_difference": error, **{f"{k}_seconds": v for k, v in times.items()},
                                  "conv1d_over_fft": ratio})
        print(f"  {n_taps:6d} | {1e3 * times['fir_conv1d']:8.1f} ms | {1e3 * times['fir_fft']:6.1f} ms | "
              f"{1e3 * times['fft_fast_length']:12.1f} ms | {ratio:15.2f}x | {n_fft}"
              f"{' (5-smooth)' if fast_length(n_fft) == n_fft else ''}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "fir.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
