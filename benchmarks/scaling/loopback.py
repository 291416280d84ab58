"""A keep-alive HTTP/1.1 server on 127.0.0.1 for the scaling experiments."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep connections open between requests
    # Headers and body go out in separate writes: without this, Nagle's
    # algorithm and delayed ACKs add 40 ms to every reused connection.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve() -> tuple[ThreadingHTTPServer, str]:
    """Start the server in a thread; returns it and its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
