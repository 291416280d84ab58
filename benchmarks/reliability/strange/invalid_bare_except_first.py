# CPython's compiler rejects this (its parser accepts it); LibCST raises
# CSTValidationError. Must be one PFL001 finding: the loop below makes the
# pre-pass send the file to LibCST.
try:
    pass
except:
    pass
except ValueError:
    pass
for item in items:
    print(item)
