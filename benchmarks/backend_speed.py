"""skrnn on each Keras backend against bare Keras on the same backend.

For every neural window regressor (Dense, SimpleRNN, LSTM, GRU, Conv1D+GRU,
WaveNet, a layer-normalised SimpleRNN and a bidirectional LSTM) on the CTA
rail ridership windows (rail / 1e6, window 56, train 2016-01..2018-12,
validation 2019-01..05), on each backend:

* fit: the median time of an epoch after the first (which includes
  compiling), and the first epoch's time, for skrnn and for bare Keras
  doing the same work: the very same network (``keras.models.clone_model``
  of skrnn's, compiled with the same loss and optimizer, same seed, batch
  size and epochs) trained on the windows and targets skrnn's network sees
  (standardised per window, skrnn's default ``window_norm``), with skrnn's
  default early stopping (the time-ordered split: the last 10 % of the
  windows validated every epoch, the 56 windows before them dropped;
  ``EarlyStopping`` with the same patience, best weights restored), from
  the initial weights skrnn's network started from. The two validation
  MAEs then agree to float32 rounding, which shows that the work is the
  same. The two are interleaved, each first in turn, and the best of the
  repeats is kept;
* predict: one ``predict`` of the validation windows, skrnn against bare
  ``predict_on_batch`` and ``predict``;
* a 14-step recursive forecast of the validation windows: skrnn's
  :class:`~skrnn.multistep.RecursiveRegressor` against a hand-compiled loop
  (the 14 steps, with the model's per-window standardisation, unrolled in
  one ``jax.jit`` on JAX, one ``tf.function(jit_compile=True)`` on
  TensorFlow) and against a plain loop of ``predict_on_batch`` calls, the
  best of many interleaved calls; the first calls (which compile) are
  reported apart;
* the validation MAE (riders) of skrnn's and of the bare network.

Each backend runs in its own process (a process cannot change backend);
ratios are taken within one process. The load averages at the start and
the end are saved with the results (on a shared machine the ratios of the
small, fast models move by tens of percent from run to run). Then
``skrnn compare --quick`` and the full lineup (``--skip-full`` leaves it
out) run once per backend; the wall time, the command's own "Done in"
time, and the start-up (interpreter, skrnn and Keras imports) are
reported. On JAX they also run with a persistent compilation cache, cold
then warm.

Run ``python benchmarks/backend_speed.py [--epochs N] [--skip-full]``;
prints a table and writes ``benchmarks/results/backend_speed.json``.
``--recursive-only`` (models trained ``--epochs``) and ``--compare-only``
rerun one part and update its rows in the saved results.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

WINDOW = 56
SCALE = 1e6
AHEAD = 14
BACKENDS = ("jax", "tensorflow")
RESULTS = Path(__file__).parent / "results"
SETTINGS = dict(
    loss="huber", optimizer="adam", learning_rate=3e-3, batch_size=32, random_state=0
)


def models():
    from skrnn.models import (
        ConvGRURegressor,
        DenseRegressor,
        GRURegressor,
        LSTMRegressor,
        SimpleRNNRegressor,
        WaveNetRegressor,
    )

    return {
        "Dense (linear)": DenseRegressor(),
        "SimpleRNN(32)": SimpleRNNRegressor((32,)),
        "LSTM(32)": LSTMRegressor((32,)),
        "GRU(32)": GRURegressor((32,)),
        "Conv1D+GRU(32)": ConvGRURegressor((32,)),
        "WaveNet": WaveNetRegressor(),
        "SimpleRNN(32) layer_norm": SimpleRNNRegressor((32,), layer_norm=True),
        "LSTM(32) bidirectional": LSTMRegressor((32,), bidirectional=True),
    }


def ridership():
    from skrnn import load_ridership, make_windows

    rail = load_ridership()["rail"] / SCALE
    X_train, y_train = make_windows(rail["2016-01":"2018-12"], WINDOW)
    X_valid, y_valid = make_windows(rail["2019-01":"2019-05"], WINDOW)
    as32 = lambda a: np.ascontiguousarray(a, dtype=np.float32)  # noqa: E731
    return as32(X_train), as32(y_train), as32(X_valid), as32(y_valid)


def best_of(run, repeats=5):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_interleaved(runs: dict, seconds: float = 1.0) -> dict:
    """The best time of each of ``runs``, called in turn (so that all see
    the same machine load) for about ``seconds`` in all, 30 to 2,000 times
    each: a forecast of a small network takes a fraction of a millisecond,
    and on a loaded machine a few calls are too few to find its time."""
    once = {name: best_of(run, repeats=1) for name, run in runs.items()}
    repeats = int(min(2000, max(30, seconds / sum(once.values()))))
    times = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: min(seconds) for name, seconds in times.items()}


def epoch_timer():
    import keras

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds = []
            self.initial_weights = None

        def on_train_begin(self, logs=None):
            self.initial_weights = self.model.get_weights()

        def on_epoch_begin(self, epoch, logs=None):
            self._start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self._start)

    return EpochTimer()


def hand_compiled_loop(network, backend: str, window_norm: str | None):
    """The whole recursive forecast as one compiled function of the windows.

    Written out by hand for these univariate windows: the per-window
    standardisation of skrnn's default ``window_norm="standard"`` (or none),
    the network, the output mapped back, the window rolled on.
    """
    if window_norm not in (None, "standard"):
        raise ValueError(f"no hand-written loop for window_norm={window_norm!r}")
    if backend == "jax":
        import jax
        import jax.numpy as jnp

        def standardised(windows):
            if window_norm is None:
                return windows, 0.0, 1.0
            mean = windows.mean(axis=1)
            std = windows.std(axis=1)
            std = jnp.where(std > 0, std, 1.0)
            return (windows - mean[:, None]) / std[:, None], mean, std

        @jax.jit
        def loop(trainable, fixed, windows):
            steps = []
            for _ in range(AHEAD):
                inputs, offset, scale = standardised(windows)
                step, _ = network.stateless_call(
                    trainable, fixed, inputs, training=False
                )
                step = step * scale + offset
                steps.append(step[:, 0])
                windows = jnp.concatenate([windows[:, 1:], step[:, None, :]], axis=1)
            return jnp.stack(steps, axis=1)

        def run(windows):
            trainable = [v.value for v in network.trainable_variables]
            fixed = [v.value for v in network.non_trainable_variables]
            return np.asarray(loop(trainable, fixed, windows))

        return run
    import tensorflow as tf

    def standardised_tf(windows):
        if window_norm is None:
            return windows, 0.0, 1.0
        mean = tf.reduce_mean(windows, axis=1)
        std = tf.math.reduce_std(windows, axis=1)
        std = tf.where(std > 0, std, tf.ones_like(std))
        return (windows - mean[:, None]) / std[:, None], mean, std

    @tf.function(jit_compile=True)
    def loop(windows):
        steps = []
        for _ in range(AHEAD):
            inputs, offset, scale = standardised_tf(windows)
            step = network(inputs, training=False) * scale + offset
            steps.append(step[:, 0])
            windows = tf.concat([windows[:, 1:], step[:, None, :]], axis=1)
        return tf.stack(steps, axis=1)

    return lambda windows: loop(tf.constant(windows)).numpy()


def predict_on_batch_loop(network, windows, window_norm: str | None):
    steps = []
    for _ in range(AHEAD):
        inputs, offset, scale = windows, 0.0, 1.0
        if window_norm == "standard":
            offset, scale = windows.mean(axis=1), windows.std(axis=1)
            scale = np.where(scale > 0, scale, 1.0)
            inputs = (windows - offset[:, None]) / scale[:, None]
        step = np.asarray(network.predict_on_batch(inputs.astype(np.float32)))
        step = step * scale + offset
        steps.append(step[:, 0])
        windows = np.concatenate([windows[:, 1:], step[:, None, :]], axis=1)
    return np.stack(steps, axis=1)


def standardised_windows(X, y=None):
    """skrnn's default ``window_norm="standard"`` in NumPy, for univariate
    windows: each window (and its target) less the window's mean, over its
    standard deviation (1 where it is 0); with the statistics."""
    offset, scale = X.mean(axis=1), X.std(axis=1)
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    X = ((X - offset[:, None]) / scale[:, None]).astype(np.float32)
    if y is None:
        return X, offset[:, 0], scale[:, 0]
    return X, ((y - offset[:, 0]) / scale[:, 0]).astype(np.float32)


def time_ordered_split(X, y, validation_fraction: float, gap: int):
    """skrnn's early-stopping split: the last ``validation_fraction`` of the
    windows held out, the ``gap`` windows before them dropped."""
    n_val = int(np.ceil(validation_fraction * len(X)))
    n_train = len(X) - n_val - gap
    return (X[:n_train], y[:n_train]), (X[-n_val:], y[-n_val:])


def bare_keras_fit(model, data, epochs: int, callbacks: list, initial_weights=None):
    """The network of the fitted skrnn ``model`` cloned, and trained by bare
    Keras on the very work skrnn's fit does with its settings: the same
    normalised windows and targets, the same time-ordered validation split
    and early stopping (``patience``, best weights restored), batch size,
    loss, optimizer, seed and epochs, from ``initial_weights`` (those skrnn's
    network started from: ``clone_model`` draws a bidirectional layer's
    initial weights in another order)."""
    import keras

    X, y = data[:2]
    if model.window_norm_ == "standard":
        X, y = standardised_windows(X, y)
    elif model.window_norm_ is not None:
        raise ValueError(f"no bare-Keras twin for window_norm={model.window_norm_!r}")
    fit_args = {}
    if model.early_stopping:
        (X, y), validation = time_ordered_split(
            X, y, model.validation_fraction, gap=model.window_length_
        )
        fit_args["validation_data"] = validation
        callbacks = [
            *callbacks,
            keras.callbacks.EarlyStopping(
                monitor="val_loss",
                mode="min",
                patience=model.patience,
                restore_best_weights=True,
            ),
        ]
    keras.utils.set_random_seed(0)
    network = keras.models.clone_model(model.model_)
    if initial_weights is not None:
        network.set_weights(initial_weights)
    network.compile(
        loss=keras.losses.Huber(),
        optimizer=keras.optimizers.Adam(learning_rate=SETTINGS["learning_rate"]),
    )
    network.fit(
        X,
        y,
        batch_size=SETTINGS["batch_size"],
        epochs=epochs,
        shuffle=True,
        verbose=0,
        callbacks=callbacks,
        **fit_args,
    )
    return network


def bare_keras_predict(network, X, window_norm: str | None):
    """Predictions of the bare network in the series' units."""
    if window_norm is None:
        return np.asarray(network.predict(X, verbose=0))[:, 0]
    X, offset, scale = standardised_windows(X)
    return np.asarray(network.predict(X, verbose=0))[:, 0] * scale + offset


