#!/usr/bin/env python
# vim: set fileencoding=cp1252 :
s = '€ “quotes”'
def flat(pages):
    rows = []
    for page in pages:
        if page in ['a', 'b', 'c', 'd', 'e']:
            rows = rows + [page]
    return sum([rows], [])
