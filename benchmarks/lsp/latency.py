"""Issue 8's figure: from a `didChange` on a 1,000-line file to the
diagnostics for that version, over 50 edits (median and p95), with the
server started as editors start it (`python -m perflint.lsp`, stdio).

Each edit here follows the previous one's diagnostics, so it is the first
change after a pause and the server lints it at once; changes closer together
than perflint.lsp.server.DEBOUNCE wait for typing to pause.

Two kinds of edit: inside a function body (most typing; the server re-lints
only what the edit can affect, see perflint/incremental.py) and at module
level (a line added at the end of the file: the whole file is linted again)."""

import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def thousand_lines() -> str:
    """Realistic code: the example files repeated (renamed) up to 1,000 lines."""
    chunks, count, copy = [], 0, 0
    sources = [p.read_text() for p in sorted(EXAMPLES.glob("*.py"))]
    while count < 1000:
        for source in sources:
            text = source.replace("def ", f"def v{copy}_")
            chunks.append(text)
            count += text.count("\n")
            copy += 1
    return "".join(chunks)


def inside_a_function(text: str, version: int) -> str:
    """A statement typed before the version-th `return` of a top-level function."""
    lines = text.splitlines(keepends=True)
    returns = [i for i, line in enumerate(lines) if line.startswith("    return ")]
    at = returns[version * 7 % len(returns)]
    lines.insert(at, f"    _probe = {version}\n")
    return "".join(lines)


def at_module_level(text: str, version: int) -> str:
    return text + f"LIMIT_{version} = {version}\n"


async def main(edit, edits: int = 50) -> None:
    client = LanguageClient("perflint-bench", "1")
    arrived: dict[int, float] = {}
    waiting: dict[int, asyncio.Future[None]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            future = waiting.get(params.version)
            if future is not None and not future.done():
                future.set_result(None)

    await client.start_io(sys.executable, "-m", "perflint.lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    text = thousand_lines()
    uri = (EXAMPLES / "_bench_virtual.py").as_uri()  # never written: the text lives in the editor
    loop = asyncio.get_running_loop()
    waiting[1] = loop.create_future()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=text
            )
        )
    )
    await waiting[1]
    latencies = []
    for version in range(2, edits + 2):
        text = edit(text, version)
        waiting[version] = loop.create_future()
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        await waiting[version]
        latencies.append((arrived[version] - start) * 1e3)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{text.count(chr(10))} lines, {edits} edits {edit.__name__.replace('_', ' ')}: "
        "didChange -> diagnostics "
        f"median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, "
        f"min {latencies[0]:.0f} ms, max {latencies[-1]:.0f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main(inside_a_function))
    asyncio.run(main(at_module_level))
