"""match statements, and the soft keywords used as names."""

match = case = type = _ = 1
print(match, case, type)
match(case)
match[case]
match.case = 1


def classify(command, points, stop_words):
    found = []
    for point in points:
        match point:
            case {"x": 0, "y": 0, **rest} if rest:
                found.append(rest)
            case [1, 2, *others] | (3, *others):
                found.append(others)
            case Point(x=0, y=yy) as hit if yy in ["a", "b", "c", "d", "e", "f"]:
                found.append(hit)
            case -1 | 1 + 2j | "text" "joined" | b"raw" | None | True:
                pass
            case str() | bytes():
                pass
            case {**kw}:
                pass
            case [*_]:
                pass
            case _:
                match command.split():
                    case [action]:
                        pass
                    case [action, obj]:
                        pass
    return found
