"""M4 Weekly: skrnn's forecasts scored as in M4, beside the published table.

Data: ``../shared/data/m4_weekly/`` relative to the repository root (the M4
files ``Weekly-train.csv.gz`` and ``Weekly-test.csv.gz``, 359 series, read
with :func:`skrnn.read_wide_panel`; they are not copied into the repository).
Protocol (the README beside the data): forecast the 13 weeks after each
training series; sMAPE (percent) and MASE (scaled by the in-sample mean
absolute one-step difference: M4 used a period of 1 for weekly data) per
series, averaged over the series; OWA = (sMAPE / sMAPE_Naive2 +
MASE / MASE_Naive2) / 2.

Rows:

* ``naive2``: M4's Naive2, the naive forecast of the seasonally adjusted
  series. A series is adjusted when its period is above 1, it has at least 3
  periods and it passes M4's 90% autocorrelation test (the autocorrelation at
  the period beyond 1.645 of its Bartlett standard error); the seasonal
  indices come from a classical multiplicative decomposition. For weekly data
  (period 1) it is the last value repeated. Its scores check the metrics
  against the published 9.161 / 2.777;
* ``naive``: skrnn's ``NaiveRegressor(lag=1)`` in a global
  ``WindowForecaster(strategy="direct", horizon=13)`` on the panel;
* ``--networks dense,gru,lstm``: one global network per name with its
  default parameters in ``WindowForecaster(window_length=52,
  strategy="direct", horizon=13, validation_size=13, stride=4)``: the last
  13 weeks of every training series are held out (early stopping watches
  the forecast error on them, and they score the model), never the test
  weeks. Each over ``--seeds`` (mean and spread), the seed ensemble (mean
  forecast), a ``differences="auto"`` GRU, and the ensemble a selection by
  the validation weeks' scaled error picks.

A row is a function ``(data, args) -> (forecasts of shape (359, 13), fit
seconds)`` registered in ``ROWS``; add one there and name it in ``--rows``.

Run ``python benchmarks/m4_weekly.py [--rows naive2,naive] [--data DIR]``;
prints the table beside the published rows and writes
``benchmarks/results/m4_weekly.json`` (rows of earlier runs not rerun are
kept).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf

from skrnn import (
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    NaiveRegressor,
    WindowForecaster,
    read_wide_panel,
)
from skrnn.metrics import mase, owa, smape
from skrnn.panel import PanelWarning

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "m4_weekly"
RESULTS = Path(__file__).parent / "results"
HORIZON = 13
PERIOD = 1  # M4's frequency for weekly data: Naive2's season and MASE's m
N_SERIES = 359

# The published Weekly table (README of the data; Makridakis et al. 2020).
PUBLISHED = [
    ("Naive2 (= Naive1, sNaive here)", 9.161, 2.777, 1.000),
    ("SES", 9.012, 2.685, 0.975),
    ("Theta", 9.093, 2.637, 0.971),
    ("Damped exponential smoothing", 8.866, 2.404, 0.917),
    ("Comb (SES/Holt/Damped)", 8.944, 2.432, 0.926),
    ("M4 benchmark RNN (a plain Keras RNN)", 15.220, 5.132, 1.755),
    ("M4 benchmark MLP", 21.349, 13.568, 3.608),
    ("Smyl, ES-RNN hybrid (winner overall)", 7.817, 2.356, 0.851),
    ("best Weekly entry (Darin & Stellwagen)", 6.582, 2.107, 0.739),
]


@dataclass(frozen=True)
class M4Data:
    """The M4 Weekly panel: ids, training series and the 13 test weeks."""

    ids: list
    train: dict  # id -> ndarray (n_train_i,)
    test: np.ndarray  # (n_series, HORIZON), rows in the order of ids


def load(data_dir: Path) -> M4Data:
    """Read the train and test files of ``data_dir`` and check their shapes."""
    train_path = data_dir / "Weekly-train.csv.gz"
    test_path = data_dir / "Weekly-test.csv.gz"
    for path in (train_path, test_path):
        if not path.is_file():
            raise SystemExit(
                f"{path} not found: the M4 Weekly files belong in ../shared/data/"
                "m4_weekly beside the repository (or pass --data)."
            )
    train = read_wide_panel(train_path)
    test = read_wide_panel(test_path)
    if list(train) != list(test):
        raise SystemExit("the train and test files list different series ids.")
    lengths = {len(values) for values in test.values()}
    if lengths != {HORIZON}:
        raise SystemExit(f"expected {HORIZON} test weeks per series, got {lengths}.")
    return M4Data(ids=list(train), train=train, test=np.stack(list(test.values())))


# --------------------------------------------------------------------------- #
# M4's Naive2
# --------------------------------------------------------------------------- #


def seasonality_test(y: np.ndarray, period: int) -> bool:
    """M4's 90% test of seasonality at lag ``period``.

    ``|r_period| > 1.645 * sqrt((1 + 2 * sum_{k < period} r_k**2) / n)``, the
    autocorrelation against its Bartlett standard error (M4's R code).
    """
    r = acf(y, nlags=period, fft=False)[1:]
    limits = 1.645 / np.sqrt(len(y)) * np.sqrt(np.cumsum(np.r_[1.0, 2 * r**2]))
    return bool(abs(r[period - 1]) > limits[period - 1])


def naive2_forecast(y: np.ndarray, horizon: int, period: int) -> np.ndarray:
    """Naive forecast of the seasonally adjusted series, re-seasonalised."""
    if period > 1 and len(y) >= 3 * period and seasonality_test(y, period):
        indices = seasonal_decompose(y, model="multiplicative", period=period).seasonal
        last_season = indices[-period:]
        return y[-1] / indices[-1] * np.resize(last_season, horizon)
    return np.full(horizon, y[-1])


def row_naive2(data: M4Data, args: argparse.Namespace) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    forecasts = np.stack(
        [naive2_forecast(data.train[key], HORIZON, PERIOD) for key in data.ids]
    )
    return forecasts, time.perf_counter() - start


# --------------------------------------------------------------------------- #
# skrnn rows
# --------------------------------------------------------------------------- #


def panel_forecasts(forecaster: WindowForecaster, data: M4Data) -> np.ndarray:
    """A panel forecast (Series on (id, time)) as ``(n_series, HORIZON)``."""
    y_pred = forecaster.predict(HORIZON)
    ids = y_pred.index.get_level_values(0)
    return np.stack([y_pred[ids == key].to_numpy() for key in data.ids])


def row_naive(data: M4Data, args: argparse.Namespace) -> tuple[np.ndarray, float]:
    forecaster = WindowForecaster(
        NaiveRegressor(lag=1), window_length=HORIZON, strategy="direct", horizon=HORIZON
    )
    start = time.perf_counter()
    forecaster.fit(data.train)
    fit_s = time.perf_counter() - start
    return panel_forecasts(forecaster, data), fit_s


#: Global networks with their default parameters (``--networks``).
NETWORKS = {"dense": DenseRegressor, "gru": GRURegressor, "lstm": LSTMRegressor}
#: Input weeks per window, and training windows kept per series (every
#: STRIDE-th, counted back from the last): a year of history, and a quarter
#: of the ~345,000 windows of the panel per epoch.
WINDOW, STRIDE = 52, 4


def network_forecasts(
    name: str, seed: int, data: M4Data, differences: object = ()
) -> tuple[np.ndarray, float, float]:
    """One seeded global network with default parameters.

    Fitted with the last ``HORIZON`` weeks of every training series held out
    (``validation_size``): the network stops early on them, and the
    forecasts of those weeks score the model on the training data only
    (their mean absolute error in units of each series' mean absolute
    change: a MASE on the validation weeks). Returns the test forecasts
    ``(n_series, HORIZON)``, the fit seconds and that validation score.
    """
    forecaster = WindowForecaster(
        NETWORKS[name](random_state=seed),
        window_length=WINDOW,
        strategy="direct",
        horizon=HORIZON,
        validation_size=HORIZON,
        stride=STRIDE,
        differences=differences,
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PanelWarning)  # short series: forecast only
        forecaster.fit(data.train)
    fit_s = time.perf_counter() - start
    validation = float(np.mean(np.abs(forecaster.calibration_residuals_)))
    return panel_forecasts(forecaster, data), fit_s, validation


def network_rows(
    names: list[str], seeds: list[int], data: M4Data, naive2: np.ndarray
) -> list[dict]:
    """Per network: every seed, the mean and spread over seeds, the seed
    ensemble (the mean forecast); then the model a selection on the
    validation weeks picks (never the test weeks)."""
    rows, candidates = [], []
    for name, differences in [(n, ()) for n in names] + [("gru", "auto")]:
        if name not in names:
            continue
        tag = name if differences == () else f"{name}_auto"
        runs = [network_forecasts(name, seed, data, differences) for seed in seeds]
        scored = [
            score(f"{tag}_seed{seed}", f"{tag}, seed {seed}", f, t, data, naive2)
            for seed, (f, t, _) in zip(seeds, runs, strict=True)
        ]
        mean = {
            key: float(np.mean([row[key] for row in scored]))
            for key in ("smape", "mase", "owa", "fit_s")
        }
        spread = {
            f"{key}_by_seed": [row[key] for row in scored]
            for key in ("smape", "mase", "owa")
        }
        label = f"global {NETWORKS[name].__name__}() defaults" + (
            ", differences='auto'" if differences != () else ""
        )
        rows.append(
            {
                "row": f"{tag}_mean",
                "model": f"{label}, mean of {len(seeds)} seeds",
                **mean,
                **spread,
                "seeds": seeds,
            }
        )
        ensemble = np.mean([f for f, _, _ in runs], axis=0)
        rows.append(
            score(
                f"{tag}_ensemble",
                f"{label}, ensemble of {len(seeds)} seeds",
                ensemble,
                sum(t for _, t, _ in runs),
                data,
                naive2,
            )
        )
        validation = float(np.mean([v for _, _, v in runs]))
        candidates.append((validation, rows[-1]))
        rows[-1]["validation_scaled_mae"] = validation
    if candidates:
        best = min(candidates, key=lambda candidate: candidate[0])[1]
        rows.append(
            {
                **best,
                "row": "selected",
                "model": f"selected on the validation weeks: {best['model']}",
            }
        )
    for row in rows:
        print(json.dumps(row), flush=True)
    return rows


Row = Callable[[M4Data, argparse.Namespace], tuple[np.ndarray, float]]
ROWS: dict[str, tuple[str, Row]] = {
    "naive2": ("Naive2 (M4 protocol)", row_naive2),
    "naive": ("skrnn NaiveRegressor(lag=1), global WindowForecaster", row_naive),
}


# --------------------------------------------------------------------------- #
# Scoring and reporting
# --------------------------------------------------------------------------- #


def score(
    name: str,
    label: str,
    forecasts: np.ndarray,
    fit_s: float,
    data: M4Data,
    naive2: np.ndarray,
) -> dict:
    expected = (len(data.ids), HORIZON)
    if forecasts.shape != expected or not np.isfinite(forecasts).all():
        raise SystemExit(
            f"row {name!r} returned forecasts of shape {forecasts.shape} (expected "
            f"{expected}) or non-finite values."
        )
    train = [data.train[key] for key in data.ids]
    return {
        "row": name,
        "model": label,
        "smape": smape(data.test, forecasts),
        "mase": mase(data.test, forecasts, train, m=PERIOD),
        "owa": owa(data.test, forecasts, train, naive2, m=PERIOD),
        "fit_s": fit_s,
    }


def table(rows: list[dict]) -> str:
    lines = [
        f"{'method':<58} {'sMAPE':>7} {'MASE':>7} {'OWA':>6} {'fit s':>8}  OWA by seed"
    ]
    for row in rows:
        seeds = " ".join(f"{v:.3f}" for v in row.get("owa_by_seed", []))
        lines.append(
            f"{row['model'][:58]:<58} {row['smape']:7.3f} {row['mase']:7.3f} "
            f"{row['owa']:6.3f} {row['fit_s']:8.2f}  {seeds}"
        )
    lines.append("published (M4, Weekly):")
    for method, s, m, o in PUBLISHED:
        lines.append(f"  {method:<56} {s:7.3f} {m:7.3f} {o:6.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows",
        default=",".join(ROWS),
        help=f"comma-separated rows to run, of {', '.join(ROWS)} (default: all)",
    )
    parser.add_argument(
        "--data", type=Path, default=DATA, help="folder of the M4 Weekly files"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print only, do not write JSON"
    )
    parser.add_argument(
        "--networks",
        default="",
        help=f"comma-separated global networks of {', '.join(NETWORKS)} with "
        "default parameters (each over --seeds, with their seed ensemble, a "
        "differences='auto' GRU when gru is named, and the model selected on "
        "the validation weeks)",
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.rows.split(",") if name.strip()]
    unknown = [name for name in names if name not in ROWS]
    if unknown or not names:
        parser.error(f"--rows must name rows of {list(ROWS)}, got {args.rows!r}.")

    data = load(args.data)
    naive2, _ = row_naive2(data, args)
    rows = []
    for name in names:
        label, run = ROWS[name]
        forecasts, fit_s = run(data, args)
        rows.append(score(name, label, forecasts, fit_s, data, naive2))
        print(json.dumps(rows[-1]), flush=True)
    networks = [name.strip() for name in args.networks.split(",") if name.strip()]
    if any(name not in NETWORKS for name in networks):
        parser.error(f"--networks must name networks of {list(NETWORKS)}.")
    rows += network_rows(networks, args.seeds, data, naive2)
    names += [row["row"] for row in rows[len(names) :]]
    print(table(rows))

    result = {
        "benchmark": "M4 Weekly, 359 series, 13 weeks ahead",
        "protocol": {
            "horizon": HORIZON,
            "mase_m": PERIOD,
            "naive2_period": PERIOD,
            "aggregation": "sMAPE and MASE per series, mean over series; OWA from "
            "the means relative to Naive2",
        },
        "machine": platform.platform(),
        "rows": rows,
        "published": [
            {"model": method, "smape": s, "mase": m, "owa": o}
            for method, s, m, o in PUBLISHED
        ],
    }
    if not args.no_write:
        path = RESULTS / "m4_weekly.json"
        if path.is_file():
            kept = [
                row
                for row in json.loads(path.read_text()).get("rows", [])
                if row.get("row") not in names
            ]
            result["rows"] = kept + rows
        RESULTS.mkdir(exist_ok=True)
        path.write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
