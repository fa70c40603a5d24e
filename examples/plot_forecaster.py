"""
Forecasting dates with WindowForecaster, and backtesting
========================================================

Windows are the training data; a forecast is about dates.
:class:`~skrnn.WindowForecaster` takes a series with a time index, cuts the
windows, trains any window regressor with a multi-step strategy, and returns
the forecast on the future dates. ``backtest`` replays the forecast from many
origins and reports the error at every step ahead.
"""

# %%
import matplotlib.pyplot as plt
from sklearn.linear_model import Ridge

from skrnn import NaiveRegressor, WindowForecaster, load_ridership
from skrnn.plotting import plot_forecast

rail = load_ridership()["rail"] / 1e6
history = rail["2016-01":"2018-12"]

# %%
# A ridge regression on 56-day windows, direct strategy: one fit, 14 outputs.
# Any scikit-learn regressor works: windows are flattened for estimators that
# take no 3-D input.
forecaster = WindowForecaster(Ridge(), window_length=56, strategy="direct", horizon=14)
forecaster.fit(history)
forecast = forecaster.predict()
print(forecast.head())

# %%
# The forecast is a Series on the next 14 dates, beside the actual values.
# Forecasting from the last days of December, the seasonal-naive forecast
# repeats the holiday week; the ridge regression, which weighs eight weeks,
# is much less fooled by it.
naive = WindowForecaster(
    NaiveRegressor(lag=7), window_length=56, horizon=14, strategy="direct"
).fit(history)
ax = plot_forecast(
    rail["2018-12-01":"2019-01-14"],
    {"ridge, direct": forecast, "seasonal naive": naive.predict()},
)
ax.set_ylabel("boardings (millions)")
plt.show()

# %%
# Backtest: refit-free rolling-origin forecasts from every day of
# 2019-01..05 (the model is the one fitted on the history; pass
# ``refit=True`` to retrain at every origin). ``errors`` has the MAE and RMSE
# per step ahead, ``forecasts`` one row per origin and step.
result = forecaster.backtest(rail["2016-01":"2019-05"], start="2019-01-01")
baseline = naive.backtest(rail["2016-01":"2019-05"], start="2019-01-01")
print(result.forecasts.head(3))
errors = result.errors.assign(naive_MAE=baseline.errors["MAE"])
print((errors * 1e6).round(0))

# %%
# The recursive strategy trains a one-step model and forecasts any horizon.
recursive = WindowForecaster(Ridge(), window_length=56).fit(history)
print(recursive.predict(horizon=21).tail(3))
