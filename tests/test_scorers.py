"""Scorers: by name, correct for every kind of classifier output."""

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import config_context
from sklearn import metrics as sk
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.datasets import make_classification, make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.model_selection import (
    GridSearchCV,
    KFold,
    cross_val_score,
    cross_validate,
)
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import ClassifierChain, MultiOutputClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.tree import DecisionTreeClassifier

import skmultimetrics as smm


@pytest.fixture(scope="module")
def multilabel():
    X, Y = make_multilabel_classification(
        n_samples=120, n_features=8, n_classes=5, n_labels=2, random_state=0
    )
    return X[:80], Y[:80], X[80:], Y[80:]


class SparseProbaClassifier(ClassifierMixin, BaseEstimator):
    """Returns predict_proba as a sparse matrix, as scikit-multilearn does."""

    def fit(self, X, Y):
        self.model_ = OneVsRestClassifier(LogisticRegression()).fit(X, Y)
        self.classes_ = self.model_.classes_
        return self

    def predict(self, X):
        return sp.csr_matrix(self.model_.predict(X))

    def predict_proba(self, X):
        proba = self.model_.predict_proba(X)
        return sp.csr_matrix(np.where(proba > 0.2, proba, 0.0))


def _scores_by_hand(estimator, X):
    """The positive-class scores as each estimator kind lays them out."""
    if not hasattr(estimator, "predict_proba"):
        return estimator.decision_function(X)
    proba = estimator.predict_proba(X)
    if isinstance(proba, list):
        return np.column_stack(
            [p[:, list(c).index(1)] for p, c in zip(proba, estimator.classes_)]
        )
    return proba.toarray() if sp.issparse(proba) else proba


ESTIMATORS = {
    "ovr": OneVsRestClassifier(LogisticRegression()),
    "multioutput": MultiOutputClassifier(LogisticRegression()),
    "forest": RandomForestClassifier(n_estimators=10, random_state=0),
    "knn": KNeighborsClassifier(n_neighbors=5),
    "chain": ClassifierChain(LogisticRegression(), random_state=0),
    "mlp": MLPClassifier(hidden_layer_sizes=(10,), max_iter=50, random_state=0),
    "ridge": RidgeClassifier(),
    "ovr_linear_svc": OneVsRestClassifier(LinearSVC()),
    "pipeline": make_pipeline(StandardScaler(), KNeighborsClassifier()),
    "sparse_proba": SparseProbaClassifier(),
}

RANKING = {
    "precision_at_3": lambda y, s: smm.precision_at_k_score(y, s, k=3),
    "recall_at_2": lambda y, s: smm.recall_at_k_score(y, s, k=2),
    "ndcg_at_3": lambda y, s: smm.ndcg_at_k_score(y, s, k=3),
    "top2_accuracy": lambda y, s: smm.top_k_accuracy_score(y, s, k=2),
    "label_ranking_average_precision": sk.label_ranking_average_precision_score,
    "neg_coverage_error": lambda y, s: -sk.coverage_error(y, s),
    "neg_label_ranking_loss": lambda y, s: -sk.label_ranking_loss(y, s),
    "roc_auc_macro": lambda y, s: sk.roc_auc_score(y, s, average="macro"),
    "roc_auc_weighted": lambda y, s: sk.roc_auc_score(y, s, average="weighted"),
    "average_precision_micro": lambda y, s: sk.average_precision_score(
        y, s, average="micro"
    ),
    "recall_at_precision_80": lambda y, s: smm.recall_at_precision_score(
        y, s, min_precision=0.8
    ),
    "precision_at_recall_50": lambda y, s: smm.precision_at_recall_score(
        y, s, min_recall=0.5
    ),
}
DENSE = (
    "rank",
    "cover",
    "top",
    "roc",
    "average_precision",
    "_at_precision",
    "_at_recall",
)
SET = {
    "subset_accuracy": smm.subset_accuracy_score,
    "hamming_accuracy": smm.hamming_accuracy_score,
    "neg_hamming_loss": lambda y, p: -sk.hamming_loss(y, p),
    "f1_micro": lambda y, p: smm.f1_score(y, p, average="micro"),
    "precision_samples": lambda y, p: smm.precision_score(y, p, average="samples"),
    "jaccard_weighted": lambda y, p: smm.jaccard_score(y, p, average="weighted"),
}


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("kind", ESTIMATORS)
def test_scorers_equal_metrics_on_the_estimators_own_output(kind, multilabel):
    X, Y, X_test, Y_test = multilabel
    estimator = clone(ESTIMATORS[kind]).fit(X, Y)
    scores = _scores_by_hand(estimator, X_test)
    dense_scores = scores
    if kind == "sparse_proba":  # sparse scores: stored entries only are ranked
        scores = sp.csr_matrix(scores)
    for name, metric in RANKING.items():
        dense = any(part in name for part in DENSE)
        expected = metric(Y_test, dense_scores if dense else scores)
        scorer = smm.get_scorer(name)
        assert scorer(estimator, X_test, Y_test) == pytest.approx(expected), name
    prediction = estimator.predict(X_test)
    for name, metric in SET.items():
        assert smm.get_scorer(name)(estimator, X_test, Y_test) == pytest.approx(
            metric(Y_test, prediction)
        ), name


