# CPython's compiler rejects this (its parser accepts it); LibCST raises
# CSTValidationError. Must be one PFL001 finding: the loop below (an `in` test
# a rule's screen keeps) makes the pre-pass send the file to LibCST.
try:
    pass
except:
    pass
except ValueError:
    pass
for item in items:
    if item in seen:
        print(item)
