"""Default parameters on ridership: every neural regressor against the baselines.

Data: CTA rail boardings (``skrnn.datasets.load_ridership()["rail"]``), in
riders, as a user has them: no division by 1e6, no scaler. The models are
fitted on 2016-01..2018-12 and scored on the forecasts from every origin
2019-02-25 .. 2019-05-30 whose targets lie in 2019-03..05 (the validation
windows of Hands-On ML, ch. 15): one step ahead, and 14 steps ahead (mean MAE
over the 14 steps).

Every neural regressor of :mod:`skrnn.models` runs with its default
parameters, only ``random_state`` set, inside ``WindowForecaster(est,
window_length=56)``: ``strategy="recursive"`` for one step,
``strategy="direct", horizon=14`` for 14 ahead. The baselines are seasonal
naive (``NaiveRegressor(lag=7)``) and SARIMA(1,0,0)(0,1,1,7) fitted on the
training windows (``SARIMARegressor``). Nothing here is tuned on the scored
period.

Goal (issue 15): each network's MAE is at most 0.8 x seasonal naive's, one
step and 14 ahead, on every seed.

Defaults are chosen on validation folds that end before 2019, with ``--set
name=value`` overriding a parameter of every network (a JSON value, e.g.
``--set loss='"mse"' --set patience=20``): ``--validation`` (the same as
``--period validation``) is the same protocol a year earlier (fitted on
2016-01..2017-12, scored from the origins 2018-02-26 .. 2018-05-30);
``--period validation_summer_2018``, ``validation_autumn_2017`` and
``validation_autumn_2018`` fit up to two months before June-August 2018,
September-November 2017 and September-November 2018 and score those months
(the autumns start with the school year's jump in ridership, which no window
of the summer foresees). The 2019 scores are the test.

Besides the baselines, the table has ``seasonal_median``: the median of the
window's last six values on the target's weekday, the forecast that the
networks' ``seasonal_baseline`` adds their output to, as a reference for what
the networks add to it. ``--outage DATE`` scores a series whose day
``DATE`` (after the fitted period) is cut to 15% of its value, as on
2019-01-30, when a cold wave emptied the trains: it measures how far one odd
day in the input windows moves each model's forecasts.

Under the table, every network fit shows what it chose on its own validation
split, from the training data alone: the kept epoch of the epochs trained,
the validation forecast MAE at that epoch and ``correction_weight_`` (saved
per seed as ``fits`` in the JSON rows).

Run ``python benchmarks/defaults.py [--seeds 0 1 2] [--models gru,lstm]
[--validation | --period NAME] [--set name=value ...] [--outage DATE]``;
prints a table and writes ``benchmarks/results/defaults.json``
(``defaults_<period>.json`` for a validation fold; nothing with ``--set`` or
``--outage``).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import validate_data

from skrnn import (
    ConvGRURegressor,
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    NaiveRegressor,
    SARIMARegressor,
    SimpleRNNRegressor,
    WaveNetRegressor,
    WindowForecaster,
)
from skrnn.datasets import load_ridership
from skrnn.models._seasonal_baseline import n_baseline_seasons, seasonal_positions

RESULTS = Path(__file__).parent / "results"
WINDOW, AHEAD = 56, 14
#: (fitted period, scored period, first origin) of the test and of the
#: validation protocol.
PERIODS = {
    "test": (("2016-01", "2018-12"), ("2016-01", "2019-05"), "2019-02-25"),
    "validation": (("2016-01", "2017-12"), ("2016-01", "2018-05"), "2018-02-26"),
    "validation_summer_2018": (
        ("2016-01", "2018-03"),
        ("2016-01", "2018-08"),
        "2018-05-28",
    ),
    "validation_autumn_2017": (
        ("2016-01", "2017-06"),
        ("2016-01", "2017-11"),
        "2017-08-28",
    ),
    "validation_autumn_2018": (
        ("2016-01", "2018-06"),
        ("2016-01", "2018-11"),
        "2018-08-27",
    ),
}
GOAL = 0.8
#: The share of its value that an ``--outage`` day keeps.
OUTAGE_SHARE = 0.15

NETWORKS = {
    "dense": DenseRegressor,
    "simple_rnn": SimpleRNNRegressor,
    "lstm": LSTMRegressor,
    "gru": GRURegressor,
    "conv_gru": ConvGRURegressor,
    "wavenet": WaveNetRegressor,
}


class SeasonalMedian(RegressorMixin, BaseEstimator):
    """The seasonal-median forecast of the networks' ``seasonal_baseline``, alone.

    The median of the window values at the same point of the season over the
    seasons the networks' baseline takes (the last six weekdays for daily
    windows of 56 steps), from the same positions: a reference for what the
    networks add to it. ``X`` is windows ``(n, L)``, ``y`` one value or
    ``horizon`` values per window.
    """

    def __init__(self, period: int = 7):
        self.period = period

    def fit(self, X, y):
        X, y = validate_data(self, X, y, multi_output=True)
        self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
        self.single_output_ = y.ndim == 1
        return self

    def predict(self, X):
        X = validate_data(self, X, reset=False)
        length = X.shape[1]
        seasons = n_baseline_seasons(length, self.period)
        positions = seasonal_positions(length, self.period, self.n_outputs_, seasons)
        forecasts = np.median(X[:, positions], axis=-1)
        return forecasts[:, 0] if self.single_output_ else forecasts


BASELINES = {
    "naive7": lambda seed: NaiveRegressor(lag=7),
    "sarima": lambda seed: SARIMARegressor(
        order=(1, 0, 0), seasonal_order=(0, 1, 1, 7)
    ),
    "seasonal_median": lambda seed: SeasonalMedian(),
}


def score(estimator, rail, ahead: int, period: str, scored_rail=None) -> dict:
    """Fit ``estimator`` in a WindowForecaster on ``rail`` and score it.

    Returns the MAE (riders) on ``scored_rail`` (``rail`` if None), the fit
    seconds and what the fit chose from the training data alone (see
    :func:`fit_summary`)."""
    train, scored, first_origin = PERIODS[period]
    if ahead == 1:
        forecaster = WindowForecaster(estimator, window_length=WINDOW)
    else:
        forecaster = WindowForecaster(
            estimator, window_length=WINDOW, strategy="direct", horizon=ahead
        )
    start = time.perf_counter()
    forecaster.fit(rail[train[0] : train[1]])
    seconds = time.perf_counter() - start
    scored_rail = rail if scored_rail is None else scored_rail
    result = forecaster.backtest(
        scored_rail[scored[0] : scored[1]], first_origin, horizon=ahead
    )
    return dict(
        mae=float(result.errors["MAE"].mean()),
        fit_s=seconds,
        **fit_summary(forecaster.regressor_),
    )


def fit_summary(regressor) -> dict:
    """What a fitted network chose on its validation split (training data only).

    ``epochs`` trained, ``best_epoch`` (1-based, the weights kept),
    ``valid_error`` (the validation forecast MAE in riders at that epoch,
    with the full correction) and ``correction_weight``; empty for a model
    without a training history."""
    history = getattr(regressor, "history_", None)
    if not history or "val_forecast_error" not in history:
        return {}
    errors = history["val_forecast_error"]
    best = int(np.argmin(errors))
    return dict(
        epochs=len(errors),
        best_epoch=best + 1,
        valid_error=float(errors[best]),
        correction_weight=regressor.correction_weight_,
    )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument(
        "--models", default=",".join(NETWORKS), help="comma-separated network names"
    )
    parser.add_argument(
        "--period",
        choices=list(PERIODS),
        default="test",
        help="the test, or one of the validation folds (all before 2019)",
    )
    parser.add_argument(
        "--validation",
        action="store_true",
        help="the same as --period validation (spring 2018)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a network parameter (VALUE is JSON)",
    )
    # argparse %-formats help strings, so the percent sign is doubled
    parser.add_argument(
        "--outage",
        metavar="DATE",
        help=f"score a series with this day cut to {OUTAGE_SHARE:.0%}% of its value",
    )
    args = parser.parse_args(argv)
    period = "validation" if args.validation else args.period
    overrides = {
        name: json.loads(value)
        for name, value in (item.split("=", 1) for item in args.set)
    }
    rail = load_ridership()["rail"]
    scored_rail = rail.astype(float)
    if args.outage:
        if pd.Timestamp(args.outage) <= pd.Timestamp(
            PERIODS[period][0][1]
        ) + pd.offsets.MonthEnd(0):
            parser.error(
                f"--outage must be after the fitted period, got {args.outage}."
            )
        scored_rail[args.outage] *= OUTAGE_SHARE
    models = {name: NETWORKS[name] for name in args.models.split(",")}
    rows = []
    for ahead in (1, AHEAD):
        baseline = {}
        for name, make in BASELINES.items():
            fitted = score(make(None), rail, ahead, period, scored_rail)
            mae, seconds = fitted["mae"], fitted["fit_s"]
            baseline[name] = mae
            ratio = mae / baseline["naive7"]
            rows.append(
                dict(
                    model=name,
                    ahead=ahead,
                    mae=[mae],
                    ratio_to_naive7=[ratio],
                    fit_s=seconds,
                )
            )
        for name, network in models.items():
            fits = [
                score(
                    network(random_state=seed, **overrides),
                    rail,
                    ahead,
                    period,
                    scored_rail,
                )
                for seed in args.seeds
            ]
            maes = [fit["mae"] for fit in fits]
            ratios = np.array(maes) / baseline["naive7"]
            rows.append(
                dict(
                    model=name,
                    ahead=ahead,
                    mae=maes,
                    seeds=args.seeds,
                    ratio_to_naive7=ratios.tolist(),
                    goal_met=bool((ratios <= GOAL).all()),
                    fit_s=float(np.mean([fit["fit_s"] for fit in fits])),
                    fits=[
                        {key: fit[key] for key in fit if key not in ("mae", "fit_s")}
                        for fit in fits
                    ],
                )
            )
    train, _, first_origin = PERIODS[period]
    print(
        f"CTA rail (riders), {period}: fitted {train[0]}..{train[1]}, MAE over "
        f"origins {first_origin}..; parameters: defaults {overrides or ''}"
        + (f"; outage on {args.outage}" if args.outage else "")
    )
    print(
        f"{'ahead':>5}  {'model':<15} {'MAE mean':>9} {'MAE spread':>21}  "
        f"{'x naive7':>8}  {'goal':>4}  {'fit s':>6}"
    )
    for row in rows:
        maes = np.array(row["mae"])
        spread = f"{maes.min():,.0f}..{maes.max():,.0f}" if len(maes) > 1 else ""
        ratio = f"{max(row['ratio_to_naive7']):.2f}" if "ratio_to_naive7" in row else ""
        goal = ("yes" if row["goal_met"] else "no") if "goal_met" in row else ""
        print(
            f"{row['ahead']:>5}  {row['model']:<15} {maes.mean():>9,.0f} "
            f"{spread:>21}  {ratio:>8}  {goal:>4}  {row['fit_s']:>6.1f}"
        )
    print(
        "\nWhat each fit chose on its validation split (training data only): "
        "kept epoch / epochs trained, validation MAE there, correction weight"
    )
    for row in rows:
        if row.get("fits"):
            chosen = "   ".join(
                f"seed {seed}: {fit['best_epoch']}/{fit['epochs']} "
                f"{fit['valid_error']:,.0f} w={fit['correction_weight']:g}"
                for seed, fit in zip(row["seeds"], row["fits"], strict=True)
            )
            print(f"{row['ahead']:>5}  {row['model']:<15} {chosen}")
    result = dict(
        settings=dict(
            window_length=WINDOW,
            ahead=AHEAD,
            period=period,
            train=train,
            first_origin=first_origin,
            overrides=overrides,
            outage=args.outage,
            seeds=args.seeds,
            goal=GOAL,
            machine=platform.platform(),
        ),
        rows=rows,
    )
    if not overrides and not args.outage:
        name = "defaults.json" if period == "test" else f"defaults_{period}.json"
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / name).write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
