"""Turn plain-text conflict reporting into a cross-linked MkDocs site."""

__version__ = "0.1.0"
