"""Two-sine benchmark of Hands-On ML (ch. 15) with skrnn estimators.

10,000 series (``make_sine_series``, seed 42), 7,000 / 2,000 / 1,000 split,
Adam, 20 epochs, validation MSE:

* one step ahead from 50 steps: naive last value, linear, deep RNN;
* 10 steps ahead recursive (the deep RNN rolled forward), MSE over the 10 steps;
* seq2seq 10 steps ahead at every time step: LSTM and GRU (2 x 20 units),
  ``last_time_step_mse``.

Run ``python benchmarks/sine.py [--epochs N]``; prints a table and writes
``benchmarks/results/sine.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from numpy.lib.stride_tricks import sliding_window_view
from sklearn.metrics import mean_squared_error

from skrnn import (
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    NaiveRegressor,
    SimpleRNNRegressor,
    last_time_step_mse,
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
    "seq2seq LSTM 2x20": 0.0086,
    "seq2seq GRU 2x20": 0.0103,
}


def data():
    series = make_sine_series(10_000, N_STEPS + AHEAD, random_state=42)[..., 0]
    X = series[:, :N_STEPS]
    y_one = series[:, N_STEPS]
    y_ahead = series[:, N_STEPS:]
    # seq2seq: Y[i, t, k] = series[i, t + 1 + k]
    y_seq = sliding_window_view(series[:, 1:], AHEAD, axis=1)[:, :N_STEPS]
    train, valid = slice(0, 7000), slice(7000, 9000)
    return X, y_one, y_ahead, y_seq, train, valid


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args(argv)
    X, y_one, y_ahead, y_seq, train, valid = data()
    common = dict(epochs=args.epochs, random_state=42)
    deep_rnn = SimpleRNNRegressor((20, 20), **common)

    def one_step(model):
        model.fit(X[train], y_one[train])
        return mean_squared_error(y_one[valid], model.predict(X[valid]))

    def recursive(model):
        model = RecursiveRegressor(model, horizon=AHEAD).fit(X[train], y_one[train])
        return mean_squared_error(y_ahead[valid], model.predict(X[valid]))

    def seq2seq(model):
        model.fit(X[train], y_seq[train])
        return last_time_step_mse(y_seq[valid], model.predict(X[valid]))

    runs = [
        ("naive (last value)", one_step, NaiveRegressor(lag=1)),
        ("linear", one_step, DenseRegressor(**common)),
        ("deep RNN 2xSimpleRNN(20)", one_step, deep_rnn),
        (
            "10-ahead recursive (deep RNN)",
            recursive,
            SimpleRNNRegressor((20, 20), **common),
        ),
        ("seq2seq LSTM 2x20", seq2seq, LSTMRegressor((20, 20), **common)),
        ("seq2seq GRU 2x20", seq2seq, GRURegressor((20, 20), **common)),
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
        print(
            f"{row['model']:<32}{row['valid_mse']:>10.4f}{row['book']:>10.4f}"
            f"{row['seconds']:>10.1f}"
        )
    result = {"epochs": args.epochs, "rows": rows}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sine.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
