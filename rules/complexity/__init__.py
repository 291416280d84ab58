"""PFL1xx: super-linear work hidden in loops."""
