"""The time order of windows and targets: checks shared by the window regressors.

skrnn reads a window oldest first: ``X[i, -1]`` is the last observed value
("lag 1") and a one-step target ``y[i]`` is the value right after it. Two
ways of handing a model data in another order are recognised here:

* a *lag matrix* with skforecast's column names ``lag_1 … lag_n`` (newest
  first): :func:`refuse_lag_matrix` refuses it and points to
  :class:`skrnn.interop.LagMatrixRegressor`;
* a target that is not the continuation of the windows (the series ``h``
  steps after each window, as ``MultiOutputRegressor`` or a per-step direct
  strategy passes it): :func:`target_lead` tells the step ``h`` where
  consecutive windows show it, and :func:`check_target_continues` refuses a
  one-step target that plainly is not the next value.

Only NumPy is imported; the checks read a sample of the windows (the first
:data:`SAMPLE` + 1) and never copy all of ``X``.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

__all__ = [
    "RTOL",
    "SAMPLE",
    "SAMPLE_VALUES",
    "check_target_continues",
    "consecutive_windows",
    "refuse_lag_matrix",
    "target_lead",
]

#: Pairs of windows read by :func:`target_lead` (the first ``SAMPLE``) ...
SAMPLE = 2048
#: ... and at most this many values of them (at least 64 windows).
SAMPLE_VALUES = 1 << 16
#: Relative tolerance of the value comparisons (float32 rounding is ~6e-8).
RTOL = 1e-5
# a verdict needs at least this many consecutive pairs, and this share of them
_MIN_PAIRS = 3
_MIN_SHARE = 0.1
_LAG_NAME = re.compile(r"^lag_(\d+)$")


def _sample(windows: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # at most SAMPLE + 1 windows and about SAMPLE_VALUES values (64 at least)
    m = min(len(windows), SAMPLE + 1, max(64, SAMPLE_VALUES // windows.shape[1]))
    values = np.asarray(windows[:m], dtype=np.float64)
    return values, np.asarray(y[:m], dtype=np.float64).reshape(m)


def _close(a: np.ndarray, b: np.ndarray, scale: float) -> np.ndarray:
    return np.abs(a - b) <= RTOL * np.maximum(np.abs(b), scale)


def consecutive_windows(windows: np.ndarray) -> np.ndarray:
    """Which windows continue the previous one by one time step.

    Parameters
    ----------
    windows : ndarray of shape (n_windows, window_length)
        One column of the windows (a sample of them).

    Returns
    -------
    ndarray of bool, shape (n_windows - 1,)
        Entry ``i`` is True where ``windows[i + 1, :-1]`` equals
        ``windows[i, 1:]`` (within :data:`RTOL`): window ``i + 1`` is window
        ``i`` shifted by one time step. Always False for windows of one step
        (nothing overlaps).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._time_order import consecutive_windows
    >>> consecutive_windows(np.array([[1.0, 2, 3], [2, 3, 4], [7, 8, 9]]))
    array([ True, False])
    """
    windows = np.asarray(windows, dtype=np.float64)
    if windows.shape[1] < 2 or len(windows) < 2:
        return np.zeros(max(len(windows) - 1, 0), dtype=bool)
    scale = float(np.max(np.abs(windows))) or 1.0
    return np.all(_close(windows[1:, :-1], windows[:-1, 1:], scale), axis=1)


def target_lead(windows: Any, y: Any, *, max_lead: int = 100) -> int | None:
    """The step ``h`` for which ``y[i]`` is the value ``h`` steps after window ``i``.

    Consecutive windows (window ``i + 1`` is window ``i`` shifted by one
    step) reveal the series beyond each window: where windows ``i`` to
    ``i + h`` follow each other, the value ``h`` steps after window ``i`` is
    ``windows[i + h, -1]``. The lead is the smallest ``h`` that matches
    ``y[i]`` (within :data:`RTOL`) on at least half of those windows.

    Parameters
    ----------
    windows : ndarray of shape (n_windows, window_length)
        The target column of the windows, oldest time step first.
    y : ndarray of shape (n_windows,)
        One value per window.
    max_lead : int, default=100
        Largest step tried.

    Returns
    -------
    int or None
        The lead ``h >= 1``; 0 when enough windows follow each other but no
        step up to ``max_lead`` matches; None when too few windows follow
        each other to tell (shuffled, strided or random windows), that is
        fewer than 3 pairs or fewer than 10 % of the pairs sampled.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._time_order import target_lead
    >>> series = np.sin(np.arange(60.0))
    >>> X = np.lib.stride_tricks.sliding_window_view(series, 8)[:-5]
    >>> target_lead(X, series[8:-4]), target_lead(X, series[10:-2])
    (1, 3)
    >>> target_lead(X[::-1], series[8:-4][::-1]) is None
    True
    """
    values, targets = _sample(windows, y)
    follows = consecutive_windows(values)
    n_pairs = len(follows)
    if follows.sum() < max(_MIN_PAIRS, _MIN_SHARE * n_pairs):
        return None
    scale = float(np.max(np.abs(values))) or 1.0
    # chain[i]: windows i .. i + h follow each other, updated for each h
    chain = np.ones(n_pairs, dtype=bool)
    for h in range(1, min(max_lead, n_pairs) + 1):
        chain = chain[: n_pairs - h + 1] & follows[h - 1 :]
        if chain.sum() < _MIN_PAIRS:
            break
        rows = np.flatnonzero(chain)
        match = _close(targets[rows], values[rows + h, -1], scale)
        if match.mean() >= 0.5:
            return h
    return 0


def check_target_continues(
    estimator: Any, windows: Any, y: Any, *, column: int | None = None
) -> None:
    """Refuse a one-step target that is not the value after each window.

    Judged only where it can be verified: on the first :data:`SAMPLE`
    windows (fewer for long windows, see :data:`SAMPLE_VALUES`), at least 3
    pairs (and 10 %) of which must follow each other by one time step (see
    :func:`target_lead`); shuffled, strided or random windows pass unjudged.
    The target is refused when it matches the next value on fewer than half
    of those windows. Windows that follow each other only when read
    backwards, with ``y`` after each, are a lag matrix listing the newest
    value first (skforecast's): refused too.

    Parameters
    ----------
    estimator : estimator
        The estimator being fitted (named in the message).
    windows : ndarray of shape (n_windows, window_length)
        The target column of the windows.
    y : ndarray of shape (n_windows,)
        The one-step target (or the first step of a direct target).
    column : int or None, default=None
        The window column of the target (named in the message for 3-D
        windows).

    Raises
    ------
    ValueError
        If ``y`` is plainly not the continuation of the windows, or ``X`` is
        a newest-first lag matrix.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models import NaiveRegressor
    >>> from skrnn.models._time_order import check_target_continues
    >>> series = np.arange(40.0)
    >>> X = np.lib.stride_tricks.sliding_window_view(series, 5)[:-3]
    >>> check_target_continues(NaiveRegressor(), X, series[5:-2])  # next values
    >>> check_target_continues(NaiveRegressor(), X, series[7:])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: y is not the continuation of the windows X: ...
    """
    lead = target_lead(windows, y)
    name = type(estimator).__name__
    if lead is None:
        # windows that overlap only when read backwards, with y after each:
        # a lag matrix listing the newest value first (skforecast's layout)
        backwards = target_lead(np.asarray(windows)[:, ::-1], y)
        if backwards:
            raise ValueError(
                "X looks like a lag matrix listing the newest value first (as "
                "skforecast's lag_1 ... lag_n): its rows overlap when read "
                f"backwards, and y[i] is the value {backwards} step(s) after row "
                f"i's first column, but {name} reads windows oldest first "
                "(X[:, -1] is the last value), so it would read every window "
                f"backwards. Wrap the model: skrnn.interop.LagMatrixRegressor("
                f"{name}(...), order='newest_first'), or reverse the columns "
                "(X[:, ::-1])."
            )
    if lead is None or lead == 1:
        return
    values, targets = _sample(windows, y)
    where = "X[1, -1]" if column is None else f"X[1, -1, {column}]"
    found = (
        f"y[i] is the value {lead} steps after window i"
        if lead
        else "y[i] matches no value shortly after window i"
    )
    raise ValueError(
        f"y is not the continuation of the windows X: {name} reads y[i] as the "
        f"value right after window i, that is the last value of window i + 1 "
        f"where consecutive windows overlap (they do here), but y[0] = "
        f"{targets[0]:.6g} while {where} = {values[1, -1]:.6g}; {found} "
        f"(compared with a relative tolerance of {RTOL:g}). A target h steps "
        "ahead, as MultiOutputRegressor or a per-step direct strategy "
        "(skforecast's ForecasterDirect, sktime's make_reduction(strategy="
        "'direct')) passes it, is fitted as if it were the next step. Fit "
        f"{name} on the whole direct target Y of shape (n_windows, horizon) "
        "instead (it forecasts every step natively; or use WindowForecaster("
        "strategy='direct')), or wrap it in skrnn.interop.LagMatrixRegressor, "
        "which detects the step. For 3-D windows, check that target_index names "
        "the column y comes from."
    )


def refuse_lag_matrix(estimator: Any, X: Any) -> None:
    """Refuse a DataFrame of skforecast-style lag columns (``lag_1 … lag_n``).

    Such a matrix is newest first (``lag_1`` is the last observed value),
    while skrnn's window regressors read windows oldest first, so the model
    would read every window backwards.

    Parameters
    ----------
    estimator : estimator
        The window regressor (named in the message).
    X : object
        The windows passed to it; only a pandas DataFrame whose columns are
        named ``lag_<k>`` is refused.

    Raises
    ------
    ValueError
        If ``X`` has columns named ``lag_<k>``.

    Examples
    --------
    >>> import pandas as pd
    >>> from skrnn.models import NaiveRegressor
    >>> from skrnn.models._time_order import refuse_lag_matrix
    >>> refuse_lag_matrix(NaiveRegressor(), pd.DataFrame({"a": [1.0], "b": [2.0]}))
    >>> lags = pd.DataFrame({"lag_1": [2.0], "lag_2": [1.0]})
    >>> refuse_lag_matrix(NaiveRegressor(), lags)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: X has lag columns ['lag_1', 'lag_2'] (skforecast's lag matrix, ...
    """
    columns = getattr(X, "columns", None)
    if columns is None or getattr(X, "ndim", 2) != 2:
        return
    lags = [str(c) for c in columns if _LAG_NAME.match(str(c))]
    if not lags:
        return
    shown = lags if len(lags) <= 4 else [*lags[:2], "...", lags[-1]]
    raise ValueError(
        f"X has lag columns {shown} (skforecast's lag matrix, newest value "
        f"first: lag_1 is the last observed value), but {type(estimator).__name__} "
        "reads windows oldest first (X[:, -1] is the last value), so it would "
        "read every window backwards. Wrap the model: skrnn.interop."
        f"LagMatrixRegressor({type(estimator).__name__}(...), "
        "order='newest_first') puts the lags in time order (see the user guide, "
        "'Using skrnn models inside skforecast and sktime's make_reduction')."
    )
