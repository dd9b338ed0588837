# The synthetic instrument of 09_ddsp_capstone (given code, not an exercise). The grader holds
# a copy of this very cell and draws its own held-out notes with a seed this notebook never uses.
import numpy as np

INSTRUMENT_PARTIALS = 40        # harmonics of the instrument (those at or above Nyquist are dropped)


def _smoothstep(x):
    """0 below 0, 1 above 1, a smooth S-curve 3x^2 - 2x^3 in between."""
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3.0 - 2.0 * x)


def _frames_to_samples(frames, n_samples):
    """Linear interpolation of a frame-rate contour to n_samples (align_corners=False, clamped ends)."""
    n_frames = frames.shape[-1]
    position = (np.arange(n_samples) + 0.5) * n_frames / n_samples - 0.5
    return np.interp(position, np.arange(n_frames), frames)


def note_contours(rng, n_frames, frame_rate):
    """Random expressive contours of one note: f0 in Hz and a dynamic level in [0, 1], per frame.

    The pitch sits between G3 and D5, glides to a neighbouring pitch in 60% of the notes, and
    gets a vibrato (4.5 to 6.5 Hz, up to 0.4 semitone) that fades in. The dynamic level rises
    over the attack, swells or fades a little, and falls over the release.
    """
    t = np.arange(n_frames) / frame_rate
    duration = n_frames / frame_rate
    pitch = np.full(n_frames, rng.uniform(55.0, 74.0))                      # MIDI note number
    if rng.uniform() < 0.6:
        start, length = rng.uniform(0.25, 0.6) * duration, rng.uniform(0.05, 0.2)
        interval = rng.choice([-1.0, 1.0]) * rng.uniform(2.0, 7.0)         # semitones
        pitch = pitch + interval * _smoothstep((t - start) / length)
    rate, depth = rng.uniform(4.5, 6.5), rng.uniform(0.1, 0.4)
    fade_in = _smoothstep((t - rng.uniform(0.1, 0.3)) / 0.3)
    pitch = pitch + depth * fade_in * np.sin(2 * np.pi * rate * t + rng.uniform(0.0, 2 * np.pi))
    f0_hz = 440.0 * 2.0 ** ((pitch - 69.0) / 12.0)

    attack, release = rng.uniform(0.04, 0.2), rng.uniform(0.1, 0.3)
    peak, swell = rng.uniform(0.5, 1.0), rng.uniform(-0.3, 0.3)
    level = peak * (1.0 + swell * np.sin(np.pi * t / duration + rng.uniform(0.0, np.pi)))
    envelope = _smoothstep(t / attack) * (1.0 - _smoothstep((t - (duration - release)) / release))
    dynamics = np.clip(0.05 + 0.95 * level * envelope, 0.0, 1.0)
    return f0_hz, dynamics


def render_note(f0_hz, dynamics, rng, sample_rate, hop_length):
    """Audio of one note (float64, n_frames * hop_length samples) from its frame-rate contours.

    Harmonic part: a spectral tilt k**-(2.6 - 1.6 * dynamics) (louder is brighter), a resonance
    near 1.4 kHz and weaker even harmonics, scaled to a peak amplitude that spans 44 dB.
    Breath noise: white noise band-passed around 2.5 kHz, following the amplitude, with a
    burst while the level rises.
    """
    n_frames = f0_hz.shape[-1]
    n_samples = n_frames * hop_length
    frame_rate = sample_rate / hop_length
    k = np.arange(1, INSTRUMENT_PARTIALS + 1)[:, None]
    amplitude = 0.5 * 10.0 ** ((dynamics - 1.0) * 50.0 / 20.0)
    partial_hz = k * f0_hz[None, :]
    tilt = 2.6 - 1.6 * dynamics
    resonance = 1.0 + 1.5 * np.exp(-0.5 * ((partial_hz - 1400.0) / 400.0) ** 2)
    spectrum = k ** (-tilt[None, :]) * resonance * np.where(k % 2 == 0, 0.6, 1.0)
    spectrum = np.where(partial_hz < sample_rate / 2, spectrum, 0.0)
    spectrum = spectrum / spectrum.sum(axis=0, keepdims=True)

    omega = 2 * np.pi * _frames_to_samples(f0_hz, n_samples) / sample_rate
    phase = np.concatenate([[0.0], np.cumsum(omega)[:-1]]) + rng.uniform(0.0, 2 * np.pi)
    audio = np.zeros(n_samples)
    for j in range(INSTRUMENT_PARTIALS):
        audio += _frames_to_samples(amplitude * spectrum[j], n_samples) * np.sin((j + 1) * phase)

    white = rng.standard_normal(n_samples)
    hz = np.fft.rfftfreq(n_samples, 1.0 / sample_rate)
    band = np.exp(-0.5 * (np.log(np.maximum(hz, 1.0) / 2500.0) / 0.6) ** 2)
    breath = np.fft.irfft(np.fft.rfft(white) * band, n=n_samples)
    breath = breath / np.sqrt(np.mean(breath ** 2))
    rising = np.clip(np.gradient(dynamics) * frame_rate, 0.0, 4.0)            # level units per second
    breath_gain = amplitude * (0.08 + 0.12 * dynamics + 0.05 * rising)
    return audio + _frames_to_samples(breath_gain, n_samples) * breath


def make_notes(seed, n_notes, duration_s=1.0, sample_rate=16000, hop_length=128):
    """n_notes notes of the instrument, drawn with numpy's default_rng(seed).

    Returns:
        f0_hz: (n_notes, n_frames) float64 array, the pitch contour in Hz, one value per frame.
        audio: (n_notes, n_frames * hop_length) float64 array, the notes.
    """
    rng = np.random.default_rng(seed)
    n_frames = int(round(duration_s * sample_rate / hop_length))
    f0s, notes = [], []
    for _ in range(n_notes):
        f0_hz, dynamics = note_contours(rng, n_frames, sample_rate / hop_length)
        f0s.append(f0_hz)
        notes.append(render_note(f0_hz, dynamics, rng, sample_rate, hop_length))
    return np.stack(f0s), np.stack(notes)
