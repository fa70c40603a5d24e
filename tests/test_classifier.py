"""RNNClassifier: float, token and variable-length sequence classification."""

from __future__ import annotations

import pickle

import joblib
import keras
import numpy as np
import pytest
from sklearn.base import clone, is_classifier
from sklearn.datasets import load_digits
from sklearn.model_selection import GridSearchCV, train_test_split

from skrnn.models._classifier import RNNClassifier

TINY = dict(epochs=1, batch_size=16, random_state=0)


def _small(**params):
    return RNNClassifier((4,), **{**TINY, **params})


@pytest.fixture(scope="module")
def tokens():
    """Token sequences (80, 6) with tokens 0..4; label: is the last token even?"""
    rng = np.random.RandomState(0)
    X = rng.randint(0, 5, size=(80, 6))
    y = np.where(X[:, -1] % 2 == 0, "even", "odd")
    return X, y


@pytest.fixture(scope="module")
def ragged_tokens():
    rng = np.random.RandomState(1)
    X = [rng.randint(0, 4, size=rng.randint(2, 9)) for _ in range(60)]
    y = np.array([seq[-1] % 2 for seq in X])
    return X, y


@pytest.fixture(scope="module")
def ragged_floats():
    rng = np.random.RandomState(2)
    X = [rng.rand(rng.randint(2, 9), 3) + 0.1 for _ in range(60)]
    y = np.array([int(seq[:, 0].mean() > 0.6) for seq in X])
    return X, y


def test_is_a_classifier_with_tags():
    clf = RNNClassifier()
    assert is_classifier(clf)
    tags = clf.__sklearn_tags__()
    assert tags.input_tags.three_d_array
    assert tags.target_tags.required


def test_predict_proba_and_classes(tokens):
    X, y = tokens
    clf = _small(epochs=2).fit(X, y)
    assert clf.classes_.tolist() == ["even", "odd"]
    proba = clf.predict_proba(X)
    assert proba.shape == (80, 2)
    assert proba.dtype == np.float64
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(clf.predict(X), clf.classes_[proba.argmax(axis=1)])
    assert 0.0 <= clf.score(X, y) <= 1.0


def test_vocabulary_inferred_and_embedded(tokens):
    X, y = tokens
    clf = _small(embedding_dim=3).fit(X, y)
    assert clf.encoding_ == "embedding"
    assert clf.vocabulary_size_ == 5
    embedding = clf.model_.get_layer("embedding")
    assert embedding.input_dim == 6  # 5 tokens + the pad token
    assert embedding.output_dim == 3
    assert clf.sequence_length_ == 6
    assert _small(vocabulary_size=9).fit(X, y).vocabulary_size_ == 9


def test_one_hot_encoding(tokens):
    X, y = tokens
    clf = _small(encoding="one_hot").fit(X, y)
    layer = clf.model_.get_layer("one_hot")
    assert not layer.trainable
    np.testing.assert_array_equal(layer.embeddings.numpy(), np.eye(6))


def test_float_sequences(tokens):
    rng = np.random.RandomState(0)
    X = rng.rand(50, 7, 3)
    y = (X[:, -1, 0] > 0.5).astype(int)
    clf = _small().fit(X, y)
    assert clf.encoding_ == "float"
    assert clf.n_step_features_ == 3
    assert not any(isinstance(la, keras.layers.Masking) for la in clf.model_.layers)
    assert clf.predict(X[:4]).shape == (4,)
    with pytest.raises(ValueError, match="2 features per time step"):
        clf.predict(X[:4, :, :2])
    with pytest.raises(ValueError, match="X has 5 features, but RNNClassifier"):
        _small().fit(X[:, :, 0], y).predict(X[:4, :5, 0])
    # integer-valued floats are features unless tokens are asked for
    assert _small().fit(X.round(), y).encoding_ == "float"
    assert _small(encoding="embedding").fit(X[..., 0].round(), y).vocabulary_size_ == 2


@pytest.mark.parametrize("padding", ["post", "pre"])
@pytest.mark.parametrize("data", ["ragged_tokens", "ragged_floats"])
def test_padded_steps_are_masked(data, padding, request):
    X, y = request.getfixturevalue(data)
    clf = _small(padding=padding, epochs=2).fit(X, y)
    assert clf.sequence_length_ is None
    assert not hasattr(clf, "n_features_in_")
    short, long_ = X[0][:3], X[1]
    if len(long_) <= 3:
        long_ = np.concatenate([long_, long_, long_])
    together = clf.predict_proba([short, long_])
    alone = clf.predict_proba([short])  # no padding at all
    np.testing.assert_allclose(together[0], alone[0], rtol=1e-5)
    # a regular array of any length is accepted by a variable-length model
    assert clf.predict(np.stack([long_, long_])).shape == (2,)


def test_float_padding_uses_pad_value(ragged_floats):
    X, y = ragged_floats
    clf = _small(pad_value=-1.0).fit(X, y)
    masking = [la for la in clf.model_.layers if isinstance(la, keras.layers.Masking)]
    assert len(masking) == 1
    assert masking[0].mask_value == -1.0
    padded = clf._check_sequences([X[0][:2], X[1][:4]], reset=False)
    assert padded.shape == (2, 4, 3)
    np.testing.assert_array_equal(padded[0, 2:], -1.0)
    np.testing.assert_array_equal(padded[0, :2], X[0][:2].astype(np.float32))


