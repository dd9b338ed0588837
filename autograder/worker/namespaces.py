"""Linux namespaces for workers (filled in by the isolation work; off for now)."""


def available():
    """Whether this machine lets a worker enter its own namespaces."""
    return False


def isolate(settings):
    """Enter namespaces; returns True when isolated, False when not possible."""
    return False
