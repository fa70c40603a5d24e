"""Train a lineup of window regressors on one series and rank them.

This is the library side of ``skrnn compare`` (see :mod:`skrnn.__main__`): a
time split into training and validation periods, windows cut inside each
period only, every model fitted on the training windows and scored on the
validation windows by the same metric (MAE in the series' own units).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import RegressorMixin
from sklearn.metrics import mean_absolute_error
from sklearn.preprocessing import StandardScaler

from skrnn.windows import make_windows


@dataclass(frozen=True)
class Split:
    """A training and a validation period of one univariate series."""

    train: pd.Series
    valid: pd.Series


def _recurrent(cls_name: str, layers: tuple[int, ...]):
    def build(epochs: int, seed: int):
        from skrnn import models

        return getattr(models, cls_name)(
            layers,
            epochs=epochs,
            early_stopping=True,
            patience=max(5, epochs // 10),
            learning_rate=1e-3 * 5,
            random_state=seed,
        )

    return build


def _linear(epochs: int, seed: int):
    from skrnn.models import DenseRegressor

    return DenseRegressor(
        epochs=epochs,
        early_stopping=True,
        patience=max(5, epochs // 10),
        learning_rate=1e-2,
        random_state=seed,
    )


def _naive(lag: int):
    def build(epochs: int, seed: int):
        from skrnn.models import NaiveRegressor

        return NaiveRegressor(lag=lag)

    return build


def _sarima(epochs: int, seed: int):
    from skrnn.models import SARIMARegressor

    return SARIMARegressor(order=(1, 0, 0), seasonal_order=(0, 1, 1, 7))


#: model name -> (description, builder(epochs, seed) -> regressor)
MODELS: dict[str, tuple[str, Callable[[int, int], RegressorMixin]]] = {
    "naive7": ("naive, lag 7", _naive(7)),
    "sarima": ("SARIMA (1,0,0)(0,1,1,7)", _sarima),
    "linear": ("linear (Dense on all lags)", _linear),
    "rnn": ("SimpleRNN(32)+Dense", _recurrent("SimpleRNNRegressor", (32,))),
    "deep_rnn": (
        "3xSimpleRNN(32)+Dense",
        _recurrent("SimpleRNNRegressor", (32, 32, 32)),
    ),
    "lstm": ("LSTM(32)+Dense", _recurrent("LSTMRegressor", (32,))),
    "gru": ("GRU(32)+Dense", _recurrent("GRURegressor", (32,))),
}
QUICK_MODELS = ("naive7", "linear", "lstm")


def time_split(
    series: pd.Series,
    *,
    train_start=None,
    valid_start=None,
    valid_end=None,
    valid_fraction: float = 0.15,
) -> Split:
    """Split a series into a training and a validation period.

    Parameters
    ----------
    series : pandas.Series of shape (n_timesteps,)
        The series, on a DatetimeIndex or a plain index.
    train_start, valid_start, valid_end : label, optional
        Period bounds (inclusive). ``valid_start`` defaults to the point that
        leaves ``valid_fraction`` of the series for validation.
    valid_fraction : float, default=0.15
        Used only without ``valid_start``.

    Returns
    -------
    Split

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(range(100), dtype=float)
    >>> split = time_split(s, valid_fraction=0.2)
    >>> len(split.train), len(split.valid)
    (80, 20)
    """
    series = series.loc[train_start:valid_end]
    if valid_start is None:
        if not 0 < valid_fraction < 1:
            raise ValueError(f"valid_fraction must be in (0, 1), got {valid_fraction}.")
        cut = len(series) - int(np.ceil(valid_fraction * len(series)))
        return Split(series.iloc[:cut], series.iloc[cut:])
    valid = series.loc[valid_start:]
    train = series.iloc[: len(series) - len(valid)]
    return Split(train, valid)


def compare(
    split: Split,
    models: Iterable[str] = QUICK_MODELS,
    *,
    window_length: int = 56,
    epochs: int = 50,
    seed: int = 42,
    on_model_done: Callable[[dict], None] | None = None,
) -> pd.DataFrame:
    """Fit each named model on the training windows and score it on validation.

    The series is standardised with the training period's mean and standard
    deviation (predictions are mapped back), windows are cut inside each
    period, and each model forecasts one step ahead.

    Parameters
    ----------
    split : Split
        Training and validation periods.
    models : iterable of str
        Keys of :data:`MODELS`.
    window_length : int, default=56
        Window length.
    epochs : int, default=50
        Maximum epochs of the neural models (early stopping on validation).
    seed : int, default=42
        ``random_state`` of the neural models.
    on_model_done : callable, optional
        Called with each result row as soon as it is ready (progress).

    Returns
    -------
    pandas.DataFrame
        One row per model, best (lowest ``valid_mae``) first, with columns
        ``model``, ``description``, ``valid_mae``, ``fit_seconds``, ``epochs``.
    """
    unknown = sorted(set(models) - set(MODELS))
    if unknown:
        raise ValueError(f"Unknown model(s) {unknown}; choose from {sorted(MODELS)}.")
    scaler = StandardScaler().fit(split.train.to_numpy().reshape(-1, 1))

    def scaled(part: pd.Series) -> np.ndarray:
        return scaler.transform(part.to_numpy().reshape(-1, 1)).ravel()

    X_train, y_train = make_windows(scaled(split.train), window_length)
    X_valid, y_valid = make_windows(scaled(split.valid), window_length)
    y_true = scaler.inverse_transform(y_valid.reshape(-1, 1)).ravel()

    rows = []
    for name in models:
        description, build = MODELS[name]
        model = build(epochs, seed)
        fit_kwargs = {}
        if "early_stopping" in model.get_params():  # Keras models stop on validation
            fit_kwargs["validation_data"] = (X_valid, y_valid)
        start = time.perf_counter()
        model.fit(X_train, y_train, **fit_kwargs)
        fit_seconds = time.perf_counter() - start
        y_pred = scaler.inverse_transform(model.predict(X_valid).reshape(-1, 1)).ravel()
        history = getattr(model, "history_", None)
        row = {
            "model": name,
            "description": description,
            "valid_mae": float(mean_absolute_error(y_true, y_pred)),
            "fit_seconds": fit_seconds,
            "epochs": len(history["loss"]) if history else 0,
        }
        rows.append(row)
        if on_model_done is not None:
            on_model_done(row)
    table = pd.DataFrame(rows).sort_values("valid_mae", kind="stable")
    return table.reset_index(drop=True)
