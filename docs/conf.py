"""Sphinx configuration for the skrnn documentation.

``make docs`` builds the HTML and runs every ``examples/plot_*.py`` script
through sphinx-gallery; ``-D plot_gallery=0`` (the check in ``make test``)
builds the same pages without running them.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("MPLBACKEND", "Agg")

import skrnn  # noqa: E402

project = "skrnn"
author = "skrnn developers"
copyright = "skrnn developers"
version = release = skrnn.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
    "matplotlib.sphinxext.plot_directive",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "auto_examples/*.ipynb", "auto_examples/*.py"]
templates_path = ["_templates"]
html_theme = "pydata_sphinx_theme"
html_title = f"skrnn {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}

# -- API reference -----------------------------------------------------------
autosummary_generate = True
autodoc_typehints = "none"
# Class pages (_templates/autosummary/class.rst) list the methods defined in
# skrnn, also those inherited from skrnn's own base classes (fit, predict, ...
# of the Keras regressors), and stop at third-party base classes (scikeras'
# BaseWrapper, scikit-learn's BaseEstimator and mixins, sktime's
# BaseForecaster, Keras layers): their methods keep docstrings written for
# those projects' documentation, with references that do not resolve here.
# autodoc lists the members, so numpydoc's member tables are off.
numpydoc_show_class_members = False
numpydoc_show_inherited_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# numpydoc validation of every docstring the API reference shows; with -W
# (``make test``) a failure fails the build. The checks: the Parameters
# section documents exactly the signature's parameters, in its order, each
# with a type and a well-formed description (PR01-PR03, PR05, PR06, PR08-PR10),
# a summary line (SS01), known sections (GL06), a deprecation note before the
# extended summary (GL09), well-formed reST directives (GL10) and a Yields
# section for generators (YD01).
numpydoc_validation_checks: set[str] = {
    "GL06",
    "GL09",
    "GL10",
    "PR01",
    "PR02",
    "PR03",
    "PR05",
    "PR06",
    "PR08",
    "PR09",
    "PR10",
    "SS01",
    "YD01",
}
# Objects left out of the validation, each with its reason.
numpydoc_validation_exclude: set[str] = {
    # records whose fields are documented under Attributes (namedtuples and
    # dataclasses: numpydoc reads their fields as undocumented parameters)
    r"\.Backtest$",
    r"^skrnn\.panel\.PanelInfo$",
    r"^skrnn\.compare\.(Comparison|Split)$",
    # moved to skrnn.cli; skrnn.compare is a deprecated alias
    r"^skrnn\.compare\.ModelSpec\.",
}


def _skip_metadata_request_methods(app, what, name, obj, skip, options):
    """Leave out scikit-learn's generated ``set_{method}_request`` methods.

    scikit-learn adds them to every estimator class for metadata routing;
    their docstrings refer to labels of scikit-learn's own documentation.
    """
    if name.startswith("set_") and name.endswith("_request"):
        return True
    return None


def _resolve_package_names(app, env, node, contnode):
    """Resolve references to public names through any of their import paths.

    ``from skrnn import LSTMRegressor`` works through ``skrnn.__getattr__``,
    and the API reference documents each name once: autosummary puts the
    classes under the module ``skrnn`` imports them from
    (``skrnn.models.LSTMRegressor``), the functions under ``skrnn``. A
    reference written with the other path (``skrnn.LSTMRegressor``,
    ``skrnn.metrics.per_horizon_mae``, ``skrnn.WindowForecaster.backtest``)
    is retried with the documented one.
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    parts = target.split(".")
    if parts[0] != "skrnn":
        return None
    for position, part in enumerate(parts[1:], start=1):
        if part in skrnn._LAZY:
            tail = ".".join(parts[position:])
            break
    else:
        return None
    domain = env.get_domain("py")
    for candidate in (f"{skrnn._LAZY[part]}.{tail}", f"skrnn.{tail}"):
        if candidate == target:
            continue
        resolved = domain.resolve_xref(
            env,
            node["refdoc"],
            app.builder,
            node["reftype"],
            candidate,
            node,
            contnode,
        )
        if resolved is not None:
            return resolved
    return None


def setup(app):
    app.connect("autodoc-skip-member", _skip_metadata_request_methods)
    app.connect("missing-reference", _resolve_package_names)


# -- Markdown pages (design notes, sktime, trends) ---------------------------
myst_heading_anchors = 3

# -- Gallery -----------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "within_subsection_order": "FileNameSortKey",
    "download_all_examples": False,
    "remove_config_comments": True,
    "abort_on_example_error": True,
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "doc_module": ("skrnn",),
    "backreferences_dir": "api/generated/backreferences",
    "reset_modules": ("matplotlib",),
    "show_memory": False,
}

# -- Figures drawn while building (``.. plot::``) ------------------------------
plot_include_source = False
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]

warnings.filterwarnings("ignore", category=UserWarning, message=".*non-GUI backend.*")
