# CPython's compiler rejects this (its parser accepts it); LibCST raises
# CSTValidationError. Must be one PFL001 finding.
try:
    pass
except:
    pass
except ValueError:
    pass
