"""Forecast metrics: per-horizon errors and the scaled errors of the field.

Two families live here; for plain one-step errors use :mod:`sklearn.metrics`
directly (``mean_absolute_error``, ``mean_squared_error``, ...).

- Per-horizon errors of window targets: :func:`per_horizon_mae`,
  :func:`last_time_step_mse`, :func:`last_time_step_mae`.
- The metrics of forecasting competitions, for one series or a panel:
  :func:`smape` (M4), :func:`mase` (M4), :func:`rmsse` (M5),
  :func:`relative_score`, :func:`owa` (M4) and the per-series table
  :func:`forecast_scores`; and scikit-learn scorers for model selection on
  windows: :data:`smape_scorer`, :func:`mase_scorer`, :func:`rmsse_scorer`.
- Interval and quantile forecasts: :func:`interval_coverage`,
  :func:`interval_width`, :func:`interval_score`, :func:`msis` (M4) and
  :func:`pinball_loss`.

This module does not import TensorFlow or Keras; the Keras counterpart of
:func:`last_time_step_mse` is ``skrnn.models._keras_metrics.LastTimeStepMSE``.

Shapes (see the data-shape summary in the package documentation):

- direct h-ahead targets: ``(n_windows, horizon)`` or
  ``(n_windows, horizon, n_targets)``;
- seq2seq targets: ``(n_windows, window_length, horizon)`` where
  ``Y[i, t, k]`` is the value ``k + 1`` steps after time step ``t`` of window
  ``i``; the last time step ``Y[:, -1, :]`` is the forecast from the end of the
  window;
- forecasts scored by the competition metrics: ``(horizon,)`` for one series,
  ``(n_series, horizon)`` for a panel (or a dict ``{id: (horizon,)}``, a
  DataFrame with one row per series id, or a pandas Series indexed by
  (series id, time) as ``WindowForecaster.predict`` returns for a panel, split
  by its first level); their training series ``y_train``: ``(n_train,)`` for
  one series, a list or dict of 1-D series of any lengths, a pandas Series
  indexed by (series id, time), or a 2-D array ``(n_series, n_train)`` for a
  panel.

Conventions of the competition metrics:

- a panel score is the mean over series of the per-series scores (as M4
  computes sMAPE and MASE);
- sMAPE counts a step where both the value and the forecast are 0 as a
  perfect forecast (error 0), not as 0/0;
- MASE and RMSSE raise a ``ValueError`` naming the series whose in-sample
  scale is zero (a training series that does not change at lag ``m``);
- NaN or infinite values raise a ``ValueError`` naming the parameter and the
  series.
"""

from skrnn.metrics._forecast import (
    forecast_scores,
    mase,
    owa,
    relative_score,
    rmsse,
    smape,
)
from skrnn.metrics._intervals import (
    interval_coverage,
    interval_score,
    interval_width,
    msis,
    pinball_loss,
)
from skrnn.metrics._scorers import mase_scorer, rmsse_scorer, smape_scorer
from skrnn.metrics._window import (
    last_time_step_mae,
    last_time_step_mse,
    per_horizon_mae,
)

__all__ = [
    "forecast_scores",
    "interval_coverage",
    "interval_score",
    "interval_width",
    "last_time_step_mae",
    "last_time_step_mse",
    "mase",
    "mase_scorer",
    "msis",
    "owa",
    "per_horizon_mae",
    "pinball_loss",
    "relative_score",
    "rmsse",
    "rmsse_scorer",
    "smape",
    "smape_scorer",
]
