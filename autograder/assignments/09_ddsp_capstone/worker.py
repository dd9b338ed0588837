"""Worker-side helpers of 09_ddsp_capstone (imported by the fork server, before any sandbox).

A Decoder returns a dict, and the worker differentiates only tensor outputs, so the tests wrap
the student's decoder in :class:`ControlsAsOneTensor` (built in the worker with
``{"__new__": Lib("controls_as_one_tensor"), "args": [decoder spec]}``): its output is the three
controls stacked along the channel dimension, and its parameters are the decoder's, so a call
with ``param_grads=True`` returns a gradient for every parameter of the decoder.
"""
import torch

CONTROL_KEYS = ("global_amplitude", "harmonic_amplitudes", "noise_magnitudes")


class ControlsAsOneTensor(torch.nn.Module):
    """(batch, 1 + n_harmonics + n_bands, n_frames): the decoder's raw controls in one tensor."""

    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, f0_hz, loudness):
        controls = self.decoder(f0_hz, loudness)
        if not isinstance(controls, dict):
            raise TypeError(f"the decoder returned {type(controls).__name__}, not a dict of controls")
        missing = [key for key in CONTROL_KEYS if key not in controls]
        if missing:
            raise KeyError(f"the decoder's dict has no {missing[0]!r}")
        return torch.cat([controls["global_amplitude"][:, None, :], controls["harmonic_amplitudes"],
                          controls["noise_magnitudes"]], dim=1)


LIBRARY = {"controls_as_one_tensor": lambda: ControlsAsOneTensor}
