"""PFL3xx: numeric loops Numba would compile, and code inside @njit it cannot."""
