"""Chapter images a sidecar names: found beside the sidecar, checked before anything is written,
and published beside the episode's other files.

A person writes ``image: cover.png`` in ``episode.chapters.yaml``; that means the file next to
the sidecar, wherever the published copy of the MP3 ends up. Each local image is resolved
there, must stay inside the show's folder, and must be a JPEG or PNG; it is copied beside the
published MP3, whose ID3 tag embeds that copy, and chapters.json, the notes and the feed point
at it (``base_url/<episode>/cover.png``). Web and ``data:`` images are left as they are.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path

from shownotes.audio.frames import image_mime
from shownotes.errors import FileAccessError, InputError
from shownotes.models import Chapter
from shownotes.outputs.published import Urls


@dataclass(frozen=True, slots=True)
class ChapterImages:
    """The chapters twice over (for the ID3 tag, and for everything published) and the files."""

    #: Local images as the name of their copy beside the published MP3, for its ID3 tag.
    tagged: tuple[Chapter, ...]
    #: Local images as the URL of their published copy, for chapters.json, notes and feed.
    published: tuple[Chapter, ...]
    #: Published file name → the image it copies.
    files: dict[str, Path] = field(default_factory=dict)


def _local_path(image: str) -> Path | None:
    scheme = urllib.parse.urlsplit(image).scheme.lower()
    if scheme == "file":
        return Path(urllib.request.url2pathname(urllib.parse.urlsplit(image).path))
    if len(scheme) <= 1:  # no scheme (or a Windows drive letter): a path
        return Path(image)
    return None


def settle_images(
    chapters: tuple[Chapter, ...], folder: Path, root: Path, urls: Urls, where: Path
) -> ChapterImages:
    """Resolve each chapter's local image against ``folder`` (the sidecar's), inside ``root``
    (the show's folder); raise before anything is written when one is missing or not an image.
    ``where`` (the sidecar) is named in errors."""
    tagged, published, files = [], [], {}
    names: dict[Path, str] = {}
    top = root.resolve()
    for number, chapter in enumerate(chapters, 1):
        local = _local_path(chapter.image) if chapter.image else None
        if local is None:
            tagged.append(chapter)
            published.append(chapter)
            continue
        what = f"chapter {number} {chapter.title!r}: image {chapter.image!r}"
        path = (folder / local.expanduser()).resolve()
        if not path.is_relative_to(top):
            raise InputError(
                f"{what} is outside the show's folder",
                "put the image in the episode's folder and name it from there",
                path=where,
            )
        try:
            with open(path, "rb") as handle:
                head = handle.read(8)
        except FileNotFoundError:
            raise FileAccessError(
                f"{what} not found (looked in {folder})",
                "put the image beside the sidecar, or fix its name",
                path=where,
            ) from None
        except OSError as exc:
            raise FileAccessError(f"{what}: {exc.strerror}", path=where) from None
        image_mime(head, what, where)  # JPEG or PNG, as ID3 pictures must be
        if path not in names:
            name, n = path.name, 1
            while name in files:
                n += 1
                name = f"{path.stem}-{n}{path.suffix}"
            names[path] = name
            files[name] = path
        tagged.append(replace(chapter, image=names[path]))
        published.append(replace(chapter, image=urls.file(names[path]) or names[path]))
    return ChapterImages(tuple(tagged), tuple(published), files)
