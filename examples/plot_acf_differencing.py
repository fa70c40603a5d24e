"""
ACF/PACF, differencing and drifting series
==========================================

The autocorrelation function (ACF) tells which lags matter; the partial
autocorrelation (PACF) which of them add something beyond the shorter lags.
Together they suggest SARIMA orders and the differencing a series needs. The
same differencing, and per-window normalisation, also let networks forecast
series that drift out of the range they were trained on.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error

from skrnn import GRURegressor, NaiveRegressor, load_ridership, make_windows
from skrnn.plotting import plot_acf_pacf

rail = load_ridership()["rail"]["2016-01":"2018-12"] / 1e6

# %%
# Raw ridership: the ACF peaks at 7, 14, 21, ... and decays slowly: a weekly
# season on a slowly moving level.
acf_ax, pacf_ax = plot_acf_pacf(rail, lags=35)
acf_ax.set_title("ACF, rail ridership")
pacf_ax.set_title("PACF, rail ridership")
plt.show()

# %%
# After a seasonal difference (``y[t] - y[t-7]``) the weekly peaks are gone.
# What is left: a PACF that cuts off after lag 1 (an AR(1) term), and a
# single negative ACF spike at lag 7 with PACF spikes shrinking at 7, 14, 21,
# 28 (a seasonal MA(1) term): the SARIMA ``(1, 0, 0)(0, 1, 1, 7)`` of the
# SARIMA example.
acf_ax, pacf_ax = plot_acf_pacf(rail.diff(7).dropna(), lags=35)
acf_ax.set_title("ACF, differenced at lag 7")
pacf_ax.set_title("PACF, differenced at lag 7")
plt.show()

# %%
# A series that trends out of its training range: a line plus a weekly
# season. A network trained on raw levels has never seen the later values.
rng = np.random.RandomState(0)
t = np.arange(700)
series = 10 + 0.05 * t + 3 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 0.5, t.size)
train, test = series[:500], series[500:]
X_train, y_train = make_windows(train, window_length=28)
X_test, y_test = make_windows(test, window_length=28)

# %%
# ``differences=(1,)`` trains on the day-to-day changes inside each window
# and integrates the forecast back; ``window_norm="last"`` subtracts each
# window's last value from the window and its target (and adds it back).
training = dict(epochs=20, batch_size=32, learning_rate=1e-2, random_state=0)
models = {
    "seasonal naive": NaiveRegressor(lag=7),
    "GRU, raw levels": GRURegressor((16,), **training),
    "GRU, differences=(1,)": GRURegressor((16,), differences=(1,), **training),
    'GRU, window_norm="last"': GRURegressor((16,), window_norm="last", **training),
}
maes = {}
for name, model in models.items():
    model.fit(X_train, y_train)
    maes[name] = mean_absolute_error(y_test, model.predict(X_test))
print(pd.Series(maes, name="test MAE").round(3))
