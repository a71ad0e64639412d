"""Layer 1, input checks: arguments, targets and every ``predict_proba`` layout,
checked and formatted once at the door. Imports nothing else of the package."""
