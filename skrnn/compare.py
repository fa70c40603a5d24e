"""Train a lineup of window models on one series and rank them.

This is the library side of ``skrnn compare`` (see :mod:`skrnn.__main__`):

1. :func:`prepare_frame` joins the target and optional features into one
   numeric frame (categorical features become the one-hot code of the *next*
   step, which is known ahead, like tomorrow's day type);
2. :func:`time_split` cuts a training and a validation period;
3. :func:`compare` standardises with the training period's statistics, cuts
   windows inside each period, fits every model of the lineup on the training
   windows (the Keras ones stop early on the validation windows, as the
   book does) and scores it on the validation windows in the series' units:
   one-step models by their MAE, 14-ahead models by their MAE at every
   horizon.

The Keras models train with Adam (learning rate 3e-3) and early stopping;
one-step models with the Huber loss, multi-step (direct and seq2seq) models
with the MAE loss, which scored about 4,000 riders better at 14 days ahead
on the ridership benchmark (``benchmarks/ridership_multistep.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.preprocessing import StandardScaler

from skrnn.metrics import per_horizon_mae
from skrnn.windows import make_windows

ONE_STEP, DIRECT, RECURSIVE, SEQ2SEQ = "one-step", "direct", "recursive", "seq2seq"


@dataclass(frozen=True)
class ModelSpec:
    """One entry of the lineup.

    ``build(epochs, seed)`` returns an unfitted estimator; ``strategy`` says
    which targets it trains on; ``multivariate`` models see every column of
    the prepared frame, the others only the target.
    """

    description: str
    strategy: str
    multivariate: bool
    build: Callable[[int, int], object] = field(repr=False)

    @property
    def task(self) -> str:
        return "one step" if self.strategy == ONE_STEP else "multi-step"


def _keras(
    class_name: str,
    *args,
    learning_rate: float = 3e-3,
    loss: str = "huber",
    **params,
):
    def build(epochs: int, seed: int):
        from skrnn import models

        return getattr(models, class_name)(
            *args,
            epochs=epochs,
            early_stopping=True,
            patience=max(10, epochs // 10),
            learning_rate=learning_rate,
            loss=loss,
            random_state=seed,
            **params,
        )

    return build


def _conv(class_name: str, loss: str = "huber", **params):
    def build(epochs: int, seed: int):
        from skrnn.models import _conv

        return getattr(_conv, class_name)(
            epochs=epochs,
            early_stopping=True,
            patience=max(10, epochs // 10),
            learning_rate=3e-3,
            loss=loss,
            random_state=seed,
            **params,
        )

    return build


def _recursive(one_step_build):
    def build(epochs: int, seed: int):
        from skrnn.multistep import RecursiveRegressor

        return RecursiveRegressor(one_step_build(epochs, seed))

    return build


def _naive(epochs: int, seed: int):
    from skrnn.models import NaiveRegressor

    return NaiveRegressor(lag=7)


def _sarima(epochs: int, seed: int):
    from skrnn.models import SARIMARegressor

    return SARIMARegressor(order=(1, 0, 0), seasonal_order=(0, 1, 1, 7))


#: model name -> specification; the default lineup of ``skrnn compare``
MODELS: dict[str, ModelSpec] = {
    "naive7": ModelSpec("naive, lag 7", ONE_STEP, False, _naive),
    "sarima": ModelSpec("SARIMA (1,0,0)(0,1,1,7)", ONE_STEP, False, _sarima),
    "linear": ModelSpec(
        "linear (Dense on all lags)",
        ONE_STEP,
        False,
        _keras("DenseRegressor", learning_rate=1e-2),
    ),
    "rnn": ModelSpec(
        "SimpleRNN(32)", ONE_STEP, False, _keras("SimpleRNNRegressor", (32,))
    ),
    "deep_rnn": ModelSpec(
        "3xSimpleRNN(32)", ONE_STEP, False, _keras("SimpleRNNRegressor", (32, 32, 32))
    ),
    "mv_rnn": ModelSpec(
        "multivariate SimpleRNN(32)",
        ONE_STEP,
        True,
        _keras("SimpleRNNRegressor", (32,)),
    ),
    "lstm": ModelSpec("LSTM(32)", ONE_STEP, False, _keras("LSTMRegressor", (32,))),
    "gru": ModelSpec("GRU(32)", ONE_STEP, False, _keras("GRURegressor", (32,))),
    "conv_gru": ModelSpec("Conv1D+GRU(32)", ONE_STEP, False, _conv("ConvGRURegressor")),
    "wavenet": ModelSpec("WaveNet", ONE_STEP, False, _conv("WaveNetRegressor")),
    "naive7_h": ModelSpec("naive, lag 7", DIRECT, False, _naive),
    "sarima_h": ModelSpec("SARIMA (1,0,0)(0,1,1,7)", DIRECT, False, _sarima),
    "rnn_recursive_h": ModelSpec(
        "recursive SimpleRNN(32)",
        RECURSIVE,
        False,
        _recursive(_keras("SimpleRNNRegressor", (32,))),
    ),
    "mv_rnn_direct_h": ModelSpec(
        "direct multivariate SimpleRNN(32)",
        DIRECT,
        True,
        _keras("SimpleRNNRegressor", (32,), loss="mae"),
    ),
    "mv_gru_direct_h": ModelSpec(
        "direct multivariate GRU(32)",
        DIRECT,
        True,
        _keras("GRURegressor", (32,), loss="mae"),
    ),
    "mv_gru_seq2seq_h": ModelSpec(
        "seq2seq multivariate GRU(32)",
        SEQ2SEQ,
        True,
        _keras("GRURegressor", (32,), loss="mae"),
    ),
    "mv_conv_gru_seq2seq_h": ModelSpec(
        "seq2seq multivariate Conv1D+GRU",
        SEQ2SEQ,
        True,
        _conv("ConvGRURegressor", loss="mae"),
    ),
    "mv_wavenet_seq2seq_h": ModelSpec(
        "seq2seq multivariate WaveNet",
        SEQ2SEQ,
        True,
        _conv("WaveNetRegressor", loss="mae"),
    ),
}
QUICK_MODELS = ("naive7", "linear", "lstm", "naive7_h", "mv_gru_direct_h")


def prepare_frame(
    target: pd.Series, features: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Join the target and features into one float frame, target first.

    Numeric feature columns are used as observed. Non-numeric (categorical)
    columns are one-hot encoded and shifted one step back, so that the row of
    time ``t`` holds the category of ``t + 1``: such columns must be known in
    advance (calendar information such as the next day's type). The last row,
    whose next category is unknown, is dropped.

    Parameters
    ----------
    target : pandas.Series of shape (n_timesteps,)
        The series to forecast.
    features : pandas.DataFrame of shape (n_timesteps, n_features), optional
        Extra inputs on the same index.

    Returns
    -------
    pandas.DataFrame of shape (n_timesteps[ - 1], 1 + n_encoded_features)

    Examples
    --------
    >>> import pandas as pd
    >>> y = pd.Series([1.0, 2.0, 3.0], name="rail")
    >>> f = pd.DataFrame({"day_type": ["W", "A", "W"]})
    >>> prepare_frame(y, f).columns.tolist()
    ['rail', 'next_day_type_A', 'next_day_type_W']
    """
    name = target.name if target.name is not None else "target"
    frame = target.rename(name).astype(float).to_frame()
    if features is None or features.shape[1] == 0:
        return frame
    numeric = features.select_dtypes("number").astype(float)
    categorical = features.drop(columns=numeric.columns)
    frame = frame.join(numeric)
    if categorical.shape[1]:
        upcoming = categorical.shift(-1).iloc[:-1]
        one_hot = pd.get_dummies(upcoming, prefix=[f"next_{c}" for c in upcoming])
        frame = frame.iloc[:-1].join(one_hot.astype(float))
    return frame


