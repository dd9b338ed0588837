"""Broadcasts whatever it gets: 2-D parameters and lengths that disagree raise no ValueError naming them."""
CATCHES = ["sho_matrices_reject_bad_arguments"]


def sho_matrices(stiffness, mass, damping):
    k, m, c = torch.broadcast_tensors(stiffness, mass, damping)
    zero, one = torch.zeros_like(k), torch.ones_like(k)
    A = torch.stack([torch.stack([zero, one], -1), torch.stack([-k / m, -c / m], -1)], -2)
    B = torch.stack([zero, 1 / m], -1)[..., None]
    C = torch.stack([one, zero], -1)[..., None, :]
    return A, B, C
