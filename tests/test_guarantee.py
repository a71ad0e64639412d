"""Cut-offs with a guarantee (confidence_level=): coverage on known populations,
parity of the bounds with brute-force binomial computations, edge cases and
bad input."""

import warnings

import numpy as np
import pytest
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from skmultimetrics import ThresholdOptimizer, optimize_thresholds
from skmultimetrics._thresholds._guarantee import (
    _WEIGHTED,
    fallback_rejections,
    largest_rank,
    rank_bound,
)

A1, B1, A0, B0 = 4.0, 2.0, 2.0, 4.0


def _population(metric, cut, prevalence):
    """The population metric of ``score >= cut`` for Beta(4, 2) positives and
    Beta(2, 4) negatives, exactly from the CDFs."""
    hit1, hit0 = stats.beta.sf(cut, A1, B1), stats.beta.sf(cut, A0, B0)
    if metric == "recall":
        return hit1
    if metric == "specificity":
        return 1.0 - hit0
    predicted = prevalence * hit1 + (1 - prevalence) * hit0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(predicted > 0, prevalence * hit1 / predicted, np.nan)


def _draw(rng, n, prevalence):
    truth = rng.random((n, prevalence.size)) < prevalence
    scores = np.where(
        truth,
        rng.beta(A1, B1, truth.shape),
        rng.beta(A0, B0, truth.shape),
    )
    return truth, scores


def _coverage(metric, level, confidence_level, simultaneous, reps, seed=0):
    """Share of labels below the level on the population, share of
    repetitions with any label below, and the mean predicted share."""
    rng = np.random.default_rng(seed)
    prevalence = np.linspace(0.05, 0.4, 10)
    below, any_below, share = [], [], []
    for _ in range(reps):
        truth, scores = _draw(rng, 1000, prevalence)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = optimize_thresholds(
                truth,
                scores,
                scoring="f1_macro",
                constraint=(metric, level),
                confidence_level=confidence_level,
                simultaneous=simultaneous,
            )
        cuts = result.thresholds
        reached = _population(metric, cuts, prevalence)
        # a label that predicts none makes no precision promise (and says so)
        missed = np.where(np.isnan(reached), False, reached < level)
        if confidence_level is not None:
            assert not (missed & result.feasible & ~np.isfinite(cuts)).any()
        below.append(missed.mean())
        any_below.append(missed.any())
        share.append((scores >= cuts).mean())
    return np.mean(below), np.mean(any_below), np.mean(share)


@pytest.mark.parametrize(
    "metric, level", [("recall", 0.9), ("specificity", 0.9), ("precision", 0.7)]
)
def test_per_label_guarantee_holds_on_a_known_population(metric, level):
    # 150 repetitions x 10 labels: the share below has a standard error
    # of about 0.006 at 0.05
    below, _, _ = _coverage(metric, level, 0.95, False, reps=150)
    assert below <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / 1500)
    point, _, _ = _coverage(metric, level, None, False, reps=30)
    assert point > 0.15  # the point-estimate rule misses often


def test_recall_guarantee_is_not_vacuous():
    # the order-statistic rule spends most of delta (exact, not conservative)
    below, _, share = _coverage("recall", 0.9, 0.8, False, reps=100, seed=1)
    assert 0.1 < below <= 0.2 + 3 * np.sqrt(0.2 * 0.8 / 1000)
    assert share < 0.9


@pytest.mark.parametrize(
    "metric, level", [("recall", 0.9), ("specificity", 0.9), ("precision", 0.7)]
)
def test_simultaneous_guarantee_holds_for_all_labels_at_once(metric, level):
    _, any_below, _ = _coverage(metric, level, 0.9, True, reps=120, seed=2)
    assert any_below <= 0.1 + 3 * np.sqrt(0.1 * 0.9 / 120)
    _, point_any, _ = _coverage(metric, level, None, True, reps=20, seed=2)
    assert point_any > 0.5


