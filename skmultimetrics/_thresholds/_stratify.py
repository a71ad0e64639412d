"""MultilabelStratifiedKFold: folds that keep every label's share of positives.

Iterative stratification (Sechidis, Tsoumakas and Vlahavas, 2011): the label
with the fewest positives left is dealt out first, each of its samples to the
fold that most lacks that label (ties: the fold that most lacks samples, then
the lowest index, or a random one with ``shuffle=True``); samples without a
label fill the folds that lack samples. Plain ``KFold`` leaves rare labels with
folds that hold no positive; this does not while a label has at least
``n_splits`` positives.

The greedy loop is sequential by nature; it runs over plain Python lists of
each sample's labels (read once from a CSR matrix), so its cost is about one
small step per (sample, label) pair.
"""

import numbers

import numpy as np
import scipy.sparse as sp
from sklearn.model_selection import BaseCrossValidator
from sklearn.utils import check_random_state

from .._checks._params import param_error
from .._checks._targets import as_array_or_csr, check_indicator


class MultilabelStratifiedKFold(BaseCrossValidator):
    """K-fold splits of a multi-label target, stratified label by label.

    Read more in the :ref:`User Guide <pipelines>`.

    Iterative stratification (Sechidis et al., 2011): each fold receives about
    ``1 / n_splits`` of every label's positives and of the samples. Use it as
    ``cv=`` anywhere scikit-learn takes a splitter (``cross_validate``,
    ``GridSearchCV``, ``ThresholdOptimizer``).

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds, at least 2.
    shuffle : bool, default=False
        Deal the samples in a random order and break ties between equally
        deserving folds at random; otherwise in the given order, to the lowest
        fold index.
    random_state : int, RandomState instance or None, default=None
        The randomness of ``shuffle=True``; must be None without it.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultimetrics import MultilabelStratifiedKFold
    >>> Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [0, 0]])
    >>> cv = MultilabelStratifiedKFold(n_splits=2)
    >>> [Y[test].sum(axis=0).tolist() for _, test in cv.split(Y, Y)]
    [[2, 2], [1, 1]]
    """

    def __init__(self, n_splits=5, *, shuffle=False, random_state=None):
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def get_n_splits(self, X=None, y=None, groups=None):
        """Return the number of folds, ``n_splits``.

        Parameters
        ----------
        X : object, default=None
            Ignored; for compatibility with scikit-learn's splitters.
        y : object, default=None
            Ignored; for compatibility with scikit-learn's splitters.
        groups : object, default=None
            Ignored; for compatibility with scikit-learn's splitters.

        Returns
        -------
        n_splits : int
            The number of folds.
        """
        return self.n_splits

    def _check(self, y):
        name = type(self).__name__
        n_splits = self.n_splits
        if (
            not isinstance(n_splits, numbers.Integral)
            or isinstance(n_splits, bool)
            or n_splits < 2
        ):
            raise param_error(name, "n_splits", "an int >= 2", n_splits)
        if not isinstance(self.shuffle, (bool, np.bool_)):
            raise param_error(name, "shuffle", "a bool", self.shuffle)
        if not self.shuffle and self.random_state is not None:
            raise ValueError(
                f"Setting a random_state has no effect since shuffle is False in "
                f"{name}: leave random_state at None or set shuffle=True."
            )
        if y is None:
            raise ValueError(f"{name} needs y, the label matrix, to stratify.")
        Y = as_array_or_csr(y, "y", name)
        if Y.ndim != 2:
            raise ValueError(
                f"y of {name} must be a label-indicator matrix of shape "
                f"(n_samples, n_labels); got shape {Y.shape}."
            )
        Y = check_indicator(Y, "y", name)
        if n_splits > Y.shape[0]:
            raise ValueError(
                f"Cannot have number of splits n_splits={n_splits} greater than "
                f"the number of samples: n_samples={Y.shape[0]}."
            )
        return sp.csr_array(Y)

    def _iter_test_indices(self, X=None, y=None, groups=None):
        folds = self.fold_of_each_sample(y)
        for k in range(self.n_splits):
            yield np.flatnonzero(folds == k)

    def fold_of_each_sample(self, y):
        """Assign every sample of ``y`` to a fold.

        Parameters
        ----------
        y : array-like or sparse matrix of shape (n_samples, n_labels)
            Binary label-indicator matrix to stratify.

        Returns
        -------
        folds : ndarray of shape (n_samples,)
            The fold index, in ``0 .. n_splits - 1``, of each sample.
        """
        Y = self._check(y)
        return _iterative_folds(
            Y,
            self.n_splits,
            check_random_state(self.random_state) if self.shuffle else None,
        )


def _iterative_folds(Y, n_splits, rng):
    """Sechidis et al.'s greedy assignment; ``rng`` None: given order, lowest
    fold on ties."""
    n_samples, n_labels = Y.shape
    order = np.arange(n_samples) if rng is None else rng.permutation(n_samples)
    Y = Y[order]  # deal in this order; map back at the end
    indptr, indices = Y.indptr.tolist(), Y.indices.tolist()
    labels_of = [indices[indptr[i] : indptr[i + 1]] for i in range(n_samples)]
    per_label = np.bincount(Y.indices, minlength=n_labels)
    # samples still to deal, per label, in dealing order
    samples_of = np.split(
        np.argsort(Y.indices, kind="stable").astype(np.intp), np.cumsum(per_label)[:-1]
    )
    row_of_entry = np.repeat(np.arange(n_samples), np.diff(Y.indptr))
    samples_of = [row_of_entry[entries].tolist() for entries in samples_of]
    share = 1.0 / n_splits
    wanted = [[count * share] * n_splits for count in per_label.tolist()]
    wanted_samples = [n_samples * share] * n_splits
    remaining = per_label.astype(np.float64)
    remaining[remaining == 0] = np.inf  # labels without positives never lead
    fold = [-1] * n_samples
    folds = range(n_splits)
    while True:
        label = int(np.argmin(remaining))
        if remaining[label] == np.inf:
            break
        label_wants = wanted[label]
        for i in samples_of[label]:
            if fold[i] >= 0:
                continue
            top = max(label_wants)
            best = [k for k in folds if label_wants[k] == top]
            if len(best) > 1:
                most = max(wanted_samples[k] for k in best)
                best = [k for k in best if wanted_samples[k] == most]
            k = (
                best[0]
                if rng is None or len(best) == 1
                else best[rng.randint(len(best))]
            )
            fold[i] = k
            wanted_samples[k] -= 1
            for j in labels_of[i]:
                wanted[j][k] -= 1
                remaining[j] -= 1
        remaining[label] = np.inf
    for i in range(n_samples):  # samples without labels
        if fold[i] < 0:
            k = max(folds, key=lambda f: wanted_samples[f])
            fold[i] = k
            wanted_samples[k] -= 1
    out = np.empty(n_samples, dtype=np.intp)
    out[order] = fold
    return out
