"""FixedThresholdClassifier's threshold from a pandas Series or the command line's cut-
off file (_thresholds/_cut_off_file.py): aligned to the labels or classes by name,
infinite cut-offs, bad files."""

import pickle

import numpy as np
import pandas as pd
import pytest
import test_fixed
from sklearn.base import clone
from sklearn.datasets import (
    load_iris,
    make_classification,
)
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import FixedThresholdClassifier as SklearnFixed
from sklearn.multiclass import OneVsRestClassifier

from skmultimetrics import FixedThresholdClassifier, optimize_thresholds
from skmultimetrics._cli._main import main

# the fixtures of test_fixed.py
data = test_fixed.data


def _cli_cut_offs(tmp_path, capsys, y_val, scores, names, name="cutoffs.json"):
    """Tune on validation scores with the command line; the file it writes."""
    true_file, score_file = tmp_path / "y.csv", tmp_path / "scores.csv"
    pd.DataFrame(y_val, columns=names).to_csv(true_file, index=False)
    pd.DataFrame(scores, columns=names).to_csv(score_file, index=False)
    out = tmp_path / name
    status = main(
        ["report", str(true_file), str(score_file), "--tune", "--output", str(out)]
    )
    assert status == 0
    capsys.readouterr()
    return out


def test_cut_offs_from_the_command_line_aligned_by_name(tmp_path, capsys, data):
    X, Y = data
    names = ["cat", "dog", "bird", "fish"]
    base = OneVsRestClassifier(LogisticRegression())
    train, val = slice(0, 160), slice(160, None)
    scores = np.round(clone(base).fit(X[train], Y[train]).predict_proba(X[val]), 6)
    y_val = Y[val].copy()
    y_val[:, 3] = 0  # no positive: the tuned cut-off is inf
    path = _cli_cut_offs(tmp_path, capsys, y_val, scores, names)
    tuned = dict(zip(names, optimize_thresholds(y_val, scores).thresholds))
    assert tuned["fish"] == np.inf
    # y with its columns in another order: the cut-offs follow the names
    order = ["fish", "bird", "cat", "dog"]
    frame = pd.DataFrame(Y, columns=names)[order]
    model = FixedThresholdClassifier(base, threshold=path).fit(X[train], frame[train])
    expected = np.array([tuned[n] for n in order])
    np.testing.assert_array_equal(model.thresholds_, expected)
    proba = clone(base).fit(X[train], frame[train]).predict_proba(X)
    np.testing.assert_array_equal(model.predict(X), (proba >= expected).astype(int))
    # the fitted model has read the file: it needs it no more
    path.unlink()
    copy = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(copy.predict(X), model.predict(X))


def test_cut_off_file_whose_names_do_not_match_y(tmp_path, capsys, data):
    X, Y = data
    names = ["cat", "dog", "bird", "fish"]
    scores = np.round(
        OneVsRestClassifier(LogisticRegression()).fit(X, Y).predict_proba(X), 6
    )
    path = _cli_cut_offs(tmp_path, capsys, Y, scores, names)
    frame = pd.DataFrame(Y, columns=["cat", "dog", "bird", "cow"])
    model = FixedThresholdClassifier(LogisticRegression(), threshold=path)
    with pytest.raises(ValueError, match=r"'threshold'.*\['cow'\].*\['fish'\]"):
        model.fit(X, frame)
    # y without names: the file's order, and the number must match
    tuned = optimize_thresholds(Y, scores).thresholds
    base = OneVsRestClassifier(LogisticRegression())
    plain = FixedThresholdClassifier(base, threshold=path).fit(X, Y)
    np.testing.assert_array_equal(plain.thresholds_, tuned)
    with pytest.raises(ValueError, match=r"'threshold'.*4 cut-offs.*\(3,\)"):
        FixedThresholdClassifier(base, threshold=path).fit(X, Y[:, :3])