def test_label_seen_with_class_zero_only_scores_zero():
    # label 2 is all zeros in training: MultiOutputClassifier's predict_proba gives
    # an (n, 1) block whose only class is 0, so its positive-class score is 0
    X, Y = make_multilabel_classification(
        n_samples=100, n_features=6, n_classes=3, random_state=1
    )
    Y[:, 2] = 0
    model = MultiOutputClassifier(DecisionTreeClassifier(random_state=0)).fit(X, Y)
    assert model.predict_proba(X)[2].shape == (100, 1)
    Y_test = Y.copy()
    Y_test[::3, 2] = 1  # the label does occur at test time
    right = np.column_stack(
        [model.predict_proba(X)[j][:, 1] for j in (0, 1)] + [np.zeros(100)]
    )
    wrong = right.copy()
    wrong[:, 2] = 1.0  # what reading the last column as positive would give
    ours = smm.get_scorer("label_ranking_average_precision")(model, X, Y_test)
    assert ours == pytest.approx(
        sk.label_ranking_average_precision_score(Y_test, right)
    )
    assert ours != pytest.approx(
        sk.label_ranking_average_precision_score(Y_test, wrong)
    )
    assert smm.get_scorer("precision_at_1")(model, X, Y_test) == pytest.approx(
        smm.precision_at_k_score(Y_test, right, k=1)
    )


@pytest.mark.filterwarnings("ignore:Scoring failed:UserWarning")
def test_top_k_scorer_with_a_fold_lacking_classes():
    X, y = make_classification(
        n_samples=90, n_features=6, n_informative=4, n_classes=4, random_state=0
    )
    y[[0, 1, 35]] = 7  # a rare class, absent from the last test fold
    cv = KFold(3, shuffle=False)
    ours = cross_validate(
        LogisticRegression(), X, y, cv=cv, scoring=smm.get_scorer("top2_accuracy")
    )["test_score"]
    for fold, (train, test) in enumerate(cv.split(X)):
        model = LogisticRegression().fit(X[train], y[train])
        expected = smm.top_k_accuracy_score(
            y[test], model.predict_proba(X[test]), k=2, labels=model.classes_
        )
        assert ours[fold] == pytest.approx(expected)
    # scikit-learn's own top-k scorer cannot score such folds
    theirs = cross_validate(
        LogisticRegression(), X, y, cv=cv, scoring="top_k_accuracy", error_score=np.nan
    )["test_score"]
    assert np.isnan(theirs).any()


