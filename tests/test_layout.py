"""The package keeps its rooms: stages import only the stages before them, nothing loops.

The stages, in the order data flows (see the README's design section); the shared ground at
the top of the package (models, config, errors, …) is below every stage. A module may import
its own stage, the shared ground and earlier stages, never a later one. Every import counts,
also one inside a function or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "shownotes"
#: Rank of each first-level name under ``shownotes``; a lower rank never imports a higher one.
STAGES = {
    "transcripts": 1,
    # a leaf: reads and writes MP3 files knowing only Chapter, so chapters can read the
    # chapters an MP3 already has (to convert them, or to learn from them)
    "audio": 1,
    "chapters": 2,
    "outputs": 3,
    "feed": 4,
    "publishing": 6,
    "review": 7,
    "api": 8,
    "cli": 8,
    "__main__": 8,
}
SHARED = 0
MAX_LINES = 700


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def rank(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # the package itself: lower modules import only __version__ from it
        return SHARED
    return STAGES.get(parts[1], SHARED)


def imports_of(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, module, names) for every shownotes import in the file, wherever it stands."""
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name, ()) for a in node.names if a.name.startswith("shownotes")
            ]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            assert not node.level, f"{path}:{node.lineno}: use an absolute import"
            if module.startswith("shownotes"):
                found.append((node.lineno, module, tuple(a.name for a in node.names)))
    return found


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def origin(module: str, name: str, known: dict[str, Path]) -> str:
    """Where ``from module import name`` really leads: a submodule, or the module itself."""
    if f"{module}.{name}" in known:
        return f"{module}.{name}"
    return module


def layering_violations(known: dict[str, Path]) -> list[str]:
    bad = []
    for module, path in known.items():
        if module == "shownotes":
            continue  # the public face: re-exports every stage (lazily)
        for line, target, names in imports_of(path):
            if target == "shownotes" and set(names) - {"__version__"}:
                bad.append(f"{path}:{line}: imports {names} from the package face, not a stage")
            elif rank(target) > rank(module):
                bad.append(f"{path}:{line}: {module} (a lower stage) imports {target}")
    return bad


def import_cycles(known: dict[str, Path]) -> list[list[str]]:
    graph: dict[str, set[str]] = {m: set() for m in known}
    for module, path in known.items():
        if module == "shownotes":
            continue
        for _, target, names in imports_of(path):
            for name in names or ("",):
                dest = origin(target, name, known) if name else target
                if dest in known and dest != module and dest != "shownotes":
                    graph[module].add(dest)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return cycles


def test_every_first_level_name_is_a_known_stage_or_shared_ground() -> None:
    shared = {
        "models",
        "config",
        "errors",
        "atomic",
        "timecode",
        "textfile",
        "_lazy",
        "paths",
        "validate",
        "bulk",
    }
    for path in PACKAGE.iterdir():
        name = path.stem
        if (path.suffix == ".py" and name != "__init__") or (path / "__init__.py").is_file():
            assert name in STAGES or name in shared, (
                f"{path}: add it to a stage or the shared ground"
            )


def test_no_stage_imports_a_later_stage() -> None:
    assert layering_violations(modules()) == []


def test_no_import_cycles() -> None:
    assert import_cycles(modules()) == []


def test_no_module_is_past_the_size_limit() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_each_stage_says_what_enters_and_leaves() -> None:
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        if init.is_file():
            doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
            assert ("Enters:" in doc and "Leaves:" in doc) or stage == "cli", stage


@pytest.mark.parametrize(
    ("where", "line", "expected"),
    [
        ("chapters/files.py", "from shownotes.publishing.state import load_state", "lower stage"),
        ("models.py", "from shownotes.transcripts import read_transcript", "lower stage"),
        ("feed/build.py", "from shownotes import publish", "package face"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path: Path, where: str, line: str, expected: str) -> None:
    """The checker itself works: copy the package, add one bad import, see it reported."""
    copy = tmp_path / "shownotes"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text("utf-8"), "utf-8")
    with (copy / where).open("a", encoding="utf-8") as handle:
        handle.write(f"\n{line}\n")
    known = {
        ".".join(p.relative_to(tmp_path).with_suffix("").parts).removesuffix(".__init__"): p
        for p in sorted(copy.rglob("*.py"))
    }
    found = [message for module, path in known.items() for message in _violations_of(module, path)]
    assert any(expected in m for m in found), found


def test_a_cycle_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "shownotes"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text("utf-8"), "utf-8")
    # pipeline imports plugins; make plugins import the pipeline back (the old cycle)
    with (copy / "publishing" / "plugins.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom shownotes.publishing.pipeline import publish\n")
    known = {
        ".".join(p.relative_to(tmp_path).with_suffix("").parts).removesuffix(".__init__"): p
        for p in sorted(copy.rglob("*.py"))
    }
    assert any("shownotes.publishing.plugins" in c for c in import_cycles(known))


def _violations_of(module: str, path: Path) -> list[str]:
    return layering_violations({module: path})
