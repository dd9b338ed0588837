"""Speed of the course's harmonic_synth and multi_resolution_stft_loss, forward + backward.

Work: batch 16, 1 s of audio at 16 kHz (250 frames of controls, 60 harmonics).
Each reference function is timed next to the same work done the way a user
would otherwise do it, in one run, and the ratio is printed:

- multi_resolution_stft_loss vs auraloss.freq.MultiResolutionSTFTLoss with the
  same resolutions (2048..64, hop n_fft/4, Hann window of n_fft), w_sc = w_log = 1;
- harmonic_synth vs a per-harmonic Python loop of sinusoids (no PyTorch library
  that installs beside torch 2.13 offers DDSP's harmonic synthesiser: the DDSP
  library is TensorFlow, torchaudio's prototype oscillator bank is gone from
  the releases that match this torch).

Usage: python benchmarks/bench_synth_loss.py [--threads N] [--repeats R]
"""
import argparse
import json
import math

import torch
from _common import ROOT, median_seconds, reference_namespace

SAMPLE_RATE, N_SAMPLES, BATCH, N_FRAMES, N_HARMONICS = 16000, 16000, 16, 250, 60
FFT_SIZES = (2048, 1024, 512, 256, 128, 64)


def controls(seed=0):
    g = torch.Generator().manual_seed(seed)
    f0_hz = 110 + 330 * torch.rand(BATCH, 1, generator=g) * torch.ones(BATCH, N_FRAMES)
    f0 = 2 * math.pi * f0_hz / SAMPLE_RATE
    global_amplitude = torch.randn(BATCH, N_FRAMES, generator=g)
    harmonic_amplitudes = torch.randn(BATCH, N_HARMONICS, N_FRAMES, generator=g)
    return f0, global_amplitude, harmonic_amplitudes


def loop_harmonic_synth(f0, global_amplitude, harmonic_amplitudes, n_samples):
    """The same synthesis written harmonic by harmonic, as a first attempt would be."""
    scale = lambda x: 2.0 * torch.sigmoid(x) ** math.log(10.0) + 1e-7  # noqa: E731
    up = lambda x: torch.nn.functional.interpolate(x[:, None], size=n_samples, mode="linear")[:, 0]  # noqa: E731
    amps = scale(harmonic_amplitudes)
    total = torch.zeros(f0.shape[0], N_FRAMES)
    kept = []
    for k in range(amps.shape[1]):
        a = amps[:, k] * ((k + 1) * f0 < math.pi)
        kept.append(a)
        total = total + a
    out = torch.zeros(f0.shape[0], n_samples)
    for k, a in enumerate(kept):
        omega = up((k + 1) * f0)
        phase = torch.cumsum(omega, dim=-1) - omega
        out = out + up(scale(global_amplitude) * a / (total + 1e-7)) * torch.sin(phase)
    return out


def forward_backward(fn, *inputs):
    leaves = [x.detach().requires_grad_(True) for x in inputs]

    def run():
        out = fn(*leaves)
        (out if out.dim() == 0 else out.square().mean()).backward()
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    synth = reference_namespace("03_harmonic_synth")["harmonic_synth"]
    losses = reference_namespace("04_spectral_losses")["multi_resolution_stft_loss"]
    import auraloss
    aura = auraloss.freq.MultiResolutionSTFTLoss(
        fft_sizes=list(FFT_SIZES), hop_sizes=[n // 4 for n in FFT_SIZES], win_lengths=list(FFT_SIZES),
        w_sc=1.0, w_log_mag=1.0, w_lin_mag=0.0)

    f0, ga, ha = controls()
    x, y = synth(f0, ga, ha, N_SAMPLES).detach(), synth(*controls(1), N_SAMPLES).detach()
    rows = [
        ("harmonic_synth", forward_backward(lambda a, b: synth(f0, a, b, N_SAMPLES), ga, ha),
         "per-harmonic loop", forward_backward(lambda a, b: loop_harmonic_synth(f0, a, b, N_SAMPLES), ga, ha)),
        ("multi_resolution_stft_loss", forward_backward(lambda p: losses(p, y), x),
         # auraloss takes (batch, channels, time)
         "auraloss MultiResolutionSTFTLoss", forward_backward(lambda p: aura(p[:, None], y[:, None]), x)),
    ]
    report = {"threads": args.threads, "batch": BATCH, "n_samples": N_SAMPLES, "results": []}
    print(f"forward + backward, batch {BATCH}, {N_SAMPLES} samples, {args.threads} thread(s), median of {args.repeats}")
    for name, ours, other_name, other in rows:
        t_ours, t_other = median_seconds(ours, args.repeats), median_seconds(other, args.repeats)
        report["results"].append({"function": name, "seconds": t_ours, "baseline": other_name,
                                  "baseline_seconds": t_other, "speedup": t_other / t_ours})
        print(f"  {name:28s} {1e3 * t_ours:8.1f} ms | {other_name:34s} {1e3 * t_other:8.1f} ms | "
              f"ratio {t_other / t_ours:5.2f}x")
    with torch.no_grad():
        ours, theirs = losses(x, y).item(), aura(x[:, None], y[:, None]).item()
        print(f"  loss values agree: ours {ours:.5f}, auraloss {theirs:.5f}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "synth_loss.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
