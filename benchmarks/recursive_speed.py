"""14-step recursive forecasts: skrnn against the book's loop, XLA and sktime.

One LSTM(32) trained one step ahead on 56-day windows of CTA rail ridership
(2-D windows, so sktime's reduction can feed it too; ``window_norm=None``,
so that the bare network's loops below compute the same forecasts). Then a
14-step recursive forecast of 1,000 windows with that same trained network:

* ``skrnn``: :class:`skrnn.RecursiveRegressor` (the whole 14-step loop in
  one compiled call on the whole batch);
* ``jit``: one ``tf.function(jit_compile=True)`` running the whole 14-step
  loop over the batch (the practical floor);
* ``book``: the book's loop of ``model.predict`` per window per step (timed on
  a few windows, extrapolated to 1,000);
* ``sktime``: ``make_reduction(strategy="recursive")`` with its fitted
  regressor replaced by the same network; sktime forecasts one series per
  forecaster, so its time for one series is measured and extrapolated.

The ``jit`` loop is a TensorFlow function, so this benchmark runs on the
TensorFlow backend unless ``KERAS_BACKEND`` says otherwise
(``benchmarks/backend_speed.py`` compares the backends).

Run ``python benchmarks/recursive_speed.py``; prints a table and writes
``benchmarks/results/recursive_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import warnings
from pathlib import Path

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from skrnn import LSTMRegressor, RecursiveRegressor, load_ridership, make_windows

WINDOW, AHEAD, N_WINDOWS = 56, 14, 1000
RESULTS = Path(__file__).parent / "results"


def best_of(run, repeats=3):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - start)
    return min(times), out


def main(argv: list[str] | None = None) -> dict:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    import tensorflow as tf

    rail = load_ridership()["rail"]["2016-01":"2018-12"] / 1e6
    X, y = make_windows(rail, WINDOW)
    X = X[..., 0]  # 2-D windows (n, 56): the layout sktime's reduction uses
    model = LSTMRegressor((32,), epochs=3, window_norm=None, random_state=0)
    model.fit(X, y)
    batch = np.ascontiguousarray(
        X[np.random.RandomState(0).randint(0, len(X), N_WINDOWS)]
    )
    recursive = RecursiveRegressor(model, horizon=AHEAD).fit(X, y)
    recursive.estimator_ = model  # the very same trained network everywhere
    recursive.predict(batch[:10])
    skrnn_s, ours = best_of(lambda: recursive.predict(batch))

    net = model.model_

    @tf.function(jit_compile=True)
    def whole_loop(windows):
        outputs = []
        for _ in range(AHEAD):
            step = net(windows, training=False)  # (n, 1)
            outputs.append(step[:, 0])
            windows = tf.concat([windows[:, 1:], step], axis=1)
        return tf.stack(outputs, axis=1)

    start = time.perf_counter()
    whole_loop(tf.constant(batch))
    jit_compile_s = time.perf_counter() - start
    jit_s, jit_out = best_of(lambda: whole_loop(tf.constant(batch)).numpy())

    def book_loop(windows):
        preds = np.empty((len(windows), AHEAD))
        for i, window in enumerate(windows):
            window = window[None].copy()
            for k in range(AHEAD):
                preds[i, k] = net.predict(window, verbose=0)[0, 0]
                window = np.concatenate([window[:, 1:], [[preds[i, k]]]], axis=1)
        return preds

    n_book = 5
    book_part_s, book_out = best_of(lambda: book_loop(batch[:n_book]), repeats=1)
    book_s = book_part_s / n_book * N_WINDOWS

    import pandas as pd
    from sktime.forecasting.compose import make_reduction

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        series = pd.Series(rail.to_numpy(dtype=float))
        reduction = make_reduction(
            LSTMRegressor((32,), epochs=1, window_norm=None, random_state=0),
            window_length=WINDOW,
            strategy="recursive",
        )
        reduction.fit(series, fh=np.arange(1, AHEAD + 1))
        reduction.estimator_ = model
        sktime_one_s, sktime_out = best_of(lambda: reduction.predict().to_numpy())
    last_window = X[-1:].copy()
    last_window[0, :-1], last_window[0, -1] = last_window[0, 1:], y[-1]
    skrnn_one_s, ours_one = best_of(lambda: recursive.predict(last_window))
    sktime_s = sktime_one_s * N_WINDOWS

    result = {
        "n_windows": N_WINDOWS,
        "horizon": AHEAD,
        "seconds": {
            "skrnn": skrnn_s,
            "jit_tf_function": jit_s,
            "book_model_predict_loop_extrapolated": book_s,
            "sktime_make_reduction_extrapolated": sktime_s,
        },
        "one_series_seconds": {"skrnn": skrnn_one_s, "sktime": sktime_one_s},
        "jit_compile_s": jit_compile_s,
        "speedup_vs_book": book_s / skrnn_s,
        "ratio_vs_jit": skrnn_s / jit_s,
        "speedup_vs_sktime": sktime_s / skrnn_s,
        "speedup_vs_sktime_one_series": sktime_one_s / skrnn_one_s,
        "max_abs_diff": {
            "jit": float(np.abs(ours - jit_out).max()),
            "book": float(np.abs(ours[:n_book] - book_out).max()),
            "sktime": float(np.abs(ours_one[0] - sktime_out).max()),
        },
    }
    print(f"\n14-step recursive forecast of {N_WINDOWS:,} windows, LSTM(32), window 56")
    print(f"{'method':<46}{'seconds':>10}{'skrnn is':>12}")
    rows = [
        ("skrnn RecursiveRegressor", skrnn_s),
        ("one jit tf.function over the batch", jit_s),
        ("book: model.predict per window per step (*)", book_s),
        ("sktime make_reduction, per series (*)", sktime_s),
    ]
    for label, seconds in rows:
        print(f"{label:<46}{seconds:>10.3f}{seconds / skrnn_s:>11.1f}x")
    print(
        "(*) extrapolated from 5 windows / 1 series. Targets: >= 500x vs the book, "
        "within 2x of jit, >= 5x vs sktime.\n"
        f"one series alone: skrnn {skrnn_one_s * 1e3:.1f} ms, sktime "
        f"{sktime_one_s * 1e3:.1f} ms ({sktime_one_s / skrnn_one_s:.0f}x); "
        f"max |diff| vs jit {result['max_abs_diff']['jit']:.1e}, vs book "
        f"{result['max_abs_diff']['book']:.1e}, vs sktime "
        f"{result['max_abs_diff']['sktime']:.1e}"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "recursive_speed.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
