"""Prediction intervals: M4 Weekly (95%) and ridership backtests (80% / 95%).

Every interval here is :class:`skrnn.WindowForecaster`'s conformal one
(``validation_size`` held out at the end of each training series, the
residuals of its forecasts from every origin inside it, one distribution per
step ahead), through the public ``predict_interval`` and ``backtest``.

Part (a), M4 Weekly. Data: ``../shared/data/m4_weekly/`` (not copied into the
repository; read with :func:`skrnn.read_wide_panel`). Protocol (the README
beside the data): 95% intervals for the 13 weeks after each training series;
coverage over all 359 x 13 points, ACD = |coverage - 0.95|, MSIS = the
interval score (alpha 0.05) divided by the in-sample mean absolute one-step
difference, per series, averaged over the series. The one setting tuned,
``validation_size``, is chosen on the *end of each training series* only: every
candidate is fitted on the training series minus its last 13 weeks and scored
on those 13 weeks (lowest MSIS among the candidates with ACD <= 0.02 there,
else the lowest ACD); the test weeks are used once, to score the choice.

Rows of (a) (``M4_ROWS``; a row is ``(label, grid, forecast)``, where
``forecast(train, validation_size)`` returns the lower and upper bounds, each
``(n_series, 13)``):

* ``naive_pooled``: ``NaiveRegressor(lag=1)`` in one global forecaster; the
  residuals of all series, each divided by its series' scale, share one
  distribution per step;
* ``naive``: the same model with one forecaster per series, so that each
  series' intervals come from its own residuals;
* ``arima``: ``SARIMARegressor((0, 1, 1))`` (simple exponential smoothing as
  an ARIMA), one per series, on windows of 30 weeks (shorter for the
  shortest series), trained one step ahead (its multi-step forecast is the
  model's own).

Part (b), ridership: the rail series of :func:`skrnn.load_ridership`; fitted
on 2016-01-01 .. 2018-12-31 with the last 365 days held out for calibration
(the models train on 2016-2017), then backtested without refitting from every
origin of 2019 (14 days ahead, intervals of 80% and 95%). Rows
(``RIDERSHIP_ROWS``): seasonal naive (lag 7) and SARIMA (1,0,0)(0,1,1,7),
direct strategy.

Run ``python benchmarks/intervals.py [--parts m4,ridership] [--m4-rows ...]
[--ridership-rows ...]``; prints the tables and writes
``benchmarks/results/intervals.json`` (rows of earlier runs not rerun are
kept).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from skrnn import (
    NaiveRegressor,
    SARIMARegressor,
    WindowForecaster,
    load_ridership,
    read_wide_panel,
)
from skrnn.metrics import interval_coverage, msis

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "m4_weekly"
RESULTS = Path(__file__).parent / "results"
HORIZON = 13
COVERAGE = 0.95
ACD_GOAL = 0.02

# Published Weekly 95% intervals (README of the data; Makridakis et al. 2020).
PUBLISHED = [
    ("Naive", 26.358, 0.001),
    ("ETS", 20.386, 0.014),
    ("ARIMA", 19.575, 0.005),
    ("Smyl, ES-RNN hybrid", 22.034, 0.021),
    ("best Weekly entry (Petropoulos & Svetunkov)", 16.200, 0.012),
]


# --------------------------------------------------------------------------- #
# (a) M4 Weekly
# --------------------------------------------------------------------------- #


def load_m4(data_dir: Path) -> tuple[list, dict, np.ndarray]:
    """Ids, training series and the ``(359, 13)`` test weeks."""
    paths = [data_dir / f"Weekly-{part}.csv.gz" for part in ("train", "test")]
    for path in paths:
        if not path.is_file():
            raise SystemExit(
                f"{path} not found: the M4 Weekly files belong in ../shared/data/"
                "m4_weekly beside the repository (or pass --data)."
            )
    train, test = (read_wide_panel(path) for path in paths)
    ids = list(train)
    return ids, train, np.stack([test[key] for key in ids])


def _bounds(frame, ids: list | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds ``(n_series, HORIZON)`` of a predict_interval frame."""
    values = frame.to_numpy()
    if ids is None:
        return values[None, :, 0], values[None, :, 1]
    keys = frame.index.get_level_values(0)
    lower = np.stack([values[keys == key, 0] for key in ids])
    upper = np.stack([values[keys == key, 1] for key in ids])
    return lower, upper


