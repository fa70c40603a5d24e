"""
Windows, horizons and seq2seq targets
=====================================

Every skrnn model learns from *windows*: ``window_length`` consecutive time
steps of a series, and the value(s) that follow. :func:`skrnn.make_windows`
cuts them (as read-only views, no copy of the series) for the three kinds of
target: one step ahead, ``horizon`` steps ahead (direct), and a
``horizon``-step forecast after every step of the window (seq2seq).
"""

# %%
# A toy series makes the shapes easy to read.
import matplotlib.pyplot as plt
import numpy as np

from skrnn import last_window, load_ridership, make_windows

series = np.arange(10.0)  # 0, 1, ..., 9

X, y = make_windows(series, window_length=4)
print("one step:", X.shape, y.shape)
print(X[:2, :, 0], y[:2])

# %%
# ``horizon=3``: each window is followed by three targets (the direct
# strategy, one model output per step ahead).
X, Y = make_windows(series, window_length=4, horizon=3)
print("direct:", X.shape, Y.shape)
print(Y[:2])

# %%
# ``seq2seq=True``: a three-step target after *every* time step of the window,
# ``Y[i, t, k]`` = value ``k + 1`` steps after step ``t`` of window ``i``. The
# last time step ``Y[:, -1]`` is the direct target of the same window.
X, Y = make_windows(series, window_length=4, horizon=3, seq2seq=True)
print("seq2seq:", X.shape, Y.shape)
print(Y[0])
_, Y_direct = make_windows(series, window_length=4, horizon=3)
print("last step is the direct target:", np.array_equal(Y[:, -1], Y_direct))

# %%
# Several columns: windows keep every column as a feature, and ``target``
# picks the column(s) to forecast (by name for a DataFrame).
ridership = load_ridership()
frame = ridership[["bus", "rail"]]["2019-01":"2019-03"] / 1e6
X, y = make_windows(frame, window_length=28, target="rail")
print("multivariate:", X.shape, y.shape)

# %%
# The window a forecast starts from is the end of the series.
print("last window:", last_window(frame, 28).shape)

# %%
# Three windows of the rail series and the values they are trained to
# predict, 14 days ahead.
rail = ridership["rail"]["2019-01":"2019-03"] / 1e6
X, Y = make_windows(rail, window_length=28, horizon=14, stride=21)
fig, ax = plt.subplots(figsize=(9, 3.5))
ax.plot(rail.index, rail.to_numpy(), color="0.7", lw=1, label="rail")
for i in range(3):
    start = 21 * i
    inputs = rail.index[start : start + 28]
    targets = rail.index[start + 28 : start + 42]
    (line,) = ax.plot(inputs, X[i, :, 0], lw=2, label=f"window {i}")
    ax.plot(targets, Y[i], "o", ms=3, color=line.get_color())
ax.set_ylabel("boardings (millions)")
ax.legend(loc="lower left", fontsize="small")
ax.set_title("Windows of 28 days (lines) and their 14-day targets (dots)")