def test_recall_guarantee_with_tied_scores():
    # scores on 11 atoms: ties between positives and with negatives
    rng = np.random.default_rng(3)
    atoms = np.linspace(0, 1, 11)
    p1 = stats.binom.pmf(np.arange(11), 10, 0.6)
    p0 = stats.binom.pmf(np.arange(11), 10, 0.4)
    missed = []
    for _ in range(300):
        truth = rng.random((400, 5)) < 0.3
        scores = np.where(
            truth,
            rng.choice(atoms, truth.shape, p=p1),
            rng.choice(atoms, truth.shape, p=p0),
        )
        result = optimize_thresholds(
            truth,
            scores,
            scoring="f1_macro",
            constraint=("recall", 0.8),
            confidence_level=0.9,
        )
        # population recall of score >= cut: the atoms at or above it
        recall = np.array([p1[atoms >= cut].sum() for cut in result.thresholds])
        missed.append(recall < 0.8)
    assert np.mean(missed) <= 0.1 + 3 * np.sqrt(0.09 / 1500)


def _brute_rank(n, level, delta):
    """The largest k with sum_{i >= k} C(n, i) q^i (1 - q)^(n - i) >= 1 - delta."""
    q = 1 - level
    pmf = np.array([stats.binom.pmf(i, n, q) for i in range(n + 1)])
    tails = pmf[::-1].cumsum()[::-1]  # tails[k] = P(Binom >= k)
    return max(k for k in range(n + 1) if tails[k] >= 1 - delta - 1e-12)


def test_order_statistic_rank_and_bound_against_brute_force():
    rng = np.random.default_rng(4)
    for _ in range(300):
        n = int(rng.integers(0, 120))
        level, delta = rng.uniform(0.05, 0.99), rng.uniform(0.001, 0.4)
        k = int(largest_rank(np.array([n]), level, delta)[0])
        assert k == _brute_rank(n, level, delta)
        bound = float(rank_bound(k, n, delta))
        if k == 0:
            assert bound == 1.0
            continue
        # the Clopper-Pearson upper bound of k - 1 misses: P(Binom(n, 1 - b)
        # <= k - 1) = delta, and the bound reaches the level
        assert stats.binom.cdf(k - 1, n, 1 - bound) == pytest.approx(delta, abs=1e-9)
        assert bound >= level - 1e-12


def test_fallback_certifies_what_bonferroni_over_the_weighted_grid_does():
    rng = np.random.default_rng(5)
    p = rng.uniform(0, 1, (200, 1000)) ** rng.uniform(1, 8, (200, 1))
    ours = fallback_rejections(p, 0.05)
    step = 1000 // _WEIGHTED
    weighted = np.zeros(1000, dtype=bool)
    weighted[step - 1 :: step] = True
    bonferroni = weighted & (p <= 0.05 / _WEIGHTED)
    assert (ours >= bonferroni).all()
    assert ours.sum() > bonferroni.sum()
    # a single label by the definition: a rejection passes its level on
    carried, expected = 0.0, []
    for j in range(1000):
        alpha = carried + (0.05 / _WEIGHTED if weighted[j] else 0.0)
        expected.append(alpha > 0 and p[0, j] <= alpha)
        carried = alpha if expected[-1] else 0.0
    assert ours[0].tolist() == expected


def test_precision_cut_offs_come_from_the_fixed_grid():
    rng = np.random.default_rng(6)
    truth, scores = _draw(rng, 2000, np.array([0.3, 0.2]))
    result = optimize_thresholds(
        truth, scores, constraint=("precision", 0.7), confidence_level=0.95
    )
    grid = np.linspace(1, 0, 1002)[1:-1]
    assert np.isin(result.thresholds, grid).all()
    assert (result.constraint_bound == 0.7).all() and result.feasible.all()
    # decision-function scores: the logits of the grid
    logits = np.log(scores) - np.log1p(-scores)
    on_logits = optimize_thresholds(
        truth, logits, constraint=("precision", 0.7), confidence_level=0.95
    )
    assert np.allclose(
        on_logits.thresholds, np.log(result.thresholds / (1 - result.thresholds))
    )


