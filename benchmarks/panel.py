"""Panels and Dask: 1,000 series, one global GRU, and a grid on a cluster.

Synthetic panel (seeded): 1,000 series x 500 daily steps, each a level,
a trend, a weekly season and noise, with levels from 10 to 10,000.

Rows:

* windowing: ``make_windows`` over the panel (56-step windows inside each
  series, stacked) against a per-window Python loop of copies; time (best
  of 3) and peak memory (tracemalloc), beside the bytes of the windows;
* global GRU(32) fit on every series' windows (``WindowForecaster`` with a
  per-series ``StandardScaler``), the last 14 steps of every series held out;
* 14-step recursive forecast of all 1,000 series (one batched network call
  per step) against a loop over the series (timed on 50, extrapolated), and
  the MAE of the held-out 14 days against the seasonal naive forecast;
* a grid of 8 GRU fits (4 settings x 2 folds) serially in-process (where
  TensorFlow uses every core for each fit), then with ``n_jobs=-1`` on a
  ``LocalCluster`` of 1 and of 2 single-threaded workers on loopback: the
  1-to-2-worker ratio is how the grid scales with workers; the cluster
  start is timed apart.

Run ``python benchmarks/panel.py [--n-series N] [--epochs E]``; prints a
table and writes ``benchmarks/results/panel.json``.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.preprocessing import StandardScaler

from skrnn import GRURegressor, WindowForecaster, make_windows
from skrnn.parallel import dask_backend

RESULTS = Path(__file__).parent / "results"
WINDOW, AHEAD, SEASON = 56, 14, 7


def synthetic_panel(n_series: int, n_steps: int, seed: int = 0) -> dict:
    """{id: daily Series}: level * (1 + trend + weekly season + noise)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n_steps)
    index = pd.date_range("2020-01-01", periods=n_steps, freq="D")
    panel = {}
    for i in range(n_series):
        level = 10 ** rng.uniform(1, 4)
        trend = rng.normal(0, 0.5) * t / n_steps
        season = rng.uniform(0.05, 0.3) * np.sin(
            2 * np.pi * t / SEASON + rng.uniform(0, 7)
        )
        noise = rng.normal(0, rng.uniform(0.01, 0.05), n_steps)
        panel[f"s{i:04d}"] = pd.Series(
            level * (1 + trend + season + noise), index=index
        )
    return panel


def timed(run):
    start = time.perf_counter()
    out = run()
    return time.perf_counter() - start, out


def peak_memory(run):
    tracemalloc.start()
    out = run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, out


def loop_windows(arrays: list[np.ndarray]):
    """Reference: every window copied one by one in Python."""
    X, y = [], []
    for values in arrays:
        for start in range(len(values) - WINDOW):
            X.append(values[start : start + WINDOW])
            y.append(values[start + WINDOW])
    return np.array(X, dtype=np.float32)[..., None], np.array(y, dtype=np.float32)


def best_of(run, repeats: int = 3):
    """Smallest wall time of ``repeats`` runs, and the last result."""
    times, out = [], None
    for _ in range(repeats):
        seconds, out = timed(run)
        times.append(seconds)
    return min(times), out


def windowing_rows(panel: dict) -> list[dict]:
    arrays = [series.to_numpy(np.float32) for series in panel.values()]
    variants = [
        ("make_windows(list of float32 arrays)", lambda: make_windows(arrays, WINDOW)),
        ("make_windows(dict of pandas Series)", lambda: make_windows(panel, WINDOW)),
        ("Python loop of window copies", lambda: loop_windows(arrays)),
    ]
    rows, reference = [], None
    for name, run in variants:
        seconds, (X, y) = best_of(run)
        peak, _ = peak_memory(run)
        if reference is None:
            reference = (X, y)
        assert np.array_equal(X, reference[0]) and np.array_equal(y, reference[1])
        rows.append(
            {
                "row": f"windowing: {name}",
                "seconds": seconds,
                "peak_mb": peak / 2**20,
                "output_mb": (X.nbytes + y.nbytes) / 2**20,
                "n_windows": len(X),
            }
        )
    return rows


