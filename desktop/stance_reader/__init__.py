"""Stance Reader: an offline reader that shows who said what, how firmly, and what they hedged."""

__version__ = "0.1.0"
