"""Fills zero matrices created with the parameters' dtype and device, entry by entry (in place into its own tensors)."""


def sho_matrices(stiffness, mass, damping):
    params = {"stiffness": stiffness, "mass": mass, "damping": damping}
    for name, value in params.items():
        if not isinstance(value, torch.Tensor) or value.ndim > 1:
            raise ValueError(f"{name} must be a 0-d or 1-D tensor")
    batch_sizes = {name: value.shape[0] for name, value in params.items() if value.ndim == 1}
    if len(set(batch_sizes.values())) > 1:
        raise ValueError(f"batch sizes differ: {batch_sizes}")
    shape = torch.broadcast_shapes(stiffness.shape, mass.shape, damping.shape)
    dtype = torch.promote_types(torch.promote_types(stiffness.dtype, mass.dtype), damping.dtype)
    options = dict(dtype=dtype, device=stiffness.device)
    A = torch.zeros(*shape, 2, 2, **options)
    B = torch.zeros(*shape, 2, 1, **options)
    C = torch.zeros(*shape, 1, 2, **options)
    A[..., 0, 1] = 1.0
    A[..., 1, 0] = -stiffness / mass
    A[..., 1, 1] = -damping / mass
    B[..., 1, 0] = 1.0 / mass
    C[..., 0, 0] = 1.0
    return A, B, C