def test_edge_cases():
    rng = np.random.default_rng(7)
    scores = rng.random((50, 3))
    truth = np.zeros((50, 3), dtype=bool)
    truth[:, 1] = True  # all positives
    truth[:10, 2] = True
    result = optimize_thresholds(
        truth, scores, constraint=("recall", 0.9), confidence_level=0.95
    )
    # no positives: nothing known, predict every row (recall 1 for sure)
    assert result.thresholds[0] == -np.inf and result.constraint_bound[0] == 1.0
    # 10 positives cannot certify recall 0.9 at 95 %: predict every row
    assert result.thresholds[2] == -np.inf and result.feasible.all()
    # all negatives... no negatives: specificity needs predicting none
    spec = optimize_thresholds(
        truth, scores, constraint=("specificity", 0.9), confidence_level=0.95
    )
    assert spec.thresholds[1] == np.inf and spec.feasible.all()
    assert spec.constraint_bound[1] == 1.0
    # every score tied
    tied = optimize_thresholds(
        truth[:, 2], np.full(50, 0.5), constraint=("recall", 0.5), confidence_level=0.9
    )
    assert tied.thresholds in (0.5, -np.inf)
    # level 0 and 1
    zero = optimize_thresholds(
        truth, scores, constraint=("recall", 0.0), confidence_level=0.9
    )
    assert zero.feasible.all()
    one = optimize_thresholds(
        truth, scores, constraint=("recall", 1.0), confidence_level=0.9
    )
    assert (one.thresholds == -np.inf).all()
    with pytest.warns(UserWarning, match=r"no cut-off is certified.*: 0, 1, 2"):
        few = optimize_thresholds(
            truth[:8], scores[:8], constraint=("precision", 0.9), confidence_level=0.95
        )
    assert few.thresholds[0] == np.inf and not few.feasible[0]
    assert np.isnan(few.constraint_bound[0])
    with pytest.warns(UserWarning, match="no cut-off is certified"):
        optimize_thresholds(
            truth, scores, constraint=("precision", 1.0), confidence_level=0.95
        )


@pytest.mark.parametrize("bad", [0, 1, 1.5, -0.1, np.nan, "0.95", True])
def test_bad_confidence_level(bad):
    y, s = np.array([[1, 0], [0, 1]] * 5), np.random.default_rng(0).random((10, 2))
    with pytest.raises(ValueError, match="'confidence_level' parameter"):
        optimize_thresholds(y, s, constraint=("recall", 0.9), confidence_level=bad)


def test_bad_input_names_the_argument():
    y, s = np.array([[1, 0], [0, 1]] * 5), np.random.default_rng(0).random((10, 2))
    with pytest.raises(ValueError, match=r"'confidence_level'.*needs a 'constraint'"):
        optimize_thresholds(y, s, confidence_level=0.95)
    with pytest.raises(ValueError, match="'simultaneous' parameter"):
        optimize_thresholds(
            y, s, constraint=("recall", 0.9), confidence_level=0.9, simultaneous=1
        )
    with pytest.raises(ValueError, match=r"'constraint' parameter.*exact"):
        optimize_thresholds(y, s, constraint=("f1", 0.5), confidence_level=0.9)
    with pytest.raises(ValueError, match="'sample_weight' parameter"):
        optimize_thresholds(
            y,
            s,
            constraint=("recall", 0.9),
            confidence_level=0.9,
            sample_weight=np.ones(10),
        )


