"""Every public measure kernel and service function is annotated and has a numpydoc docstring.

The modules are parsed with :mod:`ast` (nothing is imported). A function is public when its name
does not start with ``_`` (or, where the module declares ``__all__``, when it is listed there);
methods of public classes count too. Each must have

- annotations on every parameter (besides ``self``/``cls``) and on its return,
- a docstring,
- a ``Parameters`` section when it takes parameters besides ``self``/``cls``,
- a ``Returns`` (or ``Yields``) section unless it is annotated ``-> None``.

A method that overrides a documented method of a base class in the same module inherits that
docstring (as :func:`inspect.getdoc` and Sphinx do) but still needs its own annotations.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "src" / "lagesbild"

# measures/ modules that hold the pandas frame layer rather than numpy kernels
# (covered by the layer test, not by this one).
NOT_KERNELS = {"__init__.py", "frames.py", "geometry.py"}


def _kernel_modules() -> list[Path]:
    return sorted(p for p in (PKG / "measures").glob("*.py") if p.name not in NOT_KERNELS)


def _service_modules() -> list[Path]:
    return sorted(p for p in (PKG / "services").glob("*.py") if p.name != "__init__.py")


def _declared_all(tree: ast.Module) -> set[str] | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        for target in targets:
            if isinstance(target, ast.Name) and target.id == "__all__" and node.value is not None:
                try:
                    return set(ast.literal_eval(node.value))
                except ValueError:
                    return None
    return None


def _section(doc: str, *names: str) -> bool:
    return any(re.search(rf"^\s*{name}\s*\n\s*-{{3,}}", doc, re.MULTILINE) for name in names)


def _returns_none(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    ret = fn.returns
    return isinstance(ret, ast.Constant) and ret.value is None or (
        isinstance(ret, ast.Name) and ret.id == "None")


def _problems(fn: ast.FunctionDef | ast.AsyncFunctionDef, method: bool, inherited: str | None = None) -> list[str]:
    args = fn.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    if method and params and params[0].arg in ("self", "cls") and not any(
            isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.decorator_list):
        params = params[1:]
    params += [a for a in (args.vararg, args.kwarg) if a is not None]
    out = []
    missing = [p.arg for p in params if p.annotation is None]
    if missing:
        out.append("unannotated parameters " + ", ".join(missing))
    if fn.returns is None:
        out.append("no return annotation")
    doc = ast.get_docstring(fn) or inherited
    if not doc:
        out.append("no docstring")
        return out
    if params and not _section(doc, "Parameters"):
        out.append("no Parameters section")
    if not _returns_none(fn) and not _section(doc, "Returns", "Yields"):
        out.append("no Returns section")
    return out


def _public_functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exported = _declared_all(tree)

    def public(name: str) -> bool:
        return name in exported if exported is not None else not name.startswith("_")

    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def base_doc(cls: ast.ClassDef, name: str, seen: frozenset = frozenset()) -> str | None:
        for base in cls.bases:
            parent = classes.get(base.id) if isinstance(base, ast.Name) else None
            if parent is None or parent.name in seen:
                continue
            for item in parent.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == name:
                    if ast.get_docstring(item):
                        return ast.get_docstring(item)
            found = base_doc(parent, name, seen | {cls.name})
            if found:
                return found
        return None

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and public(node.name):
            yield node.name, node, False, None
        elif isinstance(node, ast.ClassDef) and public(node.name):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_"):
                    yield f"{node.name}.{item.name}", item, True, base_doc(node, item.name)


def _offenders(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        rel = path.relative_to(PKG.parent)
        for name, fn, method, inherited in _public_functions(path):
            problems = _problems(fn, method, inherited)
            if problems:
                found.append(f"{rel}:{fn.lineno} {name}: {'; '.join(problems)}")
    return found


@pytest.mark.parametrize("group", ["measures", "services"])
def test_public_functions_are_documented_and_annotated(group):
    paths = _kernel_modules() if group == "measures" else _service_modules()
    assert paths, f"no modules found under {group}/"
    offenders = _offenders(paths)
    assert not offenders, f"{len(offenders)} public functions in {group}/ lack docs or annotations:\n" + \
        "\n".join(offenders)


def test_the_check_names_an_undocumented_function(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def ok(x: int) -> int:\n"
        '    """Double.\n\n    Parameters\n    ----------\n    x : int\n        A value.\n\n'
        '    Returns\n    -------\n    int\n        Twice x.\n    """\n    return 2 * x\n\n\n'
        "def bare(x):\n    return x\n\n\n"
        'def no_returns(x: int) -> int:\n    """Half.\n\n    Parameters\n    ----------\n'
        '    x : int\n        A value.\n    """\n    return x // 2\n\n\n'
        'def _private(x):\n    return x\n\n\n'
        'class Base:\n    def size(self) -> int:\n        """Size.\n\n        Returns\n        -------\n'
        '        int\n            The size.\n        """\n        return 0\n\n\n'
        'class Child(Base):\n    def size(self) -> int:\n        return 1\n\n    def extra(self, n: int) -> int:\n'
        '        return n\n',
        encoding="utf-8")
    sub = tmp_path / "lagesbild"
    sub.mkdir()
    target = sub / "bad.py"
    target.write_text(bad.read_text(encoding="utf-8"), encoding="utf-8")
    found = []
    for name, fn, method, inherited in _public_functions(target):
        if _problems(fn, method, inherited):
            found.append((name, _problems(fn, method, inherited)))
    assert [n for n, _ in found] == ["bare", "no_returns", "Child.extra"]  # Child.size inherits its doc
    assert found[0][1] == ["unannotated parameters x", "no return annotation", "no docstring"]
    assert found[1][1] == ["no Returns section"]
