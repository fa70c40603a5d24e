"""The package's structure: which module may import which, no private reach-ins.

The rules are those of the module map at the top of ``docs/design.md``.
"""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "skrnn"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: pathlib.Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: pathlib.Path) -> set[str]:
    """Every module imported by ``path`` (at any depth of the file)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def _private_reach_ins(path: pathlib.Path) -> list[str]:
    """Private names of another skrnn module used here.

    ``from skrnn.x import _name``, and ``obj._name`` on anything but
    ``self``, ``cls``, ``super()`` (the class's own hierarchy) and the
    standard library's ``sys``: such an ``obj`` is a module or an object made
    elsewhere (``self.forecaster_._x`` reaches into another class).
    """
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("skrnn"):
            found += [
                f"from {node.module} import {alias.name}"
                for alias in node.names
                if alias.name.startswith("_") and not alias.name.startswith("__")
            ]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        if not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in {"self", "cls", "sys"}:
            continue
        if (
            isinstance(owner, ast.Call)
            and isinstance(owner.func, ast.Name)
            and owner.func.id == "super"
        ):
            continue
        found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_private_name_crosses_a_module(path):
    assert _private_reach_ins(path) == []


# box -> modules it must never import
FORBIDDEN = {
    "skrnn.models": (
        "skrnn.forecasting",
        "skrnn.strategies",
        "skrnn.backtesting",
        "skrnn.sktime",
        "skrnn.cli",
        "skrnn.compare",
        "skrnn.multistep",
    ),
    "skrnn.windows": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn.panel": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._validation": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._transforms": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._time_index": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._contract": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._series_set": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._encoding": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn.ensemble": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._histories": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._window_model": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn._forecaster_params": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn.intervals": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn.strategies": ("keras", "tensorflow", "jax", "skrnn.forecasting"),
    "skrnn.backtesting": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn.metrics": ("keras", "tensorflow", "jax", "skrnn.models"),
    "skrnn.forecasting": ("keras", "tensorflow", "jax", "skrnn.sktime", "skrnn.cli"),
}


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_imports_point_down_the_module_map(path):
    name = _name(path)
    rules = [
        forbidden
        for box, forbidden in FORBIDDEN.items()
        if name == box or name.startswith(box + ".")
    ]
    imported = _imports(path)
    bad = sorted(
        module
        for forbidden in rules
        for module in imported
        for prefix in forbidden
        if module == prefix or module.startswith(prefix + ".")
    )
    assert bad == []


def test_importing_skrnn_and_its_forecaster_loads_no_heavy_dependency():
    code = (
        "import sys, skrnn, skrnn.forecasting, skrnn.backtesting, skrnn.metrics\n"
        "heavy = [m for m in ('keras', 'tensorflow', 'jax', 'sktime', 'matplotlib',"
        " 'dask') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
