def f(**kwargs, *args):
    pass


f(**a, *b)
