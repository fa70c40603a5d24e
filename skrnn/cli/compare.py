"""The run loop of ``skrnn compare``: fit every model of a lineup, score it.

Every model is a :class:`~skrnn.forecasting.WindowForecaster` (see
:class:`~skrnn.cli.lineup.ModelSpec`), fitted on the data up to the end of
the validation period with ``validation_size`` = the validation period's
length: the forecaster scales every column with statistics of the training
period, trains on the windows before the validation period, and gives its
Keras regressors the validation windows for early stopping. Then
:meth:`~skrnn.forecasting.WindowForecaster.backtest` forecasts from every
window that lies inside the validation period (the book's validation
windows), and the leaderboard reports the MAE in the series' units: one
step ahead, or at every step of the horizon.

Every model also gets conformal prediction intervals of nominal
``coverage`` (default 0.9), scored on the same windows: the forecasts of the
validation steps *before* the scored ones (from the origins whose windows
still reach back into the training period, ``window_length - steps + 1`` of
them, ``steps`` = 1 or the horizon) are the calibration set; the
``(1 - coverage) / 2`` and ``(1 + coverage) / 2`` conformal quantiles of
their errors at each step ahead (:func:`skrnn.intervals.conformal_quantiles`)
are added to every scored forecast. Calibration and scoring never share a
target value, so the coverage reported is out of sample. The leaderboard
gives the empirical coverage and the MSIS (M4's mean scaled interval score,
scaled by the training period's mean absolute one-step change).

:func:`compare` is the loop; :func:`run` is the command around it (options,
data, progress, outputs).
"""

from __future__ import annotations

import argparse
import math
import numbers
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from skrnn.cli.data import Split, read_data
from skrnn.cli.lineup import MODELS, QUICK_MODELS, ModelSpec
from skrnn.cli.options import MAX_SEED, check_options, model_names
from skrnn.cli.output import (
    print_header,
    print_leaderboard,
    progress_printer,
    write_outputs,
)
from skrnn.forecasting import WindowForecaster
from skrnn.intervals import conformal_quantiles
from skrnn.metrics import interval_coverage, msis

__all__ = ["Comparison", "check_settings", "compare", "run"]


@dataclass
class Comparison:
    """What :func:`compare` returns.

    Parameters
    ----------
    leaderboard : pandas.DataFrame
        One row per model, per task best first: ``model``, ``description``,
        ``task``, ``strategy``, ``fit_seconds``, ``epochs``, ``valid_mae``
        and ``valid_rmse`` (means over the horizon steps for multi-step
        models), with intervals ``valid_coverage`` (share of the scored
        values inside their interval) and ``valid_msis`` (NaN for a model
        with too few calibration forecasts, see ``notes``) and, for
        multi-step models, ``mae_h1`` ... ``mae_h<horizon>``.
    one_step_forecasts : pandas.DataFrame
        Validation actuals (column ``actual``) and each one-step model's
        forecasts, on the scored validation dates.
    forecasters : dict of str to WindowForecaster
        The fitted forecaster of every model, by model name.
    one_step_intervals : pandas.DataFrame
        The interval bounds of each one-step model on the scored dates,
        columns ``<model>_lower`` and ``<model>_upper`` (empty without
        intervals).
    coverage : float or None
        The nominal coverage of the intervals (None: no intervals).
    notes : list of str
        What the leaderboard leaves out and why (too few calibration
        forecasts for the coverage).
    """

    leaderboard: pd.DataFrame
    one_step_forecasts: pd.DataFrame
    forecasters: dict[str, WindowForecaster] = field(default_factory=dict)
    one_step_intervals: pd.DataFrame = field(default_factory=pd.DataFrame)
    coverage: float | None = None
    notes: list[str] = field(default_factory=list)