@dataclass(frozen=True)
class Split:
    """A training and a validation period of the prepared frame."""

    train: pd.DataFrame
    valid: pd.DataFrame


def time_split(
    frame: pd.DataFrame | pd.Series,
    *,
    train_start=None,
    valid_start=None,
    valid_end=None,
    valid_fraction: float = 0.15,
) -> Split:
    """Split a frame into a training and a validation period.

    Parameters
    ----------
    frame : pandas.DataFrame or Series
        The prepared data, on a DatetimeIndex or a plain index.
    train_start, valid_start, valid_end : label, optional
        Period bounds (inclusive). ``valid_start`` defaults to the point that
        leaves ``valid_fraction`` of the data for validation.
    valid_fraction : float, default=0.15
        Used only without ``valid_start``.

    Returns
    -------
    Split

    Examples
    --------
    >>> import pandas as pd
    >>> split = time_split(pd.Series(range(100), dtype=float), valid_fraction=0.2)
    >>> len(split.train), len(split.valid)
    (80, 20)
    """
    frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
    frame = frame.loc[train_start:valid_end]
    if valid_start is None:
        if not 0 < valid_fraction < 1:
            raise ValueError(f"valid_fraction must be in (0, 1), got {valid_fraction}.")
        cut = len(frame) - int(np.ceil(valid_fraction * len(frame)))
        return Split(frame.iloc[:cut], frame.iloc[cut:])
    valid = frame.loc[valid_start:]
    return Split(frame.iloc[: len(frame) - len(valid)], valid)


@dataclass
class Comparison:
    """What :func:`compare` returns.

    Attributes
    ----------
    leaderboard : pandas.DataFrame
        One row per model, per task best first: ``model``, ``description``,
        ``task``, ``strategy``, ``valid_mae`` (mean over horizons for
        multi-step models), ``fit_seconds``, ``epochs`` and ``mae_h1`` ...
        ``mae_h<horizon>`` for multi-step models.
    one_step_forecasts : pandas.DataFrame
        Validation actuals (column ``actual``) and each one-step model's
        forecasts, on the validation dates.
    """

    leaderboard: pd.DataFrame
    one_step_forecasts: pd.DataFrame


