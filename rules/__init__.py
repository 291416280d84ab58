"""perflint's rules: one module per rule (or small family). Every Rule subclass
defined here is registered by perflint.registry."""