def check_settings(
    split: Split,
    models: Iterable[str] | Mapping[str, ModelSpec] = QUICK_MODELS,
    *,
    window_length: int = 56,
    horizon: int = 14,
    epochs: int = 50,
    seed: int = 42,
    coverage: float | None = 0.9,
) -> dict[str, ModelSpec]:
    """Check everything :func:`compare` needs, before any model trains.

    Parameters
    ----------
    split : Split
        Training and validation periods (see :func:`compare`).
    models : iterable of str, or mapping of str to ModelSpec
        Model names of :data:`~skrnn.cli.lineup.MODELS`, or a lineup.
    window_length : int, default=56
        Window length.
    horizon : int, default=14
        Steps ahead of the multi-step models.
    epochs : int, default=50
        Maximum epochs of the neural models.
    seed : int, default=42
        ``random_state`` of the neural models.
    coverage : float or None, default=0.9
        Nominal coverage of the prediction intervals, in (0, 1); None: no
        intervals.

    Returns
    -------
    dict of str to ModelSpec
        The lineup, by model name.

    Raises
    ------
    ValueError
        For an unknown model, a multivariate model without feature columns,
        a setting out of range, or a period too short for the windows.
    """
    lineup = _lineup(models)
    for name, value in (
        ("window_length", window_length),
        ("horizon", horizon),
        ("epochs", epochs),
    ):
        if not _is_int(value) or value < 1:
            raise ValueError(f"{name} must be an int >= 1, got {value!r}.")
    if not _is_int(seed) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be an int in [0, {MAX_SEED}], got {seed!r}.")
    if coverage is not None and (
        isinstance(coverage, bool)
        or not isinstance(coverage, numbers.Real)
        or not 0 < coverage < 1
    ):
        raise ValueError(
            f"coverage must be a float in (0, 1) or None, got {coverage!r}."
        )
    multivariate = [name for name, spec in lineup.items() if spec.multivariate]
    if split.train.shape[1] == 1 and multivariate:
        raise ValueError(
            f"models {multivariate} need feature columns besides the target."
        )
    ahead = max(spec.steps_ahead(horizon) for spec in lineup.values())
    needed = window_length + ahead
    if len(split.valid) < needed:
        raise ValueError(
            f"the validation period has {len(split.valid)} points; window_length="
            f"{window_length} and {ahead} step(s) ahead need at least {needed} "
            "(the forecasts are scored from windows inside it)."
        )
    steps = max(spec.train_steps(horizon) for spec in lineup.values())
    needed = 2 * window_length + steps
    if len(split.train) < needed:
        raise ValueError(
            f"the training period has {len(split.train)} points; window_length="
            f"{window_length} and {steps} step(s) ahead need at least {needed} "
            "(training targets stay window_length steps before the validation "
            "period, whose first windows start there)."
        )
    return lineup