def measure_model(estimator, data, epochs: int, repeats: int) -> dict:
    from sklearn.base import clone
    from sklearn.metrics import mean_absolute_error

    X_train, y_train, X_valid, y_valid = data
    fits = {"skrnn": [], "keras": []}
    model = initial_weights = None
    # interleaved, so both see the same machine load, and in turns first
    # (the second fit of a pair tends to be a few percent slower): skrnn
    # first in the first repeat, whose initial weights bare Keras starts from
    for repeat in range(repeats):
        for who in ("skrnn", "keras") if repeat % 2 == 0 else ("keras", "skrnn"):
            timer = epoch_timer()
            if who == "skrnn":
                model = clone(estimator).set_params(
                    epochs=epochs, callbacks=[timer], **SETTINGS
                )
                start = time.perf_counter()
                model.fit(X_train, y_train)
            else:
                start = time.perf_counter()
                network = bare_keras_fit(model, data, epochs, [timer], initial_weights)
            fits[who].append((time.perf_counter() - start, timer.seconds))
            if initial_weights is None:
                initial_weights = timer.initial_weights
    row = {}
    for who, runs in fits.items():
        row[f"{who}_epoch_s"] = min(statistics.median(s[1:]) for _, s in runs)
        row[f"{who}_first_epoch_s"] = min(s[0] for _, s in runs)
        row[f"{who}_fit_s"] = min(total for total, _ in runs)
        row[f"{who}_epochs"] = len(runs[-1][1])  # fewer when early stopping stops

    model.predict(X_valid)
    network.predict_on_batch(X_valid)
    network.predict(X_valid, verbose=0)
    row["skrnn_predict_s"] = best_of(lambda: model.predict(X_valid))
    row["keras_predict_on_batch_s"] = best_of(lambda: network.predict_on_batch(X_valid))
    row["keras_predict_s"] = best_of(lambda: network.predict(X_valid, verbose=0))
    row["skrnn_valid_mae"] = float(
        mean_absolute_error(y_valid, model.predict(X_valid)) * SCALE
    )
    row["keras_valid_mae"] = float(
        mean_absolute_error(
            y_valid, bare_keras_predict(network, X_valid, model.window_norm_)
        )
        * SCALE
    )

    row.update(measure_recursive(model, data))
    row["fit_ratio"] = row["skrnn_epoch_s"] / row["keras_epoch_s"]
    return row


