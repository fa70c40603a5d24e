"""
Naive baselines: why "same day last week" is hard to beat
=========================================================

Before training anything, score the forecasts that need no training: repeat
the last value (naive, ``lag=1``), or repeat the value of one season ago
(seasonal naive). Daily ridership has a strong weekly cycle, so the
seasonal-naive forecast with ``lag=7`` is right about most of what there is
to know: its error is what every learned model has to beat.
"""

# %%
# The data: CTA daily rail boardings, in millions, with the Hands-On ML
# periods (train 2016-2018, validate 2019-01..05).
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import mean_absolute_error

from skrnn import NaiveRegressor, load_ridership, make_windows
from skrnn.plotting import plot_forecast

rail = load_ridership()["rail"] / 1e6
valid = rail["2019-01":"2019-05"]
X_valid, y_valid = make_windows(valid, window_length=56)

# %%
# A :class:`~skrnn.NaiveRegressor` reads its forecast from the window; ``fit``
# learns nothing, it only checks the shapes, so it fits in microseconds.
maes = {}
for lag in (1, 7, 14, 28):
    model = NaiveRegressor(lag=lag).fit(X_valid, y_valid)
    maes[lag] = mean_absolute_error(y_valid, model.predict(X_valid)) * 1e6
print(pd.Series(maes, name="MAE (riders)").rename_axis("lag").round(0))

# %%
# Lag 7 is about three times better than lag 1: weekdays and weekends differ
# by hundreds of thousands of riders, and last week's same day already knows
# it. Older weeks (lag 14, 28) carry the same weekly shape but staler levels,
# so they do not do better. A model has to learn the weekly cycle *and*
# something more (holidays, trends, the weather in the recent days) to beat
# lag 7.
#
# The forecasts of one month: the naive forecast lags the series by a day,
# the seasonal one misses only holidays and unusual days.
model_1 = NaiveRegressor(lag=1).fit(X_valid, y_valid)
model_7 = NaiveRegressor(lag=7).fit(X_valid, y_valid)
dates = valid.index[56:]
march = slice("2019-03-01", "2019-03-31")
forecasts = {
    "naive (lag 1)": pd.Series(model_1.predict(X_valid), index=dates)[march],
    "seasonal naive (lag 7)": pd.Series(model_7.predict(X_valid), index=dates)[march],
}
ax = plot_forecast(valid[march], forecasts)
ax.set_ylabel("boardings (millions)")
plt.show()
