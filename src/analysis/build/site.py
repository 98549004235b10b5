"""The built site, for the tools that read it: its pages in book order, a local server, and Chromium's flags.

Used by the PDF command, the benchmark and the browser tests alike.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import yaml

#: Flags for Debian's Chromium run headless as root on a machine with no network but the loopback.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


def chromium() -> str:
    """Path of Debian's Chromium (Playwright never downloads a browser here)."""
    return shutil.which("chromium") or "/usr/bin/chromium"


def toc_pages(root: Path) -> list[str]:
    """The pages of the book in table-of-contents order (globs expanded), as paths without suffix."""
    root = Path(root)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(items):
        for item in items:
            if "file" in item:
                pages.append(item["file"])
            if "glob" in item:
                pages.extend(sorted(str(p.relative_to(root).with_suffix("")) for p in root.glob(item["glob"] + ".md")))
            walk(item.get("sections", []))

    for part in toc.get("parts", []):
        walk(part["chapters"])
    return [Path(p).as_posix() for p in pages]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


#: What a web host compresses (the benchmark measures the weight a reader downloads, as a host would serve it).
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".ttf", ".eot"}


class _Gzip(_Quiet):
    """Serves text files gzip-compressed to a client that accepts it, as any web host does."""

    def do_GET(self):
        import gzip
        import mimetypes
        path = Path(self.translate_path(self.path))
        if (path.is_file() and path.suffix in COMPRESSIBLE
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@contextmanager
def serve(site: Path, compress: bool = False):
    """Serve ``site`` on 127.0.0.1 (a free port) for the duration; yields the base URL. With ``compress``, text
    files go out gzip-compressed (for measuring what a reader downloads)."""
    handler = _Gzip if compress else _Quiet
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
