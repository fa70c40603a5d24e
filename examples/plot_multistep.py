"""
Forecasting 14 days ahead: four multi-step strategies
=====================================================

A one-step model forecasts tomorrow. For the next 14 days there are four
ways to use a window model:

* **recursive**: a one-step model, its forecast appended to the window and
  fed back 14 times (:class:`~skrnn.RecursiveRegressor`);
* **direct, one model per step**: 14 separate one-output models, model ``k``
  trained on the value ``k`` steps ahead (scikit-learn's
  :class:`~sklearn.multioutput.MultiOutputRegressor`);
* **direct, sequence-to-vector**: one network reads the window and its last
  time step outputs a vector of the 14 values (targets ``(n, 14)``);
* **seq2seq**: the network outputs a 14-step forecast after *every* time
  step of the window (targets ``(n, 56, 14)``), which gives 56 times more
  error signal per window; the forecast is read at the last time step.
"""

# %%
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.multioutput import MultiOutputRegressor

from skrnn import (
    GRURegressor,
    NaiveRegressor,
    RecursiveRegressor,
    last_time_step_mae,
    load_ridership,
    make_windows,
    per_horizon_mae,
)
from skrnn.plotting import plot_horizon_mae

rail = load_ridership()["rail"] / 1e6
train, valid = rail["2016-01":"2018-12"], rail["2019-01":"2019-05"]
L, H = 56, 14
X_train, y_train = make_windows(train, L)  # one step
X_train14, Y_train14 = make_windows(train, L, horizon=H)  # direct
X_train_s, Y_train_s = make_windows(train, L, horizon=H, seq2seq=True)
X_valid, Y_valid = make_windows(valid, L, horizon=H)  # what is scored
_, Y_valid_s = make_windows(valid, L, horizon=H, seq2seq=True)
print(Y_train14.shape, Y_train_s.shape)

# The networks train for a few seconds only. ``window_norm="last"`` (each
# window and its targets minus the window's last value, see the trends
# notes) lets them converge in a dozen epochs.
training = dict(
    epochs=12,
    batch_size=64,
    learning_rate=1e-2,
    loss="huber",
    window_norm="last",
    random_state=0,
)

# %%
# Recursive: a one-step model is trained once; ``predict`` rolls it forward
# 14 times, each step one call on the whole batch of windows. Any regressor
# works (3-D windows are flattened for those that take 2-D input); with a
# Keras regressor each step is one graph call. A ridge regression keeps this
# example fast.
recursive = RecursiveRegressor(Ridge(alpha=1.0), horizon=H)
recursive.fit(X_train, y_train)

# %%
# Direct with one model per step: a ridge regression on the flattened
# window for each of the 14 steps.
per_step = MultiOutputRegressor(Ridge(alpha=1.0))
per_step.fit(X_train14[:, :, 0], Y_train14)

# %%
# Sequence-to-vector: one GRU, 14 outputs.
seq_to_vector = GRURegressor((16,), **training).fit(X_train14, Y_train14)

# %%
# Seq2seq: the same GRU trained on a forecast after every step. Its
# ``predict`` returns the forecast from the last time step, ``(n, 14)``, like
# the direct model's; ``predict(X, return_sequences=True)`` returns all of
# them, ``(n, 56, 14)``, and ``last_time_step_mae`` scores the last step.
seq2seq = GRURegressor((16,), **training).fit(X_train_s, Y_train_s)
Y_pred_s = seq2seq.predict(X_valid, return_sequences=True)
print(Y_pred_s.shape, f"last-step MAE {last_time_step_mae(Y_valid_s, Y_pred_s):.4f}")

# %%
# Errors by horizon, in riders. The seasonal-naive forecast repeats the
# last week twice.
forecasts = {
    "seasonal naive": NaiveRegressor(lag=7).fit(X_train14, Y_train14).predict(X_valid),
    "recursive ridge": recursive.predict(X_valid),
    "ridge per step": per_step.predict(X_valid[:, :, 0]),
    "seq-to-vector GRU": seq_to_vector.predict(X_valid),
    "seq2seq GRU (last step)": seq2seq.predict(X_valid),
}
errors = {name: per_horizon_mae(Y_valid, F) * 1e6 for name, F in forecasts.items()}
print(pd.DataFrame(errors, index=range(1, H + 1)).mean().round(0))
ax = plot_horizon_mae(errors)
ax.set_ylabel("MAE (riders)")
plt.show()

# %%
# After a few seconds of training the ridge regressions lead here, and the
# recursive forecast is best at the first steps, where its one-step model is
# accurate and no error has been fed back yet. With longer training and the
# multivariate inputs (``benchmarks/ridership_multistep.py``), the seq2seq
# GRU is the best 14-day model of that benchmark: training on a forecast
# after every time step gives it ``window_length`` times more targets per
# window than the sequence-to-vector network.
