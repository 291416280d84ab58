"""PFL6xx: pandas and NumPy driven one element at a time from Python."""
