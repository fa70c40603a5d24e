"""
Many series: one global model over a panel, and a grid on Dask
==============================================================

A retailer has one sales series per store. Instead of one model per store,
a *global* model learns from the windows of every store at once: no window
spans two stores, each store is scaled on its own, and the forecast of all
stores comes back in one call, indexed by store and date. The same grid
search then runs on a Dask cluster through joblib.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV, GroupKFold
from sklearn.preprocessing import StandardScaler

from skrnn import GRURegressor, NaiveRegressor, WindowForecaster, make_windows
from skrnn.parallel import dask_backend
from skrnn.plotting import plot_forecast

# %%
# A long table, one row per store and day, as it comes out of a database.
# Stores open on different days and sell at very different levels.
rng = np.random.default_rng(0)
rows = []
for store in range(12):
    start = pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(rng.integers(0, 60)))
    dates = pd.date_range(start, "2023-12-31", freq="D")
    t = np.arange(len(dates))
    level = 10 ** rng.uniform(1.5, 3.5)
    weekly = 1 + 0.3 * np.sin(2 * np.pi * (t + store) / 7)
    sales = level * weekly * (1 + t / 1000) * rng.lognormal(0, 0.05, len(t))
    rows.append(pd.DataFrame({"store": f"store {store:02d}", "sales": sales}, dates))
sales = pd.concat(rows)
print(sales.groupby("store")["sales"].agg(["size", "mean"]).head())

# %%
# ``make_windows`` cuts each store's windows separately and stacks them;
# ``return_ids`` tells which store every window comes from (e.g. as
# ``groups`` for a splitter).
X, y, ids = make_windows(sales, window_length=28, id_column="store", return_ids=True)
print(X.shape, y.shape, ids[:3])

# %%
# A global GRU forecasts 14 days for every store. ``series_scaler`` fits one
# ``StandardScaler`` per store and puts each forecast back on its store's
# scale. The last 14 days are held out.
history = sales[sales.index <= "2023-12-17"]
forecaster = WindowForecaster(
    GRURegressor((16,), epochs=4, batch_size=64, learning_rate=3e-3, random_state=0),
    window_length=28,
    strategy="direct",
    horizon=14,
    series_scaler=StandardScaler(),
    id_column="store",
)
forecaster.fit(history)
forecast = forecaster.predict()  # one batched call for all 12 stores
print(forecast.head(3))

# %%
# Against the seasonal naive forecast (same weekday last week), store by
# store, on the held-out days.
naive = WindowForecaster(
    NaiveRegressor(lag=7),
    window_length=28,
    strategy="direct",
    horizon=14,
    id_column="store",
).fit(history)
actual = sales[sales.index > "2023-12-17"].set_index("store", append=True)["sales"]
actual = actual.swaplevel().sort_index()
errors = (
    pd.DataFrame(
        {
            "GRU, global": (forecast - actual.reindex(forecast.index)).abs(),
            "naive lag 7": (naive.predict() - actual.reindex(forecast.index)).abs(),
        }
    )
    .groupby(level="store")
    .mean()
)
print(errors.round(1))

# %%
one = "store 03"
ax = plot_forecast(
    history[history["store"] == one]["sales"]["2023-11-15":],
    {"GRU, global": forecast.loc[one], "naive lag 7": naive.predict().loc[one]},
)
ax.set_title(one)
plt.show()

# %%
# Tuning on a Dask cluster. Inside ``dask_backend`` every joblib job of
# scikit-learn (here the 2 settings x 2 folds of the grid) goes to the
# cluster's workers. ``dask_backend()`` starts a local cluster for the
# block; ``dask_backend("tcp://scheduler:8786")`` uses a running one, whose
# workers need the same skrnn, TensorFlow and scikit-learn versions. Here a
# small thread-based cluster keeps the example quick.
#
# The folds hold out whole stores (``GroupKFold`` on the window ids): does
# the global model carry over to stores it has not seen? A
# ``TimeSeriesSplit`` over stacked panel windows would split by store block,
# not by time.
scaled = {
    store: (rows["sales"] - rows["sales"].mean()) / rows["sales"].std()
    for store, rows in history.groupby("store")
}
X, y, ids = make_windows(scaled, window_length=28, return_ids=True)
search = GridSearchCV(
    GRURegressor((8,), epochs=1, batch_size=128, random_state=0),
    {"learning_rate": [3e-3, 1e-2]},
    cv=GroupKFold(n_splits=2),
    n_jobs=-1,
)
with dask_backend(n_workers=2, processes=False):
    search.fit(X, y, groups=ids)
print(search.best_params_, round(search.best_score_, 3))
