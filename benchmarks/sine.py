"""Two-sine benchmark of Hands-On ML (ch. 15) with skrnn estimators.

10,000 series (``make_sine_series``, seed 42), 7,000 / 2,000 / 1,000 split,
Adam, 20 epochs, validation MSE:

* one step ahead from 50 steps: naive last value, linear, deep RNN;
* 10 steps ahead: recursive (the deep RNN rolled forward) and direct (the
  deep RNN with a 10-value output), MSE over the 10 steps.

The seq2seq models (LSTM, GRU, Conv1D+GRU, WaveNet; ``last_time_step_mse``)
are in ``sine_seq2seq.py``.

Run ``python benchmarks/sine.py [--epochs N]``; prints a table and writes
``benchmarks/results/sine.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sklearn.metrics import mean_squared_error

from skrnn import (
    DenseRegressor,
    NaiveRegressor,
    SimpleRNNRegressor,
    make_sine_series,
)
from skrnn.multistep import RecursiveRegressor

N_STEPS, AHEAD = 50, 10
RESULTS = Path(__file__).parent / "results"
BOOK = {
    "naive (last value)": 0.0202,
    "linear": 0.0042,
    "deep RNN 2xSimpleRNN(20)": 0.0026,
    "10-ahead recursive (deep RNN)": 0.0275,
    "10-ahead direct (deep RNN)": None,  # not among DESIGN §4's figures
}


def data():
    series = make_sine_series(10_000, N_STEPS + AHEAD, random_state=42)[..., 0]
    X = series[:, :N_STEPS]
    y_one = series[:, N_STEPS]
    y_ahead = series[:, N_STEPS:]
    train, valid = slice(0, 7000), slice(7000, 9000)
    return X, y_one, y_ahead, train, valid


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args(argv)
    X, y_one, y_ahead, train, valid = data()
    common = dict(epochs=args.epochs, random_state=42)
    deep_rnn = SimpleRNNRegressor((20, 20), **common)

    def one_step(model):
        model.fit(X[train], y_one[train])
        return mean_squared_error(y_one[valid], model.predict(X[valid]))

    def recursive(model):
        model = RecursiveRegressor(model, horizon=AHEAD).fit(X[train], y_one[train])
        return mean_squared_error(y_ahead[valid], model.predict(X[valid]))

    def direct(model):
        model.fit(X[train], y_ahead[train])
        return mean_squared_error(y_ahead[valid], model.predict(X[valid]))

    runs = [
        ("naive (last value)", one_step, NaiveRegressor(lag=1)),
        ("linear", one_step, DenseRegressor(**common)),
        ("deep RNN 2xSimpleRNN(20)", one_step, deep_rnn),
        (
            "10-ahead recursive (deep RNN)",
            recursive,
            SimpleRNNRegressor((20, 20), **common),
        ),
        ("10-ahead direct (deep RNN)", direct, SimpleRNNRegressor((20, 20), **common)),
    ]
    rows = []
    for label, evaluate, model in runs:
        start = time.perf_counter()
        mse = float(evaluate(model))
        rows.append(
            {
                "model": label,
                "valid_mse": mse,
                "book": BOOK[label],
                "seconds": time.perf_counter() - start,
            }
        )
    print(f"\nTwo-sine series, validation MSE ({args.epochs} epochs, Adam)")
    print(f"{'model':<32}{'skrnn':>10}{'book':>10}{'seconds':>10}")
    for row in rows:
        book = "-" if row["book"] is None else f"{row['book']:.4f}"
        print(
            f"{row['model']:<32}{row['valid_mse']:>10.4f}{book:>10}"
            f"{row['seconds']:>10.1f}"
        )
    result = {"epochs": args.epochs, "rows": rows}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sine.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
