"""Lazy re-exports for package ``__init__`` modules (PEP 562).

A package lists the names it offers and the module each lives in; a name's module is imported
the first time the name is used. So ``import shownotes`` (and every stage's package) costs
almost nothing, and a command loads only the stages it needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: name → the module that defines it.

    >>> getattr_, dir_ = lazy_exports("json", {"dumps": "json"})
    >>> getattr_("dumps")([1])
    '[1]'
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        # cache it in the package so the next lookup is an ordinary attribute
        globals_of_package = importlib.import_module(package).__dict__
        globals_of_package[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*exports, *importlib.import_module(package).__dict__})

    return __getattr__, __dir__