def test_top_k_scorer_binary_decision_function():
    X, y = make_classification(n_samples=60, random_state=0)
    model = LinearSVC().fit(X, y)
    assert smm.get_scorer("top1_accuracy")(model, X, y) == pytest.approx(
        sk.accuracy_score(y, model.predict(X))
    )


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
def test_cross_validate_with_a_dict_and_grid_search_refit(multilabel):
    X, Y, _, _ = multilabel
    names = ["f1_macro", "subset_accuracy", "ndcg_at_3", "top1_accuracy"]
    scoring = {name: smm.get_scorer(name) for name in names}
    result = cross_validate(KNeighborsClassifier(), X, Y, cv=3, scoring=scoring)
    for name in names:
        assert result[f"test_{name}"].shape == (3,)
        assert np.all((result[f"test_{name}"] >= 0) & (result[f"test_{name}"] <= 1))
    search = GridSearchCV(
        KNeighborsClassifier(),
        {"n_neighbors": [1, 5, 15]},
        scoring=scoring,
        refit="ndcg_at_3",
        cv=3,
    ).fit(X, Y)
    best = np.argmax(search.cv_results_["mean_test_ndcg_at_3"])
    assert search.best_params_ == search.cv_results_["params"][best]


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
def test_scorers_pickle_and_are_fresh_objects(multilabel):
    X, Y, X_test, Y_test = multilabel
    model = KNeighborsClassifier().fit(X, Y)
    for name in ("f1_samples", "recall_at_2", "top3_accuracy", "neg_coverage_error"):
        scorer = smm.get_scorer(name)
        assert smm.get_scorer(name) is not scorer
        copy = pickle.loads(pickle.dumps(scorer))
        assert copy(model, X_test, Y_test) == scorer(model, X_test, Y_test)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
@pytest.mark.parametrize("name", ["f1_micro", "precision_at_2", "top2_accuracy"])
def test_sample_weight_through_metadata_routing(name, multilabel):
    X, Y, _, _ = multilabel
    weight = np.random.default_rng(0).random(X.shape[0])
    cv = KFold(3)
    with config_context(enable_metadata_routing=True):
        scorer = smm.get_scorer(name).set_score_request(sample_weight=True)
        routed = cross_validate(
            KNeighborsClassifier(),
            X,
            Y,
            cv=cv,
            scoring=scorer,
            params={"sample_weight": weight},
        )["test_score"]
    for fold, (train, test) in enumerate(cv.split(X)):
        model = KNeighborsClassifier().fit(X[train], Y[train])
        plain = smm.get_scorer(name)
        expected = plain(model, X[test], Y[test], sample_weight=weight[test])
        assert routed[fold] == pytest.approx(expected)
        assert expected != pytest.approx(plain(model, X[test], Y[test]))


def test_names_and_errors():
    names = smm.get_scorer_names()
    for name in (
        "top5_accuracy",
        "ndcg_at_10",
        "f1_samples",
        "neg_hamming_loss",
        "roc_auc",
    ):
        assert name in names
    assert smm.get_scorer("top17_accuracy") is not None  # any k
    assert smm.get_scorer("recall_at_250") is not None
    assert smm.get_scorer("neg_log_loss")._score_func is sk.log_loss  # passed on
    with pytest.raises(ValueError, match=r"closest valid names .*'f1_macro'"):
        smm.get_scorer("f1_macr")
    with pytest.raises(ValueError, match="not a valid scoring value"):
        smm.get_scorer("top0_accuracy")
    with pytest.raises(TypeError, match="str or a callable"):
        smm.get_scorer(5)
    scorer = smm.get_scorer("f1_micro")
    assert smm.get_scorer(scorer) is scorer


def test_ranking_scorer_needs_scores():
    class PredictOnly(ClassifierMixin, BaseEstimator):
        def fit(self, X, y):
            self.classes_ = np.unique(y)
            return self

        def predict(self, X):
            return np.zeros(len(X), dtype=int)

    X, y = make_classification(n_samples=20, random_state=0)
    model = PredictOnly().fit(X, y)
    with pytest.raises(TypeError, match="neither predict_proba nor decision_function"):
        smm.get_scorer("top1_accuracy")(model, X, y)
    with pytest.raises(ValueError, match="did not see in fit"):
        smm.get_scorer("top1_accuracy")(
            LogisticRegression().fit(X, y), X, np.full(20, 9)
        )


@pytest.mark.parametrize(
    "ours, theirs",
    [("roc_auc_macro", "roc_auc"), ("average_precision_macro", "average_precision")],
)
def test_threshold_free_scorers_equal_scikit_learns_on_binary_targets(ours, theirs):
    X, y = make_classification(n_samples=150, random_state=0)
    for model in (LogisticRegression(), LinearSVC()):  # predict_proba, decision
        kwargs = {"cv": KFold(3, shuffle=True, random_state=0)}
        mine = cross_validate(model, X, y, scoring=smm.get_scorer(ours), **kwargs)
        reference = cross_validate(model, X, y, scoring=theirs, **kwargs)
        np.testing.assert_allclose(mine["test_score"], reference["test_score"])