def compare(
    split: Split,
    models: Iterable[str] | Mapping[str, ModelSpec] = QUICK_MODELS,
    *,
    window_length: int = 56,
    horizon: int = 14,
    epochs: int = 50,
    seed: int = 42,
    coverage: float | None = 0.9,
    on_model_start: Callable[[str, ModelSpec], None] | None = None,
    on_model_done: Callable[[dict], None] | None = None,
) -> Comparison:
    """Fit each model up to the validation period and score it on validation.

    Every setting is checked (:func:`check_settings`) before the first model
    trains.

    Parameters
    ----------
    split : Split
        Training and validation periods of a frame whose first column is the
        target (see :func:`skrnn.cli.data.prepare_frame`); the validation
        period follows the training period directly.
    models : iterable of str, or mapping of str to ModelSpec
        Keys of :data:`~skrnn.cli.lineup.MODELS`, or a lineup of your own.
    window_length : int, default=56
        Window length.
    horizon : int, default=14
        Steps ahead of the multi-step models.
    epochs : int, default=50
        Maximum epochs of the neural models (early stopping on validation).
    seed : int, default=42
        ``random_state`` of the neural models.
    coverage : float or None, default=0.9
        Nominal coverage of the conformal intervals scored beside the MAE
        (see the module docstring): at least ``2 / (1 - coverage) - 1``
        calibration forecasts per step are needed, and a model has
        ``window_length - steps + 1``; with fewer its coverage and MSIS are
        NaN and ``notes`` says why. None: no intervals.
    on_model_start, on_model_done : callable, optional
        Progress callbacks: before each model, and with each result row.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skrnn.cli.data import time_split
    >>> y = pd.Series(np.tile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 30), name="y")
    >>> split = time_split(y, valid_fraction=0.25)
    >>> result = compare(split, ["naive7", "naive7_h"], window_length=14, horizon=7)
    >>> result.leaderboard[["model", "valid_mae"]].round(6)
          model  valid_mae
    0  naive7_h        0.0
    1    naive7        0.0
    """
    lineup = check_settings(
        split,
        models,
        window_length=window_length,
        horizon=horizon,
        epochs=epochs,
        seed=seed,
        coverage=coverage,
    )
    frame = pd.concat([split.train, split.valid])
    target = frame.columns[0]
    first_origin = len(split.train) + window_length - 1
    forecasts = pd.DataFrame({"actual": split.valid[target].iloc[window_length:]})
    intervals = pd.DataFrame(index=forecasts.index)
    rows, fitted, notes = [], {}, []
    for name, spec in lineup.items():
        if on_model_start is not None:
            on_model_start(name, spec)
        forecaster = spec.forecaster(
            window_length=window_length,
            horizon=horizon,
            target=target,
            epochs=epochs,
            seed=seed,
            validation_size=len(split.valid),
        )
        y = frame if spec.multivariate else frame[[target]]
        start = time.perf_counter()
        forecaster.fit(y)
        fit_seconds = time.perf_counter() - start
        result = forecaster.backtest(
            y, start=first_origin, horizon=spec.steps_ahead(horizon)
        )
        mae, rmse = result.errors["MAE"].to_numpy(), result.errors["RMSE"].to_numpy()
        row = {
            "model": name,
            "description": spec.description,
            "task": spec.task,
            "strategy": spec.strategy,
            "fit_seconds": fit_seconds,
            "epochs": _epochs_trained(forecaster.regressor_),
            "valid_mae": float(mae.mean()),
            "valid_rmse": float(rmse.mean()),
        }
        if coverage is not None:
            bounds, note = _interval_bounds(
                forecaster,
                y,
                len(split.train),
                window_length,
                result.forecasts,
                coverage,
            )
            if bounds is None:
                row.update(valid_coverage=float("nan"), valid_msis=float("nan"))
                notes.append(f"{name}: {note}")
            else:
                y_true = result.forecasts["y_true"].to_numpy()
                row["valid_coverage"] = interval_coverage(y_true, *bounds)
                row["valid_msis"] = msis(
                    y_true, *bounds, split.train[target].to_numpy(), coverage=coverage
                )
                if spec.task == "one step":
                    intervals[f"{name}_lower"], intervals[f"{name}_upper"] = bounds
        if spec.task == "one step":
            forecasts[name] = result.forecasts["y_pred"].to_numpy()
        else:
            row.update({f"mae_h{k}": float(v) for k, v in enumerate(mae, 1)})
        rows.append(row)
        fitted[name] = forecaster
        if on_model_done is not None:
            on_model_done(row)
    table = pd.DataFrame(rows)
    table = table.sort_values(["task", "valid_mae"], kind="stable", ignore_index=True)
    return Comparison(table, forecasts, fitted, intervals, coverage, notes)


