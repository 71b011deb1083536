"""``shownotes review`` as a user runs it: a real process, its address, Ctrl-C, its errors."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run
from reviewing import make_show


@contextlib.contextmanager
def reviewing(
    *args: str, env: dict[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``shownotes review ARGS`` running; (the process, the address it printed)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "shownotes", "review", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    killer = threading.Timer(60, process.kill)  # never hang the suite
    killer.start()
    try:
        # both lines come before serving; read them here, as communicate() later reads the
        # pipe itself and would miss what this file object already buffered
        line = process.stdout.readline()  # type: ignore[union-attr]
        found = re.search(r"http://\S+", line)
        assert found, (line, process.stderr.read() if process.poll() is not None else "")  # type: ignore[union-attr]
        assert process.stdout.readline() == "Press Ctrl-C to stop.\n"  # type: ignore[union-attr]
        yield process, found[0]
    finally:
        killer.cancel()
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_review_serves_the_page_until_ctrl_c(tmp_path: Path) -> None:
    folder = make_show(tmp_path)
    with reviewing(str(folder), "--no-browser") as (process, url):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url)
        with urllib.request.urlopen(url, timeout=20) as page:
            assert page.status == 200
            assert "Review chapters" in page.read().decode()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
        assert process.returncode == 0, err
        assert out == "stopped\n"
        assert "Traceback" not in err


def test_ctrl_c_stops_even_while_a_browser_keeps_a_connection_open(tmp_path: Path) -> None:
    """Browsers keep idle connections open for minutes; stopping must not wait for them."""
    folder = make_show(tmp_path)
    with reviewing(str(folder), "--no-browser") as (process, url):
        address = urllib.parse.urlsplit(url)
        idle = http.client.HTTPConnection(address.hostname, address.port, timeout=20)
        idle.request("GET", "/audio", headers={"Range": "bytes=0-99"})  # HTTP/1.1 keep-alive
        assert idle.getresponse().read() == (folder / "episode.mp3").read_bytes()[:100]
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)
        idle.close()
    assert process.returncode == 0 and out == "stopped\n"
    assert time.monotonic() - started < 5


def test_review_opens_the_browser_on_its_address(tmp_path: Path) -> None:
    folder = make_show(tmp_path)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > {opened}\n', "utf-8")
    browser.chmod(0o755)
    with reviewing(str(folder), env={"BROWSER": f"{browser} %s"}) as (_, url):
        for _ in range(100):
            if opened.is_file() and opened.read_text("utf-8"):
                break
            threading.Event().wait(0.1)
        assert opened.read_text("utf-8") == url


def test_another_host_is_only_used_when_asked_and_warned_about(tmp_path: Path) -> None:
    folder = make_show(tmp_path)
    with reviewing(str(folder), "--no-browser", "--host", "127.0.0.2") as (process, url):
        assert url.startswith("http://127.0.0.2:")
        with urllib.request.urlopen(url, timeout=20) as page:
            assert page.status == 200
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    assert "warning: listening on 127.0.0.2: other machines can reach this page" in err


def test_a_port_in_use_is_one_line_error(tmp_path: Path) -> None:
    folder = make_show(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("review", str(folder), "--no-browser", "--port", str(port))
    assert result.returncode == 2
    assert result.stderr == (
        f"shownotes: port {port} is already in use (choose another with --port, "
        "or leave --port out for a free one)\n"
    )


def test_missing_audio_is_one_line_error(tmp_path: Path) -> None:
    folder = make_show(tmp_path)
    (folder / "episode.mp3").unlink()
    result = run("review", str(folder), "--no-browser")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].endswith(
        "episode.mp3: no such audio file (the review page plays the episode's audio: "
        "check 'audio' in episode.yaml)"
    )


@pytest.mark.parametrize("args", [["--port", "70000"], ["--bogus"], []])
def test_bad_arguments_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    folder = make_show(tmp_path)
    result = run("review", *([str(folder)] if args else []), *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
