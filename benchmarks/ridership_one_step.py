"""One-step-ahead CTA rail ridership: skrnn models beside the book's figures.

The recipe of Hands-On ML (3rd ed., ch. 15): rail boardings / 1e6, train on
2016-01..2018-12, validate on 2019-01..05, windows of 56 days, SGD with
momentum 0.9 and the Huber loss, early stopping on the validation set
(patience 50, best weights restored), at most 500 epochs. Windows never
cross the train/validation boundary.

Also measures the wrapper's fit overhead: the same SimpleRNN(32) + Dense(1)
network trained for the same epochs on the same windows by a bare
``keras.Model.fit`` and by :class:`skrnn.SimpleRNNRegressor`.

Run ``python benchmarks/ridership_one_step.py [--max-epochs N]``; prints a
table and writes ``benchmarks/results/ridership_one_step.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sklearn.metrics import mean_absolute_error

from skrnn import (
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    SimpleRNNRegressor,
    load_ridership,
    make_windows,
)

WINDOW = 56
SCALE = 1e6
RESULTS = Path(__file__).parent / "results"

# (label, estimator, book's validation MAE in riders or None)
BOOK_SGD = dict(loss="huber", optimizer="sgd", momentum=0.9, random_state=42)


def lineup(max_epochs: int):
    common = dict(
        epochs=max_epochs, early_stopping=True, patience=50, batch_size=32, **BOOK_SGD
    )
    return [
        (
            "linear (Dense on 56 lags)",
            DenseRegressor(learning_rate=0.02, **common),
            37_866,
        ),
        (
            "SimpleRNN(32)+Dense",
            SimpleRNNRegressor((32,), learning_rate=0.05, **common),
            27_703,
        ),
        (
            "deep RNN 3xSimpleRNN(32)",
            SimpleRNNRegressor((32, 32, 32), learning_rate=0.01, **common),
            31_211,
        ),
        ("LSTM(32)+Dense", LSTMRegressor((32,), learning_rate=0.05, **common), None),
        ("GRU(32)+Dense", GRURegressor((32,), learning_rate=0.05, **common), None),
        (
            "GRU(32)+Dense, Adam 3e-3",
            GRURegressor(
                (32,),
                learning_rate=3e-3,
                loss="huber",
                epochs=max_epochs,
                early_stopping=True,
                patience=50,
                random_state=42,
            ),
            None,
        ),
    ]


def ridership_splits():
    rail = load_ridership()["rail"] / SCALE
    train = rail["2016-01":"2018-12"]
    valid = rail["2019-01":"2019-05"]
    X_train, y_train = make_windows(train, WINDOW)
    X_valid, y_valid = make_windows(valid, WINDOW)
    return X_train, y_train, X_valid, y_valid


def fit_overhead(X, y, epochs: int, repeats: int = 3) -> dict:
    """Best-of-``repeats`` fit time: bare Keras vs the scikit-learn wrapper."""
    import keras

    def bare_fit():
        keras.utils.set_random_seed(0)
        model = keras.Sequential(
            [
                keras.Input((WINDOW, 1)),
                keras.layers.SimpleRNN(32),
                keras.layers.Dense(1),
            ]
        )
        model.compile(
            loss="huber",
            optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9),
        )
        model.fit(X, y, epochs=epochs, batch_size=32, verbose=0)

    def wrapped_fit():
        SimpleRNNRegressor((32,), epochs=epochs, learning_rate=0.05, **BOOK_SGD).fit(
            X, y
        )

    times = {"bare_keras_s": [], "skrnn_s": []}
    for _ in range(repeats):  # interleaved, so both see the same machine load
        for key, run in (("bare_keras_s", bare_fit), ("skrnn_s", wrapped_fit)):
            start = time.perf_counter()
            run()
            times[key].append(time.perf_counter() - start)
    best = {key: min(values) for key, values in times.items()}
    best["ratio"] = best["skrnn_s"] / best["bare_keras_s"]
    best["epochs"] = epochs
    return best


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-epochs", type=int, default=500)
    parser.add_argument("--overhead-epochs", type=int, default=20)
    args = parser.parse_args(argv)

    X_train, y_train, X_valid, y_valid = ridership_splits()
    naive_mae = mean_absolute_error(y_valid, X_valid[:, -7, 0]) * SCALE
    rows = [
        {
            "model": "naive, lag 7",
            "mae": naive_mae,
            "book": None,
            "epochs": 0,
            "fit_s": 0.0,
        }
    ]
    for label, model, book in lineup(args.max_epochs):
        start = time.perf_counter()
        model.fit(X_train, y_train, validation_data=(X_valid, y_valid))
        fit_s = time.perf_counter() - start
        mae = mean_absolute_error(y_valid, model.predict(X_valid)) * SCALE
        rows.append(
            {
                "model": label,
                "mae": mae,
                "book": book,
                "epochs": len(model.history_["loss"]),
                "fit_s": fit_s,
            }
        )

    print(f"\nCTA rail, one step ahead, validation 2019-01..05 ({len(y_valid)} days)")
    print(f"{'model':<28}{'MAE (riders)':>14}{'book':>10}{'epochs':>8}{'fit s':>8}")
    for row in rows:
        book = f"{row['book']:,}" if row["book"] else "-"
        print(
            f"{row['model']:<28}{row['mae']:>14,.0f}{book:>10}"
            f"{row['epochs']:>8}{row['fit_s']:>8.1f}"
        )
    best = min(rows[1:], key=lambda row: row["mae"])
    print(f"best: {best['model']} {best['mae']:,.0f} riders (target <= 26,000)")

    overhead = fit_overhead(X_train, y_train, args.overhead_epochs)
    print(
        f"\nfit overhead, SimpleRNN(32), {overhead['epochs']} epochs, best of 3: "
        f"bare Keras {overhead['bare_keras_s']:.2f} s, "
        f"skrnn {overhead['skrnn_s']:.2f} s, "
        f"ratio {overhead['ratio']:.3f} (target <= 1.15)"
    )
    result = {"rows": rows, "best": best, "fit_overhead": overhead}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ridership_one_step.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
