"""`--format junit`: JUnit XML, one test suite per file and one failed test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from perflint.report import ReportOptions, display_path
from perflint.runner import FileResult


def render(results: list[FileResult], options: ReportOptions) -> str:
    root = ET.Element("testsuites", name="perflint")
    total = failures = 0
    for result in results:
        path = display_path(result.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        cases = failures_here = 0
        for d in result.diagnostics:
            row, column = d.location
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.code} {d.name} at {path}:{row}:{column}",
                classname=path,
            )
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"{path}:{row}:{column}: {d.code} {d.message}"
            cases += 1
            failures_here += 1
        if not cases:
            ET.SubElement(suite, "testcase", name="perflint", classname=path)
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failures_here))
        suite.set("errors", "0")
        total += cases
        failures += failures_here
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
