"""The review page's web server: the standard library's ``ThreadingHTTPServer``, locked down.

It answers a fixed set of paths and nothing else (every other path is 404, so there is no
directory listing and no way to climb out of the episode's folder: no path in a request is
ever joined to a folder):

===================  ============================================================
``GET /``            the page (Jinja, autoescaped), with the transcript and chapters
``GET /audio``       the episode's audio, with HTTP Range requests (206) for seeking
``GET /api/state``   the chapters and the sidecar's version, as JSON
``GET /api/detect``  ``?count=N``: the chapters detection gives when asked for N, as
                     JSON (nothing is written); needs ``?token=`` from the URL
``GET /static/…``    the page's script and stylesheet, shipped in this package
``POST /api/save``   save the chapters (and publish); needs ``?token=`` from the URL
===================  ============================================================

Requests must name this server in their ``Host`` header (so a web page cannot reach it through
DNS rebinding), and writes must carry the random token printed with the URL and come as
``application/json`` (so a page on another site cannot post to it).
"""

from __future__ import annotations

import errno
import functools
import hmac
import json
import mimetypes
import secrets
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jinja2

from shownotes import __version__
from shownotes.errors import ShownotesError, UsageError
from shownotes.review.session import PayloadError, ReviewSession, SidecarConflict
from shownotes.timecode import format_short

HERE = Path(__file__).parent
#: URL path → (file in ``static/``, content type). Nothing else under /static exists.
ASSETS = {
    "/static/review.js": ("review.js", "text/javascript; charset=utf-8"),
    "/static/review.css": ("review.css", "text/css; charset=utf-8"),
}
#: The largest request body accepted (a save of a few hundred chapters is a few dozen KB).
MAX_BODY = 1 << 20
LOOPBACK = ("127.0.0.1", "localhost", "::1")
_CHUNK = 1 << 16
#: What a request without the page's token is told.
_NO_TOKEN = "this page cannot {}: open the address 'shownotes review' printed"
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class RangeNotSatisfiable(ValueError):
    """A Range header that asks for bytes the file does not have (HTTP 416)."""


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The first and last byte (inclusive) a ``Range`` header asks for, or None for the whole
    file (no header, a header we ignore as RFC 9110 allows: another unit, several ranges, bad
    syntax). Raises :class:`RangeNotSatisfiable` for a range wholly outside the file.

    >>> byte_range("bytes=0-99", 1000), byte_range("bytes=900-", 1000)
    ((0, 99), (900, 999))
    >>> byte_range("bytes=-10", 1000)
    (990, 999)
    >>> byte_range("bytes=990-5000", 1000), byte_range("bytes=0-1,5-9", 1000), byte_range(None, 5)
    ((990, 999), None, None)
    """
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    first_text, dash, last_text = header[len("bytes=") :].strip().partition("-")
    if not dash or not (first_text.isdigit() or last_text.isdigit()):
        return None
    if not first_text:  # suffix range: the last N bytes
        length = int(last_text)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable(header)
        return max(0, size - length), size - 1
    if not first_text.isdigit() or (last_text and not last_text.isdigit()):
        return None
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None
    if first >= size:
        raise RangeNotSatisfiable(header)
    return first, min(last, size - 1)


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short_time"] = format_short
    return env


def render_page(session: ReviewSession) -> str:
    """The review page: transcript lines rendered here (escaped), chapters as JSON data."""
    segments = session.transcript.segments
    return (
        _environment()
        .get_template("review.html.j2")
        .render(
            state=session.state(),
            segments=segments,
            long=session.duration >= 3600,
            version=__version__,
        )
    )


class ReviewServer(ThreadingHTTPServer):
    """An HTTP server for one :class:`ReviewSession`; ``token`` guards every write."""

    daemon_threads = True

    def __init__(self, session: ReviewSession, host: str, port: int, token: str) -> None:
        self.session = session
        self.token = token
        self.host = host
        self.assets = {
            path: (HERE / "static" / name).read_bytes() for path, (name, _) in ASSETS.items()
        }
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        """The page's address, with the token that lets it save."""
        host = "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/?token={self.token}"

    def allowed_host(self, header: str | None) -> bool:
        """Whether a request's Host header names this server (always, when it is bound to
        another address than the loopback one: a LAN name cannot be known in advance)."""
        if self.host not in LOOPBACK:
            return True
        names = {"127.0.0.1", "localhost", "[::1]"}
        return header in {f"{name}:{self.port}" for name in names}


