"""The import-layers contract of the code base, checked by reading the source.

Every top-level package sits in one layer, and a module may import only from
its own package or from a lower layer. The rooms (layer 5) are independent of
one another. No two project modules may import each other, directly or through
others, counting every import statement: one inside a function ("late import")
still makes a cycle.

This module is pure standard library (``ast``, no Django): it parses files and
never imports them, so it can check a tree that does not even start.
``gentrack/tests/test_layers.py`` enforces the contract on the repository.

Ignored: test modules (anything under a ``tests`` directory and ``conftest.py``),
migrations, and imports of anything outside the project's packages (django,
celery, the standard library...).
"""

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

#: The layers, low to high. A package may import its own modules and any
#: package of a lower layer, never one of a higher layer. Packages that share
#: a layer (the rooms) may not import one another.
LAYERS: list[tuple[str, ...]] = [
    # 0: helpers anybody may use (validation errors, the outbox that queues a job by name,
    # the resilient cache, formula-safe spreadsheet cells).
    ("core",),
    # 1: reference data.
    ("coalitions",),
    # 2: domain: makers, commitments, review workflow.
    ("commitments",),
    # 3: domain: cycles, progress reports, accountability reports.
    ("reporting",),
    # 4: Celery tasks and long jobs (imports, exports, compiles).
    ("jobs",),
    # 5: the rooms: public site, maker's workspace, sign-up/log-in, secretariat
    # admin, REST API, demo data. None imports another.
    ("public", "workspace", "accounts", "backoffice", "api", "demo"),
    # 6: the project: settings, root urls, celery app, wsgi, health, error pages.
    ("gentrack",),
]

#: Top-level directories that are never project packages, whatever they hold.
NOT_PACKAGES = frozenset({"tests", ".venv", "bench", "docs", "static", "templates", "locale"})

#: Directory names whose modules are not part of the contract.
IGNORED_DIRS = frozenset({"tests", "migrations"})


def layer_of(layers: Iterable[Iterable[str]]) -> dict[str, int]:
    """Map each package name to the index of its layer."""
    return {package: index for index, packages in enumerate(layers) for package in packages}


def project_packages(root: Path) -> list[str]:
    """The top-level directories of ``root`` that are Python packages (hold an
    ``__init__.py``), leaving out hidden directories and ``NOT_PACKAGES``."""
    return sorted(
        path.name
        for path in Path(root).iterdir()
        if path.is_dir()
        and not path.name.startswith(".")
        and path.name not in NOT_PACKAGES
        and (path / "__init__.py").is_file()
    )


def unplaced_packages(root: Path, layers: Iterable[Iterable[str]]) -> list[str]:
    """The project packages on disk that no layer names: each must be placed."""
    placed = layer_of(layers)
    return [package for package in project_packages(root) if package not in placed]


def _module_name(root: Path, path: Path) -> tuple[str, bool]:
    """The dotted name of the module at ``path`` and whether it is a package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _is_ignored(root: Path, path: Path) -> bool:
    relative = path.relative_to(root)
    return relative.name == "conftest.py" or any(part in IGNORED_DIRS for part in relative.parts[:-1])


def _python_files(root: Path, package: str) -> list[Path]:
    directory = Path(root) / package
    if not directory.is_dir():
        return []
    return sorted(
        path
        for path in directory.rglob("*.py")
        if not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)
    )


def _imported_modules(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The dotted names of everything ``tree`` imports, at any depth, resolved to
    the most precise module on disk where the name belongs to ``known``."""

    def deepest_known(name: str) -> str | None:
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            candidate = ".".join(parts[:end])
            if candidate in known:
                return candidate
        return None

    package = module if is_package else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                targets.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".") if package else []
                if node.level - 1 >= len(base_parts):
                    continue  # beyond the top-level package: Python refuses it too
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not base:
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if alias.name != "*" and submodule in known else base)
    resolved = {deepest_known(target) for target in targets}
    return {target for target in resolved if target is not None}


def import_graph(root: Path, packages: Iterable[str]) -> dict[str, set[str]]:
    """Who imports whom among the modules of ``packages`` under ``root``.

    Keys are the dotted names of the non-test, non-migration modules (a
    package's ``__init__.py`` is the package's name); values are the project
    modules each imports by any ``import`` statement, absolute or relative, at
    any depth (inside functions, ``if`` and ``try`` blocks). ``from pkg import
    name`` counts as importing ``pkg.name`` when that is a module or package on
    disk, else ``pkg``. Imports of anything outside ``packages`` are dropped.
    """
    root = Path(root)
    packages = sorted(set(packages))
    files = {package: _python_files(root, package) for package in packages}
    known: set[str] = set()
    for paths in files.values():
        for path in paths:
            name, _ = _module_name(root, path)
            parts = name.split(".")
            known.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))

    graph: dict[str, set[str]] = {}
    for paths in files.values():
        for path in paths:
            if _is_ignored(root, path):
                continue
            module, is_package = _module_name(root, path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            graph[module] = _imported_modules(tree, module, is_package, known)
    return graph


def layer_violations(graph: Mapping[str, Iterable[str]], layers: Iterable[Iterable[str]]) -> list[str]:
    """One line per import that goes against the layers, sorted.

    An import between two packages of which one is in no layer is not reported
    here: ``unplaced_packages`` reports the package itself.
    """
    layer = layer_of(layers)
    violations = []
    for source, targets in graph.items():
        source_package = source.partition(".")[0]
        for target in targets:
            target_package = target.partition(".")[0]
            if source_package == target_package:
                continue
            if source_package not in layer or target_package not in layer:
                continue
            source_layer, target_layer = layer[source_package], layer[target_package]
            if source_layer < target_layer:
                violations.append(
                    f"{source} imports {target}: {source_package} (layer {source_layer}) "
                    f"may not import {target_package} (layer {target_layer})"
                )
            elif source_layer == target_layer:
                violations.append(
                    f"{source} imports {target}: rooms {source_package} and {target_package} are independent"
                )
    return sorted(violations)


def import_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The import cycles: every strongly connected component of more than one
    module (Tarjan's algorithm, iterative), plus every module that imports
    itself, each as a sorted list of module names; the list of them sorted."""
    successors: dict[str, list[str]] = {}
    for source, targets in graph.items():
        successors.setdefault(source, [])
        for target in sorted(targets):
            successors[source].append(target)
            successors.setdefault(target, [])

    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    for start in sorted(successors):
        if start in index:
            continue
        index[start] = lowlink[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(successors[start]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = lowlink[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors[child])))
                    break
                if child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
                if lowlink[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in successors[node]:
                        components.append(sorted(component))
    return sorted(components)


def cycle_imports(graph: Mapping[str, Iterable[str]], cycle: Iterable[str]) -> list[str]:
    """The imports that make up ``cycle``, as ``"a imports b"`` lines, sorted:
    the edges to cut to break it."""
    members = set(cycle)
    return sorted(
        f"{source} imports {target}" for source in members for target in graph.get(source, ()) if target in members
    )
