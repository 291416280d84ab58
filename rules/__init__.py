"""perflint's rules, one folder per family (errors, complexity, containers, jit,
loops, scaling, arrays) and one module per rule. Every Rule subclass defined in
them is registered by perflint.registry."""
