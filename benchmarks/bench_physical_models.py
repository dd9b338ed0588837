"""Speed of 08's sample-recursive synthesisers, and of the loop-free ways to get the same sound.

Work: batch 4, half a second of audio at 16 kHz (8000 samples), float32.

- karplus_strong (the reference, block by block: a loop over n_samples / delay blocks) against the
  same recursion sample by sample (a loop over n_samples), forward + backward through the feedback,
  for a low string (delay 145, A2) and a high one (delay 18, about 865 Hz);
- simulate_state_space (a loop over samples, differentiable) for one bilinear mass-spring-damper per
  item, forward only, against scipy.signal.dlsim item by item (compiled, no gradients) and against
  modal_synth, the closed form of the same impulse response (no loop at all), forward + backward.

Usage: python benchmarks/bench_physical_models.py [--threads N] [--repeats R]
"""
import argparse
import json
import math

import numpy as np
import scipy.signal
import torch
from _common import ROOT, median_seconds, reference_namespace

SAMPLE_RATE, N_SAMPLES, BATCH = 16000, 8000, 4


def sample_loop_karplus_strong(excitation, delay, feedback, n_samples):
    """The recursion one sample at a time (what a first attempt looks like)."""
    batch = excitation.shape[0]
    x = torch.nn.functional.pad(excitation[:, :n_samples], (0, max(0, n_samples - excitation.shape[1])))
    zero = x.new_zeros(batch)
    y = []
    for n in range(n_samples):
        later = y[n - delay] if n >= delay else zero
        earlier = y[n - delay - 1] if n > delay else zero
        y.append(x[:, n] + feedback * (later + earlier) / 2)
    return torch.stack(y, dim=1)


def timed_backward(fn, leaf):
    def run():
        leaf.grad = None
        fn(leaf).square().mean().backward()
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ns = reference_namespace("08_physical_models")
    karplus_strong, modal_synth = ns["karplus_strong"], ns["modal_synth"]
    sho_matrices, discretize_bilinear = ns["sho_matrices"], ns["discretize_bilinear"]
    simulate_state_space = ns["simulate_state_space"]
    generator = torch.Generator().manual_seed(0)
    report = {"threads": args.threads, "batch": BATCH, "n_samples": N_SAMPLES, "results": []}
    print(f"batch {BATCH}, {N_SAMPLES} samples at {SAMPLE_RATE} Hz, {args.threads} thread(s), "
          f"median of {args.repeats}")

    def row(name, fn, baseline_name, baseline):
        t_ours, t_other = median_seconds(fn, args.repeats, warmup=1), median_seconds(baseline, args.repeats, warmup=1)
        report["results"].append({"function": name, "seconds": t_ours, "baseline": baseline_name,
                                  "baseline_seconds": t_other, "speedup": t_other / t_ours})
        print(f"  {name:44s} {1e3 * t_ours:9.1f} ms | {baseline_name:40s} {1e3 * t_other:9.1f} ms | "
              f"ratio {t_other / t_ours:.3g}x")

    for delay in (145, 18):
        burst = torch.rand(BATCH, delay + 1, generator=generator) * 2 - 1
        gain = torch.full((BATCH,), 0.99, requires_grad=True)
        with torch.no_grad():
            gap = (karplus_strong(burst, delay, gain, N_SAMPLES)
                   - sample_loop_karplus_strong(burst, delay, gain, N_SAMPLES)).abs().max().item()
        row(f"karplus_strong, delay {delay}, fwd + bwd",
            timed_backward(lambda g, b=burst, d=delay: karplus_strong(b, d, g, N_SAMPLES), gain),
            "sample-by-sample loop, fwd + bwd",
            timed_backward(lambda g, b=burst, d=delay: sample_loop_karplus_strong(b, d, g, N_SAMPLES), gain))
        print(f"      largest difference between the two: {gap:.2e}")

    f_hz = torch.tensor([110.0, 220.0, 440.0, 880.0], dtype=torch.float64)
    decay = torch.full((BATCH,), 0.3, dtype=torch.float64)
    gamma, omega = 1 / decay, 2 * math.pi * f_hz
    A, B, C = sho_matrices(omega ** 2 + gamma ** 2, torch.ones(BATCH, dtype=torch.float64), 2 * gamma)
    Ad, Bd = discretize_bilinear(A, B, 1 / SAMPLE_RATE)
    u = torch.zeros(BATCH, N_SAMPLES, dtype=torch.float64)
    u[:, 0] = SAMPLE_RATE

    def forward_simulation():
        with torch.no_grad():
            simulate_state_space(Ad, Bd, C, u)

    def scipy_dlsim():
        for b in range(BATCH):
            system = (Ad[b].numpy(), Bd[b].numpy(), (C[b] @ Ad[b]).numpy(), (C[b] @ Bd[b]).numpy(), 1.0)
            scipy.signal.dlsim(system, u[b].numpy()[:, None])

    row("simulate_state_space, forward", forward_simulation, "scipy.signal.dlsim per item, forward", scipy_dlsim)
    amplitude = (1 / omega)[:, None].requires_grad_(True)
    row("simulate_state_space, forward", forward_simulation, "modal_synth (closed form), fwd + bwd",
        timed_backward(lambda a: modal_synth(f_hz[:, None], decay[:, None], a, N_SAMPLES, SAMPLE_RATE), amplitude))
    with torch.no_grad():
        y = simulate_state_space(Ad, Bd, C, u)
        ref = np.stack([scipy.signal.dlsim((Ad[b].numpy(), Bd[b].numpy(), (C[b] @ Ad[b]).numpy(),
                                            (C[b] @ Bd[b]).numpy(), 1.0), u[b].numpy()[:, None])[1][:, 0]
                        for b in range(BATCH)])
    print(f"      simulate_state_space vs dlsim, largest difference: {np.abs(y.numpy() - ref).max():.2e}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "physical_models.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
