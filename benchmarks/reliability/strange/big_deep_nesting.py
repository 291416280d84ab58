if x0:
    if x1:
        if x2:
            if x3:
                if x4:
                    if x5:
                        if x6:
                            if x7:
                                if x8:
                                    if x9:
                                        if x10:
                                            if x11:
                                                if x12:
                                                    if x13:
                                                        if x14:
                                                            if x15:
                                                                if x16:
                                                                    if x17:
                                                                        if x18:
                                                                            if x19:
                                                                                if x20:
                                                                                    if x21:
                                                                                        if x22:
                                                                                            if x23:
                                                                                                if x24:
                                                                                                    if x25:
                                                                                                        if x26:
                                                                                                            if x27:
                                                                                                                if x28:
                                                                                                                    if x29:
                                                                                                                        if x30:
                                                                                                                            if x31:
                                                                                                                                if x32:
                                                                                                                                    if x33:
                                                                                                                                        if x34:
                                                                                                                                            if x35:
                                                                                                                                                if x36:
                                                                                                                                                    if x37:
                                                                                                                                                        if x38:
                                                                                                                                                            if x39:
                                                                                                                                                                if x40:
                                                                                                                                                                    if x41:
                                                                                                                                                                        if x42:
                                                                                                                                                                            if x43:
                                                                                                                                                                                if x44:
                                                                                                                                                                                    if x45:
                                                                                                                                                                                        if x46:
                                                                                                                                                                                            if x47:
                                                                                                                                                                                                if x48:
                                                                                                                                                                                                    if x49:
                                                                                                                                                                                                        if x50:
                                                                                                                                                                                                            if x51:
                                                                                                                                                                                                                if x52:
                                                                                                                                                                                                                    if x53:
                                                                                                                                                                                                                        if x54:
                                                                                                                                                                                                                            if x55:
                                                                                                                                                                                                                                if x56:
                                                                                                                                                                                                                                    if x57:
                                                                                                                                                                                                                                        if x58:
                                                                                                                                                                                                                                            if x59:
                                                                                                                                                                                                                                                if x60:
                                                                                                                                                                                                                                                    if x61:
                                                                                                                                                                                                                                                        if x62:
                                                                                                                                                                                                                                                            if x63:
                                                                                                                                                                                                                                                                if x64:
                                                                                                                                                                                                                                                                    if x65:
                                                                                                                                                                                                                                                                        if x66:
                                                                                                                                                                                                                                                                            if x67:
                                                                                                                                                                                                                                                                                if x68:
                                                                                                                                                                                                                                                                                    if x69:
                                                                                                                                                                                                                                                                                        if x70:
                                                                                                                                                                                                                                                                                            if x71:
                                                                                                                                                                                                                                                                                                if x72:
                                                                                                                                                                                                                                                                                                    if x73:
                                                                                                                                                                                                                                                                                                        if x74:
                                                                                                                                                                                                                                                                                                            if x75:
                                                                                                                                                                                                                                                                                                                if x76:
                                                                                                                                                                                                                                                                                                                    if x77:
                                                                                                                                                                                                                                                                                                                        if x78:
                                                                                                                                                                                                                                                                                                                            if x79:
                                                                                                                                                                                                                                                                                                                                if x80:
                                                                                                                                                                                                                                                                                                                                    if x81:
                                                                                                                                                                                                                                                                                                                                        if x82:
                                                                                                                                                                                                                                                                                                                                            if x83:
                                                                                                                                                                                                                                                                                                                                                if x84:
                                                                                                                                                                                                                                                                                                                                                    if x85:
                                                                                                                                                                                                                                                                                                                                                        if x86:
                                                                                                                                                                                                                                                                                                                                                            if x87:
                                                                                                                                                                                                                                                                                                                                                                if x88:
                                                                                                                                                                                                                                                                                                                                                                    if x89:
                                                                                                                                                                                                                                                                                                                                                                        if x90:
                                                                                                                                                                                                                                                                                                                                                                            if x91:
                                                                                                                                                                                                                                                                                                                                                                                if x92:
                                                                                                                                                                                                                                                                                                                                                                                    if x93:
                                                                                                                                                                                                                                                                                                                                                                                        if x94:
                                                                                                                                                                                                                                                                                                                                                                                            if x95:
                                                                                                                                                                                                                                                                                                                                                                                                def flat(pages):
                                                                                                                                                                                                                                                                                                                                                                                                    rows = []
                                                                                                                                                                                                                                                                                                                                                                                                    for page in pages:
                                                                                                                                                                                                                                                                                                                                                                                                        if page in ['a', 'b', 'c', 'd', 'e']:
                                                                                                                                                                                                                                                                                                                                                                                                            rows = rows + [page]
                                                                                                                                                                                                                                                                                                                                                                                                    return sum([rows], [])
y = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
z = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
w = {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': {'k': 1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
c = [[[[[[[[[[[[[[[[[[[[x for x in x0] for x in x1] for x in x2] for x in x3] for x in x4] for x in x5] for x in x6] for x in x7] for x in x8] for x in x9] for x in x10] for x in x11] for x in x12] for x in x13] for x in x14] for x in x15] for x in x16] for x in x17] for x in x18] for x in x19]
f = lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: lambda: 1
u = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not x
p = 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2 ** 2
a = x.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y.y
k = f()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()
b = x0 and x1 and x2 and x3 and x4 and x5 and x6 and x7 and x8 and x9 and x10 and x11 and x12 and x13 and x14 and x15 and x16 and x17 and x18 and x19 and x20 and x21 and x22 and x23 and x24 and x25 and x26 and x27 and x28 and x29 and x30 and x31 and x32 and x33 and x34 and x35 and x36 and x37 and x38 and x39 and x40 and x41 and x42 and x43 and x44 and x45 and x46 and x47 and x48 and x49 and x50 and x51 and x52 and x53 and x54 and x55 and x56 and x57 and x58 and x59 and x60 and x61 and x62 and x63 and x64 and x65 and x66 and x67 and x68 and x69 and x70 and x71 and x72 and x73 and x74 and x75 and x76 and x77 and x78 and x79 and x80 and x81 and x82 and x83 and x84 and x85 and x86 and x87 and x88 and x89 and x90 and x91 and x92 and x93 and x94 and x95 and x96 and x97 and x98 and x99 and x100 and x101 and x102 and x103 and x104 and x105 and x106 and x107 and x108 and x109 and x110 and x111 and x112 and x113 and x114 and x115 and x116 and x117 and x118 and x119 and x120 and x121 and x122 and x123 and x124 and x125 and x126 and x127 and x128 and x129 and x130 and x131 and x132 and x133 and x134 and x135 and x136 and x137 and x138 and x139 and x140 and x141 and x142 and x143 and x144 and x145 and x146 and x147 and x148 and x149 and x150 and x151 and x152 and x153 and x154 and x155 and x156 and x157 and x158 and x159 and x160 and x161 and x162 and x163 and x164 and x165 and x166 and x167 and x168 and x169 and x170 and x171 and x172 and x173 and x174 and x175 and x176 and x177 and x178 and x179 and x180 and x181 and x182 and x183 and x184 and x185 and x186 and x187 and x188 and x189 and x190 and x191 and x192 and x193 and x194 and x195 and x196 and x197 and x198 and x199
q = x0 < x1 < x2 < x3 < x4 < x5 < x6 < x7 < x8 < x9 < x10 < x11 < x12 < x13 < x14 < x15 < x16 < x17 < x18 < x19 < x20 < x21 < x22 < x23 < x24 < x25 < x26 < x27 < x28 < x29 < x30 < x31 < x32 < x33 < x34 < x35 < x36 < x37 < x38 < x39 < x40 < x41 < x42 < x43 < x44 < x45 < x46 < x47 < x48 < x49 < x50 < x51 < x52 < x53 < x54 < x55 < x56 < x57 < x58 < x59 < x60 < x61 < x62 < x63 < x64 < x65 < x66 < x67 < x68 < x69 < x70 < x71 < x72 < x73 < x74 < x75 < x76 < x77 < x78 < x79 < x80 < x81 < x82 < x83 < x84 < x85 < x86 < x87 < x88 < x89 < x90 < x91 < x92 < x93 < x94 < x95 < x96 < x97 < x98 < x99 < x100 < x101 < x102 < x103 < x104 < x105 < x106 < x107 < x108 < x109 < x110 < x111 < x112 < x113 < x114 < x115 < x116 < x117 < x118 < x119 < x120 < x121 < x122 < x123 < x124 < x125 < x126 < x127 < x128 < x129 < x130 < x131 < x132 < x133 < x134 < x135 < x136 < x137 < x138 < x139 < x140 < x141 < x142 < x143 < x144 < x145 < x146 < x147 < x148 < x149 < x150 < x151 < x152 < x153 < x154 < x155 < x156 < x157 < x158 < x159 < x160 < x161 < x162 < x163 < x164 < x165 < x166 < x167 < x168 < x169 < x170 < x171 < x172 < x173 < x174 < x175 < x176 < x177 < x178 < x179 < x180 < x181 < x182 < x183 < x184 < x185 < x186 < x187 < x188 < x189 < x190 < x191 < x192 < x193 < x194 < x195 < x196 < x197 < x198 < x199
if x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
elif x:
    pass
s = (
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
    'a'
)
