"""
Convolutions: a Conv1D + GRU stack and WaveNet
==============================================

Long windows are slow for recurrent layers, which walk them one step at a
time. :class:`~skrnn.ConvGRURegressor` first shortens the sequence with a
strided 1-D convolution, then runs a GRU over it;
:class:`~skrnn.WaveNetRegressor` drops recurrence altogether and stacks
dilated causal convolutions (dilations 1, 2, 4, 8, ... repeated in blocks),
whose receptive field doubles with every layer. Both are trained here on the
two-sine benchmark of Hands-On ML with seq2seq targets: a 10-step forecast
after every time step.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from skrnn import (
    ConvGRURegressor,
    WaveNetRegressor,
    last_time_step_mae,
    make_sine_series,
    make_windows,
)

n_steps, horizon = 32, 10
series = make_sine_series(1200, n_steps + horizon, random_state=42)[:, :, 0]


def seq2seq_windows(rows):
    """One window per series: the first 32 steps and their seq2seq targets."""
    pairs = [make_windows(row, n_steps, horizon=horizon, seq2seq=True) for row in rows]
    return np.concatenate([p[0] for p in pairs]), np.concatenate([p[1] for p in pairs])


X_train, Y_train = seq2seq_windows(series[:1000])
X_valid, Y_valid = seq2seq_windows(series[1000:])
print(X_train.shape, Y_train.shape)

# %%
# The convolution (kernel 4, stride 2) halves the sequence, so the GRU walks
# 15 steps instead of 32; the estimator aligns the seq2seq targets with the
# convolution's outputs itself. WaveNet with 5 layers of kernel 2 (dilations
# 1, 2, 4, 8, 16) sees ``1 + (2 - 1) * (2**5 - 1) = 32`` steps per output,
# the window length: a ``ReceptiveFieldWarning`` tells at fit when the window
# is longer than the receptive field (the first steps are never used) or
# shorter (the deepest layers see zero padding).
training = dict(epochs=10, batch_size=32, learning_rate=5e-3, random_state=0)
models = {
    "Conv1D + GRU": ConvGRURegressor((16,), filters=16, **training),
    "WaveNet": WaveNetRegressor(filters=16, n_layers=5, n_blocks=1, **training),
}
# ``predict`` returns the forecast from the last time step of each window,
# ``(n, 10)``; ``return_sequences=True`` would return all 32 of them.
predictions = {}
for name, model in models.items():
    model.fit(X_train, Y_train)
    predictions[name] = model.predict(X_valid)
    mae = last_time_step_mae(Y_valid, predictions[name])
    print(f"{name:<13} last-step MAE {mae:.4f}, {model.model_.count_params()} weights")

# %%
# The 10-step forecast from the end of one validation series.
fig, ax = plt.subplots(figsize=(9, 3.5))
t = np.arange(n_steps + horizon)
ax.plot(t, series[1000], color="black", lw=2, label="series")
for name, Y in predictions.items():
    ax.plot(t[n_steps:], Y[0], "o-", ms=3, label=name)
ax.axvline(n_steps - 0.5, color="0.6", ls="--")
ax.legend(loc="best", fontsize="small")
ax.set_title("10 steps ahead from the last time step")
plt.show()
