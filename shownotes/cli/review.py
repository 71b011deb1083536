"""``shownotes review``: a local page to check and fix an episode's chapters by ear."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from shownotes.cli.common import CONFIG_OPTION, CONTEXT, episodes_to_run, reports_errors
from shownotes.errors import UsageError


@click.command(context_settings=CONTEXT)
@click.argument("target", metavar="EPISODE", type=click.Path(path_type=Path))
@CONFIG_OPTION
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help="Port to listen on [default: a free one].",
)
@click.option(
    "--host",
    default=None,
    help="Address to listen on [default: 127.0.0.1, this machine only]. Any other address "
    "lets other machines hear the audio and read the transcript (a warning is printed).",
)
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@reports_errors
def review(
    target: Path, config: Path | None, port: int, host: str | None, no_browser: bool
) -> None:
    """Check and fix an episode's chapters in a local web page, with its audio and transcript.

    Starts a small web server on this machine and opens its page: play the episode, click a
    transcript line to hear it, edit titles, move, add, merge, delete or hide chapters, then
    save. Saving writes the chapters sidecar (EPISODE.chapters.yaml) as edited by hand, so
    publishing uses it and detection never overwrites it; "Save and publish" then runs what
    'shownotes publish EPISODE' runs. Nothing leaves the machine. Ctrl-C stops the server.

    \b
    Examples:
      shownotes review examples/episodes/2026-06-07
      shownotes review episodes/2026-06-07 --port 8800 --no-browser
    """
    import webbrowser

    from shownotes.config import load_episode
    from shownotes.review.server import start_server
    from shownotes.review.session import open_session

    try:
        catalog, (episode,) = episodes_to_run(target, False, config)
        show, config_path = catalog.show, catalog.show.source
    except UsageError:
        if config is not None:
            raise
        # an episode without a show config: review and save work, publishing does not
        episode, show, config_path = load_episode(target), None, None
    session = open_session(episode, show, config_path)
    server = start_server(session, host or "127.0.0.1", port)
    if host is not None and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"shownotes: warning: listening on {host}: other machines can reach this page, "
            "hear the audio and read the transcript (saving still needs the token in the URL)",
            err=True,
        )
    click.echo(f"Reviewing {episode.title!r} at {server.url}")
    click.echo("Press Ctrl-C to stop.")
    if not no_browser:
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
