"""`--format junit`: JUnit XML, one test suite per file and one failed test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from perflint.report import ReportOptions, project_path
from perflint.runner import FileResult


def render(results: list[FileResult], options: ReportOptions) -> str:
    root = ET.Element("testsuites", name="perflint")
    total = failures = errors = 0
    for result in results:
        # Relative to the project root, so the same test case keeps its name across runs.
        path = project_path(result.path, options.root)
        suite = ET.SubElement(root, "testsuite", name=path)
        cases = failures_here = 0
        for d in result.diagnostics:
            row, column = d.location
            cell = f"cell {d.cell}:" if d.cell is not None else ""
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.code} {d.name} at {path}:{cell}{row}:{column}",
                classname=path,
            )
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"{path}:{cell}{row}:{column}: {d.code} {d.message}"
            cases += 1
            failures_here += 1
        errors_here = 0
        for code, message in result.internal_errors:
            # Not a finding: the check itself broke, which JUnit calls an error.
            case = ET.SubElement(suite, "testcase", name=f"{code} could not run", classname=path)
            ET.SubElement(
                case, "error", message=message, type="internal-error"
            ).text = f"internal error in perflint ({code}) on {path}: {message}"
            errors_here += 1
        if result.error:
            case = ET.SubElement(suite, "testcase", name="perflint write", classname=path)
            ET.SubElement(case, "error", message=result.error, type="write-error")
            errors_here += 1
        cases += errors_here
        if not cases:
            ET.SubElement(suite, "testcase", name="perflint", classname=path)
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failures_here))
        suite.set("errors", str(errors_here))
        total += cases
        failures += failures_here
        errors += errors_here
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
