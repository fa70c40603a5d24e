"""skrnn window regressors inside other libraries' reduction forecasters.

skforecast's ``ForecasterRecursive`` and ``ForecasterDirect`` and sktime's
``make_reduction`` turn a series into a table of lagged values and fit any
scikit-learn regressor on it. skrnn's window regressors read a 2-D ``X`` as
windows *oldest first* (``X[:, -1]`` is the last observed value), which is
not how every library lays its table out:

* skforecast's lag matrix is *newest first*: columns ``lag_1 … lag_n``,
  ``lag_1`` being the last observed value;
* sktime's ``make_reduction`` is oldest first, but with exogenous ``X`` it
  puts the lags of each exogenous column after those of the target, so a
  window model would read them as further time steps.

:class:`LagMatrixRegressor` states the layout and turns the table into
skrnn windows ``(n_windows, window_length[, n_features])`` before calling
the wrapped model. A skrnn window regressor given a DataFrame with
skforecast's ``lag_<k>`` column names directly refuses it and points here.
"""

from __future__ import annotations

import numbers
import re
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, MetaEstimatorMixin, RegressorMixin, clone
from sklearn.utils.validation import check_array, check_is_fitted

from skrnn.models._time_order import target_lead

__all__ = ["LagMatrixRegressor"]

ORDERS = ("newest_first", "oldest_first")
_LAG_NAME = re.compile(r"^lag_(\d+)$")


