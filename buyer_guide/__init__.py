"""buyer-guide: an offline assistant for after-sales redress on Chinese shopping platforms."""

__version__ = "0.1.0"
