"""Trending series: raw-level networks vs window_norm and differencing.

Two seeded synthetic daily series whose test period lies above the training
range (a network trained on raw levels has never seen those levels):

* ``trend+season``: ``10 + 0.15 t + 3 sin(2 pi t / 7) + N(0, 0.5)``;
* ``random walk+drift``: ``cumsum(0.3 + N(0, 1))``.

The first 600 days train (at least 90% of the test values lie above the
training maximum, checked) (the last 10% of their windows stop the networks
early), the last 200 days test. 14-step direct forecasts from 28-day
windows, MAE over all test windows and steps, for: naive (last value),
seasonal naive (lag 7), SARIMA (airline model (0,1,1)(0,1,1,7) for the
seasonal series, (0,1,0) with a constant (the drift) for the random walk;
parameters fitted on
the training windows), and GRU(32) / LSTM(32) trained on raw levels
(``none``), with ``window_norm="last"``, and with ``differences`` ((1, 7) for
the seasonal series, (1,) for the random walk).

It also reruns the ridership 14-ahead direct multivariate GRU(32) of
``ridership_multistep.py`` with none / ``window_norm="last"`` /
``differences=(7,)``.

Run ``python benchmarks/trend.py [--max-epochs N] [--skip-ridership]``;
prints the tables and writes ``benchmarks/results/trend.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from skrnn import (
    GRURegressor,
    LSTMRegressor,
    NaiveRegressor,
    SARIMARegressor,
    make_windows,
    per_horizon_mae,
)

WINDOW, AHEAD, N_TRAIN, N_TEST = 28, 14, 600, 200
RESULTS = Path(__file__).parent / "results"


def series() -> dict[str, tuple[np.ndarray, dict, tuple]]:
    """name -> (values, SARIMA parameters, difference lags)."""
    rng = np.random.RandomState(0)
    t = np.arange(N_TRAIN + N_TEST, dtype=float)
    seasonal = (
        10 + 0.15 * t + 3 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 0.5, t.size)
    )
    walk = np.cumsum(0.3 + rng.normal(0, 1, t.size))
    return {
        "trend+season": (
            seasonal,
            dict(order=(0, 1, 1), seasonal_order=(0, 1, 1, 7)),
            (1, 7),
        ),
        "random walk+drift": (walk, dict(order=(0, 1, 0), trend="c"), (1,)),
    }


def network_params(max_epochs: int) -> dict:
    return dict(
        epochs=max_epochs,
        early_stopping=True,
        patience=10,
        learning_rate=0.005,
        loss="huber",
        random_state=42,
    )


def score(model, X_train, y_train, X_test, y_test, **fit_kwargs) -> dict:
    start = time.perf_counter()
    model.fit(X_train, y_train, **fit_kwargs)
    seconds = time.perf_counter() - start
    mae = per_horizon_mae(y_test, model.predict(X_test))
    history = getattr(model, "history_", None)
    return {
        "mae": float(np.mean(mae)),
        "per_horizon_mae": [float(v) for v in mae],
        "epochs": len(history["loss"]) if history else 0,
        "fit_s": seconds,
    }


def run_synthetic(max_epochs: int) -> list[dict]:
    rows = []
    for name, (values, sarima, lags) in series().items():
        train, test = values[:N_TRAIN], values[N_TRAIN - WINDOW :]
        above = float(np.mean(test[WINDOW:] > train.max()))
        assert above >= 0.9, f"only {above:.0%} of the test levels exceed training"
        X_train, y_train = make_windows(train, WINDOW, horizon=AHEAD)
        X_test, y_test = make_windows(test, WINDOW, horizon=AHEAD)
        models = {
            "naive": NaiveRegressor(lag=1),
            "seasonal naive": NaiveRegressor(lag=7),
            "SARIMA": SARIMARegressor(**sarima),
        }
        for cell, cls in [("GRU", GRURegressor), ("LSTM", LSTMRegressor)]:
            for option, extra in [
                ("none", {}),
                ("window_norm", {"window_norm": "last"}),
                (f"differences={lags}", {"differences": lags}),
            ]:
                models[f"{cell}(32) {option}"] = cls(
                    (32,), **network_params(max_epochs), **extra
                )
        for label, model in models.items():
            row = {"series": name, "model": label, "test_above_train_max": above}
            row.update(score(model, X_train, y_train, X_test, y_test))
            rows.append(row)
            print(f"  {name:<18} {label:<28} MAE {row['mae']:8.3f}", flush=True)
    return rows


def run_ridership(max_epochs: int) -> list[dict]:
    import importlib.util

    path = Path(__file__).parent / "ridership_multistep.py"
    spec = importlib.util.spec_from_file_location("ridership_multistep", path)
    ridership = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ridership)
    data = ridership.frames()
    sets = {
        k: make_windows(v, ridership.WINDOW, horizon=ridership.AHEAD, target="rail")
        for k, v in data.items()
    }
    rail = 1  # column of "rail" in the multivariate frame (bus, rail, ...)
    rows = []
    for option, extra in [
        ("none", {}),
        ("window_norm='last'", {"window_norm": "last", "target_index": rail}),
        ("differences=(7,)", {"differences": (7,), "target_index": rail}),
    ]:
        model = GRURegressor(
            (32,), **ridership.keras_params(max_epochs, 0.005), **extra
        )
        mae, seconds, epochs = ridership.fit_score(
            model, *sets["train"], *sets["valid"]
        )
        row = {
            "series": "ridership (direct multivariate, 14 ahead)",
            "model": f"GRU(32) {option}",
            "mae": float(np.mean(mae)),
            "per_horizon_mae": [float(v) for v in mae],
            "epochs": epochs,
            "fit_s": seconds,
        }
        rows.append(row)
        print(f"  ridership GRU(32) {option:<22} MAE {row['mae']:>9,.0f}", flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = [f"{'series':<42} {'model':<30} {'MAE':>10} {'epochs':>6} {'fit s':>6}"]
    for row in rows:
        lines.append(
            f"{row['series']:<42} {row['model']:<30} {row['mae']:>10.4g} "
            f"{row['epochs']:>6} {row['fit_s']:>6.1f}"
        )
    return "\n".join(lines)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-epochs", type=int, default=100)
    parser.add_argument("--ridership-max-epochs", type=int, default=200)
    parser.add_argument("--skip-ridership", action="store_true")
    args = parser.parse_args(argv)
    rows = run_synthetic(args.max_epochs)
    if not args.skip_ridership:
        rows += run_ridership(args.ridership_max_epochs)
    print(table(rows))
    result = {"rows": rows, "max_epochs": args.max_epochs}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "trend.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
