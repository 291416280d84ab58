"""Facts shared by rules: scopes and bindings, names, loops, proven types.

Every analysis is computed lazily for the part of the tree a rule asks about,
never for a whole module up front. Unknown answers are None: rules treat them as
"do not report".
"""
