"""Layer 8, the command line: file reading, the demo and the commands of
``skmultimetrics``. Nothing of the package imports it (nor does the keras
layer above it)."""