def _interval_bounds(
    forecaster: WindowForecaster,
    y: pd.DataFrame,
    n_train: int,
    window_length: int,
    scored: pd.DataFrame,
    coverage: float,
) -> tuple[tuple[np.ndarray, np.ndarray] | None, str]:
    """Conformal bounds of the scored forecasts, calibrated before them.

    The calibration origins are those whose forecast steps all lie in the
    validation period and end before its first scored value: ``n_train - 1``
    ... ``n_train + window_length - 1 - steps``. Returns ``(lower, upper)``
    aligned with the rows of ``scored`` (a backtest's forecast table), or
    None and the reason when there are too few calibration forecasts.
    """
    steps = int(scored["step"].max())
    origins = np.arange(n_train - 1, n_train + window_length - steps)
    tail = (1 - coverage) / 2
    needed = math.ceil(1 / tail - 1 - 1e-9)
    if len(origins) < needed:
        return None, (
            f"no intervals: coverage {coverage:g} needs {needed} calibration "
            f"forecasts per step, window_length - steps + 1 = {window_length} - "
            f"{steps} + 1 gives {len(origins)}; use --window-length >= "
            f"{needed + steps - 1} or a lower --coverage."
        )
    y_pred = forecaster.predict_origins(y, origins, horizon=steps)[:, :, 0]
    target = np.asarray(y[forecaster.target].to_numpy(), dtype=np.float64)
    y_true = target[origins[:, None] + np.arange(1, steps + 1)]
    residuals = (y_true - y_pred)[:, :, None]
    quantiles = conformal_quantiles(residuals, [tail, 1 - tail])[:, :, 0]
    step = scored["step"].to_numpy() - 1
    point = scored["y_pred"].to_numpy()
    return (point + quantiles[0, step], point + quantiles[1, step]), ""


def run(args: argparse.Namespace) -> int:
    """Run ``skrnn compare`` with parsed options; returns the exit status.

    Checks every option and the data first, then trains the lineup with
    progress lines, prints the leaderboard and writes the outputs. On JAX
    the compiled networks are kept in a persistent cache
    (:func:`skrnn.models._backend.enable_compilation_cache`, unless one is
    configured), so a later run compiles almost nothing.

    Parameters
    ----------
    args : argparse.Namespace
        From :func:`skrnn.cli.options.build_parser`.

    Returns
    -------
    int
        0.

    Raises
    ------
    CommandLineError, ValueError
        For bad options or data, before any model trains.
    """
    started = time.perf_counter()
    check_options(args)
    from skrnn.models._backend import enable_compilation_cache  # loads Keras

    enable_compilation_cache()
    frame, split = read_data(args)
    names = model_names(args, has_features=frame.shape[1] > 1)
    settings = {
        "window_length": args.window_length,
        "horizon": args.horizon,
        "epochs": args.epochs,
        "seed": args.seed,
        "coverage": args.coverage,
    }
    check_settings(split, names, **settings)
    print_header(names, frame, split, settings)
    on_start, on_done = progress_printer(len(names))
    result = compare(
        split, names, on_model_start=on_start, on_model_done=on_done, **settings
    )
    paths = write_outputs(result, args.output_dir, frame, settings)
    print_leaderboard(result.leaderboard, coverage=result.coverage)
    for note in result.notes:
        print(f"note: {note}")
    elapsed = time.perf_counter() - started
    print(f"\nDone in {elapsed:.0f} s. Outputs: {', '.join(str(p) for p in paths)}")
    return 0


def _lineup(models: Iterable[str] | Mapping[str, ModelSpec]) -> dict[str, ModelSpec]:
    if isinstance(models, Mapping):
        lineup = dict(models)
        bad = [name for name, spec in lineup.items() if not isinstance(spec, ModelSpec)]
        if bad:
            raise ValueError(f"models {bad} are not ModelSpec objects.")
    else:
        names = [models] if isinstance(models, str) else list(dict.fromkeys(models))
        unknown = sorted(set(names) - set(MODELS))
        if unknown:
            raise ValueError(
                f"Unknown model(s) {unknown}; choose from {sorted(MODELS)}."
            )
        lineup = {name: MODELS[name] for name in names}
    if not lineup:
        raise ValueError("models is empty; name at least one model.")
    return lineup


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _epochs_trained(regressor: object) -> int:
    """Epochs in the training history of a fitted Keras model (0 for others)."""
    history = getattr(regressor, "history_", None)
    return len(history["loss"]) if history else 0
