"""The replica site on a real socket: 127.0.0.1, a free port, one thread per connection."""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from scraper.demo.site import DemoSite


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real sites
    # Headers and body leave in one write, without Nagle: otherwise each keep-alive
    # response waits ~40 ms on the client's delayed ACK.
    disable_nagle_algorithm = True
    wbufsize = 1 << 16
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        try:
            origin = f"http://{self.headers.get('Host', '127.0.0.1')}"
            headers = {k.lower(): v for k, v in self.headers.items()}
            response = site.respond(self.path, headers, origin)
            if response.delay:
                time.sleep(response.delay)
            if response.hang_up:
                self.close_connection = True
                return
            self.send_response(response.status)
            # Like most real sites, hand every visitor a cookie (panelwatch keeps none).
            self.send_header("Set-Cookie", f"visitor={id(self.connection):x}; Path=/")
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if response.send_bytes is not None:
                self.wfile.write(response.body[: response.send_bytes])
                self.wfile.flush()
                self.close_connection = True
                return
            step = -(-len(response.body) // response.pieces)  # the body in `pieces` pieces
            self.wfile.write(response.body[:step])
            self.wfile.flush()
            for start in range(step, len(response.body), step or 1):
                time.sleep(response.trickle)
                self.wfile.write(response.body[start : start + step])
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the site keeps its own log of hits."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, site: DemoSite) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away is normal; anything else is kept for the test
        fixture to re-raise, instead of a traceback on stderr."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError) or error is None:
            return
        self.site.errors.append(error)


class DemoServer:
    """Serve a :class:`DemoSite` until :meth:`stop`; use as a context manager."""

    def __init__(self, site: DemoSite | None = None) -> None:
        self.site = site or DemoSite()
        self.httpd = _Server(self.site)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> DemoServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    """Serve the replica from its own process: ``python -m scraper.demo.server --pages N``.

    Prints the address, then serves until standard input closes (benchmarks use this to
    keep the server's work off the measured process).
    """
    import argparse

    options = argparse.ArgumentParser(description=main.__doc__)
    options.add_argument("--pages", type=int, default=0, help="extra numbered pages")
    args = options.parse_args()
    with DemoServer(DemoSite(extra_pages=args.pages)) as server:
        sys.stdout.write(server.url + "\n")
        sys.stdout.flush()
        sys.stdin.read()


if __name__ == "__main__":
    main()
