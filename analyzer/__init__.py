"""godebug-audit: which Go behaviors change on a toolchain or go-line bump, where code touches them,
and how to keep them."""

__version__ = "0.1.0"
