"""The API reference lists every public name; the front page example runs."""

import contextlib
import io
import textwrap
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


@pytest.mark.slow
def test_the_front_page_example_shows_a_default_network_beating_seasonal_naive():
    page = (API_PAGE.parent.parent / "index.rst").read_text()
    block = page.split(".. code-block:: python\n\n", 1)[1].split("\n\n\n", 1)[0]
    code = textwrap.dedent(block.split("\n   # NaiveRegressor")[0])
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "docs/index.rst", "exec"), {})
    lines = printed.getvalue().splitlines()
    mae = {name: float(value) for name, value in map(str.split, lines)}
    assert mae["LSTMRegressor"] < 0.9 * mae["NaiveRegressor"]
