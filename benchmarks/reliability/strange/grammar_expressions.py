"""Every kind of expression."""

def expressions(a, b, c, xs, ys, d, s):
    values = (
        a if b else c,
        not a, -a, +a, ~a,
        a + b - c * d / a // b % c ** d @ a,
        a << b >> c & d | a ^ b,
        a < b <= c > d >= a == b != c,
        a is b, a is not b, a in b, a not in b,
        a and b or not c,
        lambda: 0, lambda *a, **k: (a, k), lambda a, /, b=1, *, c: a,
        (yield), (yield a), (yield from xs),
        await_like := a,
        [*xs, *ys], {*xs}, {**d, "k": 1, **{}}, (*xs,),
        xs[0], xs[1:], xs[:-1], xs[::2], xs[a:b:c], d[a, b], d[...], d[1:2, ::3],
        f"{a!r:>{b}} {c=} {a:{b}.{c}}" "plain" 'single' r"raw\d", b"bytes" rb"\x00",
        """triple
        quoted""", '''other''',
        0, 0o17, 0xFF, 0b1010, 1_000_000, 1.5e-3, 1j, 1.e5, .5, 0.0,
        True, False, None, ..., __debug__,
        a.b.c, a().b[c](d), a(*xs, *ys, k=1, **d, **{}),
        [x for x in xs if x if not x], {x: y for x, y in zip(xs, ys)},
        {x for x in xs}, (x for x in xs for y in ys),
        [[y for y in x] for x in xs],
        [(z := x) for x in xs],
        sorted(xs, key=lambda v: -v)[0],
        sum([[1], [2]], []),
        "".join(str(x) for x in xs),
    )
    s = ""
    for x in xs:
        s += str(x)
    return values, s


async def asynchronous(xs, session):
    async with session as s, session:
        pass
    async for item in xs:
        await item
    ys = [await x async for x in xs if await x]
    zs = {k: v async for k, v in xs}
    gen = (x async for x in xs)
    return [y for y in ys], zs, gen, await asynchronous(xs, session)


@property
@(lambda f: f)
@decorators[0].attribute(1, *[2], key=3)
@a if b else c
@(yield_value := staticmethod)
def decorated(): ...


def stars(*args, **kwargs):
    first, *rest = args
    *init, last = args
    [p, *q], r = args, 1
    for *head, tail in args:
        pass
    return *args, *kwargs
