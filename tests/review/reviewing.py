"""Helpers for the review tests: a show around a copy of the example episode, a running
review server on a thread, plain HTTP requests to it, and a small PNG reader."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import itertools
import json
import shutil
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from conftest import EXAMPLE, copy_example_episode

from shownotes.config import load_episode, load_show
from shownotes.review.server import ReviewServer, start_server
from shownotes.review.session import ReviewSession, open_session

TOKEN = "test-token-not-secret"


def make_show(root: Path) -> Path:
    """``root`` holds the example show's config and a copy of its episode; the episode folder."""
    shutil.copy(EXAMPLE / "config.yaml", root / "config.yaml")
    return copy_example_episode(root / "episodes" / "2026-06-07")


def open_review(folder: Path) -> ReviewSession:
    config = folder.parent.parent / "config.yaml"
    show = load_show(config) if config.is_file() else None
    return open_session(load_episode(folder), show, config if show else None)


@contextlib.contextmanager
def running(session: ReviewSession) -> Iterator[ReviewServer]:
    """A review server on a free port, serving on a thread until the block ends."""
    server = start_server(session, "127.0.0.1", 0, token=TOKEN)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    server: ReviewServer,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request as sent (the path is not normalized: ``..`` reaches the server)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def post_save(server: ReviewServer, payload: Any, *, token: str | None = TOKEN) -> Answer:
    query = f"?token={token}" if token is not None else ""
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return request(server, "POST", f"/api/save{query}", data, {"Content-Type": "application/json"})


def detected_sidecar(folder: Path, notes: list[tuple[str, float]]) -> Path:
    """A generated sidecar for the episode (untouched, with its hash) whose chapters carry the
    detector's ``reason`` and ``confidence`` in ``automatic:`` blocks, as detection writes them."""
    from shownotes.chapters.explain import SIDECAR_KEY, Explanation, sidecar_block
    from shownotes.chapters.files import sidecar_text

    session = open_review(folder)
    chapters, _, _ = session.chapters()
    items = []
    for chapter, note in itertools.zip_longest(chapters, notes):
        item: dict[str, Any] = {"start": f"{chapter.start:g}", "title": chapter.title}
        if note is not None:
            why = Explanation(note[1], note[0], 0, chapter.start, chapter.title)
            item[SIDECAR_KEY] = sidecar_block(item, why)
        items.append(item)
    body = yaml.safe_dump({"chapters": items}, sort_keys=False, allow_unicode=True)
    header = sidecar_text([], "episode.mp3").split("# shownotes-hash:")[0]
    digest = hashlib.sha256(body.encode()).hexdigest()
    session.sidecar.write_text(f"{header}# shownotes-hash: sha256:{digest}\n{body}", "utf-8")
    return session.sidecar


def png_colours(data: bytes) -> tuple[int, int, set[bytes]]:
    """(width, height, distinct pixel values) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, chunk = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    size = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * size
    previous, colours = bytearray(stride), set()
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + guess) & 0xFF
        colours.update(bytes(line[i : i + 3]) for i in range(0, stride, size))
        previous = line
    return width, height, colours