def global_model_rows(panel: dict, epochs: int) -> list[dict]:
    train = {key: series.iloc[:-AHEAD] for key, series in panel.items()}
    test = np.stack([series.iloc[-AHEAD:].to_numpy() for series in panel.values()])
    forecaster = WindowForecaster(
        GRURegressor((32,), epochs=epochs, batch_size=256, random_state=0),
        window_length=WINDOW,
        horizon=AHEAD,
        series_scaler=StandardScaler(),
    )
    fit_s, _ = timed(lambda: forecaster.fit(train))
    n_windows = sum(len(series) - WINDOW for series in train.values())
    forecaster.predict()  # warm-up: the prediction graph is traced once
    batched_s, forecast = timed(forecaster.predict)
    forecast = forecast.to_numpy().reshape(len(panel), AHEAD)

    n_loop = min(50, len(panel))
    windows = forecaster.last_windows_
    recursive = forecaster.estimator_

    def loop():
        return [recursive.forecast(windows[i : i + 1], AHEAD) for i in range(n_loop)]

    loop_s, looped = timed(loop)
    np.testing.assert_allclose(
        np.concatenate(looped), recursive.forecast(windows[:n_loop], AHEAD), atol=1e-4
    )
    loop_s *= len(panel) / n_loop

    naive = np.stack(
        [series.iloc[-AHEAD - SEASON : -AHEAD].to_numpy() for series in train.values()]
    )
    naive = np.tile(naive, (1, 2))[:, :AHEAD]
    scale = np.stack([series.iloc[:-AHEAD].std() for series in panel.values()])
    gru_error = float(np.mean(np.abs(forecast - test).mean(axis=1) / scale))
    naive_error = float(np.mean(np.abs(naive - test).mean(axis=1) / scale))
    return [
        {
            "row": f"global GRU(32) fit, {epochs} epochs",
            "seconds": fit_s,
            "n_windows": n_windows,
        },
        {
            "row": f"{AHEAD}-step recursive forecast, all series batched",
            "seconds": batched_s,
            "scaled_mae": gru_error,
        },
        {
            "row": f"{AHEAD}-step recursive forecast, loop over series (extrapolated)",
            "seconds": loop_s,
        },
        {"row": "seasonal naive (lag 7), same 14 days", "scaled_mae": naive_error},
    ]


def grid_rows(panel: dict, n_grid_series: int) -> list[dict]:
    subset = dict(list(panel.items())[:n_grid_series])
    scaled = {
        key: (series - series.mean()) / series.std() for key, series in subset.items()
    }
    X, y = make_windows(scaled, WINDOW)
    grid = {"hidden_layer_sizes": [(8,), (16,)], "learning_rate": [3e-3, 1e-2]}
    estimator = GRURegressor(epochs=2, batch_size=128, random_state=0)
    cv = TimeSeriesSplit(n_splits=2)
    serial_s, serial = timed(
        lambda: GridSearchCV(estimator, grid, cv=cv, n_jobs=1).fit(X, y)
    )
    on_cluster = {}
    for n_workers in (1, 2):
        start = time.perf_counter()
        with dask_backend(n_workers=n_workers, scatter=[X, y]) as client:
            # first contact: each worker imports Keras and its backend once
            client.run(lambda: __import__("skrnn.models._backend"))
            startup_s = time.perf_counter() - start
            seconds, search = timed(
                lambda: GridSearchCV(estimator, grid, cv=cv, n_jobs=-1).fit(X, y)
            )
        on_cluster[n_workers] = (seconds, search, startup_s)
    rows = [
        {
            "row": f"grid of 8 fits, serial in-process ({len(X)} windows)",
            "seconds": serial_s,
        }
    ]
    for n_workers, (seconds, search, _) in on_cluster.items():
        same = bool(
            np.allclose(
                search.cv_results_["mean_test_score"],
                serial.cv_results_["mean_test_score"],
                rtol=1e-4,
            )
        )
        rows.append(
            {
                "row": f"grid of 8 fits, {n_workers}-worker LocalCluster",
                "seconds": seconds,
                "speedup": serial_s / seconds,
                "same_scores": same,
            }
        )
    rows.append(
        {
            "row": "2 workers against 1 single-threaded worker",
            "speedup": on_cluster[1][0] / on_cluster[2][0],
        }
    )
    rows.append(
        {
            "row": "2-worker LocalCluster start + TensorFlow import",
            "seconds": on_cluster[2][2],
        }
    )
    return rows


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-series", type=int, default=1000)
    parser.add_argument("--n-steps", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--n-grid-series", type=int, default=100)
    parser.add_argument(
        "--only-grid", action="store_true", help="rerun the grid rows only"
    )
    args = parser.parse_args(argv)
    panel = synthetic_panel(args.n_series, args.n_steps)
    stages = [
        lambda: windowing_rows(panel),
        lambda: global_model_rows(panel, args.epochs),
        lambda: grid_rows(panel, args.n_grid_series),
    ]
    rows = []
    if args.only_grid:  # keep the other rows of the last full run
        previous = json.loads((RESULTS / "panel.json").read_text())["rows"]
        rows = [row for row in previous if not row["row"].startswith("grid")]
        rows = [row for row in rows if "worker" not in row["row"]]
        stages = stages[2:]
    for stage in stages:
        rows += stage()
        print(json.dumps(rows[-1]), flush=True)

    print(f"{args.n_series} series x {args.n_steps} steps, window {WINDOW}")
    print(f"{'row':<66} {'seconds':>8} {'peak MB':>8} {'other':>22}")
    for row in rows:
        seconds = f"{row['seconds']:.2f}" if "seconds" in row else ""
        peak = f"{row['peak_mb']:.0f}" if "peak_mb" in row else ""
        other = ""
        if "output_mb" in row:
            other = f"windows {row['output_mb']:.0f} MB"
        if "scaled_mae" in row:
            other = f"MAE/std {row['scaled_mae']:.3f}"
        if "speedup" in row:
            other = f"x{row['speedup']:.2f}"
        if "same_scores" in row:
            other += f", same: {row['same_scores']}"
        print(f"{row['row']:<66} {seconds:>8} {peak:>8} {other:>22}")
    result = {"n_series": args.n_series, "n_steps": args.n_steps, "rows": rows}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "panel.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
