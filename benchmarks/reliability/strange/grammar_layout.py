# -*- coding: utf-8 -*-
# Odd but valid layout: comments everywhere, continuations, semicolons.
import os ; import sys

x = 1 + \
    2 + \
        3
y = (1 +  # comment inside brackets
     # a comment on its own line
     2
)
z = [
    1,

    2,  # trailing comma, blank line above
]
def f(a,  # a
      b=[],  # mutable default
      *,
      c): return a  # one-line body
if x: y = 1; z = 2
elif y: pass
else: z = 3
while False: break
for i in []: continue
with open("f") as fh: pass
class C: x = 1; y = 2
très_long_nom_unicode = "é" * 3
π = 3.14
ﬁle = 1  # NFKC-normalised to "file"
s = 'a' 'b' "c" \
    'd'
t = ("implicit"
     "concatenation"
     f" with {x}")
lam = (lambda:
       0)
def g():

    # blank line and a comment before the first statement

    return [x for x in range(3)
            if x  # comment inside a comprehension
            ]
