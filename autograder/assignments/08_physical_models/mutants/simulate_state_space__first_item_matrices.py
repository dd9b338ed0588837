"""Uses the first item's matrices for the whole batch (Ad[0], Bd[0], C[0] when they are 3-D)."""
CATCHES = ["simulate_state_space_matches_scipy_dlsim", "simulate_state_space_shares_unbatched_matrices",
           "simulate_state_space_outputs_the_new_state_from_zero", "simulate_state_space_gradients_wrt_matrices",
           "simulate_state_space_batch_of_one_matches_its_row"]


def simulate_state_space(Ad, Bd, C, u, x0=None):
    if u.dim() != 2 or u.shape[1] < 1:
        raise ValueError("u must be (batch, n_samples)")
    batch, n_samples = u.shape
    if Ad.dim() not in (2, 3) or Ad.shape[-1] != Ad.shape[-2]:
        raise ValueError("Ad must be (S, S) or (batch, S, S)")
    S = Ad.shape[-1]
    for name, matrix, tail in (("Ad", Ad, (S, S)), ("Bd", Bd, (S, 1)), ("C", C, (1, S))):
        if matrix.dim() not in (2, 3) or tuple(matrix.shape[-2:]) != tail:
            raise ValueError(f"{name} has the wrong shape")
        if matrix.dim() == 3 and matrix.shape[0] != batch:
            raise ValueError(f"{name} and u have different batch sizes")
    if x0 is not None and tuple(x0.shape) != (batch, S):
        raise ValueError("x0 must be (batch, S)")
    Ad, Bd, C = (m[0] if m.dim() == 3 else m for m in (Ad, Bd, C))
    x = u.new_zeros(batch, S) if x0 is None else x0
    out = []
    for n in range(n_samples):
        x = x @ Ad.T + Bd[:, 0] * u[:, n:n + 1]
        out.append(x @ C[0])
    return torch.stack(out, -1)