def start_server(
    session: ReviewSession, host: str = "127.0.0.1", port: int = 0, token: str | None = None
) -> ReviewServer:
    """A bound server (not yet serving: call ``serve_forever``). Port 0 picks a free port."""
    try:
        return ReviewServer(session, host, port, token or secrets.token_urlsafe(24))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} is already in use",
                "choose another with --port, or leave --port out for a free one",
            ) from None
        if exc.errno == errno.EACCES:
            raise UsageError(
                f"not allowed to listen on port {port}", "use a port from 1024 up"
            ) from None
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"
    server_version = f"shownotes-review/{__version__}"

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a media player makes many requests; problems are reported to the page."""

    # --- reading -------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def _dispatch(self, *, head: bool) -> None:
        if not self.server.allowed_host(self.headers.get("Host")):
            self._send_json(HTTPStatus.FORBIDDEN, {"error": "unknown Host"}, head=head)
            return
        path = urlsplit(self.path).path
        try:
            if path == "/":
                page = render_page(self.server.session).encode("utf-8")
                self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", head=head)
            elif path == "/audio":
                self._send_audio(head=head)
            elif path == "/api/state":
                self._send_json(HTTPStatus.OK, self.server.session.state(), head=head)
            elif path == "/api/detect":
                self._send_detected(parse_qs(urlsplit(self.path).query), head=head)
            elif path in ASSETS:
                self._send(HTTPStatus.OK, self.server.assets[path], ASSETS[path][1], head=head)
            else:
                self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"}, head=head)
        except ShownotesError as error:
            self._send_json(HTTPStatus.INTERNAL_SERVER_ERROR, _error(error), head=head)
        except ConnectionError:
            self.close_connection = True  # the player moved on (a seek): nothing to do

    def _send_detected(self, query: dict[str, list[str]], *, head: bool) -> None:
        """Detection's chapters when asked for ``count`` of them: nothing is written."""
        if not self._token_ok(query.get("token", [""])[0]):
            self._send_json(HTTPStatus.FORBIDDEN, {"error": _NO_TOKEN.format("detect")}, head=head)
            return
        count = query.get("count", [""])[0]
        if not count.isdigit() or len(count) > 4:
            self._send_json(
                HTTPStatus.BAD_REQUEST, {"error": "count must be a whole number"}, head=head
            )
            return
        try:
            views = self.server.session.detected(int(count))
        except PayloadError as error:
            self._send_json(HTTPStatus.BAD_REQUEST, {"error": str(error)}, head=head)
            return
        self._send_json(HTTPStatus.OK, {"chapters": [v.as_json() for v in views]}, head=head)

    def _token_ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.server.token.encode())

    def _send_audio(self, *, head: bool) -> None:
        audio = self.server.session.episode.audio
        try:
            handle = audio.open("rb")
        except OSError:
            self._send_json(HTTPStatus.NOT_FOUND, {"error": "the audio file is gone"}, head=head)
            return
        with handle:
            size = handle.seek(0, 2)
            kind = mimetypes.guess_type(audio.name)[0] or "application/octet-stream"
            try:
                wanted = byte_range(self.headers.get("Range"), size)
            except RangeNotSatisfiable:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            first, last = wanted if wanted is not None else (0, size - 1)
            self.send_response(HTTPStatus.PARTIAL_CONTENT if wanted else HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(last - first + 1))
            if wanted:
                self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if head:
                return
            handle.seek(first)
            left = last - first + 1
            while left > 0:
                chunk = handle.read(min(_CHUNK, left))
                if not chunk:
                    break
                self.wfile.write(chunk)
                left -= len(chunk)

    # --- writing -------------------------------------------------------------------------

    def do_POST(self) -> None:
        try:
            self._post()
        except ConnectionError:
            self.close_connection = True

    def _post(self) -> None:
        parts = urlsplit(self.path)
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > MAX_BODY:
            self.close_connection = True
            self._send_json(HTTPStatus.BAD_REQUEST, {"error": "send a JSON body under 1 MB"})
            return
        body = self.rfile.read(int(length))
        if not self.server.allowed_host(self.headers.get("Host")):
            self._send_json(HTTPStatus.FORBIDDEN, {"error": "unknown Host"})
            return
        if parts.path != "/api/save":
            self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        if not self._token_ok(parse_qs(parts.query).get("token", [""])[0]):
            self._send_json(HTTPStatus.FORBIDDEN, {"error": _NO_TOKEN.format("save")})
            return
        if self.headers.get_content_type() != "application/json":
            self._send_json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send application/json"})
            return
        session = self.server.session
        try:
            payload = json.loads(body, parse_constant=_no_constant)
            chapters = session.validate(payload)
            saved = session.save(chapters, payload["version"])
        except (ValueError, UnicodeDecodeError) as error:  # bad JSON, PayloadError
            message = str(error) if isinstance(error, PayloadError) else f"not JSON: {error}"
            self._send_json(HTTPStatus.BAD_REQUEST, {"error": message})
            return
        except SidecarConflict as error:
            self._send_json(HTTPStatus.CONFLICT, _error(error))
            return
        except ShownotesError as error:
            self._send_json(HTTPStatus.INTERNAL_SERVER_ERROR, _error(error))
            return
        answer: dict[str, Any] = {
            "version": saved.version,
            "chapters": [c.as_json() for c in saved.chapters],
            "message": f"saved {len(saved.chapters)} chapters to {saved.path.name}",
            "published": None,
            "publishError": None,
        }
        if payload.get("publish") is True:
            try:
                answer["published"] = session.publish()
            except ShownotesError as error:
                answer["publishError"] = str(error)
        self._send_json(HTTPStatus.OK, answer)

    # --- answering -----------------------------------------------------------------------

    def _send(self, status: HTTPStatus, body: bytes, kind: str, *, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in _SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_json(self, status: HTTPStatus, data: Any, *, head: bool = False) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", head=head)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def _error(error: ShownotesError) -> dict[str, str]:
    return {"error": "\n".join(str(p) for p in error.problems)}
