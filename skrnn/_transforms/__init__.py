"""Reversible target transforms shared by the window regressors and the forecaster.

* :mod:`skrnn._transforms.differencing`: lag differences of the target
  columns inside each window, integrated back from the window's own levels;
* :mod:`skrnn._transforms.window_norm`: per-window normalisation of the
  target columns (and optionally the other features), undone on the outputs;
* :mod:`skrnn._transforms.scaling`: per-series scaling of a panel;
* :mod:`skrnn._transforms.seq2seq_targets`: seq2seq targets held as one short
  track per window, viewed as ``(n, window_length, horizon)``.

They import numpy (and scikit-learn) only, so that both :mod:`skrnn.models`
and :mod:`skrnn.forecasting` can use them without importing each other.
"""