class LagMatrixRegressor(MetaEstimatorMixin, RegressorMixin, BaseEstimator):
    """A skrnn window regressor on a lag matrix, with its time order stated.

    Puts the columns of a lag matrix (one row per forecast origin, one column
    per lag) in time order, oldest first, and reshapes them into the windows
    that skrnn's window regressors read: ``(n, window_length)``, or
    ``(n, window_length, n_features)`` when the matrix holds the lags of
    several series (sktime's ``make_reduction`` with exogenous ``X``). The
    wrapped estimator is fitted and asked on those windows.

    Parameters
    ----------
    estimator : estimator
        A skrnn window regressor (``NaiveRegressor``, ``SARIMARegressor``,
        the Keras regressors) or any regressor of windows; cloned at fit.
        Its ``target_index`` must be 0 (the default): the target's lags come
        first.
    order : {"newest_first", "oldest_first"}
        Time order of the lags in each block of columns. ``"newest_first"``:
        the first column is lag 1, the last observed value (skforecast's
        ``lag_1 … lag_n``). ``"oldest_first"``: the last column of a block is
        lag 1 (sktime's ``make_reduction``). Required: there is no safe
        default. For a DataFrame whose columns are named ``lag_<k>`` the
        names must agree with it.
    window_length : int or None, default=None
        Lags per series. None: every column is a lag of the target (one
        feature). An int ``L``: the columns are ``n_features`` consecutive
        blocks of ``L`` lags, the target first, then each exogenous column
        (sktime's ``make_reduction`` with ``X``: pass its
        ``window_length``).
    lead : "auto" or int, default="auto"
        How many steps after each window a 1-D ``y`` lies. ``1``: the next
        value (the recursive strategies). ``"auto"`` finds it where
        consecutive windows show it (see
        :func:`skrnn.models._time_order.target_lead`): a per-step direct
        strategy (skforecast's ``ForecasterDirect``, sktime's
        ``make_reduction(strategy="direct")``) fits one copy per step ``h``
        on the value ``h`` steps ahead. For ``h > 1`` the wrapped estimator
        is fitted on the direct target of steps ``1 … h`` (read from the
        following windows; the last ``h - 1`` windows, whose steps are not
        all known, are dropped), and ``predict`` returns its step ``h``: the
        forecast equals skrnn's own direct forecast at that step. Where it
        cannot be told, ``y`` is taken as given.

    Attributes
    ----------
    estimator_ : estimator
        The fitted clone of ``estimator``.
    window_length_ : int
        Time steps per window.
    n_window_features_ : int
        Series per window (1 without exogenous columns).
    lead_ : int
        Steps ahead of ``y`` (1 for a one-step target; also 1 for targets
        that are not 1-D, which are passed on as given).
    n_features_in_ : int
        Columns of the lag matrix.
    feature_names_in_ : ndarray of str
        Column names of a DataFrame ``X`` at fit.

    See Also
    --------
    skrnn.WindowForecaster : skrnn's own forecaster, which cuts the windows
        itself (and takes known-future covariates).

    Notes
    -----
    Columns that are not lags are refused: skforecast's exogenous variables
    and window features are values at the forecast time, which a window of
    past values has no place for. Use :class:`skrnn.WindowForecaster`'s
    covariates, or sktime's ``make_reduction``, whose exogenous columns are
    lagged like the target.

    Examples
    --------
    skforecast's lag matrix, newest first: ``lag_1`` is yesterday.

    >>> import numpy as np
    >>> import pandas as pd
    >>> from skrnn import NaiveRegressor
    >>> from skrnn.interop import LagMatrixRegressor
    >>> series = np.arange(30.0)
    >>> lags = pd.DataFrame(
    ...     {f"lag_{k}": series[14 - k : 30 - k] for k in range(1, 15)}
    ... )
    >>> lags.iloc[0, :3].tolist()
    [13.0, 12.0, 11.0]
    >>> model = LagMatrixRegressor(NaiveRegressor(lag=7), order="newest_first")
    >>> model.fit(lags, series[14:]).predict(lags.iloc[-1:])  # the day 29 - 7
    array([22.])
    """

    def __init__(
        self,
        estimator: Any,
        *,
        order: str | None = None,
        window_length: int | None = None,
        lead: str | int = "auto",
    ):
        self.estimator = estimator
        self.order = order
        self.window_length = window_length
        self.lead = lead

    # -- parameters and layout ------------------------------------------------

    def _check_params(self) -> None:
        if self.order not in ORDERS:
            raise ValueError(
                "order must say in which time order the lag matrix lists the lags: "
                "'newest_first' (the first column is lag 1, the last observed "
                "value, as skforecast's lag_1 ... lag_n) or 'oldest_first' (the "
                "last column is lag 1, as sktime's make_reduction); got "
                f"order={self.order!r}."
            )
        if not all(hasattr(self.estimator, name) for name in ("fit", "predict")):
            raise TypeError(
                "estimator must be a scikit-learn regressor of windows with fit "
                "and predict (e.g. skrnn's NaiveRegressor(lag=7)); got "
                f"{self.estimator!r} ({type(self.estimator).__name__})."
            )
        if self.window_length is not None and (
            isinstance(self.window_length, bool)
            or not isinstance(self.window_length, numbers.Integral)
            or self.window_length < 1
        ):
            raise ValueError(
                "window_length must be None (every column is a lag of the target) "
                "or an int >= 1 (lags per series, as make_reduction's "
                f"window_length); got window_length={self.window_length!r}."
            )
        if self.lead != "auto" and (
            isinstance(self.lead, bool)
            or not isinstance(self.lead, numbers.Integral)
            or self.lead < 1
        ):
            raise ValueError(
                "lead must be 'auto' or an int >= 1 (steps after each window that "
                f"y lies); got lead={self.lead!r}."
            )

    def _check_names(self, X: Any) -> None:
        """Refuse lag names that contradict ``order``, or non-lag columns."""
        columns = getattr(X, "columns", None)
        if columns is None:
            return
        names = [str(c) for c in columns]
        numbers_ = [_LAG_NAME.match(n) for n in names]
        if not any(numbers_):
            return
        others = [n for n, m in zip(names, numbers_, strict=True) if m is None]
        if others:
            raise ValueError(
                f"X has columns {others} besides its lag columns lag_<k>: "
                f"{type(self).__name__} reads only lags, which it puts in time "
                "order as windows. skforecast's exogenous variables and window "
                "features are values at the forecast time, which a window of past "
                "values has no place for; drop them, or use skrnn.WindowForecaster "
                "with covariates."
            )
        if self.window_length is not None:
            return
        lags = [int(m.group(1)) for m in numbers_]
        newest_first = sorted(lags)
        if lags not in (newest_first, newest_first[::-1]) or len(set(lags)) != len(
            lags
        ):
            raise ValueError(
                f"X's lag columns {names} are not in time order; sort them "
                "(lag_1, lag_2, ...) before fitting."
            )
        said = "newest_first" if lags == newest_first else "oldest_first"
        if len(lags) > 1 and said != self.order:
            raise ValueError(
                f"X's columns run {names[0]} ... {names[-1]}, that is {said}, but "
                f"order={self.order!r}; set order={said!r}."
            )

    def _windows(self, X: Any, *, reset: bool) -> np.ndarray:
        self._check_names(X)
        if reset:
            self.feature_names_in_ = None
            columns = getattr(X, "columns", None)
            if columns is not None:
                self.feature_names_in_ = np.asarray([str(c) for c in columns], object)
        X = check_array(X, dtype="numeric", input_name="X")
        n_columns = X.shape[1]
        if reset:
            length = n_columns if self.window_length is None else self.window_length
            if n_columns % length:
                raise ValueError(
                    f"X has {n_columns} columns, which do not split into blocks of "
                    f"window_length={length} lags (one block per series: the target "
                    "first, then each exogenous column)."
                )
            self.n_features_in_ = n_columns
            self.window_length_ = length
            self.n_window_features_ = n_columns // length
        elif n_columns != self.n_features_in_:
            raise ValueError(
                f"X has {n_columns} columns, but {type(self).__name__} was fitted on "
                f"{self.n_features_in_} ({self.n_window_features_} series of "
                f"{self.window_length_} lags)."
            )
        blocks = X.reshape(len(X), self.n_window_features_, self.window_length_)
        if self.order == "newest_first":
            blocks = blocks[:, :, ::-1]
        windows = blocks.transpose(0, 2, 1)  # (n, L, n_features), oldest first
        return windows[:, :, 0] if self.n_window_features_ == 1 else windows

    # -- fit / predict ----------------------------------------------------------

    def fit(self, X: Any, y: Any, **fit_params: Any) -> LagMatrixRegressor:
        """Fit the wrapped estimator on the lag matrix as skrnn windows.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_lags)
            The lag matrix, laid out as ``order`` and ``window_length`` say.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Targets; a 1-D ``y`` is read as described under ``lead``.
        **fit_params : dict
            Passed to the wrapped estimator's ``fit``.

        Returns
        -------
        self : LagMatrixRegressor
            The fitted wrapper.
        """
        self._check_params()
        windows = self._windows(X, reset=True)
        y = np.asarray(y)
        lead = 1
        if y.ndim == 1:
            target = windows if windows.ndim == 2 else windows[:, :, 0]
            found = target_lead(target, y) if self.lead == "auto" else self.lead
            lead = found if found else 1
        if lead > 1:
            windows, y = self._direct_target(windows, y, lead)
        self.lead_ = int(lead)
        self.estimator_ = clone(self.estimator).fit(windows, y, **fit_params)
        return self

    def _direct_target(self, windows: np.ndarray, y: np.ndarray, lead: int):
        """Windows and direct targets of steps 1 … lead, from following windows."""
        n = len(windows) - lead + 1
        if n < 1:
            raise ValueError(
                f"y lies lead={lead} steps after each window, which needs more than "
                f"{lead - 1} windows to read the steps before it; got {len(windows)}."
            )
        target = windows if windows.ndim == 2 else windows[:, :, 0]
        steps = [target[k + 1 : k + 1 + n, -1] for k in range(lead - 1)]
        Y = np.column_stack([*steps, y[:n]]).astype(np.float64)
        return windows[:n], Y

    def predict(self, X: Any) -> np.ndarray:
        """Forecast from the lag matrix.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_lags)
            The lag matrix, laid out as at fit.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_outputs)
            The wrapped estimator's forecasts (its step ``lead_`` when it was
            fitted on a direct target).
        """
        check_is_fitted(self)
        y_pred = np.asarray(self.estimator_.predict(self._windows(X, reset=False)))
        if self.lead_ > 1:
            y_pred = y_pred.reshape(len(y_pred), -1)[:, self.lead_ - 1]
        return y_pred
