"""Small seeded series shared by several test modules."""

import numpy as np
import pandas as pd


def with_covariate(n_timesteps=60, seed=0):
    """y_{t+1} = 0.5 y_t + 2 x_t, on a daily index."""
    x = np.random.default_rng(seed).normal(size=n_timesteps)
    y = np.zeros(n_timesteps)
    for t in range(n_timesteps - 1):
        y[t + 1] = 0.5 * y[t] + 2.0 * x[t]
    index = pd.date_range("2023-03-01", periods=n_timesteps, freq="D")
    return pd.Series(y, index=index, name="y"), pd.DataFrame({"x": x}, index=index)
