def lookup(pairs, key):
    table = dict(pairs)
    return key in table.keys()
