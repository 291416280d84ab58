s = 'a b cdefgh'  #   in a comment
def flat(pages):
    rows = []
    for page in pages:
        if page in ['a', 'b', 'c', 'd', 'e']:
            rows = rows + [page]
    return sum([rows], [])
