"""
Tuning with GridSearchCV and TimeSeriesSplit, without leakage
=============================================================

Every skrnn estimator is a scikit-learn estimator, so
:class:`~sklearn.model_selection.GridSearchCV` tunes it like any other. Two
things differ from tabular data:

1. the folds must respect time: train on the past, validate on the future
   (:class:`~sklearn.model_selection.TimeSeriesSplit`), never shuffled;
2. consecutive windows overlap: window ``i`` and window ``i + 1`` share
   ``window_length - 1`` time steps, and the targets of the last training
   windows are time steps *inside* the first validation windows. Set
   ``gap=window_length + horizon - 1`` so that no time step is seen on both
   sides of a split.
"""

# %%
from sklearn.model_selection import (
    GridSearchCV,
    KFold,
    TimeSeriesSplit,
    cross_val_score,
)
from sklearn.neighbors import KNeighborsRegressor

from skrnn import DenseRegressor, load_ridership, make_windows

rail = load_ridership()["rail"] / 1e6
L = 28
X, y = make_windows(rail["2016-01":"2018-12"], window_length=L)

# %%
# What leakage looks like. A 1-nearest-neighbour regressor memorises the
# training windows. With shuffled folds, the nearest neighbour of a
# validation window is almost always its overlapping neighbour from the
# training fold, whose window contains the validation target: the score is
# flattering. Time-ordered folds with a gap give the honest score.
knn = KNeighborsRegressor(n_neighbors=1)
flat = X[:, :, 0]
scoring = "neg_mean_absolute_error"
shuffled = KFold(5, shuffle=True, random_state=0)
in_time = TimeSeriesSplit(5, gap=L + 1 - 1)
leaky = -cross_val_score(knn, flat, y, cv=shuffled, scoring=scoring).mean()
honest = -cross_val_score(knn, flat, y, cv=in_time, scoring=scoring).mean()
print(f"1-NN MAE, shuffled KFold:       {leaky * 1e6:8,.0f} riders (leaks)")
print(f"1-NN MAE, TimeSeriesSplit(gap): {honest * 1e6:8,.0f} riders")

# %%
# A grid search on three time-ordered folds: a linear model against a
# one-hidden-layer network, both on windows normalised by their last value.
# Parameters are the constructor's, so the grid names them directly (in a
# ``Pipeline``, prefix them with the step name). Recurrent regressors are
# tuned the same way, only slower; ``n_jobs`` works as well (each worker
# process imports TensorFlow).
dense = DenseRegressor(
    epochs=20,
    learning_rate=1e-2,
    loss="huber",
    window_norm="last",
    random_state=0,
)
search = GridSearchCV(
    dense,
    {"hidden_layer_sizes": [(), (32,)]},
    cv=TimeSeriesSplit(3, gap=L + 1 - 1),
    scoring=scoring,
)
search.fit(X, y)
print("best:", search.best_params_)
for params, score in zip(
    search.cv_results_["params"], search.cv_results_["mean_test_score"], strict=True
):
    print(params, f"{-score * 1e6:8,.0f}")

# %%
# Inside each fit, ``early_stopping=True`` applies the same rule to its own
# split: it holds out the last ``validation_fraction`` of the windows and
# drops the ``window_length + horizon - 1`` windows before them.
X_test, y_test = make_windows(rail["2019-01":"2019-05"], window_length=L)
print(
    "test MAE of the refitted best model:",
    f"{-search.score(X_test, y_test) * 1e6:,.0f}",
    "riders",
)
