"""Fingerprints of the code that decides a stage's output, from the static import graph.

The caches key their entries on these, so a change to any module a stage can import, directly
or not, invalidates them: no hand-written file list to drift from the imports.
"""

from __future__ import annotations

import ast
import hashlib
from functools import cache
from pathlib import Path

import tipfacts
import tipfacts.schemas

PACKAGE_ROOTS = {"tipfacts.schemas": Path(tipfacts.schemas.__file__).parent, "tipfacts": Path(tipfacts.__file__).parent}


def module_file(name: str) -> Path | None:
    """The source file of a `tipfacts` module (a package's `__init__.py`), or None if there is none."""
    for prefix, root in PACKAGE_ROOTS.items():
        if name == prefix or name.startswith(prefix + "."):
            base = root.joinpath(*name[len(prefix) + 1 :].split(".")) if name != prefix else root
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file():
                    return candidate
            return None
    return None


@cache
def _imported(path: Path) -> frozenset[str]:
    """Every `tipfacts` module a file names in an import, at any depth of the file (lazy imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return frozenset(n for n in names if n == "tipfacts" or n.startswith("tipfacts."))


@cache
def closure(module: str) -> tuple[Path, ...]:
    """The files of `module` and of every `tipfacts` module it imports, transitively (with parent packages)."""
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
            prefix = ".".join(parts[:i])
            if prefix in seen:
                continue
            path = module_file(prefix)
            if path is None:
                continue
            seen[prefix] = path
            todo.extend(_imported(path))
    return tuple(sorted(set(seen.values())))


DATA_SUFFIXES = (".yaml", ".yml", ".tsv", ".csv", ".json")


@cache
def source_fingerprint(*modules: str) -> str:
    """A short hash of the source files the modules can import, and the data files beside them."""
    files = {path for module in modules for path in closure(module)}
    files |= {data for path in list(files) for data in path.parent.iterdir() if data.suffix in DATA_SUFFIXES}
    digest = hashlib.sha256()
    for path in sorted(files):
        root = next(r for r in PACKAGE_ROOTS.values() if r in path.parents)
        digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:16]
