"""Scikit-learn scorers of forecast metrics, for model selection on windows."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from sklearn import get_config
from sklearn.metrics import make_scorer
from sklearn.utils.metadata_routing import MetadataRequest

from skrnn.metrics._forecast import smape
from skrnn.metrics._inputs import check_m, zero_scale_error
from skrnn.panel import shown_ids

__all__ = ["mase_scorer", "rmsse_scorer", "smape_scorer"]


def _check_window_weights(sample_weight: Any, n_windows: int) -> np.ndarray | None:
    """``sample_weight`` as finite, non-negative float64 weights, one per window."""
    if sample_weight is None:
        return None
    weights = np.asarray(sample_weight)
    if weights.dtype.kind not in "biuf" or weights.shape != (n_windows,):
        raise ValueError(
            f"sample_weight must hold one number per window, shape ({n_windows},); "
            f"got shape {weights.shape} of dtype {weights.dtype}."
        )
    weights = weights.astype(np.float64)
    if not np.isfinite(weights).all() or (weights < 0).any() or weights.sum() == 0:
        raise ValueError("sample_weight must be finite, non-negative and not all zero.")
    return weights


def _smape_of_windows(
    y_true: ArrayLike, y_pred: ArrayLike, sample_weight: ArrayLike | None = None
) -> float:
    """sMAPE over windows (rows), weighted by ``sample_weight``."""
    if sample_weight is None:
        return smape(y_true, y_pred)
    true, pred = np.asarray(y_true), np.asarray(y_pred)
    if true.ndim == 1 and pred.ndim == 1:  # one step ahead: a window per value
        true, pred = true[:, np.newaxis], pred[:, np.newaxis]
    per_window = smape(true, pred, per_series=True)
    weights = _check_window_weights(sample_weight, len(per_window))
    return float(np.average(per_window, weights=weights))


smape_scorer = make_scorer(_smape_of_windows, greater_is_better=False)
"""Scorer of the negated sMAPE, for ``GridSearchCV(scoring=...)``.

Made with :func:`sklearn.metrics.make_scorer` from :func:`smape`; like
scikit-learn's ``neg_*`` scorers it returns ``-smape(y, estimator.predict(X))``
so that greater is better. ``y`` of shape ``(n_windows,)`` or
``(n_windows, horizon)``; the score is the mean over windows of each
window's sMAPE, weighted by ``sample_weight`` of shape ``(n_windows,)`` if
given. In a search or ``cross_validate``, the weights reach the scorer
through scikit-learn's metadata routing
(``sklearn.set_config(enable_metadata_routing=True)`` and
``smape_scorer.set_score_request(sample_weight=True)``).

