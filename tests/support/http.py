"""A local JSON API for connector tests."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FlakyServer:
    """A local JSON API that fails `failures` times (with `status`), then answers."""

    def __init__(self, failures: int, status: int = 503):
        self.calls = 0
        self.failures = failures
        self.status = status
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                server.calls += 1
                code = server.status if server.calls <= server.failures else 200
                body = b'{"ok": %d}' % server.calls
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/stock"

    def close(self):
        self.httpd.shutdown()
