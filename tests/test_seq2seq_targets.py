"""Seq2seq targets held as one track per window (skrnn._transforms.seq2seq_targets)."""

from __future__ import annotations

import numpy as np
import pytest

from skrnn import make_windows
from skrnn._transforms.seq2seq_targets import (
    select_steps,
    seq2seq_track,
    seq2seq_view,
    stack_seq2seq,
)


def seq2seq_targets(n_timesteps=60, window_length=8, horizon=5, seed=0):
    series = np.random.default_rng(seed).normal(size=n_timesteps).astype(np.float32)
    return make_windows(series, window_length, horizon=horizon, seq2seq=True)[1]


@pytest.mark.parametrize("contiguous", [False, True])
def test_track_gives_the_targets_back(contiguous):
    Y = seq2seq_targets()
    if contiguous:
        Y = np.ascontiguousarray(Y)
    track = seq2seq_track(Y)
    assert track.shape == (len(Y), 8 + 5 - 1)
    assert track.dtype == Y.dtype
    np.testing.assert_array_equal(seq2seq_view(track, 5), Y)


def test_track_of_a_view_is_a_view():
    Y = seq2seq_targets()
    assert np.shares_memory(seq2seq_track(Y), Y)


def test_targets_that_are_not_sliding_have_no_track():
    Y = np.array(seq2seq_targets())
    Y[3, 2, 1] += 1.0
    assert seq2seq_track(Y) is None
    assert seq2seq_track(Y[:, :, 0]) is None


def test_stacked_panel_is_a_small_view_equal_to_the_concatenation():
    parts = [seq2seq_targets(n, seed=n) for n in (40, 60, 90)]
    Y = stack_seq2seq(parts)
    np.testing.assert_array_equal(Y, np.concatenate(parts))
    held = Y.base if Y.base is not None else Y
    while held.base is not None:
        held = held.base
    assert held.nbytes == sum(len(p) for p in parts) * (8 + 5 - 1) * 4
    assert not Y.flags.writeable


def test_stacking_falls_back_to_a_copy_for_other_targets():
    parts = [np.arange(24.0).reshape(2, 3, 4), seq2seq_targets()[:, :3, :4]]
    np.testing.assert_array_equal(stack_seq2seq(parts), np.concatenate(parts))


@pytest.mark.parametrize(
    "steps, is_view", [([1, 3, 5, 7], True), ([2], True), ([0, 1, 5], False)]
)
def test_select_steps(steps, is_view):
    Y = seq2seq_targets()
    out = select_steps(Y, np.array(steps))
    np.testing.assert_array_equal(out, Y[:, steps])
    assert np.shares_memory(out, Y) == is_view


def test_normalised_seq2seq_targets_are_a_view_with_the_same_values():
    from skrnn._transforms.window_norm import normalize_targets, window_stats

    series = np.random.default_rng(1).normal(size=80).cumsum().astype(np.float32)
    X, Y = make_windows(series, 8, horizon=5, seq2seq=True)
    stats = window_stats(X, [0], "standard")
    out = normalize_targets(Y, stats, "seq2seq")
    dense = (Y - stats.offset[:, :1, None]) / stats.scale[:, :1, None]
    np.testing.assert_allclose(out, dense, rtol=1e-6, atol=1e-6)
    assert out.dtype == np.float32 and not out.flags.owndata
    scrambled = np.array(Y)
    scrambled[0, 0, 1] += 1.0  # not sliding: the dense path, same formula
    out = normalize_targets(scrambled, stats, "seq2seq")
    assert out.flags.owndata
    np.testing.assert_allclose(out[0, 0, 1], dense[0, 0, 1] + 1.0 / stats.scale[0, 0])
