"""Reading `.ipynb` files: nbformat 4 JSON, checked enough that a bad file
gets one clear message (NotebookError) instead of a traceback. Only what
linting needs is looked at: cell types, sources and the kernel's language;
outputs are never read past the JSON parser."""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass

from perflint.files import NOTEBOOK_SUFFIX
from perflint.notebook.cells import Cell


class NotebookError(Exception):
    """A file that is not a notebook perflint can read; the message says why."""


@dataclass(frozen=True)
class NotebookCell:
    number: int  # 1-based index into the notebook's `cells`
    kind: str  # "code", "markdown", "raw"
    source: str
    as_lines: bool  # the file stores the source as a list of lines, not one string


@dataclass(frozen=True)
class Notebook:
    text: str  # the file's JSON text, decoded
    bom: bool  # the file starts with a UTF-8 byte-order mark
    cells: tuple[NotebookCell, ...]
    language: str | None  # the kernel's language, when the notebook says

    @property
    def is_python(self) -> bool:
        # A notebook that names no language is taken for Python, as Jupyter does.
        return self.language is None or self.language.lower() in ("python", "python3", "ipython")

    def code_cells(self) -> list[Cell]:
        return [(c.number, c.source) for c in self.cells if c.kind == "code"]

    def sources(self) -> dict[int, str]:
        """Every cell's source by number, markdown and raw ones too."""
        return {c.number: c.source for c in self.cells}


def is_notebook(path: str) -> bool:
    return path.endswith(NOTEBOOK_SUFFIX)


def read_notebook(data: bytes) -> Notebook:
    """The notebook in data; NotebookError when it is not one perflint reads."""
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotebookError(f"not valid UTF-8 (byte {exc.start}), so not a notebook") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise NotebookError("not a notebook: JSON nested too deeply") from None
    if not isinstance(document, dict):
        raise NotebookError("JSON but not a Jupyter notebook (not an object at the top)")
    version = document.get("nbformat")
    if "nbformat" in document and version != 4:  # nbformat 3 has `worksheets`, no `cells`
        raise NotebookError(_version_message(version))
    if not isinstance(document.get("cells"), list):
        raise NotebookError("JSON but not a Jupyter notebook (no `cells` list at the top)")
    if version != 4:
        raise NotebookError(_version_message(version))
    cells = tuple(_cell(number, cell) for number, cell in enumerate(document["cells"], 1))
    return Notebook(text, bom, cells, _language(document.get("metadata")))


def _version_message(version: object) -> str:
    if isinstance(version, int) and not isinstance(version, bool) and version < 4:
        return (
            f"nbformat {version} notebook; perflint reads nbformat 4 "
            "(convert it with `jupyter nbconvert --to notebook --inplace`)"
        )
    return f"nbformat {version!r} is not one perflint reads (nbformat 4 is)"


def _cell(number: int, cell: object) -> NotebookCell:
    if not isinstance(cell, dict):
        raise NotebookError(f"cell {number} is not a JSON object")
    kind = cell.get("cell_type")
    if not isinstance(kind, str):
        raise NotebookError(f"cell {number} has no `cell_type`")
    if "source" not in cell:
        raise NotebookError(f"cell {number} has no `source`")
    source = cell["source"]
    if isinstance(source, str):
        return NotebookCell(number, kind, source, as_lines=False)
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return NotebookCell(number, kind, "".join(source), as_lines=True)
    raise NotebookError(f"cell {number}: `source` must be a string or a list of strings")


def _language(metadata: object) -> str | None:
    if not isinstance(metadata, dict):
        return None
    for table, key in (("kernelspec", "language"), ("language_info", "name")):
        value = metadata.get(table)
        if isinstance(value, dict) and isinstance(value.get(key), str):
            return str(value[key])
    return None


def _read(path: str) -> Notebook | None:
    try:
        with open(path, "rb") as handle:
            return read_notebook(handle.read())
    except (OSError, NotebookError):
        return None


def read_cell_sources(path: str) -> dict[int, str] | None:
    """Every cell's source by number, for reports that show or fingerprint a
    finding's code; None when the file cannot be read as a notebook."""
    notebook = _read(path)
    return notebook.sources() if notebook is not None else None


def read_file_lines(path: str) -> dict[int, list[int]]:
    """Cell number -> the file line where each of its rows is, for reports
    that point into the `.ipynb` file itself; {} when it cannot be read."""
    from perflint.notebook.layout import file_lines, source_spans

    notebook = _read(path)
    if notebook is None:
        return {}
    spans = source_spans(notebook.text)
    return {number: file_lines(notebook.text, span) for number, span in spans.items()}
