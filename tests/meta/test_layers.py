"""Layers import downward only (style guide §2.1): foundation → sources → store →
measures · typology · prevention → reporting → services/cli/app."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "src" / "lagesbild"

LAYER = {"errors": 0, "_config": 0, "geo": 0, "_compat": 0, "schema": 0, "provenance": 0,
         "sources": 1, "store": 2, "measures": 3, "typology": 3, "prevention": 3, "reporting": 4}


def layer_of(parts: list[str]) -> int:
    if not parts:
        return 0  # the package root (__init__) only re-exports lazily
    head = parts[0].removesuffix(".py")
    if head.startswith(("services", "cli")) or head == "app":
        return 5
    return LAYER.get(head, 0)


def test_imports_go_downward_only():
    bad = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).parts
        own = layer_of(list(rel)) if rel[0] != "__init__.py" else 5
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name == "lagesbild" or not name.startswith("lagesbild."):
                    continue
                target = layer_of(name.split(".")[1:])
                if target > own:
                    bad.append(f"{path.relative_to(PKG.parent)}:{node.lineno} imports {name} "
                               f"(layer {target} > {own})")
    assert not bad, "upward imports:\n" + "\n".join(bad)
