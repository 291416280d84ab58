def size(pairs):
    table = dict(pairs)
    return len(list(table))
