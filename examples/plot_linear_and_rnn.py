"""
A linear model and a simple RNN, with early stopping
====================================================

:class:`~skrnn.DenseRegressor` without hidden layers is a linear model of the
window (one weight per time step); :class:`~skrnn.SimpleRNNRegressor` reads
the window step by step. Both are Keras models behind the scikit-learn API:
the training options (optimizer, loss, early stopping) are constructor
parameters, and the per-epoch curves are in ``history_``.
"""

# %%
import matplotlib.pyplot as plt
from sklearn.metrics import mean_absolute_error

from skrnn import DenseRegressor, SimpleRNNRegressor, load_ridership, make_windows
from skrnn.plotting import plot_history

rail = load_ridership()["rail"] / 1e6
X_train, y_train = make_windows(rail["2016-01":"2018-12"], window_length=56)
X_valid, y_valid = make_windows(rail["2019-01":"2019-05"], window_length=56)

# %%
# Huber loss (as in Hands-On ML), and training stopped when the validation
# loss stops improving (the best weights are restored). ``window_norm="last"``
# makes each window relative to its last value (and adds it back to the
# forecast), which speeds up training a lot on a series like this one. Passing
# ``validation_data`` uses the 2019 windows; with ``early_stopping=True`` and
# no ``validation_data`` the last ``validation_fraction`` of the training
# windows is held out instead, in time order.
common = dict(
    loss="huber",
    learning_rate=5e-3,
    early_stopping=True,
    patience=5,
    batch_size=64,
    window_norm="last",
    random_state=0,
)
models = {
    "linear": DenseRegressor(epochs=30, **common),
    "SimpleRNN(16)": SimpleRNNRegressor((16,), epochs=15, **common),
}
for name, model in models.items():
    model.fit(X_train, y_train, validation_data=(X_valid, y_valid))
    mae = mean_absolute_error(y_valid, model.predict(X_valid)) * 1e6
    print(f"{name:<14} {len(model.history_['loss']):3d} epochs  MAE {mae:8,.0f}")

# %%
# The training curves: ``plot_history`` draws every entry of ``history_``
# (training and validation loss) on a log scale.
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5), sharey=True)
for ax, (name, model) in zip(axes, models.items(), strict=True):
    plot_history(model.history_, ax=ax)
    ax.set_title(name)
fig.tight_layout()
plt.show()

# %%
# A simple RNN with one 16-unit layer has 16 * (16 + 1 + 1) + 17 = 305
# weights, the linear model 57; neither sees more than 56 days. Compare
# their errors with the seasonal-naive baseline's (see the baselines
# example): the weekly weights that lag 7 gets for free have to be learned.
for name, model in models.items():
    print(name, model.model_.count_params(), "weights")
