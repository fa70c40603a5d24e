"""The docstring entries shared by the forecast and interval metrics."""

from __future__ import annotations

from skrnn._docstrings import shared_docstring

__all__ = ["metric_docstring"]

#: numpydoc entries by name (a docstring line ``%(name)s``).
METRIC_PARAMETERS = {
    "y_true": (
        "y_true : array-like of shape (horizon,) or (n_series, horizon), or dict\n"
        "    Actual values of one series, or of a panel (rows are series); a\n"
        "    dict maps series ids to 1-D arrays of one common length; a pandas\n"
        "    Series (or one-column DataFrame) indexed by (series id, time), as\n"
        "    ``WindowForecaster.predict`` gives for a panel, is split by id.\n"
    ),
    "y_pred": (
        "y_pred : array-like or dict\n"
        "    Forecasts, of the shape of ``y_true``; dicts and (series id, time)\n"
        "    Series are matched to a keyed ``y_true`` by id (two (series id,\n"
        "    time) Series must hold the same time steps of each series).\n"
    ),
    "y_train": (
        "y_train : array-like of shape (n_train,) or (n_series, n_train), "
        "or list or dict of 1-D arrays\n"
        "    The training (in-sample) series, one per series of ``y_true``, in\n"
        "    the same order (by id when ``y_true`` and ``y_train`` are keyed:\n"
        "    dicts or (series id, time) Series).\n"
        "    Lengths may differ between series; each needs more than ``m``\n"
        "    values.\n"
    ),
    "bounds": (
        "lower, upper : array-like or dict\n"
        "    Interval bounds, shaped like ``y_true``.\n"
    ),
    "per_series": (
        "per_series : bool, default=False\n"
        "    Return one value per series instead of their mean.\n"
    ),
    # the sections of interval_coverage and interval_width, which take the
    # same arguments and are read together
    "coverage_width_sections": """\
Parameters
----------
%(y_true)s
%(bounds)s

Returns
-------
float

Examples
--------
>>> from skrnn.metrics import interval_coverage, interval_width
>>> y_true, lower, upper = [1.0, 5.0], [0.0, 1.0], [2.0, 2.0]
>>> interval_coverage(y_true, lower, upper)  # 5.0 lies above its interval
0.5
>>> interval_width(y_true, lower, upper)  # (2 + 1) / 2
1.5
""",
}

#: Decorator filling the shared entries into a metric's docstring.
metric_docstring = shared_docstring(**METRIC_PARAMETERS)
