"""How long the language server takes to publish a notebook cell's diagnostics
again after an edit in that cell (LSP notebook sync): from the
`notebookDocument/didChange` being sent to the cell's
`textDocument/publishDiagnostics` arriving, debounce included.

The notebook is examples/analysis.ipynb's code cells and the example files as
cells, twice (names renamed per copy): 568 lines in 24 cells. The server is
started as editors start it (`python -m perflint.lsp`, stdio). Each round
types a line in a function of one cell in the middle, as a user does, and
waits for that cell's publication.

    .venv/bin/python benchmarks/lsp/notebook_relint.py
"""

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pytest_lsp import client_capabilities

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "analysis.ipynb"


def code_cells(copies: int) -> list[str]:
    """The example notebook's code cells (module-level code and magics) and the
    example files (functions), as cells, repeated with their names renamed."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    sources += [p.read_text() for p in sorted(NOTEBOOK.parent.glob("*.py"))]
    return [s.replace("def ", f"def v{n}_") for n in range(copies) for s in sources]


async def main(rounds: int = 20, copies: int = 2) -> None:
    client = LanguageClient("perflint-bench", "1")
    arrived: dict[str, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        arrived.setdefault(params.uri, asyncio.Event()).set()

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        pass

    await client.start_io(sys.executable, "-m", "perflint.lsp")
    capabilities = client_capabilities("visual-studio-code")
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities()
    )
    await client.initialize_async(types.InitializeParams(capabilities=capabilities))
    client.initialized(types.InitializedParams())

    sources = code_cells(copies)
    uri = NOTEBOOK.as_uri()
    cells = [f"vscode-notebook-cell:{NOTEBOOK}#W{i}sZmlsZQ%3D%3D" for i in range(len(sources))]
    middle = len(sources) // 2
    edited = next(i for i, s in enumerate(sources) if i >= middle and "\n    return " in s)
    target = cells[edited]
    arrived[target] = asyncio.Event()
    start = time.perf_counter()
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=uri,
                notebook_type="jupyter-notebook",
                version=1,
                cells=[
                    types.NotebookCell(kind=types.NotebookCellKind.Code, document=c) for c in cells
                ],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=c, language_id="python", version=1, text=s)
                for c, s in zip(cells, sources, strict=True)
            ],
        )
    )
    await arrived[target].wait()
    first = time.perf_counter() - start
    lines = sum(s.count("\n") + 1 for s in sources)

    timings = []
    text = sources[edited]
    for version in range(2, rounds + 2):
        # A line typed in a function body, before its return.
        text = text.replace("\n    return ", f"\n    _typed_{version} = {version}\n    return ", 1)
        arrived[target] = asyncio.Event()
        start = time.perf_counter()
        client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(
                    uri=uri, version=version
                ),
                change=types.NotebookDocumentChangeEvent(
                    cells=types.NotebookDocumentCellChanges(
                        text_content=[
                            types.NotebookDocumentCellContentChanges(
                                document=types.VersionedTextDocumentIdentifier(
                                    uri=target, version=version
                                ),
                                changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                            )
                        ]
                    )
                ),
            )
        )
        await arrived[target].wait()
        timings.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(0.2)  # a pause in typing: no debounce burst
    print(f"notebook: {len(sources)} code cells, {lines} lines")
    print(f"open -> cell {edited + 1} published: {first * 1000:.0f} ms")
    print(
        f"edit in one cell -> that cell re-published: median {statistics.median(timings):.0f} ms,"
        f" max {max(timings):.0f} ms over {rounds} edits"
    )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
