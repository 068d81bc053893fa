"""Werkzeug's HTTP server as ``sir-tracker run`` uses it, without naming its versions."""

from __future__ import annotations

from typing import IO, Any

from werkzeug.serving import WSGIRequestHandler
from werkzeug.wsgi import FileWrapper

_OPEN_FILES = "sir_tracker.open_files"


class QuietRequestHandler(WSGIRequestHandler):
    """Says ``Server: SIR Tracker`` instead of Werkzeug's and Python's versions, which would
    only tell a prober which published flaws to try."""

    def version_string(self) -> str:
        return "SIR Tracker"

    def make_environ(self) -> Any:
        # Werkzeug leaves a file it was sending open when the client hangs up while the server
        # drains the socket (a browser closing a page mid-download of a font): the files sent
        # are noted here and closed when the connection drops.
        environ = super().make_environ()
        opened: list[IO[bytes]] = []

        def wrap(file: IO[bytes], buffer_size: int = 8192) -> FileWrapper:
            opened.append(file)
            return FileWrapper(file, buffer_size)

        environ["wsgi.file_wrapper"] = wrap
        environ[_OPEN_FILES] = opened
        return environ

    def connection_dropped(self, error: BaseException, environ: Any = None) -> None:
        for file in (environ or {}).get(_OPEN_FILES, ()):
            file.close()
