"""Normalises by the mass in place (stiffness /= mass; damping /= mass): the caller's tensors change."""
CATCHES = ["sho_matrices_do_not_modify_inputs", "sho_matrices_gradients_match_closed_form"]


def sho_matrices(stiffness, mass, damping):
    for name, value in (("stiffness", stiffness), ("mass", mass), ("damping", damping)):
        if value.dim() > 1:
            raise ValueError(f"{name} must be 0-d or 1-D")
    lengths = {v.shape[0] for v in (stiffness, mass, damping) if v.dim() == 1}
    if len(lengths) > 1:
        raise ValueError("stiffness, mass and damping have different lengths")
    stiffness /= mass
    damping /= mass
    k, m, c = torch.broadcast_tensors(stiffness, mass, damping)
    zero, one = torch.zeros_like(k), torch.ones_like(k)
    A = torch.stack([torch.stack([zero, one], -1), torch.stack([-k, -c], -1)], -2)
    B = torch.stack([zero, 1 / m], -1)[..., None]
    C = torch.stack([one, zero], -1)[..., None, :]
    return A, B, C
