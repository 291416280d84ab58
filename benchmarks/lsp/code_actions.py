"""Issue 19's figure: how long a plain code-action request takes (no `only`,
as Neovim's menu and VS Code's light bulb send it) on a 1,200-line file, and
that the server keeps answering while fix-all is computed.

The server is started as editors start it (`python -m perflint.lsp`, stdio)
with Neovim 0.11's capabilities (pytest-lsp ships them). For each of 40
findings, the request carries that finding's diagnostic, as a menu opened on
its line does. Also shown: resolving fix-all (the work the menu no longer
does), and a hover sent while that resolve runs.

    .venv/bin/python benchmarks/lsp/code_actions.py   # target: median <= 150 ms
"""

import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pytest_lsp import client_capabilities

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TARGET_MS = 150


def lines_of_examples(count: int) -> str:
    """Realistic code: the example files repeated (renamed), cut before the
    first top-level definition at or after line `count`."""
    chunks, lines, copy = [], 0, 0
    sources = [p.read_text() for p in sorted(EXAMPLES.glob("*.py"))]
    while lines < count * 2:
        for source in sources:
            text = source.replace("def ", f"def v{copy}_")
            chunks.append(text)
            lines += text.count("\n")
            copy += 1
    kept = "".join(chunks).splitlines(keepends=True)
    cut = next(i for i in range(count, len(kept)) if kept[i].startswith(("def ", "class ")))
    return "".join(kept[:cut])


async def main(requests: int = 40) -> int:
    client = LanguageClient("perflint-bench", "1")
    published: asyncio.Future[types.PublishDiagnosticsParams] = (
        asyncio.get_running_loop().create_future()
    )

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        if not published.done() and params.diagnostics:
            published.set_result(params)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        pass

    await client.start_io(sys.executable, "-m", "perflint.lsp")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=client_capabilities("neovim@v0.11.0"),
            initialization_options={"perflint": {"unsafeFixes": True}},
        )
    )
    client.initialized(types.InitializedParams())
    text = lines_of_examples(1200)
    uri = (EXAMPLES / "_bench_actions.py").as_uri()  # never written: the text lives in the editor
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=text
            )
        )
    )
    found = (await published).diagnostics
    document = types.TextDocumentIdentifier(uri=uri)
    timings, lazy = [], None
    for diagnostic in (found * requests)[:requests]:
        start = time.perf_counter()
        offered = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=document,
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
        timings.append((time.perf_counter() - start) * 1e3)
        lazy = next((a for a in offered or [] if isinstance(a, types.CodeAction) and a.data), lazy)
    median = statistics.median(timings)
    print(
        f"{text.count(chr(10))} lines, {len(found)} findings, {requests} code-action requests "
        f"without `only`: median {median:.1f} ms, max {max(timings):.1f} ms (target <= {TARGET_MS})"
    )
    if lazy is not None:
        start = time.perf_counter()
        resolving = asyncio.ensure_future(client.code_action_resolve_async(lazy))
        await asyncio.sleep(0.02)  # the resolve is running in the server now
        hover_start = time.perf_counter()
        await client.text_document_hover_async(
            types.HoverParams(text_document=document, position=found[0].range.start)
        )
        hover = (time.perf_counter() - hover_start) * 1e3
        resolved = await resolving
        total = (time.perf_counter() - start) * 1e3
        edits = len(resolved.edit.changes[uri]) if resolved.edit else 0
        print(
            f"fix-all resolved when chosen: {total:.0f} ms ({edits} edit); a hover sent "
            f"meanwhile answered in {hover:.0f} ms"
        )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
