"""Seq2seq on the two-sine series (Hands-On ML ch. 15): LSTM, GRU, Conv1D+GRU, WaveNet.

10,000 series of 60 steps (``make_sine_series``, seed 42); the first 50 steps
are the window, and at every time step ``t`` the model forecasts the next 10
values (``Y[i, t, k] = series[i, t + 1 + k]``). Train on 7,000 series,
validate on the next 2,000; the score is ``last_time_step_mse`` on the
validation series (the 10-step forecast made from the whole window), next to
the book's figures. Adam, batch 32, fixed number of epochs (20 by default,
as in the book), ``random_state=42``; no early stopping, so the validation
series play no part in training.

Architectures (the book's, 32 units / filters per layer by default instead of
the book's 20; ``--width 20`` gives the book's sizes):

* LSTM / GRU: two recurrent layers, then a per-step linear head;
* Conv1D+GRU: Conv1D(kernel_size=4, strides=2) then two GRU layers, trained
  on the targets of the convolution's output steps (``Y[:, 3::2]``);
* WaveNet: causal Conv1D with dilation rates 1, 2, 4, 8, twice, then a 1x1
  convolution head.

Run ``python benchmarks/sine_seq2seq.py [--epochs N] [--width W]``; prints a
table and writes ``benchmarks/results/sine_seq2seq.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import warnings
from pathlib import Path

from numpy.lib.stride_tricks import sliding_window_view

from skrnn import GRURegressor, LSTMRegressor, last_time_step_mse, make_sine_series
from skrnn.models._conv import (
    ConvGRURegressor,
    ReceptiveFieldWarning,
    WaveNetRegressor,
)

N_STEPS, AHEAD = 50, 10
RESULTS = Path(__file__).parent / "results"
BOOK = {"LSTM": 0.0086, "GRU": 0.0103, "Conv1D+GRU": 0.0080, "WaveNet": 0.0072}


def data():
    """Windows (10000, 50), seq2seq targets (10000, 50, 10), train/valid slices."""
    series = make_sine_series(10_000, N_STEPS + AHEAD, random_state=42)[..., 0]
    X = series[:, :N_STEPS]
    Y = sliding_window_view(series[:, 1:], AHEAD, axis=1)[:, :N_STEPS]
    return X, Y, slice(0, 7000), slice(7000, 9000)


def models(width: int, epochs: int) -> dict:
    common = dict(epochs=epochs, batch_size=32, random_state=42)
    return {
        "LSTM": LSTMRegressor((width, width), **common),
        "GRU": GRURegressor((width, width), **common),
        "Conv1D+GRU": ConvGRURegressor(
            (width, width), filters=width, kernel_size=4, strides=2, **common
        ),
        "WaveNet": WaveNetRegressor(
            filters=width, kernel_size=2, n_layers=4, n_blocks=2, **common
        ),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument(
        "--width", type=int, default=32, help="units / filters per layer"
    )
    parser.add_argument("--only", nargs="*", choices=list(BOOK), default=list(BOOK))
    args = parser.parse_args(argv)
    X, Y, train, valid = data()
    rows = []
    for label, model in models(args.width, args.epochs).items():
        if label not in args.only:
            continue
        start = time.perf_counter()
        with warnings.catch_warnings():
            # the window (50) is longer than WaveNet's receptive field (31),
            # as in the book: the forecasts at steps >= 30 see 31 steps
            warnings.simplefilter("ignore", ReceptiveFieldWarning)
            model.fit(X[train], Y[train])
        seconds = time.perf_counter() - start
        mse = last_time_step_mse(Y[valid], model.predict(X[valid]))
        rows.append(
            {
                "model": label,
                "valid_last_time_step_mse": float(mse),
                "book": BOOK[label],
                "epochs": len(model.history_["loss"]),
                "fit_seconds": seconds,
                "n_params": int(model.model_.count_params()),
            }
        )
        print(f"{label}: {mse:.4f} in {seconds:.0f} s", flush=True)
    print(
        f"\nTwo-sine seq2seq, 10 ahead, validation last-time-step MSE "
        f"(Adam, width {args.width})"
    )
    print(
        f"{'model':<12}{'skrnn':>9}{'book':>9}{'epochs':>8}{'seconds':>9}{'params':>8}"
    )
    for row in rows:
        print(
            f"{row['model']:<12}{row['valid_last_time_step_mse']:>9.4f}"
            f"{row['book']:>9.4f}{row['epochs']:>8}{row['fit_seconds']:>9.1f}"
            f"{row['n_params']:>8}"
        )
    result = {
        "epochs": args.epochs,
        "width": args.width,
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "rows": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sine_seq2seq.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