def test_command_line_file_without_header_or_in_text(tmp_path, capsys, data):
    X, Y = data
    scores = np.round(
        OneVsRestClassifier(LogisticRegression()).fit(X, Y).predict_proba(X), 6
    )
    tuned = optimize_thresholds(Y, scores).thresholds
    np.save(tmp_path / "y.npy", Y)
    np.save(tmp_path / "s.npy", scores)
    frame = pd.DataFrame(Y, columns=["a", "b", "c", "d"])
    for name in ("plain.json", "plain.txt"):
        out = tmp_path / name
        argv = ["report", str(tmp_path / "y.npy"), str(tmp_path / "s.npy")]
        assert main([*argv, "--tune", "--output", str(out)]) == 0
        capsys.readouterr()
        # "label 0", "label 1", ... name no label: the file's order is used
        model = FixedThresholdClassifier(
            OneVsRestClassifier(LogisticRegression()), threshold=str(out)
        ).fit(X, frame)
        np.testing.assert_array_equal(model.thresholds_, tuned)


@pytest.mark.parametrize(
    "entries",
    [
        '"inf", "-inf", 0.25, 1',
        "1e999, -1e999, 0.25, 1",
        '"Infinity", -1e999, 0.25, 1.0',
    ],
)
def test_infinite_cut_offs_as_strings_or_json_numbers(tmp_path, data, entries):
    X, Y = data
    path = tmp_path / "cut.json"
    # strict JSON: infinity as a string or as a number too large for a float
    path.write_text(f'{{"labels": ["a", "b", "c", "d"], "thresholds": [{entries}]}}')
    frame = pd.DataFrame(Y, columns=["d", "c", "b", "a"])
    model = FixedThresholdClassifier(
        OneVsRestClassifier(LogisticRegression()), threshold=path
    ).fit(X, frame)
    np.testing.assert_array_equal(model.thresholds_, [1, 0.25, -np.inf, np.inf])


def test_binary_and_multiclass_cut_offs_from_a_file_or_series(tmp_path):
    X, y = make_classification(n_samples=200, random_state=0)
    path = tmp_path / "binary.json"
    path.write_text('{"labels": ["positive class"], "thresholds": [0.3]}')
    ours = FixedThresholdClassifier(LogisticRegression(), threshold=str(path))
    theirs = SklearnFixed(LogisticRegression(), threshold=0.3)
    np.testing.assert_array_equal(
        ours.fit(X, y).predict(X), theirs.fit(X, y).predict(X)
    )
    assert ours.thresholds_ == 0.3
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    weights = pd.Series({"virginica": 0.4, "setosa": 1.0, "versicolor": 3.0})
    model = FixedThresholdClassifier(
        LogisticRegression(max_iter=1000), threshold=weights
    ).fit(X, names)
    np.testing.assert_array_equal(model.thresholds_, [1.0, 3.0, 0.4])
    path = tmp_path / "classes.json"
    path.write_text(
        '{"labels": ["virginica", "setosa", "iris"], "thresholds": [1, 2, 3]}'
    )
    model.set_params(threshold=path)
    with pytest.raises(ValueError, match=r"'threshold'.*\['versicolor'\].*\['iris'\]"):
        model.predict(X)


def test_series_aligned_to_the_columns_of_y(data):
    X, Y = data
    frame = pd.DataFrame(Y, columns=["a", "b", "c", "d"])
    series = pd.Series({"d": 0.7, "b": 0.2, "a": 0.4, "c": 0.5})
    base = OneVsRestClassifier(LogisticRegression())
    model = FixedThresholdClassifier(base, threshold=series).fit(X, frame)
    np.testing.assert_array_equal(model.thresholds_, [0.4, 0.2, 0.5, 0.7])
    with pytest.raises(ValueError, match=r"'threshold'.*\['d'\].*\['e'\]"):
        FixedThresholdClassifier(base, threshold=series.rename({"d": "e"})).fit(
            X, frame
        )


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ('{"thresholds": [0.5, "nan", 0.5, 0.5]}', "position 1"),
        ('{"thresholds": [0.5, NaN, 0.5, 0.5]}', "NaN"),
        ('{"thresholds": [0.5, true, 0.5, 0.5]}', "True"),
        ('{"labels": ["a"], "thresholds": [0.5, 0.5, 0.5, 0.5]}', "'labels'"),
        ('{"cut_offs": [0.5]}', "no 'thresholds'"),
        ("[0.5, 0.5", "not JSON"),
        ("[]", "no cut-offs"),
    ],
)
def test_bad_cut_off_files(tmp_path, content, match, data):
    X, Y = data
    path = tmp_path / "cut.json"
    path.write_text(content)
    model = FixedThresholdClassifier(LogisticRegression(), threshold=path)
    with pytest.raises(ValueError, match=match):
        model.fit(X, Y)
