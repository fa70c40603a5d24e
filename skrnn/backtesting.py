"""Rolling-origin evaluation of a fitted forecaster (``backtest``).

:func:`backtest` works on the public API of :class:`skrnn.WindowForecaster`
only: without refitting, every origin of every series goes through one
batched :meth:`~skrnn.WindowForecaster.predict_origins` call; with
``refit=True`` a clone is fitted up to each origin and asked to
:meth:`~skrnn.WindowForecaster.predict`. The method
:meth:`skrnn.WindowForecaster.backtest` delegates here.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.base import clone
from sklearn.utils.validation import check_is_fitted

from skrnn._time_index import position_labels, start_position
from skrnn._validation import SeriesInfo, check_positive_int, check_series
from skrnn.intervals import central_intervals, check_coverage, interval_bounds
from skrnn.metrics._forecast import smape_terms
from skrnn.metrics._intervals import interval_score_terms
from skrnn.panel import check_panel, is_panel
from skrnn.strategies import get_strategy

__all__ = ["Backtest", "backtest"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


@dataclass(frozen=True)
class Backtest:
    """Result of :func:`backtest` (and :meth:`skrnn.WindowForecaster.backtest`).

    Unpacks as ``forecasts, errors = result`` (the first two attributes).

    Attributes
    ----------
    forecasts : pandas.DataFrame
        One row per origin, step ahead (and target column): (the series id
        for a panel,) ``origin`` (the last observed time step), ``step``
        (1 ... horizon), ``date`` (the time step forecast), ``target`` (only
        for several target columns), ``y_true`` and ``y_pred``; with
        ``coverage``, ``lower_<c>`` and ``upper_<c>`` for each coverage.
    errors : pandas.DataFrame
        Indexed by ``step``, over all origins (and target columns, and
        series): ``MAE``, ``RMSE``, ``sMAPE`` (percent, M4), ``MASE`` (each
        error divided by its series' in-sample scale, see ``m``); with
        ``coverage``, ``coverage_<c>``, ``width_<c>`` and ``MSIS_<c>``.
    series_errors : pandas.DataFrame
        The same columns per series (indexed by the series id; one row,
        id None, for a single series): a pooled MAE over series of levels 10
        and 700,000 says little, the per-series table and the scaled
        errors do.

    Examples
    --------
    A weekly pattern on a trend of 0.1 a day, which seasonal naive misses by
    0.7 at every step:

    >>> import numpy as np
    >>> import pandas as pd
    >>> from skrnn import NaiveRegressor, WindowForecaster
    >>> days = np.arange(40.0)
    >>> y = pd.Series(days % 7 + 0.1 * days,
    ...               index=pd.date_range("2024-01-01", periods=40, freq="D"))
    >>> forecaster = WindowForecaster(NaiveRegressor(lag=7), window_length=14,
    ...                               strategy="direct", horizon=3).fit(y[:30])
    >>> forecasts, errors = forecaster.backtest(y, start="2024-01-30", horizon=3)
    >>> list(forecasts.columns)
    ['origin', 'step', 'date', 'y_true', 'y_pred']
    >>> errors["MAE"].round(3).tolist()  # one row per step ahead
    [0.7, 0.7, 0.7]
    """

    forecasts: pd.DataFrame
    errors: pd.DataFrame
    series_errors: pd.DataFrame

    def __iter__(self):
        return iter((self.forecasts, self.errors))

    def __getitem__(self, item: int) -> pd.DataFrame:
        return (self.forecasts, self.errors)[item]


def backtest(
    forecaster: Any,
    y: Any,
    start: Any,
    horizon: int | None = None,
    stride: int = 1,
    refit: bool = False,
    X: Any = None,
    n_jobs: int | None = None,
    m: int = 1,
    coverage: Any = None,
) -> Backtest:
    """Rolling-origin forecasts over a series (or panel), and per-horizon errors.

    An origin is the last observed time step of a forecast: from every
    origin ``t >= start`` (every ``stride`` steps) whose ``horizon`` next
    steps are all in ``y``, forecast ``y[t + 1 : t + 1 + horizon]`` from the
    window ending at ``t``.

    Without ``refit`` the fitted model forecasts from all origins at once:
    their windows go through one batched prediction (for the recursive
    strategy, one batched call per step). With ``refit=True`` a clone of the
    forecaster is fitted on ``y[: t + 1]`` (expanding window) for each
    origin before forecasting: one full training per origin, spread over
    ``n_jobs`` joblib workers (or a Dask cluster, see :mod:`skrnn.parallel`).

    Parameters
    ----------
    forecaster : WindowForecaster
        Fitted (unless ``refit=True``, which fits clones).
    y : array-like of shape (n_timesteps,) or (n_timesteps, n_columns), or panel
        The series, with the same columns as in ``fit`` (it usually extends
        the training series). For a forecaster fitted on a panel: a panel of
        series of the fitted ids (any ids without ``series_scaler`` and
        ``id_feature``); every series is backtested from ``start`` and all
        windows go through one batched prediction.
    start : int, str or timestamp
        First origin: a position in ``y`` (negative counts from the end) or,
        for a time index, a date; the first time step at or after it is
        used. For a panel, applied to each series.
    horizon : int, default=None
        Steps ahead; ``None`` means the forecaster's ``horizon``.
    stride : int, default=1
        Time steps between consecutive origins.
    refit : bool, default=False
        Refit on the data up to each origin (single series only).
    X : array-like of shape (n_timesteps, n_exogenous), default=None
        Exogenous covariates aligned with ``y``; required when ``fit`` got
        ``X``.
    n_jobs : int or None, default=None
        Parallel refits with ``refit=True`` (joblib semantics). Each job fits
        its own clone, so the results do not depend on ``n_jobs``.
    m : int, default=1
        Seasonal period of the scale of ``MASE`` and ``MSIS``: the mean
        absolute ``m``-step change of each series before its first origin
        (M4's scale). A series whose scale is zero gets NaN scaled errors,
        with a warning naming it.
    coverage : float or sequence of float, default=None
        Also score conformal intervals of these coverages (the forecaster
        must be fitted with ``validation_size``; not with ``refit=True``).

    Returns
    -------
    Backtest
        ``(forecasts, errors)``, see :class:`Backtest`.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.forecasting import WindowForecaster
    >>> from skrnn.models import NaiveRegressor
    >>> y = np.tile([1.0, 2.0, 3.0], 10)
    >>> forecaster = WindowForecaster(NaiveRegressor(lag=3), 3, horizon=2).fit(y)
    >>> result = backtest(forecaster, y, start=20)
    >>> result.errors["MAE"].tolist()
    [0.0, 0.0]
    """
    if not callable(getattr(forecaster, "predict_origins", None)):
        raise TypeError(
            "forecaster must be a WindowForecaster (with fit, predict and "
            f"predict_origins), got {type(forecaster).__name__}."
        )
    stride = check_positive_int(stride, "stride")
    window_length = check_positive_int(forecaster.window_length, "window_length")
    if refit:
        if is_panel(y, forecaster.id_column, name="y") or getattr(
            forecaster, "is_panel_", False
        ):
            raise ValueError(
                "backtest of a panel supports neither refit=True nor X; backtest "
                "one series at a time for that."
            )
        if coverage is not None:
            raise ValueError(
                "coverage is not supported with refit=True: the refitted clones "
                "have no common calibration; backtest a fitted forecaster."
            )
        m = check_positive_int(m, "m")
        return _refit_backtest(forecaster, y, start, horizon, stride, X, n_jobs, m)
    check_is_fitted(forecaster, "estimator_")
    horizon = check_positive_int(
        forecaster.horizon if horizon is None else horizon, "horizon"
    )
    if forecaster.is_panel_:
        if X is not None:
            raise ValueError(
                "backtest of a panel supports neither refit=True nor X; backtest "
                "one series at a time for that."
            )
        if not is_panel(y, forecaster.id_column, name="y"):
            raise ValueError(
                f"y is one series, but {type(forecaster).__name__} was fitted on a "
                "panel; backtest a panel of the fitted series."
            )
        data = check_panel(y, "y", id_column=forecaster.id_column)
        ids, infos = data.ids, data.series
    else:
        if is_panel(y, forecaster.id_column, name="y"):
            raise ValueError(
                f"y is a panel, but {type(forecaster).__name__} was fitted on one "
                "series; fit it on a panel first."
            )
        data = check_series(y, "y")
        ids, infos = [None], [data]
    origins = [
        _origins(info, start, horizon, stride, earliest=window_length - 1)
        for info in infos
    ]
    levels = None if coverage is None else check_coverage(coverage)
    y_pred = forecaster.predict_origins(data, origins, horizon, X=X)
    bounds = None
    if levels is not None:
        alpha = interval_bounds(levels)
        quantiles = forecaster.predict_origins(data, origins, horizon, X=X, alpha=alpha)
        lower, upper = central_intervals(np.moveaxis(quantiles, -1, 0), levels)
        bounds = {c: (lower[k], upper[k]) for k, c in enumerate(levels)}
    return _result(
        forecaster,
        ids,
        infos,
        origins,
        y_pred,
        bounds,
        m=check_positive_int(m, "m"),
        id_name=data.id_name if forecaster.is_panel_ else None,
    )


def as_method(
    function: Callable[Concatenate[Any, _P], _R],
) -> Callable[[Callable[..., Any]], Callable[Concatenate[Any, _P], _R]]:
    """Decorator: a method that calls ``function`` with the instance first.

    For a method that only passes its arguments on, such as
    :meth:`skrnn.WindowForecaster.backtest` to :func:`backtest`: the
    decorated stub gives the method its name and docstring, and ``function``
    its parameters (after the first, which becomes ``self``), as
    :func:`inspect.signature` and type checkers see them.

    Parameters
    ----------
    function : callable
        Takes the instance as its first argument.

    Returns
    -------
    callable
        The decorator.

    Examples
    --------
    >>> def scaled(model, x: float, factor: float = 2.0) -> float:
    ...     return model.offset + factor * x
    >>> class Model:
    ...     offset = 1.0
    ...
    ...     @as_method(scaled)
    ...     def scaled(self):
    ...         "The offset plus ``factor`` times ``x``."
    >>> import inspect
    >>> Model().scaled(3.0), inspect.signature(Model.scaled)
    (7.0, <Signature (self, x: 'float', factor: 'float' = 2.0) -> 'float'>)
    """
    signature = inspect.signature(function)
    first, *rest = signature.parameters.values()
    self_parameter = first.replace(name="self", annotation=inspect.Parameter.empty)
    signature = signature.replace(parameters=[self_parameter, *rest])
    annotations = {
        key: value
        for key, value in function.__annotations__.items()
        if key != first.name
    }

    def decorate(stub: Callable[..., Any]) -> Callable[Concatenate[Any, _P], _R]:
        @functools.wraps(stub)
        def method(self: Any, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            return function(self, *args, **kwargs)

        method.__signature__ = signature
        method.__annotations__ = annotations
        return method

    return decorate


def _result(forecaster, ids, infos, origins, y_pred, bounds, *, m, id_name):
    """The Backtest of the forecasts ``y_pred`` from ``origins`` of each series."""
    targets = forecaster.target_indices_
    tables, truths, scales, rows = [], [], [], []
    offset = 0
    for key, info, points in zip(ids, infos, origins, strict=True):
        y_true = _future_values(info, points, y_pred.shape[1], targets)
        piece = slice(offset, offset + len(points))
        table = _forecast_table(
            points,
            info.index,
            y_true,
            y_pred[piece],
            _target_labels(targets, forecaster.single_target_, info),
        )
        for c, (lower, upper) in (bounds or {}).items():
            table[f"lower_{c:g}"] = lower[piece].ravel()
            table[f"upper_{c:g}"] = upper[piece].ravel()
        if id_name is not None or len(ids) > 1 or key is not None:
            table.insert(0, id_name or "series", [key] * len(table))
        tables.append(table)
        truths.append(y_true)
        scales.append(_in_sample_scale(info, points[0], m, targets, key))
        rows += [key] * len(points)
        offset += len(points)
    y_true = np.concatenate(truths)
    row_scales = np.concatenate(
        [
            np.repeat(scale[None], len(p), axis=0)
            for scale, p in zip(scales, origins, strict=True)
        ]
    )
    terms = _error_terms(y_true, y_pred, row_scales, bounds)
    return Backtest(
        forecasts=pd.concat(tables, ignore_index=True),
        errors=_aggregate(terms, "step", np.arange(1, y_true.shape[1] + 1)),
        series_errors=_aggregate(terms, "series", rows),
    )


class _Targets:
    """The target columns of refitted clones, as ``_result`` reads them."""

    def __init__(self, target_indices: list[int], single_target: bool):
        self.target_indices_ = target_indices
        self.single_target_ = single_target


def _refit_backtest(forecaster, y, start, horizon, stride, X, n_jobs, m) -> Backtest:
    """Backtest fitting a clone of ``forecaster`` up to every origin."""
    info = check_series(y, "y")
    horizon = check_positive_int(
        forecaster.horizon if horizon is None else horizon, "horizon"
    )
    train_steps = get_strategy(forecaster.strategy).train_steps(
        check_positive_int(forecaster.horizon, "horizon")
    )
    window_length = check_positive_int(forecaster.window_length, "window_length")
    origins = _origins(
        info,
        start,
        horizon,
        stride,
        earliest=window_length - 1 + train_steps,
        refit_steps=train_steps,
    )
    jobs = (
        delayed(_refit_forecast)(forecaster, y, X, int(origin), horizon)
        for origin in origins
    )
    results = Parallel(n_jobs=n_jobs)(jobs)
    y_pred = np.stack([forecast for forecast, _ in results])
    targets, single = results[0][1]
    fitted = _Targets(targets, single)
    return _result(fitted, [None], [info], [origins], y_pred, None, m=m, id_name=None)


def _rows(data: Any, stop: int, start: int = 0) -> Any:
    """Rows ``start:stop`` of the caller's series or frame (None stays None)."""
    if data is None:
        return None
    if isinstance(data, (pd.Series, pd.DataFrame)):
        return data.iloc[start:stop]
    return np.asarray(data)[start:stop]


def _refit_forecast(forecaster: Any, y: Any, X: Any, origin: int, horizon: int):
    """Fit a clone on ``y[: origin + 1]`` and forecast ``horizon`` steps.

    A module-level function so that joblib (and Dask) workers can run it.
    Returns the forecasts (horizon, n_targets) and the fitted clone's
    ``(target_indices_, single_target_)``.
    """
    fitted = clone(forecaster).fit(_rows(y, origin + 1), _rows(X, origin + 1))
    future_X = _rows(X, origin + 1 + horizon, origin + 1)
    if future_X is not None and fitted.strategy_.needs_future_covariates(horizon):
        forecast = fitted.predict(horizon, X=future_X)
    else:
        forecast = fitted.predict(horizon)
    targets = (fitted.target_indices_, fitted.single_target_)
    return np.asarray(forecast, dtype=np.float64).reshape(horizon, -1), targets


def _origins(
    info: SeriesInfo,
    start: Any,
    horizon: int,
    stride: int,
    *,
    earliest: int,
    refit_steps: int = 0,
) -> np.ndarray:
    """Origins ``>= start`` (every ``stride``) with ``horizon`` steps after them."""
    n_timesteps = info.n_timesteps
    first = start_position(start, info.index, n_timesteps)
    if first < earliest:
        window_length = earliest - refit_steps + 1
        reason = (
            f"a window of window_length={window_length} steps before it"
            if not refit_steps
            else f"window_length + {refit_steps} = "
            f"{window_length + refit_steps} training steps up to it"
        )
        raise ValueError(
            f"start={start!r} (position {first}) is too early: the first origin "
            f"needs {reason}; the earliest origin is position {earliest}."
        )
    if first + horizon > n_timesteps - 1:
        raise ValueError(
            f"start={start!r} (position {first}) leaves no origin with "
            f"{horizon} step(s) after it in y of {n_timesteps} time steps; the "
            f"last possible origin is position {n_timesteps - 1 - horizon}."
        )
    return np.arange(first, n_timesteps - horizon, stride)


def _future_values(
    info: SeriesInfo, origins: np.ndarray, horizon: int, targets: list[int]
) -> np.ndarray:
    """True values (n_origins, horizon, n_targets) after each origin."""
    steps_ahead = origins[:, None] + np.arange(1, horizon + 1)
    return np.asarray(info.values, dtype=np.float64)[steps_ahead][:, :, targets]


def _target_labels(targets: list[int], single: bool, info: SeriesInfo) -> list | None:
    """Names of the target columns for the table, None for one unnamed target."""
    if single and info.is_univariate_input:
        return None
    names = info.columns or list(range(info.n_features))
    return [names[j] for j in targets]


def _forecast_table(
    origins: np.ndarray,
    index: pd.Index | None,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    columns: list | None,
) -> pd.DataFrame:
    """Long table of backtest forecasts, one row per (origin, step, target)."""
    n_origins, horizon, n_targets = y_true.shape
    shape = (n_origins, horizon, n_targets)
    origin_pos = np.broadcast_to(origins[:, None, None], shape).ravel()
    steps = np.broadcast_to(np.arange(1, horizon + 1)[None, :, None], shape).ravel()
    table = {
        "origin": position_labels(index, origin_pos),
        "step": steps,
        "date": position_labels(index, origin_pos + steps),
    }
    if columns is not None:
        table["target"] = np.tile(
            np.asarray(columns, dtype=object), n_origins * horizon
        )
    table["y_true"] = y_true.ravel()
    table["y_pred"] = y_pred.ravel()
    return pd.DataFrame(table)


def _in_sample_scale(
    info: SeriesInfo, first_origin: int, m: int, targets: list[int], key: Any
) -> np.ndarray:
    """Mean absolute ``m``-step change of the targets up to the first origin."""
    history = np.asarray(info.values, dtype=np.float64)[: first_origin + 1, targets]
    if len(history) <= m:
        scale = np.full(len(targets), np.nan)
    else:
        scale = np.abs(history[m:] - history[:-m]).mean(axis=0)
    if not (scale > 0).all():
        where = "y" if key is None else f"the series {key!r} of y"
        warnings.warn(
            f"the in-sample scale of {where} before the first origin is zero or "
            f"undefined at lag m={m} (it needs more than m steps that change); its "
            "MASE and MSIS are NaN.",
            UserWarning,
            stacklevel=4,
        )
        scale = np.where(scale > 0, scale, np.nan)
    return scale


def _error_terms(y_true, y_pred, scales, bounds) -> dict[str, np.ndarray]:
    """Per-element error terms (n_rows, horizon, n_targets), by column name."""
    errors = y_true - y_pred
    terms = {
        "MAE": np.abs(errors),
        "RMSE": errors**2,
        "sMAPE": smape_terms(y_true, y_pred),
        "MASE": np.abs(errors) / scales[:, None, :],
    }
    for c, (lower, upper) in (bounds or {}).items():
        terms[f"coverage_{c:g}"] = ((lower <= y_true) & (y_true <= upper)).astype(float)
        terms[f"width_{c:g}"] = upper - lower
        terms[f"MSIS_{c:g}"] = (
            interval_score_terms(y_true, lower, upper, c) / scales[:, None, :]
        )
    return terms


def _aggregate(terms: dict, name: str, labels: Any) -> pd.DataFrame:
    """Means of the terms per step (``name='step'``) or per series."""
    first = next(iter(terms.values()))
    horizon = first.shape[1]
    if name == "step":
        keys = np.broadcast_to(np.arange(1, horizon + 1)[None, :, None], first.shape)
    else:
        codes = pd.Index(pd.unique(np.asarray(labels, dtype=object)))
        positions = codes.get_indexer(np.asarray(labels, dtype=object))
        keys = np.broadcast_to(positions[:, None, None], first.shape)
    frame = pd.DataFrame({k: v.ravel() for k, v in terms.items()})
    table = frame.groupby(keys.ravel(), sort=True).mean()
    table["RMSE"] = np.sqrt(table["RMSE"])
    if name == "step":
        table.index = pd.RangeIndex(1, horizon + 1, name="step")
    else:
        table.index = pd.Index(codes[table.index], name="series")
    return table
