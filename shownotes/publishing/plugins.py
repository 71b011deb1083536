"""Plugins: add cue rules, title chapters, add output templates, act after publishing.

A plugin is an object (or a module) with any of the hook methods of :class:`Plugin`; the
hooks it does not define are skipped. Plugins are found through the ``shownotes.plugins``
entry-point group of installed packages and the show config's ``plugins:`` list of module
names. A class found there is instantiated; a module is used as it is.

Hooks (see :class:`Plugin` for signatures): ``cue_rules``, ``title_chapter``,
``template_dirs``, ``after_publish``. An exception escaping a hook becomes a
:class:`~shownotes.errors.PluginError` naming the plugin and the hook.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shownotes.errors import PluginError, ShownotesError
from shownotes.models import Chapter, CueRule, Episode, Show, Transcript

if TYPE_CHECKING:
    from shownotes.publishing.results import EpisodeResult

ENTRY_POINT_GROUP = "shownotes.plugins"


class Plugin:
    """Base class for plugins: every hook is a documented no-op; override the ones you need."""

    #: Shown in messages; defaults to the class name.
    name: str = ""

    def cue_rules(self, show: Show | None) -> Sequence[CueRule]:
        """Cue rules to try before the show's and the built-in ones."""
        return ()

    def title_chapter(
        self, chapter: Chapter, *, transcript: Transcript, episode: Episode | None
    ) -> str | None:
        """A better title for a detected chapter, or None to keep it."""
        return None

    def template_dirs(self, show: Show | None) -> Sequence[Path]:
        """Template folders between the show's and the built-in ones (new outputs, formats)."""
        return ()

    def after_publish(self, result: EpisodeResult, *, show: Show) -> None:
        """Runs after an episode was published (not when it was skipped as unchanged)."""


HOOKS = tuple(name for name, _ in inspect.getmembers(Plugin, inspect.isfunction))


def _name(plugin: object) -> str:
    return getattr(plugin, "name", "") or getattr(plugin, "__name__", "") or type(plugin).__name__


class Plugins:
    """The loaded plugins, and the hooks called over all of them."""

    def __init__(self, plugins: Sequence[object] = ()) -> None:
        self.plugins = tuple(plugins)

    def __bool__(self) -> bool:
        return bool(self.plugins)

    def _call(self, hook: str) -> list[tuple[object, Callable[..., Any]]]:
        return [(p, getattr(p, hook)) for p in self.plugins if callable(getattr(p, hook, None))]

    def _run(
        self, plugin: object, hook: str, function: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        try:
            return function(*args, **kwargs)
        except ShownotesError:
            raise
        except Exception as exc:
            raise PluginError(
                f"plugin {_name(plugin)!r} failed in {hook}: {type(exc).__name__}: {exc}",
                "fix or remove the plugin",
            ) from exc

    def cue_rules(self, show: Show | None) -> tuple[CueRule, ...]:
        rules: list[CueRule] = []
        for plugin, hook in self._call("cue_rules"):
            rules += self._run(plugin, "cue_rules", hook, show) or ()
        return tuple(rules)

    def title_chapters(
        self, chapters: Sequence[Chapter], *, transcript: Transcript, episode: Episode | None
    ) -> tuple[Chapter, ...]:
        hooks = self._call("title_chapter")
        if not hooks:
            return tuple(chapters)
        out = []
        for chapter in chapters:
            for plugin, hook in hooks:
                title = self._run(
                    plugin, "title_chapter", hook, chapter, transcript=transcript, episode=episode
                )
                if title:
                    chapter = Chapter(
                        chapter.start,
                        chapter.end,
                        str(title),
                        chapter.url,
                        chapter.image,
                        chapter.toc,
                    )
                    break
            out.append(chapter)
        return tuple(out)

    def template_dirs(self, show: Show | None) -> list[Path]:
        dirs: list[Path] = []
        for plugin, hook in self._call("template_dirs"):
            dirs += [Path(d) for d in self._run(plugin, "template_dirs", hook, show) or ()]
        return dirs

    def after_publish(self, result: EpisodeResult, show: Show) -> None:
        for plugin, hook in self._call("after_publish"):
            self._run(plugin, "after_publish", hook, result, show=show)

    def describe(self) -> list[tuple[str, list[str]]]:
        """(name, hooks it implements) for each plugin."""
        return [
            (
                _name(p),
                [
                    h
                    for h in HOOKS
                    if callable(getattr(p, h, None))
                    and getattr(type(p), h, None) is not getattr(Plugin, h)
                ],
            )
            for p in self.plugins
        ]


def _instance(found: Any) -> object:
    return found() if inspect.isclass(found) else found


@functools.cache
def _entry_point_plugins() -> tuple[object, ...]:
    loaded = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded.append(_instance(entry.load()))
        except Exception as exc:
            raise PluginError(
                f"cannot load plugin {entry.name!r}: {exc}", "reinstall or uninstall it"
            ) from exc
    return tuple(loaded)


def load_plugins(show: Show | None, *, installed: bool = True) -> Plugins:
    """Plugins from installed entry points (unless ``installed`` is off) and the show config."""
    found = list(_entry_point_plugins()) if installed else []
    for module_name in show.plugins if show else ():
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise PluginError(
                f"cannot import plugin module {module_name!r}: {exc}",
                "install it, or fix 'plugins' in the config",
                path=show.source if show else None,
            ) from None
        found.append(_instance(getattr(module, "plugin", module)))
    return Plugins(found)
