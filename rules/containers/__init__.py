"""PFL2xx: the wrong container, or a needless one, for how it is used."""
