"""``differences="auto"``: difference lags chosen from the training series.

Two tests on the target column(s) of every training series, each series
voting, the majority deciding:

* **season**: the M4 seasonality test on the first differences of the
  series (so that a trend does not pass for a season): their
  autocorrelation at the seasonal period ``m`` is beyond its 90% limit,
  ``|r_m| > 1.645 * sqrt((1 + 2 * sum_{k<m} r_k**2) / n)``;
* **trend**: the KPSS test (statsmodels) rejects level stationarity at 5%
  (of the seasonally differenced series for a seasonal one).

A seasonal series gets the lag ``m`` (which also removes a linear trend),
and the lag 1 as well when the seasonally differenced series still fails
KPSS; a non-seasonal series with a trend gets the lag 1.

A lag that does not leave at least ``window_length // 2`` differenced steps
in a window is skipped, and so is the season when the period is unknown
(numpy input) or 1.

The season vote alone (:func:`mostly_seasonal`) also decides the
``seasonal_period`` that :class:`skrnn.WindowForecaster` hands to its
estimator (the period of a Keras regressor's ``seasonal_baseline="auto"``).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

__all__ = ["choose_differences", "has_unit_root", "is_seasonal", "mostly_seasonal"]


def is_seasonal(values: np.ndarray, period: int) -> bool:
    """The M4 90% seasonality test at lag ``period`` (False when too short).

    Examples
    --------
    >>> import numpy as np
    >>> t, noise = np.arange(140), np.random.default_rng(0).normal(size=140)
    >>> is_seasonal(np.sin(2 * np.pi * t / 7), 7), is_seasonal(noise, 7)
    (True, False)
    """
    from statsmodels.tsa.stattools import acf  # imported on use: slow to import

    values = np.asarray(values, dtype=np.float64)
    if period < 2 or len(values) < 3 * period or np.ptp(values) == 0:
        return False
    r = acf(values, nlags=period, fft=True)
    limit = 1.645 * np.sqrt((1 + 2 * np.sum(r[1:period] ** 2)) / len(values))
    return bool(abs(r[period]) > limit)


def mostly_seasonal(columns: Sequence[np.ndarray], period: int) -> bool:
    """Whether most ``columns`` pass :func:`is_seasonal` on their first differences.

    The differences keep a trend from passing for a season. A column too
    short for the test votes no.

    Examples
    --------
    >>> import numpy as np
    >>> t, noise = np.arange(140.0), np.random.default_rng(0).normal(size=140)
    >>> weekly = np.sin(2 * np.pi * t / 7) + 0.1 * noise
    >>> mostly_seasonal([weekly, weekly, noise], 7), mostly_seasonal([noise], 7)
    (True, False)
    """
    votes = [is_seasonal(np.diff(column), period) for column in columns]
    return sum(votes) * 2 > len(votes)


def has_unit_root(values: np.ndarray) -> bool:
    """Whether KPSS rejects level stationarity at 5% (False when too short).

    Examples
    --------
    >>> import numpy as np
    >>> noise = np.random.default_rng(0).normal(size=300)
    >>> has_unit_root(np.cumsum(noise)), has_unit_root(noise)
    (True, False)
    """
    from statsmodels.tools.sm_exceptions import InterpolationWarning
    from statsmodels.tsa.stattools import kpss

    values = np.asarray(values, dtype=np.float64)
    if len(values) < 20 or np.ptp(values) == 0:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InterpolationWarning)
        p_value = kpss(values, regression="c", nlags="auto", result_object=False)[1]
    return bool(p_value < 0.05)


def choose_differences(
    series_values: Sequence[np.ndarray],
    targets: list[int],
    period: int | None,
    window_length: int,
) -> tuple[int, ...]:
    """Difference lags for the target columns, by majority over the series.

    Parameters
    ----------
    series_values : sequence of ndarray of shape (n_timesteps_i, n_columns)
        The training part of every series.
    targets : list of int
        Target columns (each column of each series votes).
    period : int or None
        Seasonal period of the time index (None or 1: no season tested).
    window_length : int
        Time steps per window; the lags must leave at least half of them.

    Returns
    -------
    tuple of int
        ``()``, ``(1,)``, ``(m,)`` or ``(m, 1)``.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.arange(200.0)
    >>> noise = np.random.default_rng(0).normal(size=200)
    >>> weekly = 10 + np.sin(2 * np.pi * t / 7) + 0.1 * noise
    >>> choose_differences([weekly[:, None]], [0], 7, 28)
    (7,)
    >>> choose_differences([(weekly + 0.5 * t)[:, None]], [0], 7, 28)
    (7,)
    >>> choose_differences([np.cumsum(noise)[:, None]], [0], 7, 28)
    (1,)
    >>> choose_differences([noise[:, None]], [0], 7, 28)
    ()
    """
    columns = [
        np.asarray(values, dtype=np.float64)[:, j]
        for values in series_values
        for j in targets
    ]
    room = window_length - window_length // 2
    needed = max(20, 3 * period + 1 if period and 1 < period <= room else 0)
    short = sum(len(column) < needed for column in columns)
    if short:
        warnings.warn(
            f'differences="auto": {short} of {len(columns)} target series have '
            f"fewer than {needed} training steps, too few for the seasonality and "
            "trend tests; they count as neither seasonal nor trending. Pass "
            "differences explicitly to choose for them.",
            UserWarning,
            stacklevel=3,
        )

    def most(test, candidates) -> bool:
        votes = [test(column) for column in candidates]
        return sum(votes) * 2 > len(votes)

    if period and 1 < period <= room and mostly_seasonal(columns, period):
        seasonal = [column[period:] - column[:-period] for column in columns]
        if period + 1 <= room and most(has_unit_root, seasonal):
            return (period, 1)
        return (period,)
    return (1,) if most(has_unit_root, columns) else ()
