"""The architecture, enforced: layers import downward only, at any depth and in every form;
the CLI and the app call only services; measure kernels use only numpy, numba and scipy; no
import cycles; nobody imports another module's private names.

foundation → sources → store → measures · typology · prevention · brott · enkat · skola →
reporting → services → cli · app (docs/architecture.md). One seam crosses between the two
interfaces: ``lagesbild serve`` (cli.web) builds the app from its settings.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "src" / "lagesbild"

FOUNDATION = {"errors", "_config", "_compat", "_fileio", "_version", "geo", "i18n", "texts", "privacy", "safecells",
              "grid", "schema", "provenance"}
LAYER = {**dict.fromkeys(FOUNDATION, 0), "sources": 1, "store": 2,
         "measures": 3, "typology": 3, "prevention": 3, "brott": 3, "enkat": 3, "skola": 3,
         "reporting": 4, "services": 5, "cli": 6, "app": 6}
#: measures modules that wrap kernels for pandas frames and drivers; every other one is a kernel.
MEASURE_FRAME_MODULES = {"__init__", "frames", "batch", "geometry", "_registry", "_explicit_entries",
                         "validation", "knn_tiles", "knn_dask"}
KERNEL_THIRD_PARTY = {"numpy", "numba", "scipy"}


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_package(name: str) -> bool:
    return (PKG.parent / Path(*name.split("."))).is_dir()


def exists(name: str) -> bool:
    p = PKG.parent / Path(*name.split("."))
    return p.is_dir() or p.with_suffix(".py").exists()


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks (imports for annotations only)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (getattr(node.test, "id", None) == "TYPE_CHECKING"
                                         or getattr(node.test, "attr", None) == "TYPE_CHECKING"):
            for child in node.body:
                inside |= {id(n) for n in ast.walk(child)}
    return inside


def imports_of(source: str, own: str, package: bool, *, runtime_only: bool = False
               ) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, imported names) for every import in ``source``, at any depth.

    With ``runtime_only``, imports inside ``if TYPE_CHECKING:`` (never executed) are left out.
    """
    found = []
    base = own.split(".") if package else own.split(".")[:-1]
    tree = ast.parse(source)
    skip = _type_checking_nodes(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - (node.level - 1)]
                mod = ".".join(anchor + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names = [a.name for a in node.names]
            sub = [n for n in names if exists(f"{mod}.{n}")]
            found += [(node.lineno, f"{mod}.{n}", []) for n in sub]
            rest = [n for n in names if n not in sub]
            if rest or not sub:
                found.append((node.lineno, mod, rest))
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
              == "import_module" and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str) and node.args[0].value.startswith("lagesbild.")):
            found.append((node.lineno, node.args[0].value, []))
    return found


def layer_of(name: str) -> int | None:
    parts = name.split(".")
    if parts[0] != "lagesbild":
        return None
    if len(parts) == 1:
        return 7  # the package root is the public façade over everything
    return LAYER.get(parts[1], 0)


def violations(own: str, source: str, package: bool = False) -> list[str]:
    """Every rule broken by the module ``own`` whose text is ``source``."""
    bad = []
    own_layer = layer_of(own)
    parts = own.split(".")
    top = parts[1] if len(parts) > 1 else ""
    leaf = "__init__" if package else parts[-1]
    for line, target, names in imports_of(source, own, package):
        tlayer = layer_of(target)
        if tlayer is None:
            first = target.split(".")[0]
            if top == "measures" and leaf not in MEASURE_FRAME_MODULES and first not in KERNEL_THIRD_PARTY \
                    and first not in sys.stdlib_module_names and first != "__future__":
                bad.append(f"{own}:{line} measure kernel imports {target} (only numpy, numba, scipy)")
            continue
        tparts = target.split(".")
        if target == "lagesbild" and own != "lagesbild":
            bad.append(f"{own}:{line} imports the package root (import from the module that defines it)")
            continue
        if own_layer is not None and tlayer > own_layer:
            bad.append(f"{own}:{line} imports {target} (layer {tlayer} above {own_layer})")
        serve_builds_app = own == "lagesbild.cli.web" and target.startswith("lagesbild.app")
        if top in ("cli", "app") and len(tparts) > 1 and tparts[1] not in ("services", top) \
                and tparts[1] not in FOUNDATION and not serve_builds_app:
            bad.append(f"{own}:{line} {top} imports {target} (cli and app call only services)")
        if top == "measures" and leaf not in MEASURE_FRAME_MODULES and len(tparts) > 2 \
                and tparts[1] == "measures" and tparts[2] in MEASURE_FRAME_MODULES - {"_registry", "validation"}:
            bad.append(f"{own}:{line} measure kernel imports the frame layer {target}")
        for n in names:
            if n.startswith("_") and not n.startswith("__"):
                bad.append(f"{own}:{line} imports the private name {n} from {target}")
    return bad


def all_modules():
    for path in sorted(PKG.rglob("*.py")):
        yield module_name(path), path


def test_imports_follow_the_layers():
    bad = []
    for name, path in all_modules():
        bad += violations(name, path.read_text(encoding="utf-8"), package=path.name == "__init__.py")
    assert not bad, "architecture broken:\n" + "\n".join(bad)


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for name, path in all_modules():
        deps = set()
        for _, target, _ in imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py",
                                       runtime_only=True):
            if target.startswith("lagesbild") and target != name and exists(target) and target != "lagesbild":
                deps.add(target)
        graph[name] = deps
    # Tarjan's strongly connected components
    index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    # a package importing its own submodule and the submodule importing a sibling through the
    # package is not a cycle of ideas; only report cycles between plain modules or across packages
    real = [c for c in cycles if not all(any(o.startswith(m + ".") or m.startswith(o + ".") for o in c if o != m)
                                         for m in c)]
    assert not real, "import cycles: " + "; ".join(" ↔ ".join(c) for c in real)


# --- the test of the test: each form of an upward import is caught ---------------------------

UPWARD = {
    "import": "import lagesbild.services.store\n",
    "from-module": "from lagesbild.services.store import init_store\n",
    "from-package": "from lagesbild import services\n",
    "from-package-names": "from lagesbild.services import store\n",
    "in-function": "def f():\n    from lagesbild.cli import main\n    return main\n",
    "relative": "from ..services import store\n",
    "import-module": "import importlib\nimportlib.import_module('lagesbild.services.web')\n",
}


def test_the_layer_rule_catches_every_form_of_upward_import():
    for form, source in UPWARD.items():
        assert violations("lagesbild.reporting.numbers", source), form


def test_cli_and_app_may_not_reach_domain_packages():
    assert violations("lagesbild.app.views", "from lagesbild.typology.omradestyp import TYPE_LABELS\n")
    assert violations("lagesbild.cli.measures", "def f():\n    from lagesbild.measures import compute\n")
    assert not violations("lagesbild.cli.measures", "from lagesbild.services import measures\n")


def test_kernels_may_not_import_pandas_or_frames():
    assert violations("lagesbild.measures.singlegroup", "import pandas as pd\n")
    assert violations("lagesbild.measures.spatial", "from lagesbild.measures.frames import compute\n")
    assert not violations("lagesbild.measures.singlegroup", "import numpy as np\nfrom scipy import stats\n")


def test_private_names_are_not_imported():
    assert violations("lagesbild.services.measures", "from lagesbild.services.measure_inputs import _read\n")
