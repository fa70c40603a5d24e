"""
Quick start: a GRU against the seasonal-naive baseline
======================================================

Windows of 56 days predict the next day's CTA rail boardings. A GRU with its
default parameters and the seasonal-naive baseline (same day last week) are
fitted and scored by the same scikit-learn ``score`` (R²) and by the mean
absolute error in riders.
"""

# %%
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import mean_absolute_error

from skrnn import GRURegressor, NaiveRegressor, load_ridership, make_windows
from skrnn.plotting import plot_forecast

rail = load_ridership()["rail"]  # riders per day
X_train, y_train = make_windows(rail["2016-01":"2018-12"], window_length=56)
X_valid, y_valid = make_windows(rail["2019-01":"2019-05"], window_length=56)
print(X_train.shape, y_train.shape)

# %%
# Both models are scikit-learn regressors: ``fit``, ``predict``, ``score``.
# With its default parameters the GRU scales each window itself
# (``window_norm="auto"``), trains on the mean absolute error, holds out the
# last windows in time and stops when their error stops falling, keeping the
# best epoch's weights. Only the seed is set.
gru = GRURegressor(random_state=0)
models = {"seasonal naive (lag 7)": NaiveRegressor(lag=7), "GRU, defaults": gru}
predictions = {}
for name, model in models.items():
    model.fit(X_train, y_train)
    predictions[name] = model.predict(X_valid)
    mae = mean_absolute_error(y_valid, predictions[name])
    r2 = model.score(X_valid, y_valid)
    print(f"{name:<24} R² {r2:6.3f}   MAE {mae:9,.0f} riders")

# %%
# Trained for a few seconds, the default GRU forecasts the next day clearly
# better than naive-7, a baseline that is hard to beat (see the baselines
# example). ``benchmarks/defaults.py`` gives every network over three seeds;
# more inputs (the multivariate example) pull networks further ahead.
#
# The last six weeks of the validation period.
dates = rail["2019-01":"2019-05"].index[56:]
actual = pd.Series(y_valid, index=dates)[-42:]
ax = plot_forecast(
    actual, {name: pd.Series(p, index=dates)[-42:] for name, p in predictions.items()}
)
ax.set_ylabel("boardings")
plt.show()
