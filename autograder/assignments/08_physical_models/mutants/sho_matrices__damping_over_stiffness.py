"""Divides the damping by the stiffness instead of the mass: A[1, 1] = -c/k."""
CATCHES = ["sho_matrices_match_the_definition", "sho_matrices_accept_0d_parameters",
           "sho_matrices_share_a_0d_mass_across_the_batch", "sho_matrices_gradients_match_closed_form"]


def sho_matrices(stiffness, mass, damping):
    for name, value in (("stiffness", stiffness), ("mass", mass), ("damping", damping)):
        if value.dim() > 1:
            raise ValueError(f"{name} must be 0-d or 1-D")
    lengths = {v.shape[0] for v in (stiffness, mass, damping) if v.dim() == 1}
    if len(lengths) > 1:
        raise ValueError("stiffness, mass and damping have different lengths")
    k, m, c = torch.broadcast_tensors(stiffness, mass, damping)
    zero, one = torch.zeros_like(k), torch.ones_like(k)
    A = torch.stack([torch.stack([zero, one], -1), torch.stack([-k / m, -c / k], -1)], -2)
    B = torch.stack([zero, 1 / m], -1)[..., None]
    C = torch.stack([one, zero], -1)[..., None, :]
    return A, B, C
