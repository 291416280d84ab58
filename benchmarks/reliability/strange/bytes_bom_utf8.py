# a UTF-8 byte-order mark
def flat(pages):
    rows = []
    for page in pages:
        if page in ['a', 'b', 'c', 'd', 'e']:
            rows = rows + [page]
    return sum([rows], [])
