"""What perflint knows about Numba: the catalogue of what nopython mode
compiles, and checks of code against it."""
