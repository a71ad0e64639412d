"""Layer 7, the command line: file reading, the demo and the commands of
``skmultimetrics``. The top layer: nothing of the package imports it."""
