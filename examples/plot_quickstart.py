"""
Quick start: a GRU against the seasonal-naive baseline
======================================================

Windows of 56 days predict the next day's CTA rail boardings. A GRU and the
seasonal-naive baseline (same day last week) are fitted and scored by the same
scikit-learn ``score`` (R²) and by the mean absolute error in riders.
"""

# %%
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import mean_absolute_error

from skrnn import GRURegressor, NaiveRegressor, load_ridership, make_windows
from skrnn.plotting import plot_forecast

rail = load_ridership()["rail"] / 1e6
X_train, y_train = make_windows(rail["2016-01":"2018-12"], window_length=56)
X_valid, y_valid = make_windows(rail["2019-01":"2019-05"], window_length=56)
print(X_train.shape, y_train.shape)

# %%
# Both models are scikit-learn regressors: ``fit``, ``predict``, ``score``.
# The GRU trains on each window minus its last value (``window_norm="last"``,
# undone in ``predict``), which makes a few seconds of training enough.
gru = GRURegressor(
    (16,),
    epochs=15,
    batch_size=64,
    learning_rate=1e-2,
    loss="huber",
    window_norm="last",
    random_state=0,
)
models = {"seasonal naive (lag 7)": NaiveRegressor(lag=7), "GRU(16)": gru}
predictions = {}
for name, model in models.items():
    model.fit(X_train, y_train)
    predictions[name] = model.predict(X_valid)
    mae = mean_absolute_error(y_valid, predictions[name]) * 1e6
    r2 = model.score(X_valid, y_valid)
    print(f"{name:<24} R² {r2:6.3f}   MAE {mae:9,.0f} riders")

# %%
# Trained for a few seconds, the GRU lands near the baseline: naive-7 is hard
# to beat (see the baselines example). Longer training
# (``benchmarks/ridership_one_step.py``) and more inputs (the multivariate
# example) pull networks ahead of it.
#
# The last six weeks of the validation period.
dates = rail["2019-01":"2019-05"].index[56:]
actual = pd.Series(y_valid, index=dates)[-42:]
ax = plot_forecast(
    actual, {name: pd.Series(p, index=dates)[-42:] for name, p in predictions.items()}
)
ax.set_ylabel("boardings (millions)")
plt.show()