def measure_recursive(model, data) -> dict:
    """The 14-step recursive forecast of the validation windows with the
    trained ``model``: skrnn against the hand-compiled and the
    ``predict_on_batch`` loops (the first call, which compiles, apart)."""
    from sklearn.base import clone

    from skrnn.multistep import RecursiveRegressor

    X_train, y_train, X_valid, _ = data
    one_epoch = clone(model).set_params(epochs=1, callbacks=None, early_stopping=False)
    recursive = RecursiveRegressor(one_epoch, horizon=AHEAD).fit(
        X_train[:64], y_train[:64]
    )
    recursive.estimator_ = model  # the very same trained network everywhere
    window_norm = model.window_norm_
    loop = hand_compiled_loop(model.model_, model_backend(), window_norm)
    row = {}
    start = time.perf_counter()
    ours = recursive.predict(X_valid)
    row["skrnn_recursive_first_call_s"] = time.perf_counter() - start
    start = time.perf_counter()
    theirs = loop(X_valid)
    row["hand_compiled_recursive_first_call_s"] = time.perf_counter() - start
    plain = predict_on_batch_loop(model.model_, X_valid, window_norm)
    row["recursive_max_abs_diff"] = float(
        max(np.abs(ours - theirs).max(), np.abs(ours - plain).max())
    )
    best = best_of_interleaved(
        {
            "skrnn_recursive_s": lambda: recursive.predict(X_valid),
            "hand_compiled_recursive_s": lambda: loop(X_valid),
            "predict_on_batch_recursive_s": lambda: predict_on_batch_loop(
                model.model_, X_valid, window_norm
            ),
        }
    )
    row.update(best)
    row["recursive_ratio"] = row["skrnn_recursive_s"] / row["hand_compiled_recursive_s"]
    return row


