"""Running example code: the same calls on original and fixed code must give the
same results (shared by the per-rule fix tests and the all-rules-together test)."""

import copy
import sys
import types

import pytest


def _fake_boto3() -> types.ModuleType:
    """Enough of boto3 for PFL501's examples to run without it (or a network)."""
    module = types.ModuleType("boto3")

    def client(service, **options):
        return types.SimpleNamespace(
            get_object=lambda **request: (service, sorted(options.items()), sorted(request.items()))
        )

    module.client = client  # type: ignore[attr-defined]
    return module


def _run(code: str, function: str, args: tuple) -> tuple[object, str]:
    """The call's outcome, and the exception's message for failure reports."""
    namespace: dict = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "boto3", _fake_boto3())
        exec(compile(code, "example.py", "exec"), namespace)
    try:
        return ("value", namespace[function](*copy.deepcopy(args))), ""
    except Exception as exc:  # the same exception type counts as the same behaviour
        return ("raised", type(exc).__name__), str(exc)[:300]


def same_behaviour(original: str, fixed: str, calls) -> None:
    """Each (function, arguments) call returns equal values, or raises the same
    exception type, in the original and in the fixed code."""
    for function, args in calls:
        (before, _), (after, message) = _run(original, function, args), _run(fixed, function, args)
        assert before == after, (function, args, before, after, message)