def test_threshold_optimizer_prefit_equals_optimize_thresholds():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(600, 4))
    Y = (X[:, :3] + rng.normal(size=(600, 3)) > 0.5).astype(int)
    base = OneVsRestClassifier(LogisticRegression()).fit(X[:300], Y[:300])
    model = ThresholdOptimizer(
        base,
        scoring="f1_macro",
        constraint=("recall", 0.9),
        confidence_level=0.9,
        simultaneous=True,
        cv="prefit",
        store_cv_results=True,
    ).fit(X[300:], Y[300:])
    expected = optimize_thresholds(
        Y[300:],
        base.predict_proba(X[300:]),
        scoring="f1_macro",
        constraint=("recall", 0.9),
        confidence_level=0.9,
        simultaneous=True,
    )
    np.testing.assert_array_equal(model.thresholds_, expected.thresholds)
    np.testing.assert_array_equal(
        model.cv_results_["constraint_bound"], expected.constraint_bound
    )
    assert model.cv_results_["constraint_met"].all()
    assert model.get_params()["confidence_level"] == 0.9
    cv_model = ThresholdOptimizer(
        OneVsRestClassifier(LogisticRegression()),
        constraint=("precision", 0.6),
        confidence_level=0.9,
        cv=3,
    ).fit(X, Y)
    assert cv_model.thresholds_.shape == (3,)
    for params in (
        {"thresholds": 10},
        {"thresholds": np.linspace(0, 1, 5)},
        {"aggregate": "fold_mean"},
    ):
        bad = ThresholdOptimizer(
            LogisticRegression(),
            constraint=("recall", 0.9),
            confidence_level=0.9,
            **params,
        )
        with pytest.raises(ValueError, match=f"'{next(iter(params))}' parameter"):
            bad.fit(X, Y[:, 0])
    with pytest.raises(ValueError, match="'confidence_level' parameter"):
        ThresholdOptimizer(LogisticRegression(), confidence_level=0.9).fit(X, Y[:, 0])


def test_grid_counts_against_brute_force():
    from skmultimetrics._thresholds._guarantee import _predicted_counts, fixed_grid

    rng = np.random.default_rng(9)
    for scores in (rng.random((300, 4)), rng.normal(size=(200, 3))):
        grid = fixed_grid(scores)
        scores[:20, 0] = grid[7]  # ties with a grid cut-off
        expected = np.stack([(column[:, None] >= grid).sum(0) for column in scores.T])
        np.testing.assert_array_equal(_predicted_counts(scores, grid), expected)


def test_cli_tunes_under_a_certified_constraint(capsys, tmp_path):
    import json

    from skmultimetrics._cli._main import main

    rng = np.random.default_rng(10)
    truth, scores = _draw(rng, 3000, np.array([0.05, 0.3, 0.01]))
    np.save(tmp_path / "y.npy", truth.astype(int))
    np.save(tmp_path / "s.npy", scores)
    files = [str(tmp_path / "y.npy"), str(tmp_path / "s.npy")]
    out = tmp_path / "cut.json"
    argv = ["report", *files, "--tune", "macro-f1", "--constraint", "precision=0.8"]
    assert main([*argv, "--confidence", "0.95", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = optimize_thresholds(
            truth, scores, constraint=("precision", 0.8), confidence_level=0.95
        )
    written = json.loads(out.read_text())
    cuts = [float(c) for c in written["thresholds"]]
    assert cuts == expected.thresholds.tolist()
    assert written["constraint"]["met"] == expected.feasible.tolist()
    assert written["constraint"]["confidence_level"] == 0.95
    if not expected.feasible.all():
        assert "no cut-off is certified" in err
    # without --confidence: on these scores only, and the text says so
    assert main([*argv]) == 0
    assert "on these scores only" in " ".join(capsys.readouterr().out.split())
    for bad in (["--constraint", "recall:0.9"], ["--confidence", "0.9"]):
        assert main(["report", *files, "--tune", *bad]) == 2
        assert "--con" in capsys.readouterr().err