def model_backend() -> str:
    import keras

    return keras.backend.backend()


def worker(epochs: int, repeats: int, recursive_only: bool = False) -> dict:
    start = time.perf_counter()
    import skrnn.models

    skrnn.models.GRURegressor  # noqa: B018 (imports Keras and its backend)
    import_s = time.perf_counter() - start
    data = ridership()
    # the default WaveNet sees 31 of the 56 steps, as in `skrnn compare`
    warnings.filterwarnings("ignore", category=skrnn.models.ReceptiveFieldWarning)
    rows = {}
    for name, estimator in models().items():
        if recursive_only:
            from sklearn.base import clone

            model = clone(estimator).set_params(epochs=epochs, **SETTINGS)
            rows[name] = measure_recursive(model.fit(*data[:2]), data)
        else:
            rows[name] = measure_model(estimator, data, epochs, repeats)
        print(f"  {model_backend()}: {name} done", file=sys.stderr, flush=True)
    return {"backend": model_backend(), "import_s": import_s, "models": rows}


def run_worker(
    backend: str, epochs: int, repeats: int, recursive_only: bool = False
) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                out.name,
                "--epochs",
                str(epochs),
                "--repeats",
                str(repeats),
                *(["--recursive-only"] if recursive_only else []),
            ],
            env={**os.environ, "KERAS_BACKEND": backend},
            check=True,
        )
        return json.loads(Path(out.name).read_text())