Examples
--------
>>> import numpy as np
>>> from sklearn.dummy import DummyRegressor
>>> X, y = np.zeros((2, 3)), np.array([[1.0, 1.0], [3.0, 3.0]])
>>> model = DummyRegressor(strategy="constant", constant=[1.0, 1.0]).fit(X, y)
>>> smape_scorer(model, X, y)  # windows at 0 and 100: mean 50
-50.0
>>> smape_scorer(model, X, y, sample_weight=[3.0, 1.0])
-25.0
"""

_SCALES = ("window", "fold")


class _WindowScaledScorer:
    """Scorer ``(estimator, X, y) -> -score`` of a scaled error on windows."""

    def __init__(self, metric: str, m: int, target: int | None, scale: str) -> None:
        self.metric = metric
        self.m = m
        self.target = target
        self.scale = scale
        self._sample_weight_request: bool | str | None = None

    def set_score_request(self, *, sample_weight: bool | str | None = None):
        """Request ``sample_weight`` from scikit-learn's metadata routing.

        As ``set_score_request`` of the scorers of
        :func:`sklearn.metrics.make_scorer`: with
        ``sklearn.set_config(enable_metadata_routing=True)``, a search or
        ``cross_validate`` given ``sample_weight`` passes each scored fold's
        weights to this scorer when ``sample_weight=True``.

        Parameters
        ----------
        sample_weight : bool, str or None, default=None
            ``True``: take ``sample_weight``; ``False``: do not; ``None``:
            raise if ``sample_weight`` is passed; a str: take the metadata of
            that name as ``sample_weight``.

        Returns
        -------
        self : scorer
            This scorer, changed in place.
        """
        if not get_config().get("enable_metadata_routing", False):
            raise RuntimeError(
                "set_score_request is only available when metadata routing is "
                "enabled: call sklearn.set_config(enable_metadata_routing=True)."
            )
        if not (sample_weight is None or isinstance(sample_weight, (bool, str))):
            raise TypeError(
                "sample_weight must be True, False, None or a str (an alias), got "
                f"{sample_weight!r}."
            )
        self._sample_weight_request = sample_weight
        return self

    def get_metadata_routing(self) -> MetadataRequest:
        """The metadata this scorer takes: ``sample_weight`` when requested.

        Returns
        -------
        routing : sklearn.utils.metadata_routing.MetadataRequest
        """
        request = MetadataRequest(owner=f"{self.metric}_scorer")
        request.score.add_request(
            param="sample_weight", alias=self._sample_weight_request
        )
        return request

    def __repr__(self) -> str:
        return (
            f"{self.metric}_scorer(m={self.m}, target={self.target!r}, "
            f"scale={self.scale!r})"
        )

    def __call__(
        self,
        estimator: Any,
        X: ArrayLike,
        y: ArrayLike,
        sample_weight: ArrayLike | None = None,
    ) -> float:
        return -self.score(X, y, estimator.predict(X), sample_weight)

    def _target_values(self, X: ArrayLike) -> np.ndarray:
        """The target column of the windows, shape (n_windows, window_length)."""
        X = np.asarray(X)
        if X.dtype.kind not in "biuf":
            raise ValueError(f"X must hold numbers, got dtype {X.dtype}.")
        if X.ndim == 2:
            values = X
        elif X.ndim == 3:
            n_features = X.shape[2]
            target = self.target
            if target is None:
                if n_features != 1:
                    raise ValueError(
                        f"X has {n_features} features per time step; pass "
                        f"{self.metric}_scorer(target=...) the column of X that "
                        "holds the forecast series."
                    )
                target = 0
            if not -n_features <= target < n_features:
                raise ValueError(
                    f"target must be a column of X, between 0 and {n_features - 1}, "
                    f"got {target}."
                )
            values = X[:, :, target]
        else:
            raise ValueError(
                "X must be windows of shape (n_windows, window_length) or "
                f"(n_windows, window_length, n_features), got shape {X.shape}."
            )
        if values.shape[1] <= self.m:
            raise ValueError(
                f"{self.metric}_scorer(m={self.m}) needs windows longer than m to "
                f"compute the in-sample scale, got window_length {values.shape[1]}."
            )
        values = values.astype(np.float64, copy=False)
        if not np.isfinite(values).all():
            raise ValueError("X must hold finite numbers, got NaN or inf.")
        return values

    def score(
        self,
        X: ArrayLike,
        y: ArrayLike,
        y_pred: ArrayLike,
        sample_weight: ArrayLike | None = None,
    ) -> float:
        """The (positive) scaled error of ``y_pred`` against ``y`` on windows ``X``.

        The scale comes from the target column of ``X``, per window or over
        the fold (see :func:`mase_scorer`).

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            The input windows the forecasts were made from.
        y : array-like of shape (n_windows,) or (n_windows, horizon)
            True targets.
        y_pred : array-like
            Forecasts, of the shape of ``y`` (``(n_windows,)`` also for ``y``
            of shape ``(n_windows, 1)``).
        sample_weight : array-like of shape (n_windows,), default=None
            Weights of the windows.

        Returns
        -------
        score : float
        """
        values = self._target_values(X)
        n_windows = values.shape[0]
        y = np.asarray(y)
        if y.dtype.kind not in "biuf":
            raise ValueError(f"y must hold numbers, got dtype {y.dtype}.")
        y = y.astype(np.float64, copy=False)
        if y.ndim == 1:
            y = y[:, np.newaxis]
        if y.ndim != 2 or y.shape[0] != n_windows:
            raise ValueError(
                f"y must have shape ({n_windows},) or ({n_windows}, horizon) for the "
                f"{n_windows} windows of X, got shape {np.shape(y)}."
            )
        y_pred = np.asarray(y_pred, dtype=np.float64)
        if y_pred.shape != y.shape:
            if y_pred.shape != (n_windows,) or y.shape != (n_windows, 1):
                raise ValueError(
                    f"the predictions must have the shape of y {y.shape}, got shape "
                    f"{y_pred.shape}."
                )
            y_pred = y_pred[:, np.newaxis]
        weights = _check_window_weights(sample_weight, n_windows)
        for name, arr in (("y", y), ("the predictions", y_pred)):
            if not np.isfinite(arr).all():
                raise ValueError(f"{name} must hold finite numbers, got NaN or inf.")
        power = 1 if self.metric == "mase" else 2
        errors = np.mean(np.abs(y - y_pred) ** power, axis=1)
        diffs = np.abs(values[:, self.m :] - values[:, : -self.m]) ** power
        metric = self.metric.upper()
        if self.scale == "window":
            scales = diffs.mean(axis=1)
            zero = np.flatnonzero(scales == 0)
            if zero.size:
                raise zero_scale_error(
                    metric,
                    f"the windows {shown_ids(zero.tolist())} of X (positions in the "
                    "scored fold)",
                    self.m,
                    power,
                    "Use scale='fold' to scale by all windows of the fold.",
                )
            per_window = errors / scales
            if power == 2:
                per_window = np.sqrt(per_window)
            return float(np.average(per_window, weights=weights))
        fold_scale = diffs.mean()
        if fold_scale == 0:
            raise zero_scale_error(
                metric, "this fold of X", self.m, power, "No window of X changes."
            )
        ratio = np.average(errors, weights=weights) / fold_scale
        return float(np.sqrt(ratio) if power == 2 else ratio)


def _window_scorer(
    metric: str, m: int, target: int | None, scale: str
) -> _WindowScaledScorer:
    m = check_m(m)
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {list(_SCALES)}, got {scale!r}.")
    if target is not None and (
        isinstance(target, bool) or not isinstance(target, numbers.Integral)
    ):
        raise TypeError(f"target must be an int or None, got {target!r}.")
    return _WindowScaledScorer(
        metric, m, None if target is None else int(target), scale
    )


def mase_scorer(
    m: int = 1, *, target: int | None = None, scale: str = "window"
) -> _WindowScaledScorer:
    """A scorer of the negated MASE on windows, for ``GridSearchCV(scoring=...)``.

    MASE needs the in-sample scale of each series, which a scorer of
    ``(y_true, y_pred)`` does not see; this scorer, called as
    ``scorer(estimator, X, y)``, takes it from the input windows ``X`` of the
    scored fold: the mean absolute difference at lag ``m`` of the target column
    within each window (``scale="window"``, each window standing for the
    history of its series up to the forecast, as M4 scales each series by its
    own training data), or over all windows of the fold (``scale="fold"``).
    The inputs are known when forecasting, so no future value enters the
    scale. Returns ``-MASE``, so that greater is better.

    Parameters
    ----------
    m : int, default=1
        Seasonal period of the scale; the windows need more than ``m`` steps.
    target : int, default=None
        Column of 3-D windows ``(n_windows, window_length, n_features)``
        holding the forecast series; ``None`` for one feature (2-D windows or
        ``n_features=1``).
    scale : {"window", "fold"}, default="window"
        ``"window"``: mean over windows of each window's MASE (scale-free
        across the series of a panel). ``"fold"``: the mean absolute error of
        the fold over one scale from all its windows (never zero unless the
        whole fold is constant).

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y, sample_weight=None) -> float`` with ``X`` of
        shape ``(n_windows, window_length)`` or
        ``(n_windows, window_length, n_features)`` and ``y`` of shape
        ``(n_windows,)`` or ``(n_windows, horizon)``. Its ``score(X, y,
        y_pred)`` method gives the positive MASE of given forecasts. It raises
        a ``ValueError`` naming the windows whose scale is zero (constant at lag
        ``m``) with ``scale="window"``. ``sample_weight`` of shape
        ``(n_windows,)`` (finite, non-negative, not all zero) weighs the
        windows: the weighted mean of the windows' MASE (``scale="window"``)
        or of their mean absolute errors, over the fold's scale
        (``scale="fold"``). A search or ``cross_validate`` passes it with
        metadata routing enabled and ``scorer.set_score_request(
        sample_weight=True)``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
    >>> from skrnn import make_windows
    >>> from skrnn.metrics import mase_scorer
    >>> t = np.arange(300.0)
    >>> X, y = make_windows(np.sin(2 * np.pi * t / 7) + t / 50, 14, horizon=3)
    >>> X = X[:, :, 0]  # (n_windows, 14): Ridge takes 2-D windows
    >>> search = GridSearchCV(Ridge(), {"alpha": [0.1, 10.0]},
    ...                       cv=TimeSeriesSplit(3), scoring=mase_scorer(m=7))
    >>> search.fit(X, y).best_params_
    {'alpha': 0.1}

    The score of given forecasts: the last value of each window, repeated.

    >>> X = np.array([[1.0, 2.0, 4.0], [0.0, 2.0, 0.0]])
    >>> y = np.array([[5.0, 6.0], [1.0, 1.0]])
    >>> y_pred = np.repeat(X[:, -1:], 2, axis=1)
    >>> mase_scorer().score(X, y, y_pred)  # (1.5 / 1.5 + 1 / 2) / 2
    0.75
    >>> mase_scorer().score(X, y, y_pred, sample_weight=[1.0, 3.0])  # (1 + 1.5) / 4
    0.625

    Weights of the windows in a search, through metadata routing:

    >>> import sklearn
    >>> from sklearn.model_selection import cross_validate
    >>> t = np.arange(60.0)
    >>> X, y = make_windows(t % 5 + t / 10, 6)
    >>> X, weights = X[:, :, 0], np.linspace(0.5, 2.0, len(X))
    >>> with sklearn.config_context(enable_metadata_routing=True):
    ...     scorer = mase_scorer().set_score_request(sample_weight=True)
    ...     model = Ridge().set_fit_request(sample_weight=False)
    ...     scores = cross_validate(model, X, y, cv=TimeSeriesSplit(2),
    ...                             scoring=scorer, params={"sample_weight": weights})
    >>> scores["test_score"].shape
    (2,)
    """
    return _window_scorer("mase", m, target, scale)


def rmsse_scorer(
    m: int = 1, *, target: int | None = None, scale: str = "window"
) -> _WindowScaledScorer:
    """A scorer of the negated RMSSE on windows, for ``GridSearchCV(scoring=...)``.

    As :func:`mase_scorer`, with squared errors and squared differences:
    per window ``sqrt(mean (y - f)**2 / mean (x_t - x_{t-m})**2)`` over the
    horizon and over the window's target column (``scale="window"``, averaged
    over windows), or ``sqrt(mean squared error / mean squared difference)``
    over the fold (``scale="fold"``). Returns ``-RMSSE``.

    Parameters
    ----------
    m : int, default=1
        Lag of the differences of the scale; the windows need more than ``m``
        steps.
    target : int, default=None
        Column of 3-D windows holding the forecast series; ``None`` for one
        feature.
    scale : {"window", "fold"}, default="window"
        Scale each window by its own differences, or the fold by all of them.

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y, sample_weight=None) -> float``; see
        :func:`mase_scorer`.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.metrics import rmsse_scorer
    >>> X = np.array([[1.0, 2.0, 4.0]])  # mean squared difference (1 + 4) / 2
    >>> rmsse_scorer().score(X, [[5.0, 7.0]], [[4.0, 4.0]])  # sqrt(5 / 2.5)
    1.4142135623730951
    """
    return _window_scorer("rmsse", m, target, scale)
