"""The error of a bad parameter, in the house format."""


class InvalidParameterError(ValueError, TypeError):
    """A parameter of the wrong type or value.

    A subclass of both ``ValueError`` and ``TypeError``, like scikit-learn's
    exception of the same name, so ``except ValueError`` and ``except TypeError``
    both catch it, whichever kind of mistake it reports.
    """


def param_error(func, name, must, got):
    """The error for a bad argument, in the house format."""
    return InvalidParameterError(
        f"The '{name}' parameter of {func} must be {must}; got {got!r}."
    )
