"""pygls's protocol, with capabilities that depend on the client.

pygls announces every registered feature to every client. Pull diagnostics
are offered only to a client that can both pull and be asked to pull again
(workspace/diagnostic/refresh): one that cannot (Neovim 0.11) would see a
settings or config-file change only at its next edit, so it gets pushed
diagnostics instead."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from lsprotocol import types
from pygls.protocol import LanguageServerProtocol, lsp_method


def pulls_diagnostics(capabilities: types.ClientCapabilities) -> bool:
    text_document, workspace = capabilities.text_document, capabilities.workspace
    can_pull = text_document is not None and text_document.diagnostic is not None
    refresh = workspace.diagnostics if workspace else None
    return can_pull and refresh is not None and bool(refresh.refresh_support)


class PerflintProtocol(LanguageServerProtocol):
    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        result = yield from super().lsp_initialize(params)
        if not pulls_diagnostics(params.capabilities):
            result.capabilities.diagnostic_provider = None
        return result
