print "hello"
exec "code"
x = `y`
if x <> 1:
    pass
