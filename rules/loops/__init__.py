"""PFL4xx: work repeated on every iteration of a loop."""
