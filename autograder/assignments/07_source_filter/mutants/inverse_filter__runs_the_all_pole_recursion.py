"""Applies 1/A(z) (the synthesis filter) instead of A(z)."""
CATCHES = ["inverse_filter_matches_lfilter_per_signal",
           "inverse_filter_shares_one_dimensional_coefficients",
           "inverse_filter_gradients_match_closed_form"]


def inverse_filter(s, a):
    if s.dim() != 2:
        raise ValueError(f"s must be (batch, n_samples), got shape {tuple(s.shape)}")
    if a.dim() not in (1, 2) or (a.dim() == 2 and a.shape[0] != s.shape[0]):
        raise ValueError(f"a must be (p,) or (batch, p) with batch {s.shape[0]}, got shape {tuple(a.shape)}")
    coefficients = a.expand(s.shape[0], -1) if a.dim() == 1 else a
    n_samples = s.shape[-1]
    return all_pole_filter(s, coefficients)
