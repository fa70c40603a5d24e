"""The API reference lists every public name."""

from pathlib import Path

import pytest

import skrnn

API_PAGE = Path(__file__).resolve().parent.parent / "docs" / "api" / "index.rst"
PUBLIC_MODULES = [
    "skrnn.panel",
    "skrnn.parallel",
    "skrnn.windows",
    "skrnn.metrics",
    "skrnn.strategies",
    "skrnn.backtesting",
    "skrnn.intervals",
]


@pytest.mark.parametrize("name", [n for n in skrnn.__all__ if n != "__version__"])
def test_every_public_name_is_in_the_api_reference(name):
    listed = {line.strip() for line in API_PAGE.read_text().splitlines()}
    assert name in listed, f"{name} is missing from {API_PAGE.name}"


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_public_modules_are_documented(module):
    assert f".. automodule:: {module}" in API_PAGE.read_text()
