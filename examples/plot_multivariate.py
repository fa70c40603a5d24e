"""
Multivariate inputs: bus ridership and tomorrow's day type
==========================================================

A window can carry several columns per time step. Here the network sees rail
and bus boardings and a one-hot code of the *next* day's type (weekday,
Saturday, Sunday/holiday), which is known in advance, and forecasts rail only
(``target="rail"``).
"""

# %%
import pandas as pd
from sklearn.metrics import mean_absolute_error

from skrnn import GRURegressor, NaiveRegressor, load_ridership, make_windows

ridership = load_ridership()
frame = ridership[["bus", "rail"]] / 1e6
next_day = ridership["day_type"].shift(-1)
for day_type in "AUW":
    frame[f"next_day_{day_type}"] = (next_day == day_type).astype("float32")
print(frame.head(3))

# %%
# ``make_windows`` keeps every column in the windows, ``(n, 56, 5)``, and
# takes the target from the ``rail`` column.
train, valid = frame["2016-01":"2018-12"], frame["2019-01":"2019-05"]
X_train, y_train = make_windows(train, window_length=56, target="rail")
X_valid, y_valid = make_windows(valid, window_length=56, target="rail")
print(X_train.shape, y_train.shape)

# %%
# The naive baseline reads the rail column (``target_index=1``); the two
# networks differ only in the columns they see. ``window_norm="last"``
# subtracts each window's last rail value from its rail column and target
# (the column named by ``target_index``), which lets the networks converge
# in a few epochs.
training = dict(
    epochs=15,
    batch_size=64,
    learning_rate=1e-2,
    loss="huber",
    window_norm="last",
    random_state=0,
)
models = {
    "seasonal naive": NaiveRegressor(lag=7, target_index=1),
    "GRU(16), rail only": GRURegressor((16,), target_index=0, **training),
    "GRU(16), 5 inputs": GRURegressor((16,), target_index=1, **training),
}
results = {}
for name, model in models.items():
    columns = slice(1, 2) if "rail only" in name else slice(None)
    model.fit(X_train[:, :, columns], y_train)
    prediction = model.predict(X_valid[:, :, columns])
    results[name] = mean_absolute_error(y_valid, prediction) * 1e6
print(pd.Series(results, name="MAE (riders)").round(0))

# %%
# Knowing tomorrow's day type removes most of the weekday/weekend error that
# the univariate network has to infer from the last weeks.