def forecast_pooled(train: dict, validation_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Global naive forecaster: one residual distribution per step for all series."""
    forecaster = WindowForecaster(
        NaiveRegressor(lag=1),
        window_length=1,
        strategy="direct",
        horizon=HORIZON,
        validation_size=validation_size,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # short series left out of calibration
        forecaster.fit(train)
    return _bounds(forecaster.predict_interval(HORIZON, coverage=COVERAGE), list(train))


def per_series(
    make: Callable[[], object],
    window_length: int,
    strategy: str = "direct",
    min_window: int = 1,
):
    """A row forecasting each series with its own forecaster and residuals.

    A short series gets a shorter window (down to ``min_window``) and a
    smaller ``validation_size``, so that it still holds a training window, the
    gap of one window and the 51 held-out steps whose 39 residuals per step a
    95% interval needs.
    """
    steps = 1 if strategy == "recursive" else HORIZON
    needed = 39 + HORIZON - 1

    def forecast(train: dict, validation_size: int) -> tuple[np.ndarray, np.ndarray]:
        lower, upper = [], []
        for values in train.values():
            length = max(
                min_window, min(window_length, (len(values) - steps - needed) // 2)
            )
            held_out = min(validation_size, len(values) - 2 * length - steps)
            forecaster = WindowForecaster(
                make(),
                window_length=length,
                strategy=strategy,
                horizon=HORIZON,
                validation_size=held_out,
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # statsmodels' convergence notes
                forecaster.fit(values)
                low, high = _bounds(
                    forecaster.predict_interval(HORIZON, coverage=COVERAGE)
                )
            lower.append(low[0])
            upper.append(high[0])
        return np.stack(lower), np.stack(upper)

    return forecast


M4Row = tuple[str, tuple[int, ...], Callable[[dict, int], tuple]]
M4_ROWS: dict[str, M4Row] = {
    "naive_pooled": (
        "naive, global forecaster, pooled scaled residuals",
        (26, 39, 52),
        forecast_pooled,
    ),
    "naive": (
        "naive, one forecaster (and residuals) per series",
        (52, 104, 156),
        per_series(lambda: NaiveRegressor(lag=1), window_length=1),
    ),
    "arima": (
        "ARIMA(0,1,1) per series, windows of 30",
        (52, 104),
        per_series(
            lambda: SARIMARegressor((0, 1, 1)),
            window_length=30,
            strategy="recursive",
            min_window=2,
        ),
    ),
}


def interval_scores(
    lower: np.ndarray, upper: np.ndarray, truth: np.ndarray, train: list
) -> dict:
    coverage = interval_coverage(truth, lower, upper)
    return {
        "coverage": coverage,
        "acd": abs(coverage - COVERAGE),
        "msis": msis(truth, lower, upper, train, coverage=COVERAGE),
    }


def choose(scores: dict[int, dict]) -> int:
    """The validation size with the lowest MSIS among those meeting the ACD
    goal on the training end, else the one with the lowest ACD."""
    good = [size for size, s in scores.items() if s["acd"] <= ACD_GOAL]
    if good:
        return min(good, key=lambda size: scores[size]["msis"])
    return min(scores, key=lambda size: scores[size]["acd"])


def run_m4_row(name: str, ids: list, train: dict, test: np.ndarray) -> dict:
    label, grid, forecast = M4_ROWS[name]
    start = time.perf_counter()
    # tuning on the end of the training series only
    pseudo_train = {key: train[key][:-HORIZON] for key in ids}
    pseudo_test = np.stack([train[key][-HORIZON:] for key in ids])
    tuning = {}
    for size in grid:
        lower, upper = forecast(pseudo_train, size)
        tuning[size] = interval_scores(
            lower, upper, pseudo_test, list(pseudo_train.values())
        )
    chosen = choose(tuning)
    lower, upper = forecast(train, chosen)
    if lower.shape != test.shape or not np.isfinite(np.r_[lower, upper]).all():
        raise SystemExit(f"row {name!r}: bounds of shape {lower.shape}, or not finite.")
    scores = interval_scores(lower, upper, test, [train[key] for key in ids])
    return {
        "row": name,
        "model": label,
        **scores,
        "validation_size": chosen,
        "tuning_on_training_end": {str(k): v for k, v in tuning.items()},
        "seconds": time.perf_counter() - start,
    }


def m4_table(rows: list[dict]) -> str:
    lines = [
        f"M4 Weekly, {COVERAGE:.0%} intervals, 359 series x 13 weeks",
        f"{'method':<52} {'coverage':>8} {'ACD':>6} {'MSIS':>7} {'v':>4} {'s':>6}",
    ]
    for row in rows:
        lines.append(
            f"{row['model']:<52} {row['coverage']:8.3f} {row['acd']:6.3f} "
            f"{row['msis']:7.3f} {row['validation_size']:4d} {row['seconds']:6.1f}"
        )
    lines.append("published (M4, Weekly):")
    for method, score, acd in PUBLISHED:
        lines.append(f"  {method:<50} {'':>8} {acd:6.3f} {score:7.3f}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- #
# (b) ridership backtests
# --------------------------------------------------------------------------- #

FIT_START, FIT_END = "2016-01-01", "2018-12-31"
TEST_END = "2019-12-31"
CALIBRATION_DAYS = 365
RIDERSHIP_HORIZON = 14
RIDERSHIP_COVERAGES = (0.8, 0.95)

RIDERSHIP_ROWS: dict[str, tuple[str, Callable[[], object]]] = {
    "naive7": ("seasonal naive (lag 7), direct", lambda: NaiveRegressor(lag=7)),
    "sarima": (
        "SARIMA (1,0,0)(0,1,1,7), direct",
        lambda: SARIMARegressor((1, 0, 0), (0, 1, 1, 7)),
    ),
}


def run_ridership_row(name: str) -> dict:
    label, make = RIDERSHIP_ROWS[name]
    rail = load_ridership()["rail"].astype(float)
    fit_part = rail[FIT_START:FIT_END]
    series = rail[FIT_START:TEST_END]
    forecaster = WindowForecaster(
        make(),
        window_length=56,
        strategy="direct",
        horizon=RIDERSHIP_HORIZON,
        validation_size=CALIBRATION_DAYS,
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        forecaster.fit(fit_part)
    result = forecaster.backtest(
        series, start=FIT_END, coverage=list(RIDERSHIP_COVERAGES)
    )
    seconds = time.perf_counter() - start
    table = result.forecasts
    row = {"row": name, "model": label, "n_origins": int(table["origin"].nunique())}
    for c in RIDERSHIP_COVERAGES:
        inside = (table[f"lower_{c:g}"] <= table["y_true"]) & (
            table["y_true"] <= table[f"upper_{c:g}"]
        )
        per_step = inside.groupby(table["step"]).mean()
        row[f"coverage_{c:g}"] = float(inside.mean())
        row[f"coverage_{c:g}_step1"] = float(per_step.iloc[0])
        row[f"coverage_{c:g}_step14"] = float(per_step.iloc[-1])
        row[f"coverage_{c:g}_worst_step_gap"] = float((per_step - c).abs().max())
        row[f"width_{c:g}"] = float(result.errors[f"width_{c:g}"].mean())
    row["mae"] = float(result.errors["MAE"].mean())
    row["seconds"] = seconds
    return row


def ridership_table(rows: list[dict]) -> str:
    lines = [
        "Ridership (rail), fit 2016-2018 (2018 calibrates), backtest 2019, "
        "14 days ahead",
        f"{'model':<34} {'cov 80%':>8} {'step1':>6} {'step14':>6} "
        f"{'cov 95%':>8} {'step1':>6} {'step14':>6} {'MAE':>8}",
    ]
    for row in rows:
        lines.append(
            f"{row['model']:<34} {row['coverage_0.8']:8.3f} "
            f"{row['coverage_0.8_step1']:6.3f} {row['coverage_0.8_step14']:6.3f} "
            f"{row['coverage_0.95']:8.3f} {row['coverage_0.95_step1']:6.3f} "
            f"{row['coverage_0.95_step14']:6.3f} {row['mae']:8,.0f}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- #


def _names(option: str, value: str, known: dict, parser) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        parser.error(f"{option} must name rows of {list(known)}, got {value!r}.")
    return names


def _merge(path: Path, key: str, rows: list[dict], names: list[str]) -> list[dict]:
    """Rows of an earlier run (not rerun now) followed by the new ones."""
    if not path.is_file():
        return rows
    earlier = json.loads(path.read_text()).get(key, {}).get("rows", [])
    return [row for row in earlier if row.get("row") not in names] + rows


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="m4,ridership", help="m4, ridership")
    parser.add_argument(
        "--m4-rows", default=",".join(M4_ROWS), help=f"of {', '.join(M4_ROWS)}"
    )
    parser.add_argument(
        "--ridership-rows",
        default=",".join(RIDERSHIP_ROWS),
        help=f"of {', '.join(RIDERSHIP_ROWS)}",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="M4 Weekly folder")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    parts = _names("--parts", args.parts, {"m4": 0, "ridership": 0}, parser)
    path = RESULTS / "intervals.json"
    result = {
        "benchmark": "prediction intervals: M4 Weekly 95%, ridership 80% / 95%",
        "machine": platform.platform(),
    }
    earlier = json.loads(path.read_text()) if path.is_file() else {}
    result.update({k: v for k, v in earlier.items() if k in ("m4", "ridership")})

    if "m4" in parts:
        names = _names("--m4-rows", args.m4_rows, M4_ROWS, parser)
        ids, train, test = load_m4(args.data)
        rows = []
        for name in names:
            rows.append(run_m4_row(name, ids, train, test))
            print(json.dumps(rows[-1]), flush=True)
        print(m4_table(rows))
        result["m4"] = {
            "protocol": {
                "horizon": HORIZON,
                "coverage": COVERAGE,
                "msis_m": 1,
                "aggregation": "coverage over all points; MSIS per series, mean "
                "over series",
                "tuning": "validation_size chosen on the last 13 weeks of each "
                "training series (lowest MSIS with ACD <= 0.02, else lowest ACD)",
            },
            "rows": _merge(path, "m4", rows, names),
            "published": [{"model": m, "msis": s, "acd": a} for m, s, a in PUBLISHED],
        }
    if "ridership" in parts:
        names = _names("--ridership-rows", args.ridership_rows, RIDERSHIP_ROWS, parser)
        rows = []
        for name in names:
            rows.append(run_ridership_row(name))
            print(json.dumps(rows[-1]), flush=True)
        print(ridership_table(rows))
        result["ridership"] = {
            "protocol": {
                "series": "rail",
                "fit": [FIT_START, FIT_END],
                "calibration_days": CALIBRATION_DAYS,
                "backtest_origins": [FIT_END, TEST_END],
                "horizon": RIDERSHIP_HORIZON,
                "window_length": 56,
                "coverages": list(RIDERSHIP_COVERAGES),
            },
            "rows": _merge(path, "ridership", rows, names),
        }
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        path.write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
