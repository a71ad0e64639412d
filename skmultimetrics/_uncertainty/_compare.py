def compare_predictions(*a, **k):
    raise NotImplementedError
