"""A small workload for the profile step: one hot loop, one cold one."""


def unique(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def checksum(text):
    return sorted(text * 40)


def rare(values):
    kept = []
    for value in values:
        if value not in kept:
            kept.append(value)
    return kept


if __name__ == "__main__":
    unique(list(range(3000)))
    checksum([str(i) for i in range(20000)])
    rare(range(20))
