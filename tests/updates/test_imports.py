"""The updates app's modules import one way: no cycle, even through an import
tucked inside a function (which only hides a cycle until someone moves it)."""

import ast
from pathlib import Path

import sendprogress.updates

APP = Path(sendprogress.updates.__file__).parent
PACKAGE = "sendprogress.updates"


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _imports(source: str, package: str) -> set[str]:
    """Every module this source imports, at any level of the file."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = f"{base}.{node.module}" if node.level else node.module
            if node.level and not node.module:
                module = base
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in APP.rglob("*.py") if "migrations" not in p.parts}
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = _imports(path.read_text(), package)
        graph[name] = {m for m in imported if m in files and m != name}
    return graph


def _cycle(graph):
    """One import cycle as a list of modules, or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state and (found := visit(target, [*trail, target])):
                return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_the_updates_modules_import_one_way():
    assert _cycle(_graph()) is None


def test_the_check_sees_an_import_inside_a_function():
    source = "def later():\n    from .tasks import send\n"
    assert "sendprogress.updates.tasks" in _imports(source, PACKAGE)
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]
