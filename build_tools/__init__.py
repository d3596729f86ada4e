"""Turn plain-text conflict reporting into a cross-linked MkDocs site."""

from build_tools.compiled import use_compiled

__version__ = "0.1.0"
# The hot modules compiled with mypyc, when they are built and match their sources (see compiled.py).
use_compiled(__path__)
