"""
SARIMA on the same windows as the networks
==========================================

:class:`~skrnn.SARIMARegressor` estimates a statsmodels SARIMAX model once on
the training windows and then forecasts each window with those fixed
parameters, so it is scored on exactly the windows the other regressors see.
With a weekly seasonal difference, ``(1, 0, 0)(0, 1, 1, 7)``, it learns what
the seasonal-naive forecast assumes, plus a correction from yesterday's error.
"""

# %%
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import mean_absolute_error

from skrnn import NaiveRegressor, SARIMARegressor, load_ridership, make_windows
from skrnn.plotting import plot_forecast

rail = load_ridership()["rail"] / 1e6
X_train, y_train = make_windows(rail["2016-01":"2018-12"], window_length=56)
X_valid, y_valid = make_windows(rail["2019-01":"2019-05"], window_length=56)

# %%
# ``fit`` rebuilds the series from the consecutive windows and estimates the
# parameters; ``predict`` is one matrix product (the Kalman filter's forecast
# from a window of fixed length is affine in the window).
sarima = SARIMARegressor(order=(1, 0, 0), seasonal_order=(0, 1, 1, 7))
sarima.fit(X_train, y_train)
print(dict(zip(sarima.param_names_, sarima.params_.round(3), strict=True)))

naive = NaiveRegressor(lag=7).fit(X_train, y_train)
for name, model in {"seasonal naive": naive, "SARIMA": sarima}.items():
    mae = mean_absolute_error(y_valid, model.predict(X_valid)) * 1e6
    print(f"{name:<15} MAE {mae:8,.0f} riders")

# %%
# The same model forecasts 14 days at once from 14-step direct targets.
X_train14, Y_train14 = make_windows(rail["2016-01":"2018-12"], 56, horizon=14)
X_valid14, Y_valid14 = make_windows(rail["2019-01":"2019-05"], 56, horizon=14)
sarima14 = SARIMARegressor((1, 0, 0), (0, 1, 1, 7)).fit(X_train14, Y_train14)
forecast = sarima14.predict(X_valid14[-1:])[0]
dates = rail["2019-01":"2019-05"].index[-14:]
ax = plot_forecast(
    rail["2019-05-01":"2019-05-31"],
    {"SARIMA from the window ending 2019-05-17": pd.Series(forecast, index=dates)},
)
ax.set_ylabel("boardings (millions)")
plt.show()
