"""The input kinds of the contract test, and the one table of documented
differences from scikit-learn.

A *kind* turns a base NumPy problem into what a user might pass: a container,
a dtype, a label encoding, an orientation. Every cell of the contract (an entry
point crossed with a kind) must equal scikit-learn's value, or raise where
scikit-learn raises, or be a row of ``DIFFERENCES`` below: what differs, why,
and the test that pins it (the docs' table of differences is this one).
"""

import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp

N = 24


def problems(seed=0):
    """Base problems: 0/1 binary labels, 4 multiclass labels, a 4-label
    indicator matrix, each with scores (every class and label has both
    values)."""
    rng = np.random.default_rng(seed)
    binary = np.tile([0, 1], N // 2)
    rng.shuffle(binary)
    multiclass = np.tile([0, 1, 2, 3], N // 4)
    rng.shuffle(multiclass)
    matrix = np.stack([rng.permutation(np.tile([0, 1], N // 2)) for _ in range(4)], 1)
    scores = rng.random(N).round(2)
    proba = rng.dirichlet(np.ones(4), N)
    matrix_scores = rng.random((N, 4)).round(2)
    return {
        "binary": (binary, scores, (scores >= 0.5).astype(np.int64)),
        "multiclass": (multiclass, proba, proba.argmax(axis=1)),
        "multilabel": (matrix, matrix_scores, (matrix_scores >= 0.5).astype(np.int64)),
    }


# ---------------------------------------------------------------- containers
def _frame(a):
    return pd.Series(a) if a.ndim == 1 else pd.DataFrame(a)


def _nullable(a):
    dtype = "Int64" if a.dtype.kind in "iub" else "Float64"
    return _frame(a).astype(dtype)


def _category(a):
    if a.ndim != 1:
        return None
    return pd.Series(a).astype("category")


def _dtype(name):
    def convert(a):
        if a.dtype.kind == "f" and np.dtype(name).kind != "f":
            return None  # scores only as floats
        return a.astype(name)

    return convert


def _sparse(kind):
    def convert(a):
        if a.ndim != 2:
            return None
        return (
            {"csr_matrix": sp.csr_matrix, "csr_array": sp.csr_array}[kind](a)
            if (kind != "coo")
            else sp.coo_array(a)
        )

    return convert


# name -> function of a NumPy array (labels or scores) -> container, or None
# where the kind does not apply; every kind must give scikit-learn's value
CONTAINERS = {
    "list": lambda a: a.tolist(),
    "tuple": lambda a: tuple(map(tuple, a.tolist())) if a.ndim == 2 else tuple(a),
    "ndarray": lambda a: a,
    "bool": lambda a: a.astype(bool) if a.dtype.kind != "f" and a.max() <= 1 else None,
    "int8": _dtype("int8"),
    "uint8": _dtype("uint8"),
    "int64": _dtype("int64"),
    "uint64": _dtype("uint64"),
    "float16": lambda a: a.astype(np.float16) if a.dtype.kind == "f" else None,
    "float32": _dtype("float32"),
    "float64": _dtype("float64"),
    "object": lambda a: a.astype(object),
    "fortran": lambda a: np.asfortranarray(a) if a.ndim == 2 else None,
    "strided": lambda a: np.repeat(a, 2, axis=0)[::2],
    "pandas": _frame,
    "pandas_nullable": _nullable,
    "pandas_category": _category,
    "csr_matrix": _sparse("csr_matrix"),
    "csr_array": _sparse("csr_array"),
    "coo": _sparse("coo"),
}


# ---------------------------------------------------------- label encodings
def _encode(mapping):
    def convert(labels):
        values = np.array([mapping[v] for v in labels.tolist()], dtype=object)
        kinds = {type(v) for v in mapping.values()}
        if kinds <= {int}:
            return values.astype(np.int64)
        if kinds <= {str}:
            return values.astype(str)
        return values  # a mixed object array

    return convert


# name -> function of 1-D 0/1 (or 0..3) labels -> encoded labels
ENCODINGS = {
    "0/1": _encode({0: 0, 1: 1, 2: 2, 3: 3}),
    "-1/1": _encode({0: -1, 1: 1, 2: 2, 3: 3}),
    "1/2": _encode({0: 1, 1: 2, 2: 3, 3: 4}),
    "0/2": _encode({0: 0, 1: 2, 2: 4, 3: 6}),
    "strings": _encode({0: "a", 1: "b", 2: "c", 3: "d"}),
    "big int64": lambda y: y.astype(np.int64) + 2**62,
    "big uint64": lambda y: y.astype(np.uint64) + np.uint64(2**63),
    "near 2**53": lambda y: y.astype(np.int64) + 2**53,
    "mixed objects": _encode({0: 1, 1: "1", 2: 2, 3: "2"}),
    "missing None": lambda y: np.where(np.arange(y.size) == 0, None, y).astype(object),
    "missing NaN": lambda y: np.where(np.arange(y.size) == 0, np.nan, y),
}

# name -> function of n -> sample_weight
WEIGHTS = {
    "zero sum": lambda n: np.zeros(n),
    "negative": lambda n: np.where(np.arange(n) % 3 == 0, -1.0, 1.0),
    "NaN": lambda n: np.where(np.arange(n) == 0, np.nan, 1.0),
    "inf": lambda n: np.where(np.arange(n) == 0, np.inf, 1.0),
    "integers": lambda n: np.arange(n) % 3,
    "wrong length": lambda n: np.ones(n + 1),
    "2-D": lambda n: np.ones((n, 1)),
    "complex": lambda n: np.ones(n) + 1j,
    "0-d": lambda n: np.asarray(1.0),
}


# ------------------------------------------------------------------ outcome
class Outcome(NamedTuple):
    value: object  # a float, an ndarray, or None when it raised
    error: object  # the exception, or None


def outcome(call, *args, **kwargs):
    """What ``call`` gives: its value, or the exception it raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return Outcome(call(*args, **kwargs), None)
        except Exception as exc:  # the contract compares them
            return Outcome(None, exc)


def same_value(a, b):
    if isinstance(a, tuple) or isinstance(b, tuple):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is None and b is None
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(
        a, b, rtol=1e-9, atol=1e-12, equal_nan=True
    )


def agreement(ours, theirs):
    """None when ``ours`` keeps the contract against scikit-learn's ``theirs``,
    else what is wrong."""
    if theirs.error is not None:
        if ours.error is None:
            return f"scikit-learn raised {theirs.error!r}; we returned {ours.value!r}"
        if not isinstance(ours.error, (ValueError, TypeError)):
            return f"we raised {ours.error!r}, not a ValueError or TypeError"
        return None
    if ours.error is not None:
        return f"we raised {ours.error!r}; scikit-learn returned {theirs.value!r}"
    if not same_value(ours.value, theirs.value):
        return f"we returned {ours.value!r}; scikit-learn {theirs.value!r}"
    return None


def snapshot(*values):
    """Copies of the array-likes among ``values``, to check none was changed."""
    out = []
    for value in values:
        if sp.issparse(value):
            out.append(value.copy())
        elif isinstance(value, (pd.Series, pd.DataFrame)):
            out.append(value.copy(deep=True))
        elif isinstance(value, np.ndarray):
            out.append(value.copy())
        else:
            out.append(None)
    return out


def unchanged(values, copies):
    for value, copy in zip(values, copies):
        if copy is None:
            continue
        if sp.issparse(value):
            if (value != copy).nnz:
                return False
        elif isinstance(value, (pd.Series, pd.DataFrame)):
            if not value.equals(copy):
                return False
        elif not np.array_equal(value, copy, equal_nan=value.dtype.kind == "f"):
            return False
    return True


# ---------------------------------------------- the documented differences
class Difference(NamedTuple):
    what: str  # the input and entry point
    ours: str  # what this package does
    theirs: str  # what scikit-learn does
    why: str
    test: str  # the test (in tests/test_contract.py) that pins it
    kinds: tuple = ()  # containers read as their NumPy array, where sklearn raises


DIFFERENCES = {
    "object arrays of numbers": Difference(
        "labels or scores in an object array of numbers (pandas' object columns)",
        "read as the numbers they hold: the value of the numeric array",
        "raises ('unknown is not supported')",
        "an object column of ints is a common pandas result; a mix of types "
        "or a missing value is still refused",
        "the crossing of containers (kind 'object')",
        ("object",),
    ),
    "tuples of label rows": Difference(
        "a label-indicator matrix as a tuple of tuples",
        "read as the matrix",
        "raises (scipy.sparse can't build from it)",
        "a tuple is an array-like",
        "the crossing of containers (kind 'tuple')",
        ("tuple",),
    ),
    "nullable pandas matrices": Difference(
        "a DataFrame of pandas' nullable Int64 / Float64 columns without missing "
        "values as a label-indicator matrix or scores",
        "read as the numbers it holds",
        "raises for label-indicator DataFrames (scipy.sparse does not support "
        "dtype object)",
        "nullable dtypes are pandas' default for read data; pd.NA is refused",
        "the crossing of containers (kind 'pandas_nullable')",
        ("pandas_nullable",),
    ),
    "sparse truth of the curves": Difference(
        "roc_auc_score and average_precision_score with a sparse label-indicator "
        "y_true",
        "read as the matrix",
        "raises (y_true must be an array-like)",
        "sparse label matrices are the norm with many labels",
        "the crossing of containers (kinds 'csr_matrix', 'csr_array', 'coo')",
        ("csr_matrix", "csr_array", "coo"),
    ),
    "column weights": Difference(
        "sample_weight of shape (n_samples, 1)",
        "refused by every function, naming sample_weight",
        "roc_auc_score and average_precision_score ravel it; the other metrics "
        "refuse it",
        "one rule for every function",
        "test_documented_column_weights",
    ),
    "complex weights of top-k": Difference(
        "top_k_accuracy_score with a complex sample_weight",
        "raises, naming sample_weight, as every function",
        "drops the imaginary part (its other metrics raise)",
        "a number from half of each weight is a guess",
        "test_documented_complex_weights_of_top_k",
    ),
    "negative weights of the curves": Difference(
        "roc_auc_score, average_precision_score and the operating points with "
        "negative sample weights",
        "raises, naming sample_weight",
        "roc_auc_score raises (its curve is not monotonic); "
        "average_precision_score returns a number, with precisions that may "
        "leave [0, 1]",
        "a curve of negative counts has no meaning",
        "test_documented_negative_weights_of_the_curves",
    ),
    "integer scores beyond 2**53": Difference(
        "integer scores (y_score or scores with threshold=) of magnitude above 2**53",
        "raises, naming y_score",
        "compares them as float64, where distinct scores may become equal",
        "ranks and cut-offs of rounded scores would be plausible wrong numbers",
        "tests/test_input_kinds.py::test_integer_scores_beyond_float64_precision_raise",
    ),
    "labels beyond 2**53 compared as floats": Difference(
        "class labels beyond 2**53 in magnitude that NumPy compares as float64 "
        "(float labels, int64 with uint64, Python ints beyond int64 in a list)",
        "raises, naming y_true and y_pred",
        "integers against float labels: compared as float64, where neighbouring "
        "integers are one label ([2**53 + 1, 0] against [2.0**53, 0.0] has "
        "accuracy 1.0); int64 with uint64: exact; ints beyond int64 in a list: "
        "raises",
        "a merged label would be a plausible wrong number; integer labels of one "
        "type are compared exactly",
        "tests/test_input_kinds.py::test_large_integer_labels_compared_as_floats_raise",
    ),
    "non-integral column labels": Difference(
        "labels= of a label-indicator target with a non-integral float (1.5)",
        "raises, naming labels (integral floats such as 1.0 are column 1)",
        "reads it as a column index",
        "a column index that is not an integer is a guess",
        "tests/test_input_kinds.py::test_float_column_indices_for_labels",
    ),
    "greater class of a binary score": Difference(
        "threshold= with 1-D binary y_true and a pos_label other than the "
        "greater class",
        "the score is the greater class's (predict_proba[:, 1]); pos_label only "
        "picks the class whose metric is reported",
        "no threshold= keyword (roc_auc_score reads a 1-D score as the greater "
        "class's)",
        "one reading of a binary score across the package: scikit-learn's",
        "tests/test_input_kinds.py::test_threshold_predicts_the_greater_class",
    ),
    "ties of top-k": Difference(
        "top_k_accuracy_score with scores tied at the k-th place",
        "ties='average' (the default): the expected hit under random "
        "tie-breaking; 'optimistic' is Keras' in_top_k, 'pessimistic' counts "
        "none",
        "breaks ties by the order of the classes",
        "a stated rule that does not depend on how the classes are numbered",
        "test_documented_ties_of_top_k",
    ),
    "unordered labels of top-k": Difference(
        "top_k_accuracy_score with labels= in an order other than sorted",
        "each score column is the class of labels= at its position",
        "raises (labels must be ordered)",
        "the columns of a model's scores need not be sorted",
        "test_documented_unordered_labels_of_top_k",
    ),
    "bytes labels": Difference(
        "class labels as bytes (b'a', b'b')",
        "read as labels, as strings are",
        "raises (labels represented as bytes are not supported)",
        "bytes compare and sort as strings do",
        "test_documented_bytes_labels",
    ),
    "refused where scikit-learn guesses": Difference(
        "datetime64 labels; an empty labels=; Decimal or Fraction scores with "
        "threshold=",
        "raises, naming the argument",
        "returns a value (nan for labels=[])",
        "none of them is a target this package can read without a guess",
        "test_documented_refusals",
    ),
    "non-finite weights of top-k": Difference(
        "top_k_accuracy_score with a NaN or infinite sample_weight",
        "raises, naming sample_weight",
        "returns nan",
        "a NaN without an error is a silent wrong number",
        "test_documented_non_finite_weights_of_top_k",
    ),
    "one-hot top-k": Difference(
        "top_k_accuracy_score with a one-hot or multi-hot (n, C) y_true",
        "a hit when any positive class is among the k best scores",
        "raises: y_true must be 1-D class labels",
        "Keras' targets are one-hot; DESIGN's top-k contract takes them",
        "test_documented_one_hot_top_k",
    ),
    "binary proba columns": Difference(
        "1-D binary y_true with an (n, 2) predict_proba as y_score or as "
        "y_pred with threshold= (roc_auc_score, average_precision_score, the set "
        "metrics)",
        "column 1, the score of the greater class, is used",
        "roc_auc_score and average_precision_score raise (y_score must be 1-D)",
        "predict_proba's layout is read in one place for every function",
        "test_documented_binary_proba_columns",
    ),
    "threshold argmax": Difference(
        "threshold='argmax' with a one-hot y_true",
        "one class per sample: argmax(y_true) against argmax(y_score)",
        "no threshold= keyword",
        "the multiclass reading of Keras' to_categorical targets",
        "tests/test_onehot.py",
    ),
}


def render_differences():
    """The docs' page of the differences (docs/user_guide/differences.rst)."""
    out = [
        "==============================",
        "Differences from scikit-learn",
        "==============================",
        "",
        "Every public function is checked against scikit-learn on every kind of "
        "input a",
        "user may pass: lists, NumPy arrays of each dtype, pandas (nullable dtypes and",
        "categoricals too), sparse matrices, 0-d and empty arrays, label encodings",
        "({0, 1}, {-1, 1}, {1, 2}, {0, 2}, strings, mixed objects, missing values),",
        "sample weights (zero-sum, negative, NaN, complex), binary targets as 1-D "
        "and as",
        "one column, and bad cut-offs. Each cell equals scikit-learn's value, or "
        "raises",
        "where scikit-learn raises, or is one of the differences below. The table is",
        "the one the contract test reads (``tests/contract.py``; regenerate this page",
        "with ``python tests/contract.py > docs/user_guide/differences.rst``).",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 25 25 25 25",
        "",
        "   * - input",
        "     - skmultimetrics",
        "     - scikit-learn",
        "     - why (and the test)",
    ]
    for row in DIFFERENCES.values():
        out += [
            f"   * - {row.what}",
            f"     - {row.ours}",
            f"     - {row.theirs}",
            f"     - {row.why} (``{row.test}``)",
        ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render_differences(), end="")
