"""The arrays rules (PFL6xx): what is proven a DataFrame, Series or ndarray
(perflint.analysis.arrays), one finding per loop across rule families, and
linting that never imports pandas or NumPy."""

import subprocess
import sys

import pytest

from perflint.analysis.arrays import FRAME, NDARRAY, PANDAS, SERIES, array_facts
from perflint.config import Settings
from perflint.registry import all_rules
from perflint.runner import CHECK, Job, process_source
from tests.test_analysis import ask


def kind(source: str):
    return ask(
        source, lambda ctx, call: array_facts(ctx).kind(call.args[0].value, ctx.scope_nodes(call))
    )


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import pandas as pd\nprobe(pd.DataFrame({'a': [1]}))\n", FRAME),
        ("from pandas import DataFrame as F\nprobe(F())\n", FRAME),
        ("import pandas as pd\ndef f(p):\n    df = pd.read_csv(p)\n    probe(df)\n", FRAME),
        (
            "import pandas as pd\ndef f(p):\n    df = pd.read_csv(p).dropna()\n"
            "    probe(df['a'])\n",
            SERIES,
        ),
        ("import pandas as pd\ndef f(df: pd.DataFrame):\n    probe(df[['a', 'b']])\n", FRAME),
        ("import pandas as pd\ndef f(s: pd.Series):\n    probe(s.to_numpy())\n", NDARRAY),
        ("import numpy as np\ndef f(n):\n    a = np.zeros(n)\n    a *= 2\n    probe(a)\n", NDARRAY),
        (
            "import numpy as np\nimport numpy.typing as npt\ndef f(a: npt.NDArray[np.float64]):\n"
            "    probe(a)\n",
            NDARRAY,
        ),
        ("import numpy as np\ndef f(a):\n    a = np.asarray(a)\n    probe(a)\n", NDARRAY),
        # Evidence from methods only pandas has, in a file that imports pandas.
        (
            "import pandas as pd\ndef f(df):\n    for r in df.itertuples():\n        pass\n"
            "    probe(df)\n",
            FRAME,
        ),
        ("import pandas as pd\ndef f(s):\n    probe(s)\n    return s.iloc[0]\n", PANDAS),
        # Unknown: no answer.
        ("import pandas as pd\ndef f(df):\n    probe(df)\n", None),
        ("def f(df):\n    for r in df.itertuples():\n        pass\n    probe(df)\n", None),
        ("import pandas as pd\ndef f(p):\n    probe(pd.read_csv(p, chunksize=100))\n", None),
        ("import pandas as pd\ndef f(p):\n    probe(pd.read_excel(p, sheet_name=None))\n", None),
        (
            "import pandas as pd\ndef f(df: pd.DataFrame):\n    probe(df.dropna(inplace=True))\n",
            None,
        ),
        (
            "import pandas as pd\ndef f(c):\n    df = pd.DataFrame() if c else None\n"
            "    probe(df)\n",
            None,
        ),
        (
            "import numpy as np\ndef f(a, c):\n    if c:\n        a = np.asarray(a)\n"
            "    probe(a)\n",
            None,
        ),
    ],
)
def test_kinds(source, expected):
    assert kind(source) == [expected]


ARRAYS = [r for r in all_rules() if r.category == "arrays"]
OTHERS = ("PFL107", "PFL301", "PFL402")


@pytest.mark.parametrize("rule", ARRAYS, ids=[r.code for r in ARRAYS])
def test_one_finding_per_loop(rule):
    """With every rule on, the loop an arrays rule reports gets no PFL107,
    PFL301 or PFL402 finding as well."""
    settings = Settings(select=("ALL",))
    for example in rule.bad:
        result, _ = process_source("example.py", example.code.encode(), settings, Job(CHECK))
        codes = [d.code for d in result.diagnostics]
        assert rule.code in codes
        assert not [c for c in codes if c in OTHERS], (example.code, codes)


def test_array_loops_are_left_to_pfl607_by_pfl301():
    code = (
        "import numba\nimport numpy as np\n\n\ndef f(a: np.ndarray, b: np.ndarray):\n"
        "    out = np.empty(len(a))\n    for i in range(len(a)):\n        out[i] = a[i] * b[i]\n"
        "    return out\n"
    )
    result, _ = process_source("x.py", code.encode(), Settings(select=("ALL",)), Job(CHECK))
    assert [d.code for d in result.diagnostics] == ["PFL607"]


def test_linting_never_imports_pandas_or_numpy(tmp_path):
    for rule in ARRAYS:
        for index, example in enumerate(rule.bad):
            (tmp_path / f"{rule.code}_{index}.py").write_text(example.code)
    probe = (
        "import sys\nfrom perflint.cli import main\n"
        "try:\n    main(['check', '--no-cache', '-q', '--select', 'PFL6', sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        "print([m for m in ('pandas', 'numpy') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
