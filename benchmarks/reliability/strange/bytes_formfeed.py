import os

def f():
    return 1

def flat(pages):
    rows = []
    for page in pages:
        if page in ['a', 'b', 'c', 'd', 'e']:
            rows = rows + [page]
    return sum([rows], [])
