"""No argument checks: shape mistakes surface deep in the filters as RuntimeError, or not at all."""
CATCHES = ['harmonic_plus_noise_rejects_bad_arguments']


def harmonic_plus_noise(f0_hz, global_amplitude, harmonic_amplitudes, noise_magnitudes, noise, sample_rate):
    harmonic = harmonic_synth(hz_to_radians(f0_hz, sample_rate), global_amplitude, harmonic_amplitudes, noise.shape[-1])
    return harmonic + filtered_noise(scale_function(noise_magnitudes), noise)
