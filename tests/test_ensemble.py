"""SeedEnsembleRegressor: the mean of seeded fits of one model (issue 15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.linear_model import LinearRegression, Ridge

from skrnn import DenseRegressor, SeedEnsembleRegressor, WindowForecaster

rng = np.random.default_rng(0)
SERIES = pd.Series(
    10 + np.sin(np.arange(240) / 5) + rng.normal(0, 0.2, 240),
    index=pd.date_range("2024-01-01", periods=240, freq="D"),
)


def _ensemble(**params):
    network = DenseRegressor((4,), epochs=2, batch_size=64)
    return SeedEnsembleRegressor(network, **{"n_seeds": 3, "random_state": 0, **params})


def test_the_ensemble_averages_distinct_seeded_members():
    X = rng.random((80, 6))
    y = X[:, -1]
    model = _ensemble().fit(X, y)
    assert len(set(model.seeds_)) == 3
    assert [m.random_state for m in model.estimators_] == model.seeds_
    members = [member.predict(X) for member in model.estimators_]
    assert not np.allclose(members[0], members[1])
    assert_allclose(model.predict(X), np.mean(members, axis=0))
    assert_allclose(model.predict_windows(X), np.mean(members, axis=0), rtol=1e-6)
    again = _ensemble().fit(X, y)
    assert again.seeds_ == model.seeds_
    assert_allclose(again.predict(X), model.predict(X))


def test_in_a_forecaster_every_member_gets_the_window_settings_and_validation():
    forecaster = WindowForecaster(
        _ensemble(), window_length=12, strategy="direct", horizon=3, validation_size=20
    ).fit(SERIES)
    members = forecaster.regressor_.estimators_
    assert all(m.seq2seq is False for m in members)  # the direct layout's setting
    # each member stopped early on the forecaster's validation windows
    assert all("val_forecast_error" in m.history_ for m in members)
    assert forecaster.predict().shape == (3,)


def test_in_a_forecaster_each_member_is_fitted_as_the_model_alone_would_be():
    # validation_size="auto" holds out the model's validation_fraction for the
    # ensemble too, so a member equals the model fitted alone with its seed
    network = DenseRegressor((4,), epochs=3, batch_size=64, validation_fraction=0.3)
    ensemble = SeedEnsembleRegressor(network, n_seeds=1, random_state=0)
    settings = dict(window_length=12, strategy="direct", horizon=3)
    in_ensemble = WindowForecaster(ensemble, **settings).fit(SERIES)
    seed = in_ensemble.regressor_.seeds_[0]
    alone = WindowForecaster(clone(network).set_params(random_state=seed), **settings)
    alone.fit(SERIES)
    # ceil(0.3 * 240) of the 240 days, the share of the model
    assert in_ensemble.validation_size_ == alone.validation_size_ == 72
    member = in_ensemble.regressor_.estimators_[0]
    assert_allclose(
        member.history_["val_forecast_error"],
        alone.regressor_.history_["val_forecast_error"],
        rtol=1e-5,
    )
    assert_allclose(in_ensemble.predict(), alone.predict(), rtol=1e-5)


def test_the_ensemble_has_no_validation_fraction_when_its_model_has_none():
    ensemble = SeedEnsembleRegressor(Ridge(), n_seeds=2, random_state=0)
    assert not hasattr(ensemble, "validation_fraction")
    forecaster = WindowForecaster(ensemble, window_length=12).fit(SERIES)
    assert forecaster.validation_size_ is None


def test_a_model_without_random_state_is_refused():
    with pytest.raises(ValueError, match="estimator must have a random_state"):
        SeedEnsembleRegressor(LinearRegression()).fit(np.ones((5, 2)), np.ones(5))