@pytest.mark.parametrize(
    "ours, theirs",
    [("roc_auc_macro", "roc_auc_ovr"), ("roc_auc_weighted", "roc_auc_ovr_weighted")],
)
def test_roc_auc_scorers_are_one_vs_rest_on_multiclass_targets(ours, theirs):
    X, y = make_classification(
        n_samples=200, n_classes=4, n_informative=5, random_state=0
    )
    kwargs = {"cv": 3}
    mine = cross_validate(
        LogisticRegression(), X, y, scoring=smm.get_scorer(ours), **kwargs
    )
    reference = cross_validate(LogisticRegression(), X, y, scoring=theirs, **kwargs)
    np.testing.assert_allclose(mine["test_score"], reference["test_score"])


def test_operating_point_scorer_names():
    names = smm.get_scorer_names()
    assert "recall_at_precision_90" in names and "precision_at_recall_95" in names
    assert "roc_auc_samples" in names and "average_precision_weighted" in names
    with pytest.raises(ValueError, match="not a valid scoring value"):
        smm.get_scorer("recall_at_precision_101")


SKLEARN_NAMES = (
    "roc_auc",
    "average_precision",
    "roc_auc_ovr",
    "roc_auc_ovo",
    "roc_auc_ovr_weighted",
    "roc_auc_ovo_weighted",
)


def _one_class_split():
    """Multi-label data and one split whose training part has label 2 all 0:
    a multi-output estimator's predict_proba for it is an (n, 1) block of
    class 0, a positive-class score of 0."""
    X, Y = make_multilabel_classification(
        n_samples=90, n_features=6, n_classes=3, random_state=0
    )
    Y[:, 2] = 0
    Y[60:75, 2] = 1
    return X, Y, [(np.arange(60), np.arange(60, 90))]


def _positive_scores(model, X):
    """Per label, P(class 1), and 0 for a label fit on class 0 only."""
    proba = model.predict_proba(X)
    classes = getattr(model, "classes_", None)
    if not isinstance(classes, list):
        classes = [e.classes_ for e in model.estimators_]
    return np.column_stack(
        [
            p[:, list(c).index(1)] if 1 in c else np.zeros(len(X))
            for p, c in zip(proba, classes)
        ]
    )


@pytest.mark.parametrize("name", SKLEARN_NAMES)
@pytest.mark.parametrize(
    "model",
    [
        RandomForestClassifier(n_estimators=10, random_state=0),
        MultiOutputClassifier(DecisionTreeClassifier(random_state=0)),
    ],
    ids=["forest", "multioutput"],
)
def test_sklearn_names_read_a_label_seen_with_one_class(name, model):
    X, Y, cv = _one_class_split()
    ours = cross_val_score(
        model, X, Y, cv=cv, scoring=smm.get_scorer(name), error_score="raise"
    )
    ((train, test),) = cv
    fitted = clone(model).fit(X[train], Y[train])
    assert fitted.predict_proba(X[test])[2].shape == (30, 1)
    metric = sk.average_precision_score if "precision" in name else sk.roc_auc_score
    average = "weighted" if name.endswith("_weighted") else "macro"
    expected = metric(Y[test], _positive_scores(fitted, X[test]), average=average)
    np.testing.assert_allclose(ours, [expected], rtol=1e-12)
    # scikit-learn 1.9's own scorer fails on the (n, 1) block
    with pytest.raises(ValueError):
        cross_val_score(model, X, Y, cv=cv, scoring=name, error_score="raise")


def test_grid_search_with_sklearn_names_on_one_class_folds():
    X, Y, cv = _one_class_split()
    scoring = {name: smm.get_scorer(name) for name in SKLEARN_NAMES[:2]}
    search = GridSearchCV(
        RandomForestClassifier(n_estimators=10, random_state=0),
        {"max_depth": [2, None]},
        scoring=scoring,
        refit="roc_auc",
        cv=cv,
        error_score="raise",
    ).fit(X, Y)
    ((train, test),) = cv
    for i, params in enumerate(search.cv_results_["params"]):
        model = RandomForestClassifier(n_estimators=10, random_state=0, **params)
        scores = _positive_scores(model.fit(X[train], Y[train]), X[test])
        expected = sk.roc_auc_score(Y[test], scores)
        assert search.cv_results_["mean_test_roc_auc"][i] == pytest.approx(expected)


