"""Layer 2, statistics: inputs reduced to counts that add up over chunks of rows
(per label, per sample, top-k hits, cumulative counts at every cut-off), and the
formulas that finish them. Imports only ``_checks``."""
