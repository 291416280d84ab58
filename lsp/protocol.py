"""pygls's protocol, with capabilities that depend on the client and
documents split into lines as LSP does.

pygls announces every registered feature to every client. Pull diagnostics
are offered only to a client that can both pull and be asked to pull again
(workspace/diagnostic/refresh): one that cannot (Neovim 0.11) would see a
settings or config-file change only at its next edit, so it gets pushed
diagnostics instead.

pygls splits a document with str.splitlines, which also ends a line at a form
feed, U+2028 and a few other characters: every incremental edit below one
would land on the wrong line, and the server's copy would stop matching the
editor's. LSP lines end only at \\n, \\r\\n and \\r.

pygls keys open documents by their unquoted URI, while a handler holds the
URI as the client wrote it: VS Code's notebook cell URIs quote `=` as %3D, so
`uri in workspace.text_documents` must unquote too."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.workspace import TextDocument, Workspace

from .convert import split_lines


def pulls_diagnostics(capabilities: types.ClientCapabilities) -> bool:
    text_document, workspace = capabilities.text_document, capabilities.workspace
    can_pull = text_document is not None and text_document.diagnostic is not None
    refresh = workspace.diagnostics if workspace else None
    return can_pull and refresh is not None and bool(refresh.refresh_support)


class LspLinesDocument(TextDocument):
    @property
    def lines(self) -> Sequence[str]:
        return tuple(split_lines(self.source)) if self.source else ()


class OpenDocuments(dict[str, TextDocument]):
    def __contains__(self, uri: object) -> bool:
        return super().__contains__(uri) or (
            isinstance(uri, str) and super().__contains__(unquote(uri))
        )


class LspLinesWorkspace(Workspace):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._text_documents = OpenDocuments()

    def _create_text_document(
        self,
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return LspLinesDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=self._sync_kind,
            position_codec=self.position_codec,
        )


class PerflintProtocol(LanguageServerProtocol):
    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        result = yield from super().lsp_initialize(params)
        if not pulls_diagnostics(params.capabilities):
            result.capabilities.diagnostic_provider = None
        made = self.workspace  # no document is open yet: the same workspace, other lines
        self._workspace = LspLinesWorkspace(
            made.root_uri,
            types.TextDocumentSyncKind.Incremental,  # pygls's default, which the server keeps
            list(made.folders.values()),
            made.position_encoding,
        )
        return result

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def lsp_notebook_document__did_change(
        self, params: types.DidChangeNotebookDocumentParams
    ) -> Generator[Any, Any, None]:
        # pygls raises KeyError (shown to the user as a server error) for a
        # notebook or cell that was never opened: a log line is enough.
        workspace, uri = self.workspace, params.notebook_document.uri
        cells = params.change.cells
        texts = cells.text_content if cells and cells.text_content else []
        missing = [t.document.uri for t in texts if t.document.uri not in workspace.text_documents]
        if workspace.get_notebook_document(notebook_uri=uri) is None or missing:
            self._server.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Warning,
                    message=f"perflint: a change to {uri}, which is not open here "
                    f"(or to its cells {missing}): ignored",
                )
            )
            return
        yield from super().lsp_notebook_document__did_change(params)
