"""Writes the strange files that are easier made than typed: odd bytes,
newlines and sizes. Run from anywhere: python make_files.py"""

from pathlib import Path

HERE = Path(__file__).parent

SLOW = (
    "def flat(pages):\n"
    "    rows = []\n"
    "    for page in pages:\n"
    "        if page in ['a', 'b', 'c', 'd', 'e']:\n"
    "            rows = rows + [page]\n"
    "    return sum([rows], [])\n"
)


def nested(opening: str, closing: str, depth: int, inner: str = "1") -> str:
    return opening * depth + inner + closing * depth


FILES: dict[str, bytes] = {
    # Encodings and byte-order marks.
    "bytes_bom_utf8.py": b"\xef\xbb\xbf# a UTF-8 byte-order mark\n" + SLOW.encode(),
    "bytes_only_bom.py": b"\xef\xbb\xbf",
    "bytes_latin1.py": "# -*- coding: latin-1 -*-\nnom = 'café'\n".encode("latin-1")
    + SLOW.encode(),
    "bytes_cp1252_cookie_line2.py": "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n"
    "s = '€ “quotes”'\n".encode("cp1252")
    + SLOW.encode(),
    "bytes_empty.py": b"",
    "bytes_only_comment.py": b"# nothing but a comment, no newline",
    "bytes_no_final_newline.py": SLOW.encode().rstrip(b"\n"),
    # Newlines: fixes must keep them.
    "bytes_crlf.py": SLOW.replace("\n", "\r\n").encode(),
    "bytes_cr_only.py": SLOW.replace("\n", "\r").encode(),
    "bytes_mixed_newlines.py": b"x = 1\r\ny = 2\rz = 3\n" + SLOW.encode(),
    "bytes_crlf_continuation.py": b"x = 1 + \\\r\n    2\r\n" + SLOW.replace("\n", "\r\n").encode(),
    # Form feeds and tabs.
    "bytes_formfeed.py": b"\x0cimport os\n\x0c\ndef f():\n\x0c    return 1\n\x0c\n" + SLOW.encode(),
    "bytes_tabs.py": SLOW.replace("    ", "\t").encode() + b"x = 1\t# tab before a comment\n",
    # Characters str.splitlines() takes for line breaks but Python does not:
    # rows must still match CPython's.
    "bytes_line_separators.py": (
        "s = 'a\u2028b\u2029c\x0bd\x1ce\x1df\x1eg\x85h'  # \u2028 in a comment\x0c\n"
    ).encode()
    + SLOW.encode(),
    # Sizes: a long line, deep nesting at CPython's limits. Chains stay short:
    # LibCST's parse time grows about cubically with an attribute or call chain
    # (2,000 `.y`: 8 s; 5,000: 78 s).
    "big_long_line.py": (
        "DATA = [" + ", ".join(str(i) for i in range(2_000)) + "]\n" + SLOW
    ).encode(),
    "big_deep_nesting.py": (
        # CPython allows 100 levels of indentation; SLOW adds 4.
        "".join("    " * i + f"if x{i}:\n" for i in range(96))
        + "".join("    " * 96 + line + "\n" for line in SLOW.splitlines())
        + "y = "
        + nested("(", ")", 190)
        + "\n"
        + "z = "
        + nested("[", "]", 190, "")
        + "\n"
        + "w = "
        + nested("{'k': ", "}", 100)
        + "\n"
        + "c = "
        + "[" * 20
        + "x"
        + "".join(f" for x in x{i}]" for i in range(20))
        + "\n"
        + "f = "
        + "lambda: " * 50
        + "1\n"
        + "u = "
        + "not " * 100
        + "x\n"
        + "p = "
        + "2 ** " * 100
        + "2\n"
        + "a = x"
        + ".y" * 100
        + "\n"
        + "k = f"
        + "()" * 100
        + "\n"
        + "b = "
        + " and ".join(f"x{i}" for i in range(200))
        + "\n"
        + "q = "
        + " < ".join(f"x{i}" for i in range(200))
        + "\n"
        + "if x:\n    pass\n"
        + "elif x:\n    pass\n" * 200
        + "s = (\n"
        + "    'a'\n" * 1000
        + ")\n"
    ).encode(),
    # Long enough to be parsed in pieces.
    "big_many_definitions.py": "".join(
        f"\n\n@decorator({i})\ndef f{i}(x):\n    return sum([x], [])\n" for i in range(400)
    ).encode(),
    # Not parsable, or not readable: one PFL001 or PFL002 each.
    "invalid_nul_byte.py": b"x = 1\x00\n",
    "invalid_utf8.py": b"s = '\xff\xfe not utf-8'\n",
    "invalid_utf16.py": "x = 1\n".encode("utf-16"),
    "invalid_unknown_encoding.py": b"# coding: no-such-codec\nx = 1\n",
    "invalid_too_deep.py": ("x = " + nested("(", ")", 201) + "\n").encode(),
    "invalid_indentation_101.py": (
        "".join("    " * i + "if x:\n" for i in range(101)) + "    " * 101 + "pass\n"
    ).encode(),
    "invalid_unterminated.py": b"s = '''never closed\n" + SLOW.encode(),
    "invalid_backslash_at_eof.py": b"x = 1 \\",
    # Each holds a loop testing `in` a name, something a rule's pre-pass screen
    # keeps, so the pre-pass sends the file to LibCST (perflint.prepass).
    "invalid_implicit_concat_4000.py": (
        "s = (\n" + "    'a'\n" * 4000 + ")\nfor c in s:\n    if c in seen:\n        print(c)\n"
    ).encode(),
    "invalid_long_file_bare_except.py": (
        "".join(f"\n\ndef f{i}(x):\n    return x\n" for i in range(400))
        + "\n\ndef g(xs):\n    try:\n        pass\n    except:\n        pass\n"
        "    except ValueError:\n        pass\n    for x in xs:\n        if x in seen:\n            print(x)\n"
    ).encode(),
}


def main() -> None:
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
