"""The docstring entries shared by the forecast and interval metrics."""

from __future__ import annotations

from skrnn._docstrings import shared_docstring

__all__ = ["metric_docstring"]

#: numpydoc entries by name (a docstring line ``%(name)s``).
METRIC_PARAMETERS = {
    "y_true": (
        "y_true : array-like of shape (horizon,) or (n_series, horizon), dict, "
        "DataFrame or pandas Series\n"
        "    Actual values of one series, or of a panel, in one of these layouts:\n"
        "    a 1-D array (one series); a 2-D array whose rows are the series; a\n"
        "    dict mapping series ids to 1-D arrays; a DataFrame with one row per\n"
        "    series, its index holding the series ids; a pandas Series (or\n"
        "    one-column DataFrame) indexed by a 2-level (series id, time)\n"
        "    MultiIndex, as ``WindowForecaster.predict`` gives for a panel, split\n"
        "    by its first level in the order of the ids. All series need the same\n"
        "    number of steps.\n"
    ),
    "y_pred": (
        "y_pred : array-like, dict, DataFrame or pandas Series\n"
        "    Forecasts, in a layout of ``y_true``, of its shape. When both are\n"
        "    keyed (dict, DataFrame or (series id, time) Series) the series are\n"
        "    matched by id and must have the same ids; two (series id, time)\n"
        "    Series must also hold the same time steps of each series.\n"
    ),
    "y_train": (
        "y_train : array-like of shape (n_train,) or (n_series, n_train), "
        "list or dict of 1-D arrays, or pandas Series\n"
        "    The training (in-sample) series, one per series of ``y_true``, in\n"
        "    the same order, or by id when ``y_true`` and ``y_train`` are keyed:\n"
        "    a dict, or a pandas Series indexed by (series id, time) such as the\n"
        "    target column of the long panel the forecaster was fitted on.\n"
        "    Lengths may differ between series; each needs more than ``m``\n"
        "    values.\n"
    ),
    "bounds": (
        "lower, upper : array-like, dict, DataFrame or pandas Series\n"
        "    Interval bounds, in a layout of ``y_true``, of its shape; keyed\n"
        "    bounds are matched to a keyed ``y_true`` by id.\n"
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
