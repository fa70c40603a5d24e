"""
Sequence classification with RNNClassifier
==========================================

:class:`~skrnn.RNNClassifier` is a scikit-learn classifier over sequences:
float sequences ``(n, n_steps, n_features)``, integer token sequences (read
through an embedding layer) or ragged lists of sequences of different lengths
(padded and masked). Here it tells a slow oscillation from a fast one, in
noise, from sequences of varying length.
"""

# %%
from itertools import pairwise

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split

from skrnn import RNNClassifier

rng = np.random.RandomState(0)


def make_sequences(n):
    """Noisy sines of random length, phase and one of two frequencies."""
    sequences, labels = [], []
    for _ in range(n):
        label = rng.choice(["slow", "fast"])
        length = rng.randint(15, 40)
        frequency = 0.15 if label == "slow" else 0.45
        t = np.arange(length)
        values = np.sin(frequency * t + rng.uniform(0, 2 * np.pi))
        values += 0.4 * rng.standard_normal(length)
        sequences.append(values[:, None].astype("float32"))
        labels.append(label)
    return sequences, np.array(labels)


sequences, labels = make_sequences(600)
train_seq, test_seq, y_train, y_test = train_test_split(
    sequences, labels, test_size=0.25, random_state=0
)
print(
    len(train_seq),
    "training sequences, lengths",
    min(map(len, sequences)),
    "to",
    max(map(len, sequences)),
)

# %%
# Ragged input: the classifier pads every sequence to the longest one and
# masks the padding, so the GRU stops at each sequence's real end.
clf = RNNClassifier((16,), cell="gru", epochs=15, learning_rate=1e-2, random_state=0)
clf.fit(train_seq, y_train)
predicted = clf.predict(test_seq)
print("accuracy", accuracy_score(y_test, predicted))
print("classes", clf.classes_)
print(confusion_matrix(y_test, predicted, labels=clf.classes_))

# %%
# ``predict_proba`` gives the class probabilities, in the order of
# ``classes_``.
print(clf.predict_proba(test_seq[:3]).round(3))

# %%
# Integer sequences are read as tokens: an embedding layer maps each token
# to a vector before the recurrent layer.
tokens = rng.randint(0, 5, size=(300, 12))
has_pair = np.array([any(a == b == 4 for a, b in pairwise(s)) for s in tokens])
token_clf = RNNClassifier((16,), epochs=15, learning_rate=1e-2, random_state=0)
token_clf.fit(tokens[:240], has_pair[:240])
print(token_clf.encoding_, "accuracy", token_clf.score(tokens[240:], has_pair[240:]))