class TwoScores(ClassifierMixin, BaseEstimator):
    """decision_function and predict_proba of two models that rank differently."""

    def fit(self, X, y):
        self.linear_ = LogisticRegression().fit(X, y)
        self.bayes_ = GaussianNB().fit(X, y)
        self.classes_ = self.linear_.classes_
        return self

    def predict(self, X):
        return self.linear_.predict(X)

    def decision_function(self, X):
        return self.linear_.decision_function(X)

    def predict_proba(self, X):
        return self.bayes_.predict_proba(X)


def _score_or_error(scorer, model, X, y):
    try:
        return scorer(model, X, y)
    except (ValueError, TypeError, AttributeError):  # no such scores, one class
        return "error"  # where scikit-learn's scorer fails, so must ours


def _assert_equal_to_sklearns(models, X, y, names):
    """Our scorer and scikit-learn's, on each fold's fitted model."""
    for train, test in KFold(3, shuffle=True, random_state=0).split(X):
        for model in models:
            fitted = clone(model).fit(X[train], y[train])
            for name in names:
                ours = _score_or_error(smm.get_scorer(name), fitted, X[test], y[test])
                theirs = _score_or_error(sk.get_scorer(name), fitted, X[test], y[test])
                if theirs == "error":
                    assert ours == "error", name
                else:
                    assert ours == pytest.approx(theirs, rel=1e-12, abs=0), name


@pytest.mark.parametrize("labels", [(0, 1), (-1, 1), (1, 2), ("no", "yes")])
def test_sklearn_names_equal_sklearns_scorers_on_binary_targets(labels):
    """Read as scikit-learn reads them: decision_function first for roc_auc and
    average_precision, predict_proba for roc_auc_ovr; AP's pos_label=1."""
    X, y = make_classification(n_samples=120, flip_y=0.2, random_state=0)
    y = np.where(y == 1, labels[1], labels[0])
    models = (LogisticRegression(), LinearSVC(), GaussianNB(), TwoScores())
    _assert_equal_to_sklearns(models, X, y, SKLEARN_NAMES)
    # the two scores of TwoScores give other values: the test tells them apart
    model = TwoScores().fit(X, y)
    on_proba = sk.roc_auc_score(y, model.predict_proba(X)[:, 1])
    assert smm.get_scorer("roc_auc")(model, X, y) != pytest.approx(on_proba)


def test_sklearn_names_equal_sklearns_scorers_on_multiclass_targets():
    X, y = make_classification(
        n_samples=150, n_classes=4, n_informative=5, random_state=0
    )
    # roc_auc (multi_class="raise") fails on both sides
    _assert_equal_to_sklearns([GaussianNB()], X, y, SKLEARN_NAMES)


def test_sklearn_names_equal_sklearns_scorers_where_those_read_multi_label_right():
    X, Y = make_multilabel_classification(n_samples=120, n_classes=4, random_state=0)
    models = (
        OneVsRestClassifier(LinearSVC()),  # decision_function
        OneVsRestClassifier(LogisticRegression()),  # both: decision_function first
        KNeighborsClassifier(),  # a list of (n, 2) predict_proba blocks
    )
    _assert_equal_to_sklearns(models, X, Y, SKLEARN_NAMES)


def test_ranking_scorer_repr_names_the_scores_it_reads():
    for name in ("roc_auc", "average_precision"):
        assert repr(smm.get_scorer(name)) == repr(sk.get_scorer(name))
    text = repr(smm.get_scorer("roc_auc_macro"))
    assert "response_method=('predict_proba', 'decision_function')" in text
    assert "'predict'" not in text
    assert "response_method='predict_proba'" in repr(smm.get_scorer("roc_auc_ovo"))
    assert "'predict'" not in repr(smm.get_scorer("top3_accuracy"))
    assert "response_method='predict'" in repr(smm.get_scorer("f1_macro"))