def test_ragged_errors(ragged_tokens, tokens):
    X, y = ragged_tokens
    with pytest.raises(ValueError, match="different lengths .* and padding=None"):
        _small(padding=None).fit(X, y)
    clf = _small().fit(*tokens)
    with pytest.raises(ValueError, match="fitted on equal-length sequences"):
        clf.predict(X[:5])
    with pytest.raises(ValueError, match="same number of features per time step"):
        _small().fit([np.ones((3, 2)), np.ones((4, 3))], [0, 1])
    with pytest.raises(ValueError, match=r"X\[1\] must be a sequence of shape"):
        _small().fit([np.ones(3, dtype=int), np.ones((4, 2), dtype=int)], [0, 1])


def test_token_errors(tokens, ragged_tokens):
    X, y = tokens
    clf = _small().fit(X, y)
    bad = X[:3].copy()
    bad[0, 2] = 7
    with pytest.raises(ValueError, match="token 7, outside the vocabulary"):
        clf.predict(bad)
    clf = _small().fit(*ragged_tokens)
    assert clf.vocabulary_size_ == 4
    with pytest.raises(ValueError, match="token 4, outside the vocabulary"):
        clf.predict([np.array([1, 4]), np.array([1, 2, 3])])
    with pytest.raises(ValueError, match="integers >= 0; X contains -1"):
        clf.predict(np.array([[1, -1, 2]]))  # -1 is not a pad token for users
    with pytest.raises(ValueError, match=r"integers >= 0; X\[0\] contains -1"):
        clf.predict([np.array([1, -1]), np.array([1, 2, 3])])
    with pytest.raises(ValueError, match="integers >= 0; X contains -1"):
        _small().fit(X - 1, y)
    with pytest.raises(ValueError, match="vocabulary_size=3 allows tokens 0 .. 2"):
        _small(vocabulary_size=3).fit(X, y)
    with pytest.raises(ValueError, match="needs integer tokens"):
        _small(encoding="embedding").fit(X + 0.5, y)
    with pytest.raises(ValueError, match="Token sequences must be 2-D"):
        _small(encoding="one_hot").fit(X[:, :, None], y)


def test_label_errors(tokens):
    X, _ = tokens
    with pytest.raises(ValueError, match="Unknown label type"):
        _small().fit(X, np.linspace(0, 1, len(X)))
    with pytest.raises(ValueError, match="requires y to be passed"):
        _small().fit(X, None)
    with pytest.raises(ValueError, match="Unknown recurrent cell 'nope'"):
        _small(cell="nope").fit(X, X[:, 0])


@pytest.mark.parametrize(
    "params",
    [
        {"cell": "gru", "bidirectional": True},
        {"cell": "simple_rnn_layer_norm", "dense_layer_sizes": (3,)},
    ],
)
def test_cells_and_options(params, tokens):
    X, y = tokens
    clf = _small(**params).fit(X, y)
    assert clf.predict_proba(X[:3]).shape == (3, 2)


def test_seeded_and_pickle_round_trip(ragged_tokens, tmp_path):
    X, y = ragged_tokens
    clf = _small(epochs=2).fit(X, y)
    expected = clf.predict_proba(X)
    np.testing.assert_array_equal(_small(epochs=2).fit(X, y).predict_proba(X), expected)
    np.testing.assert_array_equal(
        pickle.loads(pickle.dumps(clf)).predict_proba(X), expected
    )
    joblib.dump(clf, tmp_path / "clf.joblib")
    np.testing.assert_array_equal(
        joblib.load(tmp_path / "clf.joblib").predict_proba(X), expected
    )
    assert not hasattr(clone(clf), "model_")


def test_partial_fit_with_classes(tokens):
    X, _ = tokens
    clf = _small()
    clf.partial_fit(X[:10], np.zeros(10, dtype=int), classes=[0, 1, 2])
    assert clf.classes_.tolist() == [0, 1, 2]
    clf.partial_fit(X[10:20], np.full(10, 2))
    assert len(clf.history_["loss"]) == 2
    assert clf.predict_proba(X[:2]).shape == (2, 3)


def test_early_stopping(tokens):
    X, y = tokens
    clf = _small(epochs=3, early_stopping=True, validation_fraction=0.25).fit(X, y)
    assert "val_loss" in clf.history_


@pytest.mark.slow
def test_grid_search(tokens):
    X, y = tokens
    search = GridSearchCV(_small(), {"hidden_layer_sizes": [(2,), (4,)]}, cv=2)
    search.fit(X, y)
    assert search.cv_results_["mean_test_score"].shape == (2,)


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["embedding", "one_hot"])
def test_next_letter_of_abcde_cycle(encoding):
    letters = np.array(list("abcde" * 40))
    codes = np.searchsorted(np.array(list("abcde")), letters)
    X = np.lib.stride_tricks.sliding_window_view(codes[:-1], 4)
    y = letters[4:]
    clf = RNNClassifier(
        (16,),
        encoding=encoding,
        embedding_dim=4,
        epochs=30,
        learning_rate=0.02,
        random_state=0,
    )
    clf.fit(X[:150], y[:150])
    assert clf.score(X[150:], y[150:]) == 1.0
    assert clf.predict(np.array([[0, 1, 2, 3]]))[0] == "e"


@pytest.mark.slow
def test_digits_row_by_row():
    digits = load_digits()
    X = digits.images / 16.0  # (1797, 8 rows, 8 pixels)
    X_train, X_test, y_train, y_test = train_test_split(
        X, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    clf = RNNClassifier((64,), epochs=25, learning_rate=0.005, random_state=0)
    clf.fit(X_train, y_train)
    assert clf.sequence_length_ == 8
    assert clf.n_step_features_ == 8
    assert clf.score(X_test, y_test) >= 0.90