def compare(
    split: Split,
    models: Iterable[str] = QUICK_MODELS,
    *,
    window_length: int = 56,
    horizon: int = 14,
    epochs: int = 50,
    seed: int = 42,
    on_model_start: Callable[[str, ModelSpec], None] | None = None,
    on_model_done: Callable[[dict], None] | None = None,
) -> Comparison:
    """Fit each named model on the training windows and score it on validation.

    Parameters
    ----------
    split : Split
        Training and validation periods of a frame whose first column is the
        target (see :func:`prepare_frame`).
    models : iterable of str
        Keys of :data:`MODELS`.
    window_length : int, default=56
        Window length.
    horizon : int, default=14
        Steps ahead of the multi-step models.
    epochs : int, default=50
        Maximum epochs of the neural models (early stopping on validation).
    seed : int, default=42
        ``random_state`` of the neural models.
    on_model_start, on_model_done : callable, optional
        Progress callbacks: before each model, and with each result row.

    Returns
    -------
    Comparison
    """
    models = list(models)
    unknown = sorted(set(models) - set(MODELS))
    if unknown:
        raise ValueError(f"Unknown model(s) {unknown}; choose from {sorted(MODELS)}.")
    if split.train.shape[1] == 1 and any(MODELS[m].multivariate for m in models):
        names = [m for m in models if MODELS[m].multivariate]
        raise ValueError(f"models {names} need feature columns besides the target.")
    scaler = StandardScaler().fit(split.train.to_numpy())
    mean, scale = scaler.mean_[0], scaler.scale_[0]
    scaled = {
        period: pd.DataFrame(
            scaler.transform(part.to_numpy()), index=part.index, columns=part.columns
        )
        for period, part in (("train", split.train), ("valid", split.valid))
    }
    target = split.train.columns[0]
    windows = _WindowCache(scaled, target, window_length, horizon)
    forecasts = pd.DataFrame(
        {"actual": split.valid[target].iloc[window_length:]},
    )
    rows = []
    for name in models:
        spec = MODELS[name]
        if on_model_start is not None:
            on_model_start(name, spec)
        model = spec.build(epochs, seed)
        train_strategy = ONE_STEP if spec.strategy == RECURSIVE else spec.strategy
        X_train, y_train = windows.get("train", train_strategy, spec.multivariate)
        X_valid, y_valid = windows.get("valid", spec.strategy, spec.multivariate)
        fit_kwargs = {}
        if "early_stopping" in model.get_params():
            fit_kwargs["validation_data"] = (X_valid, y_valid)
        if spec.strategy == RECURSIVE:
            model.set_params(horizon=horizon)
        start = time.perf_counter()
        model.fit(X_train, y_train, **fit_kwargs)
        fit_seconds = time.perf_counter() - start
        y_pred = model.predict(X_valid) * scale + mean
        y_true = (
            y_valid[:, -1] if spec.strategy == SEQ2SEQ else y_valid
        ) * scale + mean
        fitted = getattr(model, "estimator_", model)
        history = getattr(fitted, "history_", None)
        row = {
            "model": name,
            "description": spec.description,
            "task": spec.task,
            "strategy": spec.strategy,
            "fit_seconds": fit_seconds,
            "epochs": len(history["loss"]) if history else 0,
        }
        if spec.strategy == ONE_STEP:
            row["valid_mae"] = float(mean_absolute_error(y_true, y_pred))
            forecasts[name] = y_pred
        else:
            per_step = per_horizon_mae(y_true, y_pred)
            row["valid_mae"] = float(per_step.mean())
            row.update({f"mae_h{k}": float(v) for k, v in enumerate(per_step, 1)})
        rows.append(row)
        if on_model_done is not None:
            on_model_done(row)
    table = pd.DataFrame(rows)
    table = table.sort_values(["task", "valid_mae"], kind="stable", ignore_index=True)
    return Comparison(table, forecasts)


class _WindowCache:
    """Windows of each period and target kind, cut once and shared."""

    def __init__(self, frames: dict, target: str, window_length: int, horizon: int):
        self.frames, self.target = frames, target
        self.window_length, self.horizon = window_length, horizon
        self._cache: dict = {}

    def get(self, period: str, strategy: str, multivariate: bool):
        key = (period, strategy, multivariate)
        if key not in self._cache:
            frame = self.frames[period]
            data = frame if multivariate else frame[[self.target]]
            kwargs = {}
            if strategy != ONE_STEP:
                kwargs = {"horizon": self.horizon, "seq2seq": strategy == SEQ2SEQ}
            self._cache[key] = make_windows(
                data, self.window_length, target=self.target, **kwargs
            )
        return self._cache[key]
