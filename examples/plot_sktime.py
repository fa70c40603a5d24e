"""
skrnn models as sktime forecasters
==================================

:mod:`skrnn.sktime` wraps the window regressors as sktime forecasters: they
take sktime's forecasting horizon ``fh``, any sktime time index, ``update``,
and sktime's model selection. ``import skrnn`` does not import sktime; only
``import skrnn.sktime`` does.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sktime.datasets import load_airline
from sktime.performance_metrics.forecasting import mean_absolute_percentage_error
from sktime.split import temporal_train_test_split

from skrnn import GRURegressor
from skrnn.plotting import plot_forecast
from skrnn.sktime import SARIMAForecaster, SkrnnForecaster

y = np.log(load_airline())  # monthly passengers, PeriodIndex 1949-01..1960-12
y_train, y_test = temporal_train_test_split(y, test_size=12)
fh = np.arange(1, 13)

# %%
# Any skrnn window regressor, wrapped with a window length and a strategy.
# The network learns better on a series that does not trend, so it forecasts
# the year-over-year differences (``differences=(12,)``) and integrates them
# back.
gru = SkrnnForecaster(
    GRURegressor(
        (16,), epochs=40, learning_rate=1e-2, random_state=0, differences=(12,)
    ),
    window_length=36,
    strategy="direct",
)
gru.fit(y_train, fh=fh)  # direct: fh is needed in fit
sarima = SARIMAForecaster((1, 1, 0), (0, 1, 1, 12)).fit(y_train, fh=fh)

forecasts = {"GRU, direct": gru.predict(), "SARIMA": sarima.predict()}
for name, forecast in forecasts.items():
    print(f"{name:<12} MAPE {mean_absolute_percentage_error(y_test, forecast):.4f}")

# %%
# The forecasts are pandas Series on the test months.
actual = np.exp(y["1958-01":])
actual.index = actual.index.to_timestamp()
shown = {}
for name, forecast in forecasts.items():
    shown[name] = np.exp(forecast)
    shown[name].index = shown[name].index.to_timestamp()
ax = plot_forecast(actual, shown)
ax.set_ylabel("passengers (thousands)")
plt.show()

# %%
# ``update`` moves the cutoff to new data without retraining; the next
# forecast starts from the new window.
gru.update(y_test[:3], update_params=False)
print(gru.cutoff, gru.predict().index[:3].tolist())