def time_compare(backend: str, quick: bool, cache_dir: str | None = None) -> dict:
    env = {**os.environ, "KERAS_BACKEND": backend}
    if cache_dir is not None:
        env["JAX_COMPILATION_CACHE_DIR"] = cache_dir
        env["JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS"] = "0"
    startup = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t = time.perf_counter(); import skrnn.models; "
            "skrnn.models.GRURegressor; print(time.perf_counter() - t)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "skrnn", "compare", "--output-dir", out]
        start = time.perf_counter()
        result = subprocess.run(
            [*command, *(["--quick"] if quick else [])],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wall_s = time.perf_counter() - start
        board = json.loads((Path(out) / "leaderboard.json").read_text())
    done = re.search(r"Done in (\d+) s", result.stdout)
    return {
        "wall_s": wall_s,
        "done_in_s": float(done.group(1)) if done else None,
        "import_s": float(startup.stdout.strip().splitlines()[-1]),
        "stderr_lines": len(result.stderr.splitlines()),
        "valid_mae": {row["model"]: row["valid_mae"] for row in board["leaderboard"]},
    }


def print_tables(result: dict) -> None:
    load = result.get("load_average")
    if load:
        print(
            f"Load average (1, 5, 15 min) on {load['cpus']} CPUs: start "
            f"{', '.join(f'{x:.2f}' for x in load['start'])}; end "
            f"{', '.join(f'{x:.2f}' for x in load['end'])}"
        )
    per_backend = result["backends"]
    names = list(next(iter(per_backend.values()))["models"])
    print(
        f"\nPer-epoch fit (median after the first; first epoch in brackets), "
        f"{result['epochs']} epochs, best of {result['repeats']}:"
    )
    header = f"{'model':<26}"
    for backend in per_backend:
        header += f"{backend + ' skrnn':>18}{backend + ' keras':>18}{'ratio':>7}"
    print(header + f"{'keras tf/jax':>14}")
    for name in names:
        line = f"{name:<26}"
        for rows in per_backend.values():
            row = rows["models"][name]
            line += (
                f"{row['skrnn_epoch_s']:>8.3f} ({row['skrnn_first_epoch_s']:>5.1f}) "
                f"{row['keras_epoch_s']:>8.3f} ({row['keras_first_epoch_s']:>5.1f}) "
                f"{row['fit_ratio']:>6.2f}"
            )
        if {"jax", "tensorflow"} <= set(per_backend):
            speedup = (
                per_backend["tensorflow"]["models"][name]["keras_epoch_s"]
                / per_backend["jax"]["models"][name]["skrnn_epoch_s"]
            )
            line += f"{speedup:>13.1f}x"
        print(line)

    print("\nPredict the validation windows (ms), 14-step recursive forecast (ms):")
    header = f"{'model':<26}"
    for backend in per_backend:
        header += (
            f"{backend + ' skrnn':>16}{'pob':>7}{'predict':>8}"
            f"{'rec skrnn':>10}{'rec jit':>8}{'rec pob':>8}{'ratio':>7}"
        )
    print(header)
    for name in names:
        line = f"{name:<26}"
        for rows in per_backend.values():
            row = rows["models"][name]
            line += (
                f"{row['skrnn_predict_s'] * 1e3:>16.2f}"
                f"{row['keras_predict_on_batch_s'] * 1e3:>7.2f}"
                f"{row['keras_predict_s'] * 1e3:>8.1f}"
                f"{row['skrnn_recursive_s'] * 1e3:>10.1f}"
                f"{row['hand_compiled_recursive_s'] * 1e3:>8.1f}"
                f"{row['predict_on_batch_recursive_s'] * 1e3:>8.1f}"
                f"{row['recursive_ratio']:>7.2f}"
            )
        print(line)

    print("\nValidation MAE (riders), skrnn / bare Keras:")
    for name in names:
        line = f"{name:<26}"
        for backend, rows in per_backend.items():
            row = rows["models"][name]
            line += (
                f"{backend:>12} {row['skrnn_valid_mae']:>8,.0f} / "
                f"{row['keras_valid_mae']:>8,.0f}"
            )
        print(line)

    print("\nskrnn compare (s): wall, 'Done in', start-up imports, stderr lines")
    for label, timing in result["compare"].items():
        print(
            f"{label:<40}{timing['wall_s']:>8.1f}{timing['done_in_s'] or 0:>8.0f}"
            f"{timing['import_s']:>8.1f}{timing['stderr_lines']:>6}"
        )
    boards = {
        label: timing["valid_mae"]
        for label, timing in result["compare"].items()
        if "cache" not in label and "valid_mae" in timing
    }
    models_run = sorted({name for board in boards.values() for name in board})
    print("\nskrnn compare, validation MAE (riders):")
    print(f"{'model':<24}" + "".join(f"{label:>22}" for label in boards))
    for name in models_run:
        cells = [board.get(name) for board in boards.values()]
        print(
            f"{name:<24}"
            + "".join(f"{c:>22,.0f}" if c is not None else f"{'-':>22}" for c in cells)
        )


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--skip-full", action="store_true", help="no full lineup")
    parser.add_argument(
        "--recursive-only",
        action="store_true",
        help="measure the recursive forecasts only (each model trained --epochs) "
        "and update their rows in the saved results",
    )
    parser.add_argument(
        "--compare-only",
        action="store_true",
        help="time `skrnn compare` only and update its rows in the saved results",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = worker(args.epochs, args.repeats, args.recursive_only)
        Path(args.worker).write_text(json.dumps(result))
        return result

    backends = args.backends.split(",")
    load_at_start = os.getloadavg()
    saved = RESULTS / "backend_speed.json"
    partial = args.recursive_only or args.compare_only
    if partial:  # update the saved results
        result = json.loads(saved.read_text())
        result.setdefault("compare", {})
    else:
        result = {"epochs": args.epochs, "repeats": args.repeats, "backends": {}}
        result["compare"] = {}
    for backend in [] if args.compare_only else backends:
        rows = run_worker(backend, args.epochs, args.repeats, args.recursive_only)
        if args.recursive_only:
            for name, row in rows["models"].items():
                result["backends"][backend]["models"][name].update(row)
            result["recursive_rows"] = (
                f"measured separately (--recursive-only), models trained "
                f"{args.epochs} epochs"
            )
        else:
            result["backends"][backend] = rows
    lineups = [("--quick", True)] + ([] if args.skip_full else [("full", False)])
    for label, quick in [] if args.recursive_only else lineups:
        for backend in backends:
            key = f"{backend} {label}"
            result["compare"][key] = time_compare(backend, quick)
            if backend == "jax":
                with tempfile.TemporaryDirectory() as cache:
                    for state in ("cold", "warm"):
                        result["compare"][f"{key}, compilation cache {state}"] = (
                            time_compare(backend, quick, cache_dir=cache)
                        )
    result["load_average"] = {
        "start": list(load_at_start),
        "end": list(os.getloadavg()),
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(exist_ok=True)
    saved.write_text(json.dumps(result, indent=2))
    print_tables(result)
    return result


if __name__ == "__main__":
    main()
