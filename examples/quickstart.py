"""
Quick start: an LSTM and a seasonal-naive baseline on CTA rail ridership
=========================================================================

Windows of 56 days predict the next day's rail boardings; both models are
scored on 2019-01..05 by the same ``score`` (R²) and by the MAE in riders.
"""

from sklearn.metrics import mean_absolute_error

from skrnn import LSTMRegressor, NaiveRegressor, load_ridership, make_windows

rail = load_ridership()["rail"] / 1e6
X_train, y_train = make_windows(rail["2016-01":"2018-12"], window_length=56)
X_valid, y_valid = make_windows(rail["2019-01":"2019-05"], window_length=56)

models = {
    "seasonal naive (lag 7)": NaiveRegressor(lag=7),
    "LSTM(32)": LSTMRegressor((32,), epochs=60, learning_rate=5e-3, random_state=0),
}
for name, model in models.items():
    model.fit(X_train, y_train)
    mae = mean_absolute_error(y_valid, model.predict(X_valid)) * 1e6
    r2 = model.score(X_valid, y_valid)
    print(f"{name:<24} R² {r2:6.3f}   MAE {mae:9,.0f} riders")
